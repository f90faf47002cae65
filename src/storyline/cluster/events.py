"""The index's mutable state (stories and their events as feature sums, and each story's
cohesion) and the arithmetic that grows it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.groups import Background, Groups, combine
from storyline.cluster.linkage import Inner
from storyline.features import (
    DIMENSIONS,
    ClusterDoc,
    body_lines,
)


@dataclass
class EventState:
    """An index event: article count and feature sums (None until its first articles)."""

    id: str
    story: StoryState
    size: int = 0
    terms: sparse.csr_matrix | None = None  # 1 x DIMENSIONS sum of unit term rows
    entities: sparse.csr_matrix | None = None
    word_count: float = 0.0  # words of its articles (cohesion counts for full articles only)


@dataclass
class StoryState:
    id: str
    events: list[EventState] = field(default_factory=list)
    first_seen: date | None = None
    last_seen: date | None = None
    outlets: Counter[str] = field(default_factory=Counter)
    label: str = ""
    candidates: list[str] = field(default_factory=list)  # its most central headlines so far
    words: Counter[str] = field(default_factory=Counter)  # headline keywords and their counts
    size: int = 0
    touched: int = 0  # number of the last batch that added to it
    # Cohesion: the sum and number of story-level similarities between its events' groups as
    # they were linked (for relative closeness when a newcomer is matched to it).
    inner: float = 0.0
    pairs: float = 0.0
    word_count: float = 0.0  # words of its articles
    # Name columns and how many of its articles say each, the most said ``NAMES_KEPT`` only:
    # its salient names for the match (``participants.index_agreement``).
    names: Counter[int] = field(default_factory=Counter)

    def long(self, min_words: float) -> bool:
        """Whether its articles are full articles (their cohesion tells happenings apart)."""
        return self.word_count >= min_words * max(self.size, 1)

    def cohesion(self) -> float | None:
        return self.inner / self.pairs if self.pairs > 0 else None


def stack_rows(rows: Sequence[sparse.csr_matrix]) -> sparse.csr_matrix:
    """One-row matrices (the index's sums) stacked: ``sparse.vstack`` checks and converts each
    block, which cost more than the stacking at a few thousand events a batch."""
    ends = [int(r.indptr[1]) for r in rows]  # each row's nnz (scipy's property costs more)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(ends, out=indptr[1:])
    data = (
        np.concatenate([r.data[:n] for r, n in zip(rows, ends, strict=True)])
        if rows
        else np.zeros(0, np.float32)
    )
    indices = (
        np.concatenate([r.indices[:n] for r, n in zip(rows, ends, strict=True)])
        if rows
        else np.zeros(0, np.int32)
    )
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), DIMENSIONS))


def index_groups(events: Sequence[EventState]) -> Groups:
    terms = stack_rows([e.terms for e in events if e.terms is not None])
    entities = stack_rows([e.entities for e in events if e.entities is not None])
    sizes = np.array([max(e.size, 1) for e in events], dtype=np.float64)
    # Index events are dated through their stories (``matching.join``), not one by one.
    undated = np.full(len(events), np.nan)
    words = np.array([e.word_count for e in events], dtype=np.float64)
    # The index match is lexical (``ClusterSettings.headline_dense``): no embeddings are kept.
    return Groups(terms, entities, None, sizes, undated, undated.copy(), words)


def _truncate(row: sparse.csr_matrix, limit: int) -> sparse.csr_matrix:
    """Keep the heaviest features of a sum: the tail is noise and costs memory."""
    if row.nnz <= limit:
        return row
    keep = np.argsort(-row.data, kind="stable")[:limit]
    keep.sort()
    return sparse.csr_matrix(
        (row.data[keep], row.indices[keep], np.array([0, limit])), shape=row.shape
    )


def _plus(a: sparse.csr_matrix | None, b: sparse.csr_matrix) -> sparse.csr_matrix:
    """Sum of two one-row matrices by merging their entries (scipy's ``+`` walks all columns)."""
    return _plus_entries(a, b.indices, b.data)


def _plus_entries(
    a: sparse.csr_matrix | None, b_cols: npt.NDArray[np.int32], b_vals: npt.NDArray[np.floating]
) -> sparse.csr_matrix:
    """``_plus`` with the second row given as its columns and values (a row of a batch's sums,
    sliced without scipy's indexing)."""
    if a is None:  # copies: the event must not hold on to (or share) the batch's arrays
        cols: npt.NDArray[np.integer] = b_cols.copy()
        vals: npt.NDArray[np.floating] = b_vals.copy()
    else:
        both = np.concatenate([a.indices, b_cols])
        cols, where = np.unique(both, return_inverse=True)
        weights = np.concatenate([a.data, b_vals])
        vals = np.asarray(np.bincount(where, weights=weights, minlength=len(cols)), np.float64)
    return sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), np.asarray(cols, dtype=np.int32), [0, len(cols)]),
        shape=(1, DIMENSIONS),
    )


