"""A demonstrative inside a sentence ("rejected that argument") whose noun nothing before names."""

from __future__ import annotations

import re

from storyline.summarizers.quality.expletives import BE, MODALS
from storyline.summarizers.quality.reading import QUOTED
from storyline.text import STOPWORDS

# "rejected that argument as inadmissible", "expects that number to decline", "pressed those
# ideas": a demonstrative inside a sentence points back at something its own words do not name
# (an opening one is opening_reference's). Read for precision: a quotation's own "this country"
# points at the speaker's world, "this week" at the date, "that officials were" is a clause,
# and "this dull film", "this part of Turkey" carry their own content.
_DEMONSTRATIVE = re.compile(
    r"\b(?P<det>[Tt]h(?:is|at|ese|ose))\s+(?P<noun>[a-z][a-z-]+)\b"
    r"(?:(?P<gap>[ ,;:.]*)(?P<after>[A-Za-z'’]+))?"
)
DEICTIC_NOUNS = frozenset(
    """week weekend year month day morning afternoon evening night time summer winter spring
    fall autumn season century decade era hour minute moment point stage past way far
    much""".split()
)
# Words after which a noun phrase has ended ("those ideas since May").
_ENDS = STOPWORDS | frozenset("since last next".split())
_COUNT_NOUNS = frozenset("figure number total toll amount sum estimate count".split())
_AUX_VERBS = BE | MODALS | frozenset("did does do shall".split())


_FUNCTION_BEFORE = frozenset(
    "on in of about for with at by from to under after before over against into despite".split()
)


def _after_preposition_or_past(before: str) -> bool:
    words = before[-24:].split()  # the last word is all it reads
    last = words[-1].lower() if words else ""
    return last in _FUNCTION_BEFORE or (last.endswith("ed") and last not in BE)


def demonstrative_reference(text: str, *, named: str = "") -> str | None:
    """The first "that argument" or "those ideas" in ``text`` whose noun neither the words before
    it nor ``named`` (what the reader has read) name, or None. "that" is read as a determiner
    only after a preposition or a verb's past, where a singular noun ends its phrase and no
    verb follows ("said that officials were", "a trial that began" are clauses)."""
    # It runs on every candidate sentence, and most hold none of the words (a sentence's opening
    # "This" is opening_reference's): substring tests are the cheap way to find that out.
    if not ("that " in text or "this " in text or "these " in text or "those " in text):
        return None
    plain = QUOTED.sub(lambda m: " " * len(m[0]), text) if ("``" in text or '"' in text) else text
    for found in _DEMONSTRATIVE.finditer(plain):
        det, noun = found["det"].lower(), found["noun"]
        after = (found["after"] or "").lower()
        if (
            noun in STOPWORDS
            or noun in DEICTIC_NOUNS
            or noun in _AUX_VERBS
            or noun.endswith(("ly", "ed"))
            or after == "of"  # "this part of Turkey": the complement names it
            # "this dull film": the phrase goes on, and what it names is read for precision
            or (not (found["gap"] or "").strip() and after[:1].islower() and after not in _ENDS)
        ):
            continue
        if (
            det == "that"
            and (
                noun.endswith("s")
                or after in _AUX_VERBS
                or after.endswith("ed")
                # a relative clause ("a decision that found for", "laws that deprive"): "that" is
                # read as a determiner only after a preposition or a verb's past ("rejected that")
                or not _after_preposition_or_past(plain[: found.start()])
            )
        ):
            continue
        before = f"{named} {plain[: found.start()]}".lower()
        if noun in _COUNT_NOUNS and any(c.isdigit() for c in before):
            continue  # "the toll rose to 17,997, but revised that figure down"
        # "recommended ... that recommendation": the noun's first letters name it too
        stem = noun[:6] if len(noun) > 7 else noun[:-1] if noun.endswith("s") else noun
        if re.search(rf"\b{re.escape(stem)}", before) is None:
            return f"{det} {noun}"
    return None
