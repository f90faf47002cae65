"""One batch's feature rows and the feature sums of groups of articles, with the similarities the
clusterer compares them by; and the two batch stages (events, then stories)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.linkage import (
    Inner,
    average_linkage,
    date_gate,
    relative_groups,
    shared_neighbours,
)
from storyline.cluster.names import NameGate
from storyline.cluster.settings import ClusterSettings, Matrix
from storyline.features import ClusterDoc, mixed_similarity


@dataclass(frozen=True)
class Batch:
    """One batch, sorted by id, with its unit feature rows (and embeddings, if any), the names
    each article mentions and its word count."""

    docs: tuple[ClusterDoc, ...]
    terms: sparse.csr_matrix
    entities: sparse.csr_matrix
    vectors: npt.NDArray[np.float32] | None
    names: sparse.csr_matrix
    words: Matrix


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
    names: sparse.csr_matrix  # how many of its articles mention each name
    words: Matrix  # words of its articles

    def name_gate(self, settings: ClusterSettings) -> NameGate:
        """The name-anchor rule over these groups as units (``names.NameGate``)."""
        return NameGate(self.names, self.sizes, self.words, settings)

    def cosine(self, other: Groups, *, entity_weight: float) -> Matrix:
        """Centroid cosine of every pair (self x other) at this entity weight."""
        w2 = entity_weight * entity_weight
        num = (self.terms @ other.terms.T).toarray()
        if w2 > 0:
            num = num + w2 * (self.entities @ other.entities.T).toarray()
        mine = _row_squares(self.terms) + w2 * _row_squares(self.entities)
        theirs = _row_squares(other.terms) + w2 * _row_squares(other.entities)
        norms = np.sqrt(np.outer(mine, theirs))
        norms[norms == 0] = 1.0
        result: Matrix = num / norms
        return result

    def topic_cosine(
        self, other: Groups, *, entity_weight: float, background: Background
    ) -> Matrix:
        """Cosine of every pair's *mean* term vectors minus ``background`` (the mean article of
        the index), entity block as in ``cosine``.

        Subtracting the background leaves each group's distinctive vocabulary. Without it, a big
        group's centroid is dominated by what every article says ("said", "people", page chrome)
        and two unrelated big groups look alike (WikiRef220: Paris attacks and Michelle Obama at
        0.34, one 161-article story; B-cubed F1 0.57 -> 0.91 with it). Computed from dot products
        with the background, so no row is ever densified.
        """
        w2 = entity_weight * entity_weight
        bb = background.norm_sq
        mine_b = background.dot(self.terms) / self.sizes
        theirs_b = background.dot(other.terms) / other.sizes
        num = (self.terms @ other.terms.T).toarray() / np.outer(self.sizes, other.sizes)
        num += bb - mine_b[:, None] - theirs_b[None, :]
        mine = _row_squares(self.terms) / self.sizes**2 - 2.0 * mine_b + bb
        theirs = _row_squares(other.terms) / other.sizes**2 - 2.0 * theirs_b + bb
        if w2 > 0:
            num += (
                w2
                * (self.entities @ other.entities.T).toarray()
                / np.outer(self.sizes, other.sizes)
            )
            mine = mine + w2 * _row_squares(self.entities) / self.sizes**2
            theirs = theirs + w2 * _row_squares(other.entities) / other.sizes**2
        norms = np.sqrt(np.outer(np.maximum(mine, 0.0), np.maximum(theirs, 0.0)))
        norms[norms == 0] = 1.0
        result: Matrix = num / norms
        return result

    def dense_cosine(self, other: Groups) -> Matrix | None:
        if self.vectors is None or other.vectors is None:
            return None
        a = _unit_rows(self.vectors.astype(np.float64))
        b = _unit_rows(other.vectors.astype(np.float64))
        result: Matrix = a @ b.T
        return result


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


def _unit_rows(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: Matrix = matrix / norms
    return result


def membership(group_of: Sequence[int], n_groups: int) -> sparse.csr_matrix:
    n = len(group_of)
    return sparse.csr_matrix(
        (np.ones(n), (np.asarray(group_of, dtype=np.int64), np.arange(n))), shape=(n_groups, n)
    )


def sum_groups(batch: Batch, group_of: Sequence[int], n_groups: int) -> Groups:
    member = membership(group_of, n_groups)
    vectors = None if batch.vectors is None else (member @ batch.vectors).astype(np.float32)
    return Groups(
        sparse.csr_matrix(member @ batch.terms),
        sparse.csr_matrix(member @ batch.entities),
        vectors,
        np.bincount(np.asarray(group_of, dtype=np.int64), minlength=n_groups).astype(np.float64),
        sparse.csr_matrix(member @ batch.names),
        np.asarray(member @ batch.words, dtype=np.float64),
    )


def batch_events(batch: Batch, settings: ClusterSettings) -> list[int]:
    sim = mixed_similarity(batch.terms, batch.entities, entity_weight=settings.event_entity_weight)
    sim = date_gate(sim, batch.docs, settings.quiet_days)
    snn = shared_neighbours(sim, k=settings.neighbours, floor=settings.neighbour_floor)
    return average_linkage(snn, settings.event_threshold)


def embedding_mix(lexical: Matrix, dense: Matrix, settings: ClusterSettings) -> Matrix:
    a = settings.embedding_weight
    mixed: Matrix = (1.0 - a) * lexical + a * dense
    return mixed


def mixed_threshold(settings: ClusterSettings) -> float:
    return settings.embedding_topic_threshold


def batch_stories(
    sums: Groups, settings: ClusterSettings, *, background: Background
) -> tuple[list[int], Inner]:
    """Merge batch events into stories: average linkage over the topic cosine of their centroids
    with the background taken out (``Groups.topic_cosine``), with relative closeness and, if on,
    the name-anchor rule (``names.NameGate``)."""
    sim = sums.topic_cosine(sums, entity_weight=settings.topic_entity_weight, background=background)
    dense = sums.dense_cosine(sums)
    threshold = settings.topic_threshold
    if dense is not None:
        sim, threshold = embedding_mix(sim, dense, settings), mixed_threshold(settings)
    refuse = sums.name_gate(settings).refuses if settings.name_anchors else None
    return relative_groups(sim, threshold, settings.relative_closeness, refuse=refuse)
