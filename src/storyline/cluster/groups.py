"""One batch's feature rows and the feature sums of groups of articles, with the similarities the
clusterer compares them by (and the one-feature evidence a link between headlines needs): what
the batch stages (``batch``) and the index match (``matching``) both compute with."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.linkage import Inner
from storyline.cluster.settings import Matrix
from storyline.embeddings import Embedder, article_text
from storyline.features import (
    ClusterDoc,
    DocCounts,
    row_products,
    summed_rows,
)


@dataclass(frozen=True)
class Batch:
    """One batch, sorted by id, with its unit feature rows (and embeddings, if any)."""

    docs: tuple[ClusterDoc, ...]
    terms: sparse.csr_matrix
    entities: sparse.csr_matrix
    vectors: npt.NDArray[np.float32] | None

    def words(self) -> Matrix:
        """Each article's word count (title and text)."""
        return self._words

    @cached_property
    def _words(self) -> Matrix:  # counted once: the event and story stages both ask
        return np.array([words_of(d) for d in self.docs], dtype=np.float64)

    def days(self) -> Matrix:
        """Each article's day as an ordinal, NaN when undated."""
        return np.array(
            [d.published.toordinal() if d.published else np.nan for d in self.docs],
            dtype=np.float64,
        )


def words_of(doc: ClusterDoc) -> int:
    """Words of an article's title and text, counted as ``Batch.words`` counts them (under
    ``closeness_min_words`` an article is a headline)."""
    return len(doc.text.split()) + len((doc.title or "").split())


def headline_vectors(
    ordered: Sequence[ClusterDoc],
    rows: Sequence[DocCounts],
    ahead: Mapping[str, npt.NDArray[np.float32]],
    *,
    embedder: Embedder,
    min_words: float,
) -> npt.NDArray[np.float32] | None:
    """The ``Batch.vectors`` of ``ordered`` (with their ``rows``): each headline's embedding
    (an article under ``min_words`` words, ``closeness_min_words``: the story stage's test
    for headlines), zeros for full articles: their words decide, so they are never embedded
    here (those given ``ahead`` are ignored). None for a batch without headlines.

    The embedding models are English: another language's headline keeps only its own
    language's lexical features (``features.feature_language``), so no cross-language
    link either."""
    short = [
        k
        for k, (doc, row) in enumerate(zip(ordered, rows, strict=True))
        if row.language is None and words_of(doc) < min_words
    ]
    if not short:
        return None
    missing = [ordered[k] for k in short if ordered[k].id not in ahead]
    made = embedder.embed([article_text(d.title, d.text) for d in missing])
    found = {**ahead, **{d.id: row for d, row in zip(missing, made, strict=True)}}
    rows_of = np.stack([found[ordered[k].id] for k in short]).astype(np.float32)
    vectors = np.zeros((len(ordered), rows_of.shape[1]), dtype=np.float32)
    vectors[short] = rows_of
    return vectors


@dataclass(frozen=True)
class Background:
    """The mean unit term row of the articles seen, as their sum times ``scale`` (so a batch
    never divides a 2**20-long array), with its squared norm."""

    mass: Matrix
    scale: float
    norm_sq: float

    def dot(self, rows: sparse.csr_matrix) -> Matrix:
        product: Matrix = np.asarray(rows @ self.mass, dtype=np.float64) * self.scale
        return product


