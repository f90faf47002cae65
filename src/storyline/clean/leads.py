"""The head of an article: a dateline ("PINE RIDGE, S.D. (AP) --"), kept as metadata, the
headline or time stamp a page ran into the lead's line, and a record that opens with its headline.

Looked for only before the first body paragraph (``storyline.clean.stage``)."""

from __future__ import annotations

import re

from storyline.models import Removal
from storyline.text import HEADLINE_MAX_WORDS

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A word of a place in capitals; later words may carry a lower-case elision or particle, as
# NYT datelines write them ("COEUR d'ALENE, Idaho _", "DAR es SALAAM _").
_CAPS_PLACE = (
    r"[A-Z][A-Z.'’\-]+(?:\s+(?:(?:[a-z]{1,2}['’])|(?:de|du|da|del|la|le|el|es|al|di)\s+)?"
    r"[A-Z][A-Z.'’\-]*)*"
)
_TITLE_PLACE = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
# (", Egypt": tokenised text, as Timeline17's and ECB+'s, puts a space before the comma)
_REGION = r"(?:\s?,\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2})?"
_DATE = rf"(?:,?\s*{_MONTH}\s+\d{{1,2}})?"
_AGENCY = r"\s*\([^()\n]{1,40}\)"
# "PINE RIDGE, S.D. (AP) --", "LONDON, June 3 (Reuters) -", "Ardmore, Valdria (Northwind) —"
_DATELINE_AGENCY = re.compile(
    rf"^(?P<dateline>(?:{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION}{_DATE}{_AGENCY}"
    # "(Reuters) - Cyprus will ...": a copy whose place was cut off keeps its agency
    r"|\((?:Reuters|AP|AFP|CNN|Xinhua|PTI|ANI|IANS|UPI|dpa|Bloomberg)\))\s*(?:--|[-—–_:])\s+"
)
# "LONDON _ Which new play", "HIGHLAND, Calif. _ A century": no agency, so demand an all-caps place
# and a dash that is not a plain hyphen ("US - China talks" is not a dateline).
_DATELINE_PLAIN = re.compile(rf"^(?P<dateline>{_CAPS_PLACE}{_REGION}{_DATE})\s*(?:--|[—–_])\s+")
# "LOS ANGELES: Michelle Obama ...", "NEW DELHI: The ...": a place in capitals and a colon, as
# Indian and Gulf outlets write it; not a label in capitals ("BREAKING:", "UPDATE:", "UK:").
_DATELINE_COLON = re.compile(rf"^(?P<dateline>{_CAPS_PLACE}{_REGION}{_DATE}):\s+(?=[A-Z0-9\"“‘'])")
_NOT_PLACES = frozenset(
    (
        *"""breaking update updated exclusive watch video videos photos photo live analysis
        opinion editorial note warning correction comment review interview explainer factbox
        timeline""".split(),
        "editor's note",
        "q&a",
    )
)
# "ON PRISONS: ...", "FOR THE RECORD: ...": a column's label, not a place.
_LABEL_OPENERS = frozenset("on in at for of from with by about to re".split())
# "Moscow:" or "New Delhi, June 3:" on a line of its own.
_DATELINE_LINE = re.compile(rf"^(?P<dateline>{_TITLE_PLACE}{_DATE})\s*:$")

# A page's time stamp: a weekday, a date with its year and a clock time ("Fri Apr 24, 2009 7:50 pm
# EDT", "Sunday 26 April 2009 10.40 BST", "Tuesday, September 30, 2008; 10:10 AM", "updated: Sun
# Jul 29 2012 08:01:00"). Prose names a day with its weekday, year and minute together only in a
# stamp.
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?"
_STAMP = re.compile(
    rf"\b{_WEEKDAY},?\s+(?:{_MONTH}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTH})\s+(?:19|20)\d\d"
    r"\s*[,;|]?\s*\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?"
    r"\s*[|:,-]?\s+"
)
# A dateline after words run into the lead: a headline or a photo credit that the page printed
# on the same line ("Sarkozy Advocates Systemic Change After Crisis TOULON, France, Sept. 25 --",
# "(By Linda Davidson -- The Washington Post) OXFORD, Miss., Sept. 26 --", "... WASHINGTON
# (Reuters) -"). Off the start of the line a dateline needs its date or its agency.
_WIRES = r"Reuters|AP|AFP|Xinhua|Bloomberg"
_LATE_DATELINE = re.compile(
    rf"(?<=\s)(?P<dateline>{_CAPS_PLACE}{_REGION}(?:,?\s*{_MONTH}\s+\d{{1,2}}\s*(?:--|[—–])"
    rf"|(?:,?\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?\s*\((?:{_WIRES})\)"
    r"\s*(?:--|[-—–]))\s+"
    # a place in title case needs the agency: "... the square Cairo, Egypt (CNN) -- ..."
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?{_REGION}\s*\(\s*(?:{_WIRES}|CNN)"
    r"\s*\)\s*(?:--|[—–])\s+)"
)
# The head of a lead these may cut: about two headlines' worth.
_HEAD_CHARS = 300


def take_dateline(lines: list[str], index: int) -> tuple[str | None, list[str], list[Removal]]:
    """Strip a dateline off the lead paragraph's lines: a line of its own, then an inline lead."""
    dateline: str | None = None
    removed: list[Removal] = []
    own = _DATELINE_LINE.match(lines[0])
    if own:
        dateline = own["dateline"]
        removed.append(Removal("dateline", lines[0], "place line before the story", index))
        lines = lines[1:]
        if not lines:
            return dateline, lines, removed
    text = " ".join(lines)
    head = _run_in_head(text)
    if head:
        removed.append(
            Removal("header", head.strip(), "headline or time stamp run into the lead", index)
        )
        text = text[len(head) :]
        lines = [text]
    inline = _DATELINE_AGENCY.match(text) or _DATELINE_PLAIN.match(text)
    if inline is None and (colon := _DATELINE_COLON.match(text)) is not None:
        place = colon["dateline"]
        label = place.casefold() in _NOT_PLACES or place.split()[0].casefold() in _LABEL_OPENERS
        inline = None if len(place) < 4 or label else colon
    if inline and len(text) > inline.end():
        dateline = dateline or inline["dateline"]
        removed.append(
            Removal("dateline", inline.group(0).strip(), "dateline lead, kept as metadata", index)
        )
        lines = [text[inline.end() :]]
    return dateline, lines, removed


def headline_shaped(lines: list[str]) -> bool:
    """Whether a first paragraph is a headline ("New flu found in California") that a scraped
    record's text opens with, rather than the lead."""
    text = " ".join(lines)
    ending = text.rstrip("\"'”’»)")
    return (
        text[:1].isupper()
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and not ending.endswith((".", "!", "?", ",", ";", ":", "-"))
    )


def _run_in_head(text: str) -> str:
    """The words a page printed before its lead on the lead's own line, through a time stamp or
    up to a dateline (a headline, a standfirst, a byline, a photo credit); "" when there are none.
    A wire lead that opens with its dateline is left to the dateline rules."""
    if _DATELINE_AGENCY.match(text) or _DATELINE_PLAIN.match(text):
        return ""
    end = 0
    stamp = _STAMP.search(text, 0, _HEAD_CHARS)
    if stamp:
        end = stamp.end()
    late = _LATE_DATELINE.search(text, end, end + _HEAD_CHARS)
    if late:
        end = late.start()
    # the lead itself must remain: a stamp at the end of a short paragraph is all there is
    return text[:end] if end and len(text) - end > 40 else ""
