"""What is new: a summary of what later articles add to earlier ones, every sentence cited.

A reader who followed a story until a date wants what happened since, not the story again. The
update summary is the default summarizer (its guards included: the filler floor, the centrality
credit against the whole story's centroid, which also keeps out a sentence sharing none of its
words, the seeded runs and swaps, and names written in full at a first mention) with two
changes:

- a concept (stemmed bigram) that any earlier article states is worth nothing, so a later
  sentence scores only for what it adds;
- a later sentence whose content the earlier articles already state is never chosen: its
  content words are close (cosine >= ``UpdateSettings.restated``) to one earlier sentence, or
  mostly contained in one (``contained``), or most of its concepts (``known_share``) are known.

Sentences cite only later articles: the update is about what they report. Key numbers with old
and new values are left to the facts stage (rewritten in parallel); this module does not compare
numbers. ``benchmarks/updates.py`` measures it on the DUC 2007 update clusters (sets A, B, C).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from storyline.models import Article, Budget, ReadError, Summary
from storyline.summarizers.concepts import ConceptSettings, ConceptSummarizer
from storyline.summarizers.units import (
    ANY_SENTENCE,
    Encoded,
    Unit,
    UnitSettings,
    build_units,
    content_matrix,
    encode,
)
from storyline.text import Lexicon

METHOD = "storyline-update/1"
# DUC 2007's update summaries were 100 words: what is new is short.
UPDATE_BUDGET = Budget(words=100)

if TYPE_CHECKING:
    from storyline.store import Store

__all__ = [
    "UpdateReport",
    "UpdateSettings",
    "restated_units",
    "split_since",
    "story_updates",
    "summarize_updates",
    "updates_paths",
]


@dataclass(frozen=True)
class UpdateSettings:
    # Content-word cosine with one earlier sentence at which a later sentence restates it: the
    # summarizers' near-copy cut-off lowered a step, since a restatement may add a word or two.
    restated: float = 0.5
    # Share of a later sentence's weighted concepts already in earlier articles at which it says
    # nothing new.
    known_share: float = 0.6
    # Share of a later sentence's content words found in one earlier sentence at which it
    # restates that sentence ("The euro will be launched on January 1, 1999." after a longer
    # sentence that says so): what the cosine misses when the earlier sentence is long.
    contained: float = 0.7
    concepts: ConceptSettings = field(default_factory=ConceptSettings)


@dataclass(frozen=True)
class UpdateReport:
    """The update summary and what it was made from."""

    summary: Summary
    earlier: tuple[Article, ...]
    later: tuple[Article, ...]
    restated: int  # later candidate sentences left out because earlier articles state them
    since: date | None = None
    errors: tuple[ReadError, ...] = ()
    reason: str = ""  # why the summary is empty, when it is
    story: tuple[str, str] | None = None  # (id, label) of a stored story, so the page names it


def split_since(
    articles: Sequence[Article], since: date
) -> tuple[tuple[Article, ...], tuple[Article, ...]]:
    """(earlier, later): published before ``since``, and on or after it. An article without a
    date is counted as earlier: it cannot be shown to be new."""
    later = tuple(a for a in articles if a.published is not None and a.published >= since)
    earlier = tuple(a for a in articles if a.published is None or a.published < since)
    return earlier, later


def summarize_updates(
    earlier: Sequence[Article],
    later: Sequence[Article],
    *,
    budget: Budget = UPDATE_BUDGET,
    settings: UpdateSettings = UpdateSettings(),
    since: date | None = None,
) -> UpdateReport:
    """What ``later`` adds to ``earlier``, within ``budget``."""
    summarizer = ConceptSummarizer(settings=settings.concepts)
    articles = [*earlier, *later]
    lexicon = Lexicon()
    units = build_units(articles, lexicon=lexicon, settings=UnitSettings())
    if not any(u.doc >= len(earlier) for u in units):
        units = build_units(articles, lexicon=lexicon, settings=ANY_SENTENCE)
    described = {**asdict(settings), "words": budget.words, "sentences": budget.sentences}
    if not later or not units:
        empty = Summary(sentences=(), method=METHOD, settings=described)
        reason = _no_later(since) if not later else "The later articles have no sentence to quote."
        return UpdateReport(empty, tuple(earlier), tuple(later), 0, since, reason=reason)
    encoded = encode(units, lexicon=lexicon)
    old = np.array([u.doc < len(earlier) for u in units], dtype=bool)
    content = content_matrix(encoded)
    restated = restated_units(
        units,
        encoded,
        content=content,
        old=old,
        summarizer=summarizer,
        n_docs=len(articles),
        settings=settings,
    )
    # n_docs: the later articles, so one new report's content can count as news.
    summary = summarizer.summary_of(
        units,
        encoded,
        articles,
        budget=budget,
        n_docs=len(later),
        method=METHOD,
        settings=described,
        known=old,
        exclude=old | restated,
    )
    reason = (
        "" if summary.sentences else "The later articles state nothing the earlier ones do not."
    )
    return UpdateReport(
        summary, tuple(earlier), tuple(later), int(restated.sum()), since, reason=reason
    )


def restated_units(
    units: Sequence[Unit],
    encoded: Encoded,
    *,
    content: sparse.csr_matrix,
    old: np.ndarray,
    summarizer: ConceptSummarizer,
    n_docs: int,
    settings: UpdateSettings,
) -> np.ndarray:
    """A bool a unit: a later sentence (``~old``) whose content earlier ones already state
    (``content``: the units' content_matrix)."""
    out = np.zeros(len(units), dtype=bool)
    if not old.any() or old.all():
        return out
    new_rows, old_rows = np.flatnonzero(~old), np.flatnonzero(old)
    closest = (content[new_rows] @ content[old_rows].T).max(axis=1)
    out[new_rows] = np.asarray(closest.todense()).ravel() >= settings.restated
    binary = content.copy()
    binary.data[:] = 1.0
    overlap = (binary[new_rows] @ binary[old_rows].T).max(axis=1).toarray().ravel()
    own = np.maximum(np.asarray(binary[new_rows].sum(axis=1)).ravel(), 1.0)
    out[new_rows] |= overlap / own >= settings.contained
    concepts, _ = summarizer.concepts(units, encoded, n_docs=n_docs)
    known = np.zeros(concepts.shape[1], dtype=bool)
    known[np.unique(concepts[old_rows].indices)] = True
    incidence = concepts[new_rows]
    totals = np.asarray(incidence.sum(axis=1)).ravel()
    shared = incidence @ known.astype(np.float64)
    share = np.divide(shared, totals, out=np.zeros_like(shared), where=totals > 0)
    out[new_rows] |= share >= settings.known_share
    return out


def _no_later(since: date | None) -> str:
    if since is None:
        return "No later articles were given: pass the new files after --since-files."
    return (
        f"No article of the story is dated on or after {since.isoformat()}: pick an earlier "
        "date (articles without a date count as earlier)."
    )


def updates_paths(
    old: Sequence[str | Path],
    new: Sequence[str | Path],
    *,
    words: int | None = 100,
    sentences: int | None = None,
) -> UpdateReport:
    """``storyline summarize OLD... --since-files NEW...``: what the NEW files add."""
    from storyline.engine.documents import read_documents

    before, after = read_documents(old), read_documents(new)
    report = summarize_updates(
        before.articles, after.articles, budget=Budget(words=words, sentences=sentences)
    )
    return replace(report, errors=(*before.errors, *after.errors))


def story_updates(
    store: Store,
    story_id: str,
    since: date,
    *,
    words: int | None = 100,
    sentences: int | None = None,
) -> UpdateReport:
    """``storyline story ID --since DATE``: what the story's articles from ``since`` on add."""
    from storyline.engine.stories import story_and_articles

    story, articles = story_and_articles(store, story_id)
    earlier, later = split_since(articles, since)
    report = summarize_updates(
        earlier, later, budget=Budget(words=words, sentences=sentences), since=since
    )
    return replace(report, story=(story.id, story.label))
