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

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.settings import Matrix

# A group's name is salient when at least this share of its articles (and at least two) say it:
# a lone article has no salient names (one article's names are too many to be its happening's),
# so the rule judges groups, where the names the articles agree on are the participants.
SALIENT_SHARE = 0.5

Columns = npt.NDArray[np.int32]


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
        self._entities = entities
        self._members: list[list[int]] = [[i] for i in range(entities.shape[0])]
        self._words = [float(w) for w in words]
        self._conflict, self._min_words = conflict, min_words
        self._df, self._n_docs = entity_df, n_docs
        self._cache: dict[int, tuple[Columns, Columns]] = {}

    def _names(self, g: int) -> tuple[Columns, Columns]:
        """Group ``g``'s salient names and all its names, as sorted columns."""
        found = self._cache.get(g)
        if found is None:
            members = self._members[g]
            rows = self._entities[members]
            # A row holds each column once, so a column's count is the articles that say it.
            names, counts = np.unique(rows.indices[: rows.nnz], return_counts=True)
            need = max(2.0, SALIENT_SHARE * len(members))
            found = (names[counts >= need].astype(np.int32), names.astype(np.int32))
            self._cache[g] = found
        return found

    def _idf(self, columns: Columns) -> Matrix:
        idf: Matrix = np.log((1.0 + self._n_docs) / (1.0 + self._df[columns])) + 1.0
        return idf

    def _unshared(self, salient: Columns, theirs: Columns) -> float:
        """The idf-weighted share of ``salient`` that is not in ``theirs``."""
        weights = self._idf(salient)
        missing = ~np.isin(salient, theirs, assume_unique=True)
        return float(weights[missing].sum() / weights.sum())

    def allows(self, a: int, b: int, link: float) -> bool:
        del link  # the names decide, whatever the link
        short = self._min_words * len(self._members[a]) > self._words[a]
        if short or self._min_words * len(self._members[b]) > self._words[b]:
            return True
        salient_a, names_a = self._names(a)
        salient_b, names_b = self._names(b)
        if not len(salient_a) or not len(salient_b):
            return True
        apart = min(self._unshared(salient_a, names_b), self._unshared(salient_b, names_a))
        return apart <= self._conflict

    def merge(self, a: int, b: int) -> None:
        self._members[a] += self._members[b]
        self._words[a] += self._words[b]
        self._cache.pop(a, None)
        self._cache.pop(b, None)
