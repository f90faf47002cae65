"""Whether "cases" (or "infections") count the infected: an outbreak's "18 confirmed cases" are
people infected, and a count of them rises as a toll does; "18 cases" before a court are a plain
noun. The sentence decides when it names an illness or a court; else the article does, where it
names an illness (twice at least) more often than a court. The words are those of illness and of
courts in general, not of one disease.
"""

from __future__ import annotations

import re

_ILLNESS = re.compile(
    r"\b(?:virus(?:es)?|viral|infect\w*|diseases?|flu|influenza|illness\w*|outbreaks?|"
    r"epidemic\w*|pandemic\w*|symptoms?|diagnos\w*|tested positive|pneumonia|fever|"
    r"vaccin\w*|contagio\w*|quarantin\w*)\b",
    re.IGNORECASE,
)
_COURT = re.compile(
    r"\b(?:courts?|judges?|lawsuits?|sued|suits?|trials?|prosecut\w*|lawyers?|attorneys?|"
    r"filed|litigation|plaintiffs?|defendants?|jury|juries|indict\w*|tribunal)\b",
    re.IGNORECASE,
)
# The units of an outbreak's tally ("18 confirmed cases", "787 infections").
CASE_UNITS = frozenset({"case", "infection"})


def illness_cases(unit: str, sentence: str, article: str) -> bool:
    """Whether a count of "cases" or "infections" counts the infected: the sentence names an
    illness, or the article does (twice at least) while naming no court as often; and the
    sentence names no court."""
    if unit not in CASE_UNITS or _COURT.search(sentence):
        return False
    if _ILLNESS.search(sentence):
        return True
    told = len(_ILLNESS.findall(article))
    return told >= 2 and told > len(_COURT.findall(article))
