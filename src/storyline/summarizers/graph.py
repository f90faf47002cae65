"""Baselines registered beside our method so that every benchmark compares them side by side.

They share candidate sentences, citations and ordering with the default method (units.py),
so a difference in a benchmark is a difference in *selection*. Redundancy is handled the way MEAD
did: skip a sentence too similar (content cosine) to one already taken.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from storyline.models import Article, Budget, Summary
from storyline.summarizers.units import (
    Encoded,
    Unit,
    content_matrix,
    encode,
    fits,
    make_summary,
    summary_units,
)
from storyline.text import Lexicon


class _Ranked:
    """Shared shape of the baselines: score every unit, then take the best that fit and are new."""

    name = "ranked"
    version = "1"
    redundancy = 0.5  # MEAD's usual cosine cut-off

    def __init__(self) -> None:
        self._lexicon = Lexicon()

    def scores(self, units: Sequence[Unit], enc: Encoded, *, n_docs: int) -> np.ndarray:
        raise NotImplementedError

    def summarize(self, articles: Sequence[Article], *, budget: Budget) -> Summary:
        units = summary_units(articles, lexicon=self._lexicon)
        enc = encode(units, lexicon=self._lexicon)
        content = content_matrix(enc)
        chosen: list[int] = []
        if units:
            scores = self.scores(units, enc, n_docs=len(articles))
            chosen = _take(scores, units, content, budget, self.redundancy)
        return make_summary(
            chosen,
            units,
            articles,
            content=content,
            method=f"{self.name}/{self.version}",
            settings={"words": budget.words, "sentences": budget.sentences},
        )


def _take(
    scores: np.ndarray,
    units: Sequence[Unit],
    matrix: sparse.csr_matrix,
    budget: Budget,
    redundancy: float,
) -> list[int]:
    chosen: list[int] = []
    words = 0
    # Each unit's highest cosine with a chosen one, updated by one product per pick rather than
    # a product with the chosen rows per candidate.
    closest = np.zeros(len(units))
    order = np.lexsort((np.arange(len(scores)), -scores))  # best first, ties by position
    for i in order.tolist():
        unit = units[i]
        if not fits(words, len(chosen), unit, budget):
            continue
        if chosen and closest[i] >= redundancy:
            continue
        chosen.append(i)
        words += unit.words
        np.maximum(closest, (matrix @ matrix[i].T).toarray().ravel(), out=closest)
    return chosen


def tfidf(units: Sequence[Unit], enc: Encoded) -> sparse.csr_matrix:
    """Unit x stem TF-IDF (idf over sentences of the cluster), rows L2-normalised."""
    keep = ~enc.stop[enc.flat]
    codes, unit_of = enc.flat[keep], enc.unit_of[keep]
    width = max(enc.n_codes, 1)
    counts = sparse.csr_matrix((np.ones(len(codes)), (unit_of, codes)), shape=(len(units), width))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=width)
    idf = np.log((1 + len(units)) / (1 + df)) + 1.0
    weighted = sparse.csr_matrix(counts @ sparse.diags(idf))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)


CENTROID_WORDS = 100  # MEAD's centroid keeps its strongest words only


def centrality(units: Sequence[Unit], enc: Encoded) -> np.ndarray:
    """Each unit's cosine with the cluster's TF-IDF centroid (Radev et al. 2004): how much of the
    whole sentence, not only its shared phrases, is about what the cluster is about. The centroid
    keeps its strongest words only, as MEAD does, so rare words don't dilute it.

    The rows of :func:`tfidf` and their mean, computed on the (unit, stem) pairs alone: the
    default summarizer asks for it on every summary, and the matrices over the whole lexicon's
    columns cost three times as much (1.5 ms a DUC cluster, a tenth of a summary)."""
    n = len(units)
    if not n:
        return np.zeros(0)
    keep = ~enc.stop[enc.flat]
    codes, unit_of = enc.flat[keep], enc.unit_of[keep]
    if not len(codes):
        return np.zeros(n)
    # (unit, stem) as one number, sorted: each distinct pair once, with its count (tf)
    width = int(codes.max()) + 1
    keys = np.sort(unit_of * width + codes)
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    tf = np.diff(np.append(starts, len(keys))).astype(np.float64)
    unit, word = np.divmod(keys[starts], width)
    df = np.bincount(word, minlength=width)
    weight = tf * (np.log((1 + n) / (1 + df[word])) + 1.0)
    norms = np.sqrt(np.bincount(unit, weight * weight, minlength=n))
    norms[norms == 0] = 1.0
    weight /= norms[unit]
    centroid = np.bincount(word, weight, minlength=width) / n
    present = np.flatnonzero(df)
    if len(present) > CENTROID_WORDS:
        values = centroid[present]
        cut = np.partition(values, -CENTROID_WORDS)[-CENTROID_WORDS]
        centroid[present[values < cut]] = 0.0
    return np.bincount(unit, weight * centroid[word], minlength=n)


class LexRank(_Ranked):
    """Erkan & Radev (2004): stationary distribution of the thresholded cosine graph."""

    name = "lexrank"
    threshold = 0.1
    damping = 0.85

    def scores(self, units: Sequence[Unit], enc: Encoded, *, n_docs: int) -> np.ndarray:
        m = tfidf(units, enc)
        sims = (m @ m.T).toarray()
        graph = (sims >= self.threshold).astype(np.float64)
        np.fill_diagonal(graph, 1.0)  # a sentence with no content words links to itself only
        graph /= graph.sum(axis=1, keepdims=True)
        n = len(units)
        p = np.full(n, 1.0 / n)
        for _ in range(100):
            nxt = (1 - self.damping) / n + self.damping * (graph.T @ p)
            if np.abs(nxt - p).sum() < 1e-8:
                p = nxt
                break
            p = nxt
        return p


class Centroid(_Ranked):
    """Radev et al. (2004): sentences closest to the cluster's TF-IDF centroid."""

    name = "centroid"

    def scores(self, units: Sequence[Unit], enc: Encoded, *, n_docs: int) -> np.ndarray:
        return centrality(units, enc)


class Lead(_Ranked):
    """Round-robin lead: every article's first sentence, then every second one, and so on."""

    name = "lead"
    redundancy = 0.7

    def scores(self, units: Sequence[Unit], enc: Encoded, *, n_docs: int) -> np.ndarray:
        rank = np.array([u.sentence.position * n_docs + u.doc for u in units], dtype=np.float64)
        return -rank
