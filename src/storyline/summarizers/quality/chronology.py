"""Entries of a chronology box: a date label, then the entry."""

from __future__ import annotations

import re

from storyline.dates import MONTH_NAME

# An entry of a chronology box ("Oct. 8, 1998: A large piece of a Concorde's rudder falls off",
# "-- July 25, 2000: An Air France Concorde ... crashes", "Nov. 26 -- Great-uncle Lazaro Gonzalez
# granted temporary custody", "Nov. 5 - Jackson issues his own findings"): a date label, then a
# colon or a dash, then the entry in the chronology's present or clipped past. It tells a day of
# the background and is a timeline's material; in a summary it reads as a list item torn out of
# its box.
_LABEL_YEAR = r"(?:1[6-9]|20)\d\d"
_DATE_LABEL = (
    rf"(?:{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*{_LABEL_YEAR})?"
    rf"|\d{{1,2}}\s+{MONTH_NAME}(?:\s+{_LABEL_YEAR})?|{MONTH_NAME}\s*,?\s*{_LABEL_YEAR}"
    rf"|{_LABEL_YEAR}(?:\s*[-–]\s*\d{{2,4}})?)"
)
_CHRONOLOGY_ENTRY = re.compile(rf"^\s*(?:--|—|–|-)?\s*{_DATE_LABEL}\s*(?::|--|—|–|(?<=\s)-\s)\s*\S")


def chronology_entry(text: str) -> bool:
    """Whether ``text`` is an entry of a chronology box: a date label, then a colon or a dash."""
    return _CHRONOLOGY_ENTRY.match(text) is not None
