"""The numbers a sentence states, and what each counts: enough to tell whether a cited span
supports a summary sentence's numbers.

This is deliberately smaller than the facts stage (which reads quantities with their happening,
scope and speaker): a citation needs only "does the cited text state 53, and does it give another
value for targets". Written figures ("53", "1,200", "2.5 million") and number words ("nine",
"sixty-four") are read; what a number counts is the first content word after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
# Scales written onto the figure, as British and wire copy does: "$562m", "1.5bn", "10k".
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
# A unit written onto the figure ("200ft", "5km", "9mm") is what it counts; an ordinal ("16th")
# or a decade ("1990s") is no count and is not read.
_NUMBER = re.compile(
    r"(?<![\w.,])(?<![A-Za-z]-)(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:(?P<suffix>bn|mn|m|k)(?!\w)|(?!s\b|st\b|nd\b|rd\b|th\b)(?P<unit>[a-z]{1,3})(?!\w))?"
    rf"|(?P<word>(?:{_WORD})(?:-(?:{_WORD}))?))"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALES)}))?(?![\w]|,\d|\.\d)",
    re.IGNORECASE,
)
# What a number counts: the next word, or the word it is hyphened to ("a 23-year-old man",
# "the 7.0-magnitude quake": a 24-year-old does not support a 23-year-old).
_COUNTED = re.compile(r"(?:-|\s*)(?:%|percent\b|per cent\b|[A-Za-z][\w'-]*)")
# Words that may sit between a number and what it counts ("53 more targets", "9 IS sites").
_SKIP = frozenset("more than about some of the new other additional extra further".split())


@dataclass(frozen=True)
class Number:
    value: float
    counts: str  # the first content word after it, lower-case, a plural "s" dropped; "" if none


def _value(match: re.Match[str]) -> float:
    if match["digits"]:
        value = float(
            match["digits"].replace(",", "") + ("." + match["frac"] if match["frac"] else "")
        )
    else:
        value = 0.0
        for part in match["word"].lower().split("-"):
            value += _UNITS.get(part, 0) + _TENS.get(part, 0)
    if match["digits"] and match["suffix"]:
        value *= _SUFFIXES[match["suffix"].lower()]
    if match["scale"]:
        value *= _SCALES[match["scale"].lower()]
    return value


def _counted(text: str, end: int) -> str:
    position = end
    for _ in range(3):
        word = _COUNTED.match(text, position)
        if word is None:
            return ""
        token = word.group().strip().lstrip("-").lower()
        position = word.end()
        if token not in _SKIP:
            return token[:-1] if token.endswith("s") and len(token) > 3 else token
    return ""


def numbers_in(text: str) -> tuple[Number, ...]:
    """Every number ``text`` states, left to right (a lone "one" is a pronoun, not a number)."""
    found = []
    for match in _NUMBER.finditer(text):
        if match["word"] and match["word"].lower() == "one" and not match["scale"]:
            continue
        counts = match["unit"].lower() if match["unit"] else _counted(text, match.end())
        found.append(Number(_value(match), counts))
    return tuple(found)


def states_numbers(claim: Iterable[Number], span: str) -> bool:
    """Whether ``span`` states every number of ``claim`` and gives no other value for what one of
    them counts ("nine sites" is not supported by "53 sites", nor by "9 people ... 53 sites")."""
    claim = tuple(claim)
    stated = numbers_in(span)
    values = {n.value for n in stated}
    claimed: dict[str, set[float]] = {}
    for number in claim:
        claimed.setdefault(number.counts, set()).add(number.value)
    for number in claim:
        if number.value not in values:
            return False
        if number.counts and any(
            other.counts == number.counts and other.value not in claimed[number.counts]
            for other in stated
        ):
            return False  # another value for the same thing: "rose from 9 to 53 sites" is not "9"
    return True
