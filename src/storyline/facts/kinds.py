"""The kinds of measured thing that alignment and labels tell apart: counts of what happened (a
toll, targets hit), which move as reports update them; measures and sums; counts that one past act
fixed; counts of people whose happening the sentence does not say; and plain nouns, the rest.
Each kind decides how much two values must share to be one thing (``facts.alignment``) and how
a group's differing values read (``facts.labels``).
"""

from __future__ import annotations

from storyline.facts.numbers import MEASURES
from storyline.facts.reading import PEOPLE_KINDS

# Kinds whose different values are one thing moving (a toll) or contested; the rest are loose.
COUNT_KINDS = PEOPLE_KINDS | {"target"}
# Counts of what one past act did to one person ("struck at least 20 times", "18 blows"): no
# later report updates them, so different values are one count contradicted, never loose.
FIXED_COUNTS = frozenset({"blow"})
MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values()) | {"money"}
# Counts of people whose happening the sentence does not say ("150,000 people", "55 others"): two
# values are as likely two groups of people as one count moving, so they are loose.
GENERIC_KINDS = frozenset("people person other individual".split())
# Kinds that already name their happening: "killed" by a bomb or in a crash is one toll; people
# who "fled" or "are sheltering" are the displaced either way.
CASUALTY_KINDS = PEOPLE_KINDS
# What each contender in an election wins a count of (``facts.holders`` names their holder where
# the parse ties one); votes are left to the reading of tallies.
CONTENDED = frozenset("seat delegate".split())


def plain(kind: str | None) -> bool:
    """A count of a plain noun ("bombings", "states"), not of people, a toll, a sum or a measure."""
    return kind not in COUNT_KINDS and kind not in MEASURE_KINDS and kind not in GENERIC_KINDS
