"""Names that tell two stories of one kind apart: the name-anchor rule of the story stage.

Stories are grouped by what kind of thing happened (``topic_entity_weight`` is 0): two riots, two
rehab stays, two film-star deaths told in different words still meet. But when one kind is
crowded, names decide: three earthquakes, in Iran, in Indonesia and in California, are three
stories, not one (ECB+ has exactly that, and topics 0.930 -> 0.954 with this rule).

The rule, on *units* (events) grouped into candidate stories:

* A story of two or more events has **anchors**: the names that at least ``name_share`` of its
  articles mention (the Indonesian pair: "Aceh").
* An event with **names of its own** (named by ``name_share`` of its articles) that **mentions no
  anchor** (in ``name_mention`` of its articles) is another story of that kind, and does not join.
* Such a refused event is then **bound** to its own names: it also stays apart from another
  lone event that does not mention them (Qeshm's quake from Sonoma's), since names are what
  tell this kind apart. A bound event joined by an event that shares its names is a story as
  any other.
* Only events of ``name_min_articles`` articles or more, averaging ``name_min_words`` words, are
  judged: a headline names too little to tell stories apart (UCI headlines lose 0.04 B-cubed F1
  without the word floor; ECB+ and WikiRef220 are the same from 20 to 100 words), and names that
  fewer than five articles agree on are too thin (DUC topics with their dates lose 0.04-0.06
  without the article floor).

Names are ``features.name_keys``: capitalised runs, not numbers, days or months.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.settings import ClusterSettings, Matrix

Columns = npt.NDArray[np.int32]


class NameGate:
    """Decides whether two groups of units may form one story. ``names`` holds, per unit, how
    many of its articles mention each name column; ``articles`` and ``words`` its article and
    word counts. Keeps the units it has bound, so one gate serves one linkage."""

    def __init__(
        self,
        names: sparse.csr_matrix,
        articles: Matrix,
        words: Matrix,
        settings: ClusterSettings,
    ) -> None:
        self._names = sparse.csr_matrix(names)
        self._articles = np.maximum(np.asarray(articles, dtype=np.float64), 1.0)
        self._judged = (np.asarray(articles) >= settings.name_min_articles) & (
            np.asarray(words, dtype=np.float64) / self._articles >= settings.name_min_words
        )
        self._share = settings.name_share
        self._mention = settings.name_mention
        self._bound: dict[int, Columns] = {}

    def refuses(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """True when ``a`` and ``b`` (lists of unit numbers) are stories told apart by names."""
        return self._apart(a, b) or self._apart(b, a)

    def _apart(self, story: Sequence[int], newcomer: Sequence[int]) -> bool:
        judged = [u for u in newcomer if self._judged[u]]
        if not judged:
            return False
        anchors = self._anchors(story)
        if anchors is None or anchors.size == 0:
            return False
        for unit in judged:
            own = self._own(unit)
            if own.size == 0 or self._mentions(unit, anchors):
                continue
            if len(newcomer) == 1:
                self._bound.setdefault(unit, own)
            return True
        return False

    def _anchors(self, story: Sequence[int]) -> Columns | None:
        if len(story) == 1:
            return self._bound.get(story[0])
        rows = self._names[np.asarray(story)]
        cols, where = np.unique(rows.indices, return_inverse=True)
        counts = np.bincount(where, weights=rows.data, minlength=len(cols))
        needed = self._share * float(self._articles[np.asarray(story)].sum())
        anchors: Columns = cols[counts >= needed].astype(np.int32)
        return anchors

    def _row(self, unit: int) -> tuple[Columns, Matrix]:
        start, end = self._names.indptr[unit], self._names.indptr[unit + 1]
        return self._names.indices[start:end], self._names.data[start:end]

    def _own(self, unit: int) -> Columns:
        cols, counts = self._row(unit)
        own: Columns = cols[counts >= self._share * self._articles[unit]]
        return own

    def _mentions(self, unit: int, anchors: Columns) -> bool:
        cols, counts = self._row(unit)
        enough = counts >= self._mention * self._articles[unit]
        return bool(np.isin(cols[enough], anchors).any())
