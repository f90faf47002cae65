"""Where the sources agree and disagree: a story's facts aligned across outlets and labelled.

This is the entry point; the steps live in the ``storyline.facts`` package: facts are extracted
(``facts.stage``), grouped into measured things (``facts.alignment``: what a group is), each group
labelled agreed / changed / disputed / differs / single-source (``facts.labels``: how a label is
decided), and denials paired with the claims they answer (``facts.claims``). ``facts.views`` gives
the JSON contract; ``storyline.views`` renders Markdown and HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from storyline.facts.alignment import align
from storyline.facts.claims import contested_claims
from storyline.facts.labels import findings_of
from storyline.facts.models import LABELS, Comparison, Fact, Finding
from storyline.facts.stage import Reading, When, story_facts
from storyline.facts.views import comparison_data
from storyline.models import Article

__all__ = [
    "LABELS",
    "Comparison",
    "Finding",
    "compare",
    "compare_facts",
    "comparison_data",
]


def compare_facts(facts: Sequence[Fact]) -> Comparison:
    """Label groups of already extracted facts (see :func:`compare` for articles)."""
    findings = tuple(f for group in align(facts) for f in findings_of(group))
    return Comparison(findings=findings, facts=tuple(facts))


def compare(
    articles: Sequence[Article],
    *,
    when: When | None = None,
    parser: Any = None,
    readings: Mapping[str, Reading] | None = None,
) -> Comparison:
    """Facts of all articles, aligned and labelled.

    ``when`` optionally maps a sentence to the date it reports on (``storyline.dates``); without
    it each fact is dated by its article's publication date. ``parser`` is a spaCy pipeline to use
    instead of the verified default; ``readings`` the parse of articles read before, by article
    id (``storyline.facts.stage.read_articles``), so that only the others are parsed.
    """
    facts = story_facts(articles, when=when, parser=parser, readings=readings)
    numeric = compare_facts(facts)
    claims = contested_claims(articles, when=when)
    return Comparison(findings=numeric.findings + tuple(claims), facts=facts)