def _row_entries(
    matrix: sparse.csr_matrix, g: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.floating]]:
    lo, hi = matrix.indptr[g], matrix.indptr[g + 1]
    return matrix.indices[lo:hi], matrix.data[lo:hi]


def add_sums(event: EventState, sums: Groups, g: int, limit: int) -> None:
    terms, entities = _row_entries(sums.terms, g), _row_entries(sums.entities, g)
    event.terms = _truncate(_plus_entries(event.terms, *terms), limit)
    event.entities = _truncate(_plus_entries(event.entities, *entities), limit)
    event.word_count += float(sums.words[g])


# Names kept per story. A story's salient names (said by half its articles) are its most said,
# so the cap keeps them; the names it drops were said by few articles (a newcomer's salient name
# among them counts as unsaid, a refusal), and one said again later is counted from then on.
NAMES_KEPT = 256


def add_names(story: StoryState, columns: npt.NDArray[np.int32]) -> None:
    """Count one article's name columns (each once) in its story, within ``NAMES_KEPT``."""
    story.names.update(columns.tolist())
    if len(story.names) > 2 * NAMES_KEPT:  # trimmed in bulk: a sort per article costs more
        story.names = Counter(dict(story.names.most_common(NAMES_KEPT)))


def next_event_id(story: StoryState) -> str:
    taken = {e.id for e in story.events}
    number = len(story.events) + 1
    while f"{story.id}/e{number}" in taken:  # an adopted event has that id
        number += 1
    return f"{story.id}/e{number}"


def story_terms(story: StoryState) -> sparse.csr_matrix:
    rows = [e.terms for e in story.events if e.terms is not None]
    if not rows:
        return sparse.csr_matrix((1, DIMENSIONS), dtype=np.float32)
    total: sparse.csr_matrix | None = None
    for row in rows:
        total = _plus(total, row)
    return total


def batch_day(docs: Sequence[ClusterDoc]) -> date | None:
    days = [d.published for d in docs if d.published is not None]
    return min(days) if days else None


def newest_day(docs: Sequence[ClusterDoc]) -> date | None:
    days = [d.published for d in docs if d.published is not None]
    return max(days) if days else None


def add_doc(story: StoryState, doc: ClusterDoc, batch_number: int) -> None:
    story.size += 1
    story.touched = batch_number
    story.word_count += len(doc.text.split()) + len((doc.title or "").split())
    if doc.published is not None:
        story.first_seen = min(story.first_seen or doc.published, doc.published)
        story.last_seen = max(story.last_seen or doc.published, doc.published)
    if doc.source:
        story.outlets[doc.source] += 1


def top_words(words: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def lead_line(text: str) -> str:
    lines = body_lines(text)
    lead = lines[0] if lines else ""
    return lead if len(lead) <= 160 else lead[:157].rsplit(" ", 1)[0] + "..."


def add_cohesion(
    homes: Mapping[int, StoryState], inner: Inner, links: Mapping[int, tuple[float, float]]
) -> None:
    """Fold each batch story's inner links, and its links to the index story it joined, into
    the cohesion of the story it is now part of (``homes``: each batch story's)."""
    for s, story in homes.items():
        cross, pairs = links.get(s, (0.0, 0.0))
        story.inner += float(inner.sums[s]) + cross
        story.pairs += float(inner.pairs[s]) + pairs


def adopt_cohesion(
    sums: Groups, owner: Sequence[StoryState], *, entity_weight: float, background: Background
) -> None:
    """Grow the cohesion of adopted stories (``owner``: each group's story) as a batch that
    joined them would: their new articles' links among themselves and to the story's
    articles so far. The match holds a newcomer to it (``matching.closeness_need``), so an
    adopted story is judged as one the index made itself."""
    stories = sorted({id(s): s for s in owner}.values(), key=lambda s: s.id)
    slot = {id(s): k for k, s in enumerate(stories)}
    mine = combine(sums, [slot[id(s)] for s in owner], len(stories))
    inner = mine.inner(entity_weight=entity_weight, background=background)
    # The events that hold articles adopted before, all in one product.
    known = [(k, e) for k, s in enumerate(stories) for e in s.events if e.terms is not None]
    cross, pairs = np.zeros(len(stories)), np.zeros(len(stories))
    if known:
        theirs = index_groups([e for _, e in known])
        links = mine.pair_sums(theirs, entity_weight=entity_weight, background=background)
        for column, (k, _) in enumerate(known):
            cross[k] += links[k, column]
            pairs[k] += mine.sizes[k] * theirs.sizes[column]
    for k, story in enumerate(stories):
        story.inner += float(inner.sums[k] + cross[k])
        story.pairs += float(inner.pairs[k] + pairs[k])
