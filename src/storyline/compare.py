"""Where the sources agree and disagree: facts about the same thing, aligned across outlets.

Facts are grouped by what they count (``kind``) and, when the text ties the number to one, by
place ("nine people from Tolvey" is not the overall toll). Each group is then read along two axes,
outlet and time, and labelled:

``agreed``
    several outlets give compatible values (the same number, or approximate ones within 10%);
``changed``
    values differ between dates: a toll of 2 on Tuesday and 26 a week later is news, not a
    contradiction;
``disputed``
    on the same date, different sources give incompatible values (two outlets, or two parties
    quoted by one outlet); also a claim another party denies;
``single-source``
    only one outlet reports the thing at all.

A group can carry more than one label (a toll that rose over the week *and* was disputed on one
day). Every finding links to its sentences through the facts' article id and span.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.facts import (
    Attribution,
    Fact,
    When,
    article_facts,
    extract_attributions,
    resolve_pronouns,
    speaker_key,
)
from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, Stemmer, split_sentences, tokens

logger = logging.getLogger(__name__)

LABELS = ("agreed", "changed", "disputed", "single-source")
# Approximate values ("about 140", "more than 100") agree with a value within this share of it.
APPROX_TOLERANCE = 0.1
_CONTEST_VERBS = frozenset({"denied", "denies", "rejected", "disputed", "dismissed"})
_CLAIM_VERBS = frozenset({"said", "says", "accused", "claimed", "claims", "alleged", "reported"})
# A denial must share this many content stems with the claim it answers (benchmarks/facts.py).
MIN_SHARED_STEMS = 3


@dataclass(frozen=True)
class Claim:
    """An attributed sentence that is not a number: one side of a contested claim."""

    speaker: str
    verb: str
    article_id: str
    start: int  # sentence span in Article.text
    end: int
    outlet: str
    when: date | None


@dataclass(frozen=True)
class Finding:
    """One labelled observation about a group of facts, with the sentences that show it."""

    label: str  # one of LABELS
    kind: str
    place: str | None
    facts: tuple[Fact, ...]
    summary: str  # one line a reader can check against the sentences
    claims: tuple[Claim, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        names = [f.outlet for f in self.facts] + [c.outlet for c in self.claims]
        return tuple(dict.fromkeys(names))

    def sentences(self) -> tuple[tuple[str, int, int], ...]:
        """(article id, start, end) of every sentence the finding rests on, without repeats."""
        spans = [(f.article_id, f.start, f.end) for f in self.facts]
        spans += [(c.article_id, c.start, c.end) for c in self.claims]
        return tuple(dict.fromkeys(spans))


@dataclass(frozen=True)
class Comparison:
    findings: tuple[Finding, ...]
    facts: tuple[Fact, ...]

    def by_label(self, label: str) -> tuple[Finding, ...]:
        if label not in LABELS:
            raise ValueError(f"Unknown label {label!r}; choose one of {', '.join(LABELS)}.")
        return tuple(f for f in self.findings if f.label == label)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: findings with their sentence links, then every fact."""
        return {
            "labels": {label: len(self.by_label(label)) for label in LABELS},
            "findings": [_finding_json(f) for f in self.findings],
            "facts": [_fact_json(f) for f in self.facts],
        }


# --------------------------------------------------------------------------- grouping


def compatible(a: Fact, b: Fact) -> bool:
    """Whether two values can describe the same count (equal, overlapping ranges, or close)."""
    a_low, a_high = a.value, a.upper if a.upper is not None else a.value
    b_low, b_high = b.value, b.upper if b.upper is not None else b.value
    if a_low <= b_high and b_low <= a_high:
        return True
    if a.approx or b.approx:
        return abs(a.value - b.value) <= APPROX_TOLERANCE * max(abs(a.value), abs(b.value))
    return False


