"""Flat clustering of a similarity matrix: shared neighbours, average linkage and average linkage
with relative closeness, all deterministic (ties go to the lower index)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storyline.cluster.settings import Matrix
from storyline.features import ClusterDoc

Members = list[int]
Merges = list[tuple[Members, Members]]  # the two groups' members, one pair per merge


def check_ids(docs: Sequence[ClusterDoc]) -> None:
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise ValueError(f"Duplicate document id {doc.id!r} in one batch; ids must be unique.")
        seen.add(doc.id)


def date_gate(sim: Matrix, docs: Sequence[ClusterDoc], window_days: int) -> Matrix:
    """Articles further apart in time than a story's window are not similar, whatever they
    say."""
    days = [d.published.toordinal() if d.published else None for d in docs]
    if all(d is None for d in days):
        return sim
    known = np.array([d if d is not None else 0 for d in days], dtype=np.float64)
    has = np.array([d is not None for d in days])
    far = (np.abs(known[:, None] - known[None, :]) > window_days) & has[:, None] & has[None, :]
    gated: Matrix = np.where(far, 0.0, sim)
    return gated


def shared_neighbours(sim: Matrix, *, k: int, floor: float, relative: float = 0.0) -> Matrix:
    """Shared-nearest-neighbour similarity: the overlap of two articles' k-neighbourhoods.

    Each article's neighbourhood is itself plus its ``k`` most similar articles that are at least
    ``floor`` similar; ties go to the lower index so the result is deterministic.
    """
    n = sim.shape[0]
    others = sim.copy()
    np.fill_diagonal(others, -np.inf)
    k = min(k, n - 1)
    rows = cols = np.arange(n)  # each article is its own neighbour
    if k > 0:
        order = np.argsort(-others, axis=1, kind="stable")[:, :k]
        near_rows = np.repeat(np.arange(n), k)
        near = order.ravel()
        best = others[np.arange(n), order[:, 0]]
        keep = others[near_rows, near] >= np.maximum(floor, relative * np.repeat(best, k))
        rows = np.concatenate([rows, near_rows[keep]])
        cols = np.concatenate([cols, near[keep]])
    # Counts only (whole numbers), so they are exact however they are summed.
    member = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    shared: Matrix = np.asarray((member @ member.T).toarray(), dtype=np.float64) / (k + 1)
    return shared


def average_linkage(sim: Matrix, threshold: float) -> list[int]:
    """Flat clusters of average-linkage agglomeration, cut where mean similarity drops below
    ``threshold``; labels are renumbered by first member so they are deterministic."""
    if sim.shape[0] == 1:
        return [0]
    return _cut(_average_tree(sim), threshold)


def average_merges(sim: Matrix, threshold: float) -> tuple[list[int], Merges]:
    """``average_linkage``'s labels, and in order the merges that made them of two groups of
    at least two members each, as the members of the two groups (so a rule about groups can
    judge them without a slower agglomeration of its own). A lone member's merges are left
    out: no group rule has anything to judge there, and listing only these keeps the cost
    near the linkage's own."""
    n = sim.shape[0]
    if n == 1:
        return [0], []
    tree = _average_tree(sim)
    children = tree[:, :2].astype(np.int64)
    sizes = np.concatenate([np.ones(n), tree[:, 3]])
    known: dict[int, Members] = {}

    def members(node: int) -> Members:
        if node < n:
            return [node]
        found = known.get(node)
        if found is None:
            left, right = children[node - n]
            found = known[node] = members(int(left)) + members(int(right))
        return found

    cut = np.flatnonzero(tree[:, 2] <= 1.0 - threshold)  # average linkage is monotone
    merges = [
        (members(int(children[k, 0])), members(int(children[k, 1])))
        for k in cut
        if min(sizes[children[k, 0]], sizes[children[k, 1]]) >= 2
    ]
    return _cut(tree, threshold), merges