@dataclass(frozen=True)
class Groups:
    """Feature sums of groups (batch events, batch stories or index events), one row each."""

    terms: sparse.csr_matrix
    entities: sparse.csr_matrix
    vectors: npt.NDArray[np.float32] | None
    sizes: Matrix  # articles summed in each row
    first: Matrix  # ordinal day of its earliest dated article, NaN if none is dated
    last: Matrix  # and of its latest
    words: Matrix  # words of its articles
    # row_products by (other groups, block), kept with the other groups so an id is never
    # reused: matching a batch against the index asks for the same products twice.
    _products: dict[tuple[int, str], tuple[Groups, Matrix]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def products(self, other: Groups, block: str) -> Matrix:
        """``row_products`` of one block ("terms" or "entities"), self x other, computed once
        per pair of groups. Callers must not change the array in place."""
        key = (id(other), block)
        found = self._products.get(key)
        if found is None or found[0] is not other:
            found = (other, row_products(getattr(self, block), getattr(other, block)))
            self._products[key] = found
        return found[1]

    def far_apart(self, window_days: int) -> npt.NDArray[np.bool_]:
        """Pairs (self x self) whose dated spans are more than ``window_days`` apart."""
        return spans_apart(self.first, self.last, self.first, self.last, window_days)

    def cosine(self, other: Groups, *, entity_weight: float) -> Matrix:
        """Centroid cosine of every pair (self x other) at this entity weight."""
        w2 = entity_weight * entity_weight
        num = self.products(other, "terms")
        if w2 > 0:
            num = num + w2 * self.products(other, "entities")
        mine = _row_squares(self.terms) + w2 * _row_squares(self.entities)
        theirs = _row_squares(other.terms) + w2 * _row_squares(other.entities)
        norms = np.sqrt(np.outer(mine, theirs))
        norms[norms == 0] = 1.0
        result: Matrix = num / norms
        return result

    def pair_sums(self, other: Groups, *, entity_weight: float, background: Background) -> Matrix:
        """Sum over every article pair (one of self's rows x one of other's) of their cosine at
        this entity weight, with ``background`` taken out of the term block: the numerator of
        average linkage between articles, from the groups' sums alone.

        Taking out the mean article leaves what two articles share beyond what all news says
        (without it two long articles of unrelated stories link at 0.05-0.1 through "said",
        "people" and page chrome)."""
        w2 = entity_weight * entity_weight
        mine_b = background.dot(self.terms)
        theirs_b = background.dot(other.terms)
        num = self.products(other, "terms") - (
            np.outer(mine_b, other.sizes) + np.outer(self.sizes, theirs_b)
        )
        num += np.outer(self.sizes, other.sizes) * background.norm_sq
        if w2 > 0:
            num += w2 * self.products(other, "entities")
        lexical: Matrix = num / (1.0 + w2)
        return lexical

    def pair_block(
        self, rows: Sequence[int], *, entity_weight: float, background: Background
    ) -> Matrix:
        """``pair_sums(self)`` on the rows x rows block only, from the cached products of self
        with itself: a batch asks it of each of its events, and the event stage has already
        paid for the products."""
        index = np.asarray(rows, dtype=np.int64)
        w2 = entity_weight * entity_weight
        block = np.ix_(index, index)
        sizes = self.sizes[index]
        mine_b = background.dot(self.terms[index])
        num = self.products(self, "terms")[block] - (
            np.outer(mine_b, sizes) + np.outer(sizes, mine_b)
        )
        num += np.outer(sizes, sizes) * background.norm_sq
        if w2 > 0:
            num += w2 * self.products(self, "entities")[block]
        found: Matrix = num / (1.0 + w2)
        return found

    def inner(self, *, entity_weight: float, background: Background) -> Inner:
        """Each group's own article pairs: their number and the sum of their similarities as
        ``pair_sums`` measures them (the cohesion a newcomer is held to)."""
        w2 = entity_weight * entity_weight
        n = self.sizes
        sb = background.dot(self.terms)
        bb = background.norm_sq
        squares = _row_squares(self.terms) - 2.0 * n * sb + n * n * bb
        own = n - 2.0 * sb + n * bb  # each article with itself
        total = squares - own
        if w2 > 0:
            total = total + w2 * (_row_squares(self.entities) - n)
        return Inner(total / (1.0 + w2) / 2.0, n * (n - 1.0) / 2.0)

    def dense_sums(self) -> Matrix | None:
        """Sum over every pair of articles of two groups (self x self) of their embedding
        cosine, or None without embeddings. Full articles carry zero vectors, so only pairs of
        headlines count (``StoryIndex._vectorise``)."""
        if self.vectors is None:
            return None
        vectors = self.vectors.astype(np.float64)
        result: Matrix = vectors @ vectors.T
        return result


def _row(matrix: sparse.csr_matrix, i: int) -> tuple[npt.NDArray[np.int32], Matrix]:
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[lo:hi], np.asarray(matrix.data[lo:hi], dtype=np.float64)


def top_feature(
    a: Groups, i: int, b: Groups, j: int, *, entity_weight: float, background: Background
) -> float:
    """The largest single feature's part of ``a.pair_sums(b)[i, j]`` (same units): how much of
    the link between two groups one shared word or name carries on its own."""
    return _top_shared(
        (*_row(a.terms, i), *_row(a.entities, i), float(a.sizes[i])),
        (*_row(b.terms, j), *_row(b.entities, j), float(b.sizes[j])),
        entity_weight=entity_weight,
        background=background,
    )


# One group's sums: term columns and values, entity columns and values, articles.
_Sums = tuple[npt.NDArray[np.int32], Matrix, npt.NDArray[np.int32], Matrix, float]


def _top_shared(a: _Sums, b: _Sums, *, entity_weight: float, background: Background) -> float:
    w2 = entity_weight * entity_weight
    cols_a, vals_a, ents_a, evals_a, n_a = a
    cols_b, vals_b, ents_b, evals_b, n_b = b
    common, ia, ib = np.intersect1d(cols_a, cols_b, assume_unique=True, return_indices=True)
    top = 0.0
    if len(common):
        mean = background.mass[common] * background.scale
        parts = (vals_a[ia] - n_a * mean) * (vals_b[ib] - n_b * mean)
        top = float(parts.max())
    if w2 > 0:
        common, ia, ib = np.intersect1d(ents_a, ents_b, assume_unique=True, return_indices=True)
        if len(common):
            top = max(top, w2 * float((evals_a[ia] * evals_b[ib]).max()))
    return top / (1.0 + w2)


class HeadlineEvidence:
    """``linkage.Evidence`` for a batch's story stage: two groups of *headlines* join only if
    their mean link without its heaviest shared feature is at least ``floor``.

    The index match holds a batch story to ``story_evidence`` the same way; inside a batch the
    floor is lower (``batch_evidence``), because fragments of one story often share only a
    name there ("Snowden says at SXSW he has no regrets" / "Snowden feels vindicated"). At 0 it
    refuses a link that one word carries alone while the rest of the two groups' words are
    *less* alike than any two articles (the background): "Neil" joining Neil Young's player and
    Neil deGrasse Tyson's "Cosmos", "gas" joining pump prices and Russia's pipelines. Groups of
    full articles share far more than one word and are judged by their closeness instead: this
    allows them unchecked. A group's sums are added up from its events only when it is checked.
    The link it is asked about holds the embedding channel when there is one (``DenseLink``):
    headlines that share one word and whose embeddings agree are evidence of one story.
    """

    def __init__(
        self,
        sums: Groups,
        *,
        floor: float,
        min_words: float,
        entity_weight: float,
        background: Background,
    ) -> None:
        self._sums = sums
        self._members: list[list[int]] = [[g] for g in range(len(sums.sizes))]
        self._cache: dict[int, _Sums] = {}
        self._words = [float(w) for w in sums.words]
        self._sizes = [float(n) for n in sums.sizes]
        self._floor, self._min_words = floor, min_words
        self._w, self._background = entity_weight, background

    def _short(self, g: int) -> bool:
        return self._words[g] < self._min_words * self._sizes[g]

    def _row(self, g: int) -> _Sums:
        found = self._cache.get(g)
        if found is None:
            members = self._members[g]
            terms = _member_sums(self._sums.terms, members)
            found = (*terms, *_member_sums(self._sums.entities, members), self._sizes[g])
            self._cache[g] = found
        return found

    def allows(self, a: int, b: int, link: float) -> bool:
        if not (self._short(a) and self._short(b)):
            return True
        top = _top_shared(
            self._row(a), self._row(b), entity_weight=self._w, background=self._background
        )
        return link - top / (self._sizes[a] * self._sizes[b]) >= self._floor

    def merge(self, a: int, b: int) -> None:
        self._members[a] += self._members[b]
        self._words[a] += self._words[b]
        self._sizes[a] += self._sizes[b]
        self._cache.pop(a, None)
        self._cache.pop(b, None)


def _member_sums(
    matrix: sparse.csr_matrix, members: Sequence[int]
) -> tuple[npt.NDArray[np.int32], Matrix]:
    """The sum of some rows of ``matrix`` as sorted columns and values, over the columns they
    use only (a sum over 2**20 hashed columns would build a dense row that long), sliced
    straight from the CSR arrays: scipy's row indexing costs more than the sum when a batch
    of headlines asks it once per merge."""
    bounds = matrix.indptr
    indices = np.concatenate([matrix.indices[bounds[m] : bounds[m + 1]] for m in members])
    values = np.concatenate([matrix.data[bounds[m] : bounds[m + 1]] for m in members])
    cols, where = np.unique(indices, return_inverse=True)
    data = np.asarray(values, dtype=np.float64)
    sums: Matrix = np.bincount(where, weights=data, minlength=len(cols)).astype(np.float64)
    return cols.astype(np.int32), sums


def spans_apart(
    first_a: Matrix, last_a: Matrix, first_b: Matrix, last_b: Matrix, window_days: int
) -> npt.NDArray[np.bool_]:
    """Which pairs of date spans (a x b) have a gap of more than ``window_days`` between them.

    Undated spans (NaN) are never apart: without dates only the words decide."""
    gap = np.fmax(first_b[None, :] - last_a[:, None], first_a[:, None] - last_b[None, :])
    with np.errstate(invalid="ignore"):
        far: npt.NDArray[np.bool_] = np.nan_to_num(gap, nan=0.0) > window_days
    return far


def _row_squares(matrix: sparse.csr_matrix) -> Matrix:
    """Squared norm of every row, straight from the data (scipy's element-wise product walks
    all 2**20 columns)."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    squares: Matrix = np.asarray(
        np.bincount(
            rows, weights=np.asarray(matrix.data, dtype=np.float64) ** 2, minlength=matrix.shape[0]
        ),
        dtype=np.float64,
    )
    return squares


def membership(group_of: Sequence[int], n_groups: int) -> sparse.csr_matrix:
    """Groups x members, one 1.0 per member, members in order within a group: built as CSR
    directly (a COO build and conversion cost more than the product at a batch's size)."""
    n = len(group_of)
    groups = np.asarray(group_of, dtype=np.int64)
    indptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(groups, minlength=n_groups), out=indptr[1:])
    members = np.argsort(groups, kind="stable")
    return sparse.csr_matrix((np.ones(n), members, indptr), shape=(n_groups, n))


def sum_groups(batch: Batch, group_of: Sequence[int], n_groups: int) -> Groups:
    member = membership(group_of, n_groups)
    vectors = None if batch.vectors is None else (member @ batch.vectors).astype(np.float32)
    days = batch.days()
    first = np.full(n_groups, np.nan)
    last = np.full(n_groups, np.nan)
    for g, day in zip(group_of, days, strict=True):
        if not np.isnan(day):
            first[g] = np.fmin(first[g], day)
            last[g] = np.fmax(last[g], day)
    return Groups(
        summed_rows(member, batch.terms),
        summed_rows(member, batch.entities),
        vectors,
        np.bincount(np.asarray(group_of, dtype=np.int64), minlength=n_groups).astype(np.float64),
        first,
        last,
        np.asarray(member @ batch.words(), dtype=np.float64),
    )


def combine(
    groups: Groups,
    group_of: Sequence[int],
    n: int,
    *,
    rows: Sequence[int] | npt.NDArray[np.int64] | None = None,
) -> Groups:
    """Groups summed into ``n`` larger ones (``rows``: only these rows, in this order)."""
    if rows is not None:
        index = np.asarray(rows, dtype=np.int64)
        groups = Groups(
            sparse.csr_matrix(groups.terms[index]),
            sparse.csr_matrix(groups.entities[index]),
            None if groups.vectors is None else groups.vectors[index],
            groups.sizes[index],
            groups.first[index],
            groups.last[index],
            groups.words[index],
        )
    member = membership(group_of, n)
    first = np.full(n, np.nan)
    last = np.full(n, np.nan)
    for k, g in enumerate(group_of):
        first[g] = np.fmin(first[g], groups.first[k])
        last[g] = np.fmax(last[g], groups.last[k])
    return Groups(
        summed_rows(member, groups.terms),
        summed_rows(member, groups.entities),
        None if groups.vectors is None else (member @ groups.vectors).astype(np.float32),
        np.asarray(member @ groups.sizes, dtype=np.float64),
        first,
        last,
        np.asarray(member @ groups.words, dtype=np.float64),
    )
