"""Paragraphs a page printed twice: exact copies and near-copies (a reprint with a typo fixed
or a number changed), found among the paragraphs kept so far."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.clean.paragraphs import normalise

# Near-duplicate threshold on token-set Jaccard. 0.9 catches a block reprinted with a typo fixed or
# a number changed, and keeps a paragraph that repeats only one sentence of an earlier one.
_NEAR_DUPLICATE = 0.9
# Near-copies are looked up by their first and last this many characters (see Seen).
_ANCHOR_CHARS = 40
# Near-duplicate checks need enough tokens to mean something ("He said." / "She said." is no copy).
_NEAR_MIN_TOKENS = 6
# An exact copy shorter than this is kept: "No." said twice by two people is not a reprint.
_EXACT_MIN_TOKENS = 3


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 1.0


@dataclass
class Seen:
    """Kept paragraphs so far, indexed for the duplicate checks.

    A near-copy (a reprint with a typo fixed or a number changed) keeps its opening or its ending,
    so candidates are looked up by their first and last characters and only those get the
    token-set Jaccard test: a dict lookup per paragraph instead of comparing every pair. The
    trade-off: a copy edited both near its start and near its end is not caught.
    """

    exact: dict[str, int] = field(default_factory=dict)
    anchors: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))

    @staticmethod
    def _anchors(key: str) -> tuple[str, str]:
        return "<" + key[:_ANCHOR_CHARS], ">" + key[-_ANCHOR_CHARS:]

    def match(self, key: str) -> tuple[str, int] | None:
        words = key.count(" ") + 1
        if key in self.exact:
            return ("duplicate", self.exact[key]) if words >= _EXACT_MIN_TOKENS else None
        if words < _NEAR_MIN_TOKENS:
            return None
        bag: frozenset[str] | None = None
        for anchor in self._anchors(key):
            for index, other in self.anchors.get(anchor, ()):
                bag = bag or frozenset(key.split())
                if _jaccard(bag, frozenset(other.split())) >= _NEAR_DUPLICATE:
                    return "near-duplicate", index
        return None

    def add(self, index: int, key: str) -> None:
        self.exact.setdefault(key, index)
        for anchor in self._anchors(key):
            self.anchors[anchor].append((index, key))


def repeated(paragraphs: Sequence[str]) -> set[int]:
    """Positions of the paragraphs that repeat an earlier one, exactly or nearly, by the rules
    ``clean`` cuts copies with (the HTML reader drops a page's printed-twice blocks with it)."""
    seen = Seen()
    copies: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        key = normalise(paragraph)
        if seen.match(key) is not None:
            copies.add(index)
        else:
            seen.add(index, key)
    return copies