def halves(sim: Matrix, *, least: int) -> tuple[Members, Members] | None:
    """The two parts of a group (``sim`` its members' similarities) with the smallest
    normalised cut, each of at least ``least`` members, or None if it is too small to cut.

    Sweeps the order of the Fiedler vector of the normalised Laplacian (Shi and Malik): where
    two small sets of members each link more among themselves than across, they are its two
    ends, even when a linkage tree joined them pairwise across first. The vector's sign is
    fixed (the first member's entry <= 0) and ties go to the earlier cut: deterministic."""
    m = sim.shape[0]
    if m < 2 * least:
        return None
    weights = np.clip(sim, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = np.maximum(weights.sum(axis=1), 1e-12)
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(m) - scale[:, None] * weights * scale[None, :]
    fiedler = np.linalg.eigh(laplacian)[1][:, 1] * scale
    if fiedler[0] > 0:
        fiedler = -fiedler
    order = np.argsort(fiedler, kind="stable")
    # For each cut c of the order: the links across are the first c members' degrees less the
    # links among themselves (a cumulative sum of the reordered matrix's top-left blocks).
    within = np.cumsum(np.cumsum(weights[np.ix_(order, order)], axis=0), axis=1).diagonal()
    volume = np.cumsum(degree[order])
    cuts = np.arange(least, m - least + 1)
    across = volume[cuts - 1] - within[cuts - 1]
    score = across / volume[cuts - 1] + across / (volume[-1] - volume[cuts - 1])
    cut = int(cuts[int(np.argmin(score))])  # the first of equal scores
    return sorted(order[:cut].tolist()), sorted(order[cut:].tolist())


def _average_tree(sim: Matrix) -> Matrix:
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2.0
    tree: Matrix = linkage(squareform(dist, checks=False), method="average")
    return tree


def _cut(tree: Matrix, threshold: float) -> list[int]:
    raw = fcluster(tree, t=1.0 - threshold, criterion="distance")
    renumber: dict[int, int] = {}
    return [renumber.setdefault(int(label), len(renumber)) for label in raw]


def relative_linkage(sim: Matrix, threshold: float, closeness: float) -> list[int]:
    """Average linkage that merges two groups only when they are close *relative to themselves*.

    Groups merge greedily, most similar pair first (link = mean similarity of their members, as
    in ``average_linkage``), down to ``threshold``. A pair whose link is below ``closeness`` times
    the larger of the two groups' own mean inner link is refused until one of them changes: a
    looser bond than what holds each group together (the relative closeness of Karypis et al.'s
    CHAMELEON). A lone item has no inner link and is not held back. ``closeness=0`` gives the same
    groups as ``average_linkage``. Labels are renumbered by first member; ties go to the lower
    index, so the result depends only on the matrix.

    Each step updates one row and rescans only the rows whose best partner changed: about
    O(n^2) work for n items.
    """
    return relative_groups(sim, threshold, closeness)[0]


class Evidence(Protocol):
    """A second opinion on a merge that passed the cut and the closeness test: whether the
    link between groups ``a`` and ``b`` (mean ``link`` over their member pairs) rests on more
    than one word, and the bookkeeping when ``b`` joins ``a``."""

    def allows(self, a: int, b: int, link: float) -> bool: ...

    def merge(self, a: int, b: int) -> None: ...


class Agreement(Protocol):
    """Evidence that two groups are one happening whatever their closeness
    (``participants.SameHappening``), and the bookkeeping when ``b`` joins ``a``."""

    def agrees(self, a: int, b: int) -> bool: ...

    def merge(self, a: int, b: int) -> None: ...


@dataclass(frozen=True)
class Inner:
    """Per group: the sum and number of similarities between pairs of its members (articles,
    for the story stage)."""

    sums: Matrix
    pairs: Matrix

    def cohesion(self) -> Matrix:
        """Mean inner link of each group; NaN for a group of one member."""
        with np.errstate(invalid="ignore", divide="ignore"):
            mean: Matrix = np.where(self.pairs > 0, self.sums / self.pairs, np.nan)
        return mean


@dataclass(frozen=True)
class DenseLink:
    """A second channel of the link between items: ``sums`` holds the sum of the embedding
    cosines between the members of two items (zero for members without an embedding), and a
    group pair's link gains ``weight`` times the excess of their *mean* cosine over ``floor``.

    A hinge on the mean rather than a share of every pair's cosine: static embeddings of a few
    words put unrelated headlines at 0.0-0.25, which mixed in linearly add up to a link between
    any two groups of a kind; the floor ignores that range, and a mean over several members is
    steadier than any one pair.

    ``closeness`` is relative closeness on this channel: two groups of items *without* enough
    words for the lexical test (headlines) join only if their mean cosine across is at least
    this share of the tighter group's own. Lexical cohesion of a few near-identical wordings is
    far above any link between fragments of a story, so headlines are exempt from that test;
    their embeddings' cohesion is not: two stories of one subject (a recall and the regulator's
    probe of it) each hold together more tightly than they hold to each other."""

    sums: Matrix
    weight: float
    floor: float
    closeness: float = 0.0
    # The bonus counts in full while the smaller of the two groups has at most this many
    # members, and falls as 1 / sqrt(its size) beyond (0: always in full). The channel is there
    # for a few words that share nothing with their story; a mean lexical link over more
    # members is steadier, while the embeddings' likeness of one subject (two Apple stories, a
    # recall and the regulator's probe of it) does not fade with their number.
    group: float = 0.0

    def bonus(self, sums: Matrix, pairs: Matrix, smaller: Matrix | float = 1.0) -> Matrix:
        """The bonus of group pairs whose member pairs' cosines sum to ``sums`` over ``pairs``
        member pairs, the smaller group having ``smaller`` members."""
        excess: Matrix = self.weight * np.maximum(sums / pairs - self.floor, 0.0)
        if self.group > 0:
            excess = excess * np.minimum(1.0, np.sqrt(self.group / np.maximum(smaller, 1.0)))
        return excess


def relative_groups(
    sim: Matrix,
    threshold: float,
    closeness: float,
    *,
    start: Inner | None = None,
    words: Matrix | None = None,
    min_words: float = 0.0,
    lone: float | None = None,
    evidence: Evidence | None = None,
    dense: DenseLink | None = None,
    same: Agreement | None = None,
) -> tuple[list[int], Inner]:
    """``relative_linkage``'s labels, and each group's inner similarity sum and pair count.

    With ``start``, each item is already a group of members: ``start.pairs`` of them in pairs
    whose similarities sum to ``start.sums``, and ``sim`` holds the *sum* of the similarities
    between the members of two items. Links are then means over member pairs (average linkage
    of the members, merging whole items), and an item's own cohesion holds it apart from a
    looser one from the first step. With ``words`` (per item), a group whose members average
    fewer than ``min_words`` words is not held back by its cohesion (headlines). With ``lone``,
    a group of one member (of full articles) counts as that cohesive when neither group has a
    cohesion measured: one article has no pair to measure, and without it any faint link would
    join two unrelated lone articles, while a lone follow-up is held to its story's cohesion.
    With ``dense``, each link also gains its embedding bonus, and groups of headlines are held
    to their embeddings' cohesion (``DenseLink``); the lexical cohesion returned judges full
    articles only, which have no embeddings. A pair that ``same`` vouches for as one happening
    is not held to its closeness (the cut and ``evidence`` still apply)."""
    n = sim.shape[0]
    if n == 1:
        first = start or Inner(np.zeros(1), np.zeros(1))
        return [0], Inner(first.sums.copy(), first.pairs.copy())
    sums = np.array(sim, dtype=np.float64)
    sums = (sums + sums.T) / 2.0
    np.fill_diagonal(sums, 0.0)
    if start is None:
        size, inner, pairs = np.ones(n), np.zeros(n), np.zeros(n)
    else:  # members per item, from n * (n - 1) / 2 pairs
        size = (1.0 + np.sqrt(1.0 + 8.0 * start.pairs)) / 2.0
        inner, pairs = start.sums.astype(np.float64), start.pairs.astype(np.float64)
    alive = np.ones(n, dtype=bool)
    dsums = None
    if dense is not None:
        dsums = (np.array(dense.sums, dtype=np.float64) + dense.sums.T) / 2.0
        np.fill_diagonal(dsums, 0.0)

    def linked(lexical: Matrix, embedded: Matrix | None, across: Matrix, smaller: Matrix) -> Matrix:
        """Mean links from summed ones over ``across`` member pairs, with the dense bonus
        (``smaller``: the members of the smaller group of each pair)."""
        found: Matrix = lexical / across
        if dense is not None and embedded is not None:
            found = found + dense.bonus(embedded, across, smaller)
        return found

    link = linked(sums, dsums, np.outer(size, size), np.minimum.outer(size, size))
    dense_inner = np.zeros(n)  # sum of the embedding cosines inside each group
    total = np.zeros(n) if words is None else np.asarray(words, dtype=np.float64).copy()
    long = total >= min_words * size
    np.fill_diagonal(link, -np.inf)
    best = np.argmax(link, axis=1)
    value = link[np.arange(n), best]
    parent = np.arange(n)
    while True:
        a = int(np.argmax(value))
        b = int(best[a])
        if not value[a] >= threshold:
            break
        measured = [float(inner[g] / pairs[g]) for g in (a, b) if long[g] and pairs[g] > 0]
        lonely = lone is not None and any(long[g] and pairs[g] == 0 for g in (a, b))
        tightest = max(measured) if measured else (lone if lonely else None)
        refused = closeness > 0 and tightest is not None and value[a] < closeness * tightest
        if refused and same is not None:
            refused = not same.agrees(a, b)
        if not refused and dense is not None and dsums is not None and dense.closeness > 0:
            # groups of headlines held to their embeddings' cohesion (``DenseLink``)
            within = [dense_inner[g] / pairs[g] for g in (a, b) if not long[g] and pairs[g] > 0]
            across = dsums[a, b] / (size[a] * size[b])
            refused = (
                not (long[a] or long[b]) and bool(within) and across < dense.closeness * max(within)
            )
        if refused or (evidence is not None and not evidence.allows(a, b, float(value[a]))):
            # refused until a or b changes
            link[a, b] = link[b, a] = -np.inf
            for side in (a, b):
                best[side] = int(np.argmax(link[side]))
                value[side] = link[side, best[side]]
            continue
        if evidence is not None:
            evidence.merge(a, b)
        if same is not None:
            same.merge(a, b)
        if dsums is not None:
            dense_inner[a] += dense_inner[b] + dsums[a, b]
        inner[a] += inner[b] + sums[a, b]
        pairs[a] += pairs[b] + size[a] * size[b]
        sums[a] += sums[b]
        sums[:, a] = sums[a]
        if dsums is not None:
            dsums[a] += dsums[b]
            dsums[:, a] = dsums[a]
        size[a] += size[b]
        total[a] += total[b]
        long[a] = total[a] >= min_words * size[a]
        alive[b] = False
        parent[parent == b] = a
        embedded = None if dsums is None else dsums[a]
        row = np.where(
            alive, linked(sums[a], embedded, size[a] * size, np.minimum(size[a], size)), -np.inf
        )
        row[a] = -np.inf
        link[a], link[:, a] = row, row
        link[b], link[:, b] = -np.inf, -np.inf
        value[b] = -np.inf
        stale = alive & ((best == a) | (best == b) | (row >= value))
        stale[a] = True
        for row_no in np.flatnonzero(stale):
            best[row_no] = int(np.argmax(link[row_no]))
            value[row_no] = link[row_no, best[row_no]]
    renumber: dict[int, int] = {}
    labels = [renumber.setdefault(int(root), len(renumber)) for root in parent]
    roots = np.array(list(renumber), dtype=np.int64)  # in label order
    return labels, Inner(inner[roots], pairs[roots])
