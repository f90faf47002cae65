"""Words a summary sentence cannot keep: a day named only by its weekday, "today", "here".

A wire report says "the minister said Friday" and "the statement said here today" to readers
who see its dateline and its date. A summary mixes reports of several days and shows neither:
its reader cannot tell which Friday, or where "here" is, and a weekday read beside sentences of
other weeks suggests a day that may be wrong. Such words are dropped where the sentence reads as
a whole without them: after a verb of saying ("said Friday that" -> "said that"), as a phrase of
its own ("A jury on Thursday awarded" -> "A jury awarded"), or opening the sentence ("On
Tuesday, police ..." -> "Police ..."). What the sentence says happened is untouched; its
citation still points at the whole sentence, which states the day for a reader who checks.

Not dropped: a weekday that a date or another day follows ("on Friday, Dec. 4", "on Monday and
Tuesday"), one bound to a noun ("Tuesday's crash", "starts Friday"), and anything inside a
quotation (the caller leaves quoted sentences as they are: a quotation is verbatim).
"""

from __future__ import annotations

import re

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a part of the day goes with its day, never stays behind it ("on Tuesday morning")
_PARTS = "(?:morning|afternoon|evening|night)"
_PART = rf"(?: {_PARTS})?(?! {_PARTS})"
_WHEN = rf"(?:{_DAY}{_PART}|today|yesterday|tonight)"
# What may follow a dropped phrase: a clause goes on or ends, but not a date ("Friday, Dec. 4")
# or another day ("Monday and Tuesday") that the phrase begins.
_AFTER = (
    r"(?=[ ,.;:])(?!,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)"
    r"(?! (?:and|or|through|to|until)\b)"
)
_SAID = r"(?:said|says|announced|reported|told reporters)"

# "said here today that", "announced on Friday.": the verb stays, what follows it goes.
_AFTER_SAYING = re.compile(
    rf" ({_SAID})(?=(?: here\b| (?:on )?{_WHEN}\b))(?: here\b)?(?: (?:on )?{_WHEN})?{_AFTER}"
)
# "The court, on Friday, ruled": the phrase and its commas.
_BRACKETED = re.compile(rf",(?: (?:early|late|earlier|later))? on {_DAY}{_PART},(?= )")
# "A jury on Thursday awarded", "gave way early on Tuesday after"; not at the end of the
# sentence, where the day is often all it tells ("The maneuvers were scheduled to end on
# Friday."), nor before a comma ("But on Sunday, the ..."), nor after a word that qualifies the
# day ("possibly on Sunday", "not on Monday").
# (Each pattern opens with a literal, which the engine scans for; the qualifier is asked of the
# word before a match, not by look-behinds: eleven of them at every position cost 60 us a
# sentence, three times the rest.)
_PHRASE = re.compile(rf" (?:(?:early|late|earlier|later) )?on {_DAY}{_PART}(?=[ ;:]){_AFTER}")
_QUALIFIERS = frozenset(
    "possibly probably perhaps likely maybe only not again also even as".split()
)
# "On Tuesday, police ..."
_OPENING = re.compile(rf"^On {_DAY}{_PART}, (?=[A-Za-z])")
# A sentence naming two days is about when things happened ("officials first said the submarine
# sank on Sunday, but ... on Saturday"): it keeps them.
_DAY_WORDS = (
    *"Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    *"today Today yesterday Yesterday tonight Tonight".split(),
)


# Every phrase dropped holds one of these pairs of tokens: "on" and a weekday, or a verb of
# saying and a day, "on" or "here". A sentence without any is left as it is, which a summarizer
# tells from the tokens of all its sentences at once (a regular expression a sentence cost more).
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SAYING = ("said", "says", "announced", "reported", "reporters")
AFTER_SAYING = (*DAYS, "today", "yesterday", "tonight", "here", "on")


def without_deixis(text: str) -> str:
    """``text`` without the weekdays, "today", "yesterday", "tonight" and "here" that a summary
    cannot anchor, where it reads as a whole without them (``text`` itself when none is). A
    sentence that names more than one day keeps them all."""
    if sum(text.count(word) for word in _DAY_WORDS) > 1:  # ("Sundays" too: then it keeps)
        return text
    out = _AFTER_SAYING.sub(r" \1", text)
    out = _BRACKETED.sub("", out)
    out = _PHRASE.sub(_unqualified, out)
    opened = _OPENING.sub("", out)
    return out if opened == out else opened[:1].upper() + opened[1:]


def _unqualified(match: re.Match[str]) -> str:
    """Nothing for a day phrase, or the phrase itself when a word before it qualifies the day
    ("possibly on Sunday")."""
    before = match.string[: match.start()].rsplit(None, 1)
    return match.group(0) if before and before[-1] in _QUALIFIERS else ""
