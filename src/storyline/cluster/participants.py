"""Participants: the names that tell two happenings of one kind apart.

Two earthquakes, two shootings, two shutdowns in one fortnight share the kind's words ("quake",
"magnitude", "killed") and often enough of them to look like one story; what differs is who and
where: each one's own names (places, people, organisations, figures), said again and again by
the articles that cover it, and never by the other's. ``NameEvidence`` refuses a merge of two
groups of full articles when each group's *salient* names (those in at least half of its
articles) are mostly names the other group never mentions: shared participants, place and
time make one happening; shared kind words alone do not.

Why in the event stage: its shared-nearest-neighbour similarity counts common neighbours, and
when a fortnight holds only two small incidents of a kind (three outlets each) every article is
in every other's neighbourhood, so all their pairs look alike and the incidents join before the
story stage (which would keep them apart, since it compares whole groups) ever sees them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.settings import Matrix

# A group's name is salient when at least this share of its articles (and at least two) say it:
# a lone article has no salient names (one article's names are too many to be its happening's),
# so the rule judges groups, where the names the articles agree on are the participants.
SALIENT_SHARE = 0.5

Columns = npt.NDArray[np.int32]  # sorted name columns


class NameEvidence:
    """``linkage.Evidence`` that refuses to join two groups whose salient names conflict.

    For each side, the idf-weighted share of its salient names that the other side never
    mentions; the merge is refused when the smaller of the two shares is above ``conflict``
    (each side has its own participants; 1 turns the rule off). A side without salient names
    (a lone article, or articles that agree on no name) never conflicts, and groups of
    headlines (fewer than ``min_words`` words per article on average) are left to their own
    rules: a few headlines name too little for their names to be their participants.
    """

    def __init__(
        self,
        entities: sparse.csr_matrix,
        words: Matrix,
        *,
        conflict: float,
        min_words: float,
        entity_df: npt.NDArray[np.int64],
        n_docs: int,
    ) -> None:
        # Each article's name columns (a row holds a column once).
        bounds = entities.indptr
        self._rows = [entities.indices[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
        self._members: list[list[int]] = [[i] for i in range(len(self._rows))]
        self._word_of = [float(w) for w in words]
        self._words = list(self._word_of)
        self._all_long = all(w >= min_words for w in self._word_of)  # no group is short
        self._conflict, self._min_words = conflict, min_words
        self._df, self._n_docs = entity_df, n_docs
        # By (first member, size): the groups that start with one article are nested, so
        # their sizes differ, in ``relative_groups``' merges and in a linkage tree's alike.
        self._cache: dict[tuple[int, int], tuple[Columns, Columns]] = {}

    def _names(self, members: Sequence[int]) -> tuple[Columns, Columns]:
        """A group's salient names and all its names, as sorted columns."""
        key = (members[0], len(members))
        found = self._cache.get(key)
        if found is None:
            said = np.concatenate([self._rows[i] for i in members])
            # Each article says a column once, so its count is the articles that say it.
            names, counts = np.unique(said, return_counts=True)
            need = max(2.0, SALIENT_SHARE * len(members))
            found = self._cache[key] = (names[counts >= need], names)
        return found

    def names_of(self, members: Sequence[int]) -> tuple[Columns, Columns]:
        """A group's salient names and all its names (rows ``members``)."""
        return self._names(members)

    def unshared_share(self, salient: Columns, theirs: Columns) -> float:
        """The idf-weighted share of ``salient`` that is not in ``theirs``."""
        return self._unshared(salient, theirs)

    def _idf(self, columns: Columns) -> Matrix:
        idf: Matrix = np.log((1.0 + self._n_docs) / (1.0 + self._df[columns])) + 1.0
        return idf

    def _unshared(self, salient: Columns, theirs: Columns) -> float:
        """The idf-weighted share of ``salient`` that is not in ``theirs``."""
        weights = self._idf(salient)
        if not len(theirs):
            return 1.0
        # Both sorted: a binary search (``np.isin`` costs more on a few dozen names).
        at = np.minimum(np.searchsorted(theirs, salient), len(theirs) - 1)
        missing = theirs[at] != salient
        return float(weights[missing].sum() / weights.sum())

    def allows(self, a: int, b: int, link: float) -> bool:
        del link  # the names decide, whatever the link
        members_a, members_b = self._members[a], self._members[b]
        if min(len(members_a), len(members_b)) < 2:
            return True  # a lone article has no salient names
        if self._short(len(members_a), self._words[a]) or self._short(
            len(members_b), self._words[b]
        ):
            return True
        return self._agree(self._names(members_a), self._names(members_b))

    def joins(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """Whether the groups of articles ``a`` and ``b`` (rows) may join: ``allows`` for
        groups given by their members."""
        if min(len(a), len(b)) < 2 or not (self.long(a) and self.long(b)):
            return True
        return self._agree(self._names(a), self._names(b))

    def long(self, members: Sequence[int]) -> bool:
        """Whether the articles ``members`` (rows) are full articles, not headlines: the only
        groups whose names this judges."""
        if self._all_long:
            return True
        return not self._short(len(members), sum(self._word_of[i] for i in members))

    def _short(self, articles: int, words: float) -> bool:
        return self._min_words * articles > words

    def unshared(self, a: Sequence[int], b: Sequence[int]) -> float | None:
        """The larger of the two groups' idf-weighted shares of salient names the other never
        mentions (0: each says every salient name of the other), or None where names cannot
        judge: a side of one article, of headlines, or without salient names."""
        if min(len(a), len(b)) < 2 or not (self.long(a) and self.long(b)):
            return None
        (salient_a, names_a), (salient_b, names_b) = self._names(a), self._names(b)
        if not len(salient_a) or not len(salient_b):
            return None
        return max(self._unshared(salient_a, names_b), self._unshared(salient_b, names_a))

    def _agree(self, a: tuple[Columns, Columns], b: tuple[Columns, Columns]) -> bool:
        (salient_a, names_a), (salient_b, names_b) = a, b
        if not len(salient_a) or not len(salient_b):
            return True
        apart = min(self._unshared(salient_a, names_b), self._unshared(salient_b, names_a))
        return apart <= self._conflict

    def merge(self, a: int, b: int) -> None:
        self._members[a] = self._members[a] + self._members[b]
        self._words[a] += self._words[b]


class SameHappening:
    """``linkage.Agreement``: two groups of full articles are fragments of one happening when
    their dated spans overlap and each says (nearly) every salient name of the other: at most
    ``agreement`` of either side's salient names, idf-weighted, go unsaid by the other.

    Relative closeness keeps two incidents of a kind apart by their words alone, but
    agglomeration builds every group from its most alike articles first, so the fragments of
    one long, broadly covered happening are tighter inside than across too: Haiti's 2010
    earthquake (Timeline17, 264 articles in 20 days) left the story stage as 29 stories whose
    links across are 0.3-0.7 of their cohesion, the range of ECB+'s pairs of incidents (median
    0.36, a quarter above 0.48). Words cannot tell those apart; participants, place and time
    can: Haiti's largest fragments leave none of each other's salient names unsaid, on the same
    days. Undated groups are never vouched for (only the words decide there).
    """

    def __init__(
        self,
        names: NameEvidence,
        members: Sequence[Sequence[int]],
        first: Matrix,
        last: Matrix,
        *,
        agreement: float,
    ) -> None:
        self._names = names
        self._members = [list(m) for m in members]
        self._first, self._last = [float(d) for d in first], [float(d) for d in last]
        self._agreement = agreement

    def agrees(self, a: int, b: int) -> bool:
        # NaN (undated) compares false: no overlap, no vouching.
        if not (self._first[a] <= self._last[b] and self._first[b] <= self._last[a]):
            return False
        share = self._names.unshared(self._members[a], self._members[b])
        return share is not None and share <= self._agreement

    def merge(self, a: int, b: int) -> None:
        self._members[a] = self._members[a] + self._members[b]
        self._first[a] = min(self._first[a], self._first[b])
        self._last[a] = max(self._last[a], self._last[b])


def index_agreement(
    names: NameEvidence,
    members: Sequence[Sequence[int]],
    stories: Sequence[tuple[Counter[int], int, bool]],
    pairs: Sequence[tuple[int, int]],
    *,
    agreement: float,
) -> list[bool]:
    """``SameHappening`` at the index match: for each (batch story, index story) of ``pairs``,
    whether they say the same salient names. ``members`` gives each batch story's articles
    (rows of ``names``), ``stories`` each index story's name counts (``StoryState.names``),
    article count and whether its articles are full articles.

    Their dated spans need not overlap here, only lie within the window (the match's own
    rule): a happening fed in batches reaches the index a few days at a time, each batch's
    days after the story's. Within one batch Haiti's coverage was one story (83%), fed 100 at
    a time its later days met the story of its first days with the same names and a link
    0.9 of the bar that relative closeness set, and started stories of their own (Timeline17).
    """
    theirs: dict[int, tuple[Columns, Columns] | None] = {}  # each index story's, once

    def salient_of(j: int) -> tuple[Columns, Columns] | None:
        if j not in theirs:
            counts, size, long = stories[j]
            need = max(2.0, SALIENT_SHARE * size)
            salient = np.array(sorted(c for c, n in counts.items() if n >= need), np.int32)
            ok = size >= 2 and long and len(salient) > 0
            theirs[j] = (salient, np.array(sorted(counts), np.int32)) if ok else None
        return theirs[j]

    out = []
    for s, j in pairs:
        mine = members[s]
        found = salient_of(j) if len(mine) >= 2 and names.long(mine) else None
        salient, said = names.names_of(mine) if found is not None else (None, None)
        if found is None or salient is None or said is None or not len(salient):
            out.append(False)
            continue
        out.append(
            names.unshared_share(salient, found[1]) <= agreement
            and names.unshared_share(found[0], said) <= agreement
        )
    return out


def lone_says(
    names: NameEvidence,
    members: Sequence[Sequence[int]],
    stories: Sequence[tuple[Counter[int], int, bool]],
    pairs: Sequence[tuple[int, int]],
    *,
    conflict: float,
) -> list[bool]:
    """For each (batch story, index story) of ``pairs``: whether one side is a lone full
    article and the other a group of full articles whose salient names the article says (at
    most ``conflict`` of them, idf-weighted, unsaid by it). ``members`` and ``stories`` as in
    ``index_agreement``.

    Such an article would have met the group in the event stage had both come in one batch,
    where a lone article has no salient names to conflict and joins on shared neighbours; fed
    in polls it meets the formed group at the match instead (``matching.story_links``).
    Another incident of the group's kind says the kind's words but not the group's
    participants."""

    def salient(counts: Counter[int], size: int) -> Columns:
        need = max(2.0, SALIENT_SHARE * size)
        return np.array(sorted(c for c, n in counts.items() if n >= need), np.int32)

    out = []
    for s, j in pairs:
        mine, (counts, size, long) = members[s], stories[j]
        found = False
        if long and names.long(mine):
            if len(mine) == 1 and size >= 2:  # a lone article meets a story
                theirs = salient(counts, size)
                said = names.names_of(mine)[1]
                found = len(theirs) > 0 and names.unshared_share(theirs, said) <= conflict
            elif len(mine) >= 2 and size == 1:  # a group meets a lone article's story
                own = names.names_of(mine)[0]
                said = np.array(sorted(counts), np.int32)
                found = len(own) > 0 and names.unshared_share(own, said) <= conflict
        out.append(found)
    return out
