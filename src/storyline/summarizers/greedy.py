"""The cost-effective greedy of budgeted concept coverage (Lin & Bilmes 2010) over one
cluster's units, with what the default summarizer (:mod:`storyline.summarizers.concepts`) runs on
top of it: partial enumeration from seeds, swaps, and refills without a bare surname's unit.
The summarizer decides what the units and concepts are worth; this module only chooses."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from storyline.models import Budget
from storyline.summarizers.names import MOST_ADDED_WORDS
from storyline.summarizers.units import Unit, fits


class NearCopies:
    """Content-word cosine between a candidate and the chosen sentences, on sets built only for
    the units that come up (a matrix product per pick cost a tenth of the summary's time)."""

    def __init__(self, units: Sequence[Unit], stop: np.ndarray, *, threshold: float) -> None:
        self._units, self._stop, self._threshold = units, stop, threshold
        self._sets: dict[int, frozenset[int]] = {}

    def _set(self, index: int) -> frozenset[int]:
        found = self._sets.get(index)
        if found is None:
            codes = np.frombuffer(self._units[index].codes, dtype=np.int64)
            found = frozenset(codes[~self._stop[codes]].tolist())
            self._sets[index] = found
        return found

    def repeats(self, index: int, chosen: Sequence[int]) -> bool:
        own = self._set(index)
        for other in chosen:
            theirs = self._set(other)
            if (
                own
                and theirs
                and len(own & theirs) >= self._threshold * math.sqrt(len(own) * len(theirs))
            ):
                return True
        return False


class Lengths:
    """Each unit's words in the summary: its own, plus those ``added(i)`` says a full name
    would add. Asked only where the answer matters, since finding a full name searches the
    article (a tenth of a summary's time when asked for every unit): for a unit chosen, and for
    the best unit of a round when its own words fit the words left but with MOST_ADDED_WORDS
    more might not (asked for every such unit, a round's lookups were mostly wasted)."""

    def __init__(self, own: np.ndarray, added: Callable[[int], int] | None) -> None:
        self._own, self._added = own, added
        self._words = own.copy()
        self._known = np.full(len(own), added is None)

    def _learn(self, index: int) -> None:
        assert self._added is not None  # every length is known without it
        self._words[index] += self._added(index)
        self._known[index] = True

    def longer_than(self, left: int) -> np.ndarray:
        """Whether each unit's words surely exceed ``left``: a length not yet learned counts
        its own words, which a full name only adds to (see :meth:`exceeds`)."""
        return self._words > left

    def exceeds(self, index: int, left: int) -> bool:
        """Whether unit ``index``'s words exceed ``left``, learning its length if need be."""
        if not self._known[index] and self._own[index] > left - MOST_ADDED_WORDS:
            self._learn(index)
        return bool(self._words[index] > left)

    def of(self, index: int) -> int:
        if not self._known[index]:
            self._learn(index)
        return int(self._words[index])


class Factors:
    """Each unit's factor on its gain: its position's, a quotation's penalty and, once the unit
    is asked whether it leans on the sentence before it (``Unit.dangling``, read when asked),
    the penalty for that. Until then the factor leaves that penalty out: an upper bound when the
    penalty is at most 1, so the greedy asks only a round's best unit (:meth:`Greedy._best`)
    and chooses as if every unit's were known. A penalty above 1 is no bound: then every unit
    is asked at once."""

    def __init__(
        self,
        units: Sequence[Unit],
        *,
        dangling_penalty: float,
        quote_penalty: float,
        position: np.ndarray,
    ) -> None:
        self._units, self._penalty = units, dangling_penalty
        # The products in the order the factor was always made (dangling, quoted, position),
        # so that a unit's factor is the same number whichever way it is learned.
        self._quoted = np.ones(len(units))
        self._quoted[[i for i, u in enumerate(units) if u.quoted]] = quote_penalty
        self._position = position
        self.values = self._quoted * position
        self._known = np.zeros(len(units), dtype=bool)
        if dangling_penalty > 1.0:
            for index in range(len(units)):
                self.learn(index)

    def known(self, index: int) -> bool:
        return bool(self._known[index])

    def learn(self, index: int) -> bool:
        """Ask unit ``index`` whether it leans on the sentence before it; whether its factor
        changed."""
        self._known[index] = True
        leaning = self._units[index].dangling
        if not leaning or self._penalty == 1.0:
            return False
        # One that leans on more than its predecessor gives (Leaning.far) is never taken
        # (Greedy._with_context): worth nothing, it costs no round of the greedy to pass over.
        # One that leans only by "the survey" its predecessor introduced is taken after it,
        # which is known to resolve it: the penalty for an unsure antecedent is not its
        # (DUC 2006 and 2007 @250 R-2 0.1013 -> 0.1016 and 0.1321 -> 0.1334 without it).
        penalty = 0.0 if leaning.far else 1.0 if leaning.definite else self._penalty
        self.values[index] = penalty * self._quoted[index] * self._position[index]
        return True


class Greedy:
    """The cost-effective greedy of budgeted concept coverage over one cluster's units, runnable
    from a given first unit; what every run may share (full-name lengths, near-copy sets) is
    shared."""

    def __init__(
        self,
        units: Sequence[Unit],
        budget: Budget,
        *,
        matrix: sparse.csr_matrix,
        weights: np.ndarray,
        factors: Factors,
        cost: np.ndarray,
        words: Lengths,
        before: np.ndarray,
        copies: NearCopies,
        available: np.ndarray,
        bonus: np.ndarray,
        floor: np.ndarray,
        paired: np.ndarray,
    ) -> None:
        self.units, self.budget, self.matrix, self.weights = units, budget, matrix, weights
        self.factors, self.cost, self.words = factors, cost, words
        self.before, self.copies, self.available = before, copies, available
        self.bonus = bonus  # each unit's worth beside its concepts (its centrality)
        self.floor = floor  # the least a unit must still be worth to be taken
        self.paired = paired

    def _concepts_of(self, index: int) -> np.ndarray:
        # The row's concepts read off the CSR arrays: matrix[index] builds a matrix.
        m = self.matrix
        return m.indices[m.indptr[index] : m.indptr[index + 1]]  # type: ignore[no-any-return]

    def _thin(self, index: int, remaining: np.ndarray) -> bool:
        """Whether unit ``index`` adds less than its floor: the ``remaining`` weight of its
        concepts of two content words, plus its bonus."""
        if not self.floor[index]:
            return False
        concepts = self._concepts_of(index)
        solid = float(remaining[concepts][self.paired[concepts]].sum()) + self.bonus[index]
        return bool(solid < self.floor[index])

    def covered(self, chosen: Sequence[int]) -> float:
        """The concept weight ``chosen`` covers plus its units' bonus: the objective the greedy
        approximates."""
        if not chosen:
            return 0.0
        concepts = np.unique(np.concatenate([self._concepts_of(i) for i in chosen]))
        return float(self.weights[concepts].sum() + self.bonus[list(chosen)].sum())

    def best_seeded(
        self,
        chosen: list[int],
        remaining: np.ndarray,
        *,
        seeds: int,
        bare_names: Callable[[Sequence[int]], list[int]] | None = None,
    ) -> tuple[list[int], np.ndarray]:
        """``chosen`` (the plain run, ``remaining`` its uncovered weights) or the run from one of
        the ``seeds`` units that cover the most weight, whichever covers more (the first of
        ties: deterministic). A seed stands alone (no dangling opener) and fits the budget. A run
        that would name more people by a bare surname first (``bare_names``) than the plain one
        is passed over: coverage does not buy a reader a name they cannot place."""
        gains = self.matrix @ self.weights + self.bonus
        gains[~self.available] = -1.0
        best, best_value = (chosen, remaining), self.covered(chosen)
        plain_bare: int | None = None  # asked only when a seeded run covers more
        for seed in self._seeds(gains, seeds):
            if seed in chosen[:1]:
                continue
            limit = self.budget.words
            if not fits(0, 0, self.units[seed], self.budget) or (
                limit is not None and self.words.exceeds(seed, limit)
            ):
                continue
            run = self.run(seed=seed)
            value = self.covered(run[0])
            if value <= best_value:
                continue
            if bare_names is not None:
                if plain_bare is None:
                    plain_bare = len(bare_names(chosen))
                if len(bare_names(run[0])) > plain_bare:
                    continue
            best, best_value = run, value
        return best

    def _seeds(self, gains: np.ndarray, seeds: int) -> list[int]:
        """The first ``seeds`` units by ``gains`` (a stable sort: equal gains in unit order)
        among those that do not lean on a sentence before them, less any of no gain: whether a
        unit leans is asked in that order, and only until they are found."""
        found: list[int] = []
        for index in np.argsort(-gains, kind="stable").tolist():
            if len(found) == seeds or gains[index] <= 0:
                break
            if not self.units[index].dangling:
                found.append(index)
        return found

    def _best(self, gains: np.ndarray, base: np.ndarray) -> int:
        """The first unit of the highest ``gains`` (``base`` x factor / cost) as if every unit's
        factor were known: a unit not yet asked whether it leans on the sentence before it has
        its factor without that penalty (:class:`Factors`, an upper bound), so a best whose
        factor is known is the best, and one not yet known is asked and, if its gain falls,
        the best looked for again."""
        factors = self.factors
        while True:
            best = int(np.argmax(gains))  # argmax takes the first of ties: deterministic
            if gains[best] <= 0 or factors.known(best):
                return best
            if factors.learn(best):
                gains[best] = base[best] * factors.values[best] / self.cost[best]

    def _with_context(
        self, best: int, chosen: Sequence[int], available: np.ndarray, total_words: int
    ) -> list[int]:
        """``best`` as it can stand in the summary: alone; after its predecessor when it opens
        with a reference to it ("It has a displacement of ..."); or not at all (the next best
        replaces it) when the predecessor is missing, leans on another, does not fit, or does
        not name what ``best`` leans on (``Leaning.far``: "the survey" introduced further
        back)."""
        units, budget = self.units, self.budget
        if not units[best].dangling:
            return [best]
        if units[best].dangling.far:
            return []  # "the survey" of a survey its predecessor does not name
        prior = int(self.before[best])
        if prior >= 0 and prior in chosen:
            return [best]
        if prior < 0 or not available[prior] or units[prior].dangling:
            return []
        pair_words = units[prior].words + units[best].words
        if budget.words is not None and total_words + pair_words > budget.words:
            return []
        if budget.sentences is not None and len(chosen) + 2 > budget.sentences:
            return []
        return [prior, best]

    def swapped(
        self,
        chosen: list[int],
        remaining: np.ndarray,
        *,
        swaps: int,
        bare_names: Callable[[Sequence[int]], list[int]] | None = None,
    ) -> tuple[list[int], np.ndarray]:
        """``chosen`` improved by up to ``swaps`` swaps: each chosen unit in turn is dropped
        (with a unit chosen only as its follower) and the rest refilled by the greedy without it;
        the first refill that covers more, and names no more people by a bare surname first,
        replaces the selection and the search starts over from it."""
        best, best_value = (chosen, remaining), self.covered(chosen)
        best_bare: int | None = None
        for _ in range(swaps):
            for dropped in best[0]:
                run = self.run(start=self._without(best[0], dropped), banned=(dropped,))
                value = self.covered(run[0])
                if value <= best_value:
                    continue
                if bare_names is not None:
                    if best_bare is None:
                        best_bare = len(bare_names(best[0]))
                    bare = len(bare_names(run[0]))
                    if bare > best_bare:
                        continue
                    best_bare = bare
                best, best_value = run, value
                break
            else:
                break  # no swap covers more: a local optimum
        return best

    def _without(self, chosen: Sequence[int], dropped: int) -> list[int]:
        """``chosen`` less ``dropped`` and a unit chosen only as its follower."""
        return [
            i
            for i in chosen
            if i != dropped and not (self.units[i].dangling and self.before[i] == dropped)
        ]

    def named_first(
        self,
        chosen: list[int],
        remaining: np.ndarray,
        *,
        bare_names: Callable[[Sequence[int]], list[int]],
        drops: int,
    ) -> tuple[list[int], np.ndarray]:
        """``chosen`` without the units that would name a person by a bare surname first
        ("Officers found a shotgun in the vehicle, Pickell said." where no sentence says who
        Pickell is and the sentence's own article does not name him in full before it): up to
        ``drops`` times the first such unit is dropped, banned, and the rest refilled by the
        greedy (a refill often takes the same report from another outlet, banned in turn); the
        selection naming fewest people so is kept, the first of ties. Coverage is given up for
        it: a reader cannot place the name."""
        best, fewest = (chosen, remaining), bare_names(chosen)
        current, bare = best, fewest
        banned: list[int] = []
        for _ in range(drops):
            if not bare:
                break
            banned.append(bare[0])
            current = self.run(start=self._without(current[0], bare[0]), banned=banned)
            bare = bare_names(current[0])
            if len(bare) < len(fewest):
                best, fewest = current, bare
        return best

    def run(
        self, *, seed: int | None = None, start: Sequence[int] = (), banned: Sequence[int] = ()
    ) -> tuple[list[int], np.ndarray]:
        """The chosen units in the order picked, and the weights they leave uncovered; from
        ``seed`` if given (it must stand alone and fit), else from the units ``start`` (they
        must fit together), never taking ``banned``."""
        units, budget, words = self.units, self.budget, self.words
        remaining = self.weights.copy()
        available = self.available.copy()
        available[list(banned)] = False
        chosen: list[int] = []
        total_words = 0
        take = list(start) if seed is None else [seed]
        while True:
            for index in take:
                available[index] = False
                chosen.append(index)
                total_words += words.of(index)
                remaining[self._concepts_of(index)] = 0.0
            base = self.matrix @ remaining + self.bonus
            gains = base * self.factors.values / self.cost
            gains[~available] = -1.0
            left = None if budget.words is None else budget.words - total_words
            if left is not None:
                gains[words.longer_than(left)] = -1.0
            best = self._best(gains, base)
            # The best unit worth too little, or whose full name might not fit (it is looked
            # up), gives way to the next best: the first of the best of the units worth enough
            # that fit, as if every length were known (the worth is asked of a round's best
            # only: of every unit it cost a matrix product a round).
            while gains[best] > 0 and (
                self._thin(best, remaining) or (left is not None and words.exceeds(best, left))
            ):
                gains[best] = -1.0
                best = self._best(gains, base)
            if gains[best] <= 0 or not fits(total_words, len(chosen), units[best], budget):
                return chosen, remaining
            available[best] = False
            take = self._with_context(best, chosen, available, total_words)
            # Near-copies of a chosen sentence are never chosen beside it.
            if any(self.copies.repeats(index, chosen) for index in take):
                take = []
