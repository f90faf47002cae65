"""Fingerprints of article bodies for finding reprints (``storyline.dedup``): normalising, word
shingles, MinHash signatures and containment.

Pure functions and a ``Fingerprinter`` that is one (with a token-hash cache), so fingerprints can
be made ahead of the index, in another process, and give the same answers. Kept apart from the
index (``dedup.DedupIndex``), which only stores, looks up and verifies them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from storyline.dedup import DedupSettings

_WORD = re.compile(r"[a-z0-9]+")
# Lines an outlet adds around a reprint. Short lines go anyway; these catch the long ones. Plain
# substring tests, not one big regex: an alternation of 20 phrases costs ~30 us a line in ``re``.
_BOILERPLATE_PHRASES = (
    "click here",
    "sign up",
    "subscribe",
    "follow us",
    "follow the",
    "all rights reserved",
    "copyright",
    "©",
    "not for redistribution",
    "share this",
    "read more",
    "newsletter",
    "podcast",
    "news tip",
    "contributed to this report",
    "(photo",
    "(picture",
    "(image",
    "(file photo",
)
_BOILERPLATE_START = re.compile(r"(additional )?(reporting|writing|editing) by|(file )?photo:")
# Longer lines are body text even when they mention a podcast or a newsletter.
_BOILERPLATE_MAX_WORDS = 40
_HEADLINE_MAX_WORDS = 16
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "'", "’", ")", ":")
_MASK64 = (1 << 64) - 1
_Int = TypeVar("_Int", np.uint32, np.int64)


# --------------------------------------------------------------------------------------------------
# Normalising and shingling (pure functions).


def normalise(text: str, *, min_line_words: int = 8) -> list[str]:
    """Word tokens of the body, without the lines that reprints add or drop.

    Short lines (sign-offs, credits, "Share this story"), headline-like lines and lines that look
    like boilerplate go; if that leaves nothing (a text of short lines), every line is kept so that
    exact copies still match.
    """
    kept: list[str] = []
    everything: list[str] = []
    for line in text.splitlines():
        lowered = line.lower()
        words = _WORD.findall(lowered)
        everything.extend(words)
        if len(words) >= min_line_words and not _is_boilerplate(lowered.strip(), len(words)):
            kept.extend(words)
    return kept or everything


def _is_boilerplate(line: str, words: int) -> bool:
    """Sign-offs, credits, captions, and headlines (a short line that does not end a sentence)."""
    if words > _BOILERPLATE_MAX_WORDS:
        return False
    if words < _HEADLINE_MAX_WORDS and not line.endswith(_SENTENCE_ENDS):
        return True
    if _BOILERPLATE_START.match(line):
        return True
    return any(phrase in line for phrase in _BOILERPLATE_PHRASES)


def _token_hash(token: str) -> int:
    """A stable 64-bit hash (Python's ``hash`` is salted per process, so not persistable)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser: spreads combined token hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


class _Memo(dict[str, int]):
    """Token -> hash; a miss computes and stores, so lookups stay in C for known words."""

    def __missing__(self, token: str) -> int:
        value = self[token] = _token_hash(token)
        return value


class _TokenHasher:
    """Memoised token hashes; news vocabulary repeats, so this makes hashing nearly free."""

    _LIMIT = 2_000_000  # bounded memory on endless streams: start over past this many tokens

    def __init__(self) -> None:
        self._memo = _Memo()

    def __call__(self, tokens: Sequence[str]) -> npt.NDArray[np.uint64]:
        if len(self._memo) > self._LIMIT:
            self._memo.clear()
        return np.fromiter(map(self._memo.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(token_hashes: npt.NDArray[np.uint64], *, size: int) -> npt.NDArray[np.uint32]:
    """32-bit hashes of the word ``size``-grams in text order (one if the text is shorter)."""
    n = len(token_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    width = min(size, n)
    combined = np.zeros(n - width + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            # A different odd multiplier per position: "a b" and "b a" must differ.
            multiplier = np.uint64((0x9E3779B97F4A7C15 * (2 * offset + 1)) & _MASK64)
            combined = combined * multiplier + token_hashes[offset : n - width + 1 + offset]
    return (_mix(combined) >> np.uint64(32)).astype(np.uint32)


# --------------------------------------------------------------------------------------------------
# MinHash and verification.


@dataclass(frozen=True)
class _Permutations:
    """Multiply-shift hash functions h(x) = (a*x + b) >> 32 over 64-bit words, a odd."""

    a: npt.NDArray[np.uint64]
    b: npt.NDArray[np.uint64]

    @classmethod
    def make(cls, num_perm: int, seed: int) -> _Permutations:
        rng = np.random.default_rng(seed)
        a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        return cls(a[:, None], b[:, None])

    def signature(
        self, shingles: npt.NDArray[np.uint32], *, start: int = 0, stop: int | None = None
    ) -> npt.NDArray[np.uint32]:
        """MinHash of ``shingles`` under hash functions ``start:stop``."""
        a, b = self.a[start:stop], self.b[start:stop]
        if len(shingles) == 0:
            return np.full(len(a), np.iinfo(np.uint32).max, dtype=np.uint32)
        with np.errstate(over="ignore"):
            values = (a * shingles.astype(np.uint64)[None, :] + b) >> np.uint64(32)
        signature: npt.NDArray[np.uint32] = values.min(axis=1).astype(np.uint32)
        return signature


def sorted_unique(values: npt.NDArray[_Int]) -> npt.NDArray[_Int]:
    """``np.unique`` for small arrays: numpy 2's hash-based unique costs ~60 us a call here."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def containment(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> float:
    """Share of the smaller sorted-unique set found in the larger: robust to a cut ending."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) == 0:
        return 0.0
    # searchsorted beats intersect1d (which sorts the concatenation) by ~4x on news-sized sets.
    where = np.searchsorted(large, small).clip(max=len(large) - 1)
    return float(np.count_nonzero(large[where] == small)) / len(small)


@dataclass(frozen=True)
class Fingerprint:
    """What the index keeps of one text: its shingle set, MinHash of the whole and of the lead."""

    shingles: npt.NDArray[np.uint32]  # sorted, unique
    signature: npt.NDArray[np.uint32]  # num_perm values over the whole text, then lead_perm


class Fingerprinter:
    """Text -> ``Fingerprint`` under some settings: a pure function (with a token-hash cache), so
    fingerprints can be made ahead of the index, in another process, and give the same answers."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        self._perms = _Permutations.make(settings.num_perm + settings.lead_perm, settings.seed)
        self._hasher = _TokenHasher()

    def __call__(self, text: str) -> Fingerprint:
        settings = self.settings
        words = normalise(text, min_line_words=settings.min_line_words)
        sequence = shingle_hashes(self._hasher(words), size=settings.shingle)
        whole = self._perms.signature(sequence, stop=settings.num_perm)
        lead = self._perms.signature(sequence[: settings.lead_shingles], start=settings.num_perm)
        return Fingerprint(sorted_unique(sequence), np.concatenate([whole, lead]))