def _clusters(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts split into runs of compatible values (sorted by value, so single-link is enough)."""
    clusters: list[list[Fact]] = []
    for fact in sorted(facts, key=lambda f: f.value):
        if clusters and any(compatible(fact, other) for other in clusters[-1]):
            clusters[-1].append(fact)
        else:
            clusters.append([fact])
    return clusters


def _different_sources(a: Fact, b: Fact) -> bool:
    """Two outlets, or two named parties quoted by one outlet (the army vs the rebels)."""
    if a.outlet != b.outlet:
        return True
    return (
        a.attributed_to is not None
        and b.attributed_to is not None
        and (a.source_key != b.source_key)
    )


def _value(fact: Fact) -> str:
    def fmt(x: float) -> str:
        return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}"

    text = fmt(fact.value) + (f"–{fmt(fact.upper)}" if fact.upper is not None else "")
    return ("~" if fact.approx else "") + text


def _who(fact: Fact) -> str:
    day = fact.when.isoformat() if fact.when else "undated"
    said = f", {fact.attributed_to}" if fact.attributed_to else ""
    return f"{_value(fact)} ({fact.outlet}{said}, {day})"


def _label_group(kind: str, place: str | None, facts: list[Fact]) -> list[Finding]:
    findings: list[Finding] = []
    outlets = {f.outlet for f in facts}
    if len(outlets) == 1:
        summary = "; ".join(_who(f) for f in _one_per_value(facts))
        findings.append(Finding("single-source", kind, place, tuple(facts), summary))
    for cluster in _clusters(facts):
        if len({f.outlet for f in cluster}) >= 2:
            summary = "; ".join(_who(f) for f in _one_per_outlet(cluster))
            findings.append(Finding("agreed", kind, place, tuple(cluster), summary))
    findings.extend(_disputes(kind, place, facts))
    changed = _changed(kind, place, facts)
    if changed is not None:
        findings.append(changed)
    return findings


def _one_per_outlet(facts: Iterable[Fact]) -> list[Fact]:
    return list({f.outlet: f for f in reversed(list(facts))}.values())[::-1]


def _one_per_value(facts: Iterable[Fact]) -> list[Fact]:
    return list({(f.value, f.when): f for f in facts}.values())


def _disputes(kind: str, place: str | None, facts: Sequence[Fact]) -> list[Finding]:
    """Same date, different sources, values that cannot both be right."""
    by_day: dict[date | None, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_day[fact.when].append(fact)
    findings = []
    for day, same_day in by_day.items():
        clusters = _clusters(same_day)
        if len(clusters) < 2:
            continue
        involved = {
            id(f): f
            for i, a in enumerate(clusters)
            for b in clusters[i + 1 :]
            for fa in a
            for fb in b
            if _different_sources(fa, fb)
            for f in (fa, fb)
        }
        if involved:
            members = sorted(involved.values(), key=lambda f: (f.value, f.outlet))
            summary = " vs ".join(_who(f) for f in _one_per_value(members))
            logger.debug("disputed %s on %s: %s", kind, day, summary)
            findings.append(Finding("disputed", kind, place, tuple(members), summary))
    return findings


def _changed(kind: str, place: str | None, facts: Sequence[Fact]) -> Finding | None:
    """A later date whose values all differ from an earlier date's: the count moved.

    A later date that still repeats an earlier value (the company "maintains there were 140")
    is a disagreement about one number, not a change of it.
    """
    by_day: dict[date, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.when is not None:
            by_day[fact.when].append(fact)
    days = sorted(by_day)
    moved = any(
        not any(compatible(a, b) for a in by_day[d1] for b in by_day[d2])
        for i, d1 in enumerate(days)
        for d2 in days[i + 1 :]
    )
    if not moved:
        return None
    dated = [f for day in days for f in sorted(by_day[day], key=lambda f: f.value)]
    summary = " → ".join(_who(f) for f in _one_per_value(dated))
    return Finding("changed", kind, place, tuple(dated), summary)


# Kinds that name no event: "30,000 people" (a town's size) and "400 people" (in a shelter) are
# different things, and so are rain recorded and rain forecast. They are compared only within
# their own article, which makes them single-source facts.
LOCAL_KINDS = frozenset(
    """people person resident millimetre centimetre metre kilometre mile inch foot tonne ton
    kilogram degree litre""".split()
)


def _group_key(fact: Fact) -> tuple[str, str | None, str | None]:
    """Kind and place; local kinds add the article, sums of money who pledged or paid them."""
    if fact.kind in LOCAL_KINDS or fact.kind.split()[-1] in LOCAL_KINDS:
        return (fact.kind, fact.place, fact.article_id)
    if fact.kind == "money":
        return (fact.kind, fact.place, speaker_key(fact.attributed_to or ""))
    return (fact.kind, fact.place, None)


def compare_facts(facts: Sequence[Fact]) -> Comparison:
    """Label groups of already extracted facts (see :func:`compare` for articles)."""
    groups: dict[tuple[str, str | None, str | None], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[_group_key(fact)].append(fact)
    findings: list[Finding] = []
    for (kind, place, _), members in groups.items():
        findings.extend(_label_group(kind, place, members))
    return Comparison(findings=tuple(findings), facts=tuple(facts))


# --------------------------------------------------------------------------- contested claims


@dataclass(frozen=True)
class _Said:
    claim: Claim
    stems: frozenset[str]


def _attributed_sentences(
    articles: Sequence[Article], when: When | None, stem: Stemmer
) -> list[_Said]:
    out: list[_Said] = []
    for article in articles:
        sentences = split_sentences(article)
        rows = resolve_pronouns([extract_attributions(s) for s in sentences], sentences)
        for sentence, attributions in zip(sentences, rows, strict=True):
            for a in attributions:
                out.append(_said(article, sentence, a, when, stem))
    return out


def _said(
    article: Article, sentence: Sentence, a: Attribution, when: When | None, stem: Stemmer
) -> _Said:
    day = when.get(sentence, article.published) if when is not None else article.published
    claim = Claim(a.speaker, a.verb, article.id, sentence.start, sentence.end, article.outlet, day)
    speaker_words = set(tokens(a.speaker))
    words = [w for w in tokens(sentence.text) if w not in STOPWORDS and w not in speaker_words]
    return _Said(claim, frozenset(stem(w) for w in words if not w.isdigit()) - {stem(a.verb)})


def contested_claims(articles: Sequence[Article], *, when: When | None = None) -> list[Finding]:
    """Denials ("the ministry denied ...") paired with the claim they answer.

    The claim is the attributed sentence, by another speaker and no later than the denial, that
    shares the most content stems with it (at least ``MIN_SHARED_STEMS``).
    """
    stem = Stemmer()
    said = _attributed_sentences(articles, when, stem)
    findings: list[Finding] = []
    for denial in (s for s in said if s.claim.verb in _CONTEST_VERBS):
        best: tuple[int, _Said] | None = None
        for other in said:
            if other.claim.verb not in _CLAIM_VERBS or _same_speaker(other, denial):
                continue
            if _later(other.claim.when, denial.claim.when):
                continue
            shared = len(other.stems & denial.stems)
            if shared >= MIN_SHARED_STEMS and (best is None or shared > best[0]):
                best = (shared, other)
        if best is not None:
            claim, answer = best[1].claim, denial.claim
            summary = f"{claim.speaker} ({claim.outlet}) vs {answer.speaker} ({answer.outlet})"
            findings.append(Finding("disputed", "claim", None, (), summary, (claim, answer)))
    return findings


def _same_speaker(a: _Said, b: _Said) -> bool:
    return speaker_key(a.claim.speaker) == speaker_key(b.claim.speaker)


def _later(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a > b


def compare(articles: Sequence[Article], *, when: When | None = None) -> Comparison:
    """Facts of all articles, aligned and labelled agreed / changed / disputed / single-source.

    ``when`` optionally maps a sentence to the date it reports on (``storyline.dates``); without
    it each fact is dated by its article's publication date.
    """
    facts = tuple(f for article in articles for f in article_facts(article, when=when))
    numeric = compare_facts(facts)
    claims = contested_claims(articles, when=when)
    return Comparison(findings=numeric.findings + tuple(claims), facts=facts)


# --------------------------------------------------------------------------- output


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "unit": fact.unit,
        "value": fact.value,
        "upper": fact.upper,
        "approx": fact.approx,
        "place": fact.place,
        "text": fact.text,
        "outlet": fact.outlet,
        "when": fact.when.isoformat() if fact.when else None,
        "attributed_to": fact.attributed_to,
        "article_id": fact.article_id,
        "start": fact.start,
        "end": fact.end,
    }


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "label": finding.label,
        "kind": finding.kind,
        "place": finding.place,
        "summary": finding.summary,
        "outlets": list(finding.outlets),
        "sentences": [{"article_id": a, "start": s, "end": e} for a, s, e in finding.sentences()],
        "facts": [_fact_json(f) for f in finding.facts],
        "claims": [
            {
                "speaker": c.speaker,
                "verb": c.verb,
                "outlet": c.outlet,
                "article_id": c.article_id,
                "start": c.start,
                "end": c.end,
                "when": c.when.isoformat() if c.when else None,
            }
            for c in finding.claims
        ],
    }


_HEADINGS = {
    "disputed": "Disputed",
    "changed": "Changed over time",
    "agreed": "Agreed",
    "single-source": "Single source",
}


def render_markdown(
    comparison: Comparison, *, articles: Mapping[str, Article] | None = None
) -> str:
    """Findings as Markdown, disputes first; with ``articles`` each link quotes its sentence."""
    lines: list[str] = []
    for label in ("disputed", "changed", "agreed", "single-source"):
        findings = comparison.by_label(label)
        if not findings:
            continue
        lines += [f"### {_HEADINGS[label]} ({len(findings)})", ""]
        for finding in findings:
            what = finding.kind + (f" in {finding.place}" if finding.place else "")
            lines.append(f"- **{what}**: {finding.summary}")
            for article_id, start, end in finding.sentences():
                lines.append("  - " + _cite(article_id, start, end, articles))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "No comparable facts found.\n"


def _cite(article_id: str, start: int, end: int, articles: Mapping[str, Article] | None) -> str:
    ref = f"[{article_id}:{start}-{end}]"
    article = articles.get(article_id) if articles else None
    if article is None:
        return ref
    quote = re.sub(r"\s+", " ", article.text[start:end])
    return f"{article.outlet} {ref}: “{quote}”"
