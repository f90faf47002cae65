"""A definite noun phrase ("the survey") whose thing the reader was never introduced to.

"The water authority has said the survey was delayed by the pandemic." reads well in its article,
two sentences after "recommended a survey of drainage under the dam"; alone in a summary it leaves
the reader asking: which survey? A definite phrase leans on an earlier sentence when the article
itself introduced the thing with an indefinite one before it ("a survey", "two men"), the summary
has not named it, and it is not what the whole story is about ("the dam", "the flood": every
article takes those as known). Each of the three conditions is read for precision: the article's
own indefinite mention is what shows the thing was new to its reader.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from storyline.summarizers.quality.demonstratives import DEICTIC_NOUNS
from storyline.summarizers.quality.reading import QUOTED
from storyline.text import STOPWORDS

# "the survey was", "the two men said", "the inspection team,": "the", up to two lower-case words
# (a count, a modifier and its noun, or the noun alone), and what follows them.
_DEFINITE = re.compile(
    r"\b[Tt]he\s+(?P<first>[a-z][a-z-]*[a-z])(?:\s+(?P<second>[a-z][a-z-]*[a-z]))?(?![\w-])"
    r"(?P<after>\s*(?:[,.;:)\"”']|[A-Za-z][\w-]*|$))?"
)
# What, after the head noun, gives the phrase its own content ("the survey of drainage", "the man
# who", "the plan to"): then the phrase introduces the thing itself.
_COMPLEMENTS = frozenset("of that who whom which whose to where when for in".split())
_RELATIVES = frozenset("who whom which whose that".split())
# A word between a determiner and its noun: no "of the" ("one of the city's roads" is no city).
_MODIFIER = r"(?!(?:of|the|a|an|in|and|or|to|for|on|at|by|with)\b)[\w'-]+"
# An indefinite determiner that introduces a thing: "a survey", "two men", "several studies".
_INTRODUCING = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|some|several|another"
# the determiner and up to two modifiers, right before the noun (read on lower-cased text)
_INTRODUCED = re.compile(rf"\b(?:{_INTRODUCING})\s+(?:{_MODIFIER}\s+){{0,2}}$")
_NOUN_END = re.compile(r"(?:s|es)?\b")
# A place in a series or a superlative picks its thing out itself ("the first woman put to death
# in Texas", "the third Pan-African Conference", "the largest dam"); a unique noun has one thing
# to point at ("the world", "the public").
_SELF_PLACED = frozenset(
    """first second third fourth fifth last next previous final latest only same other
    world public nation country government economy dead living wounded injured missing""".split()
)
# A word more than this share of a story's articles name is its topic ("the dam", "the drug":
# every article takes those as known). Set on DUC 2006 @250 by the hand check: at 0.3 "the strip"
# of the Concorde crash and "the administration official" passed as topic, though a reader asks
# which; 0.5 and 0.7 differ by two sentences.
TOPIC_SHARE = 0.5


class Topic:
    """The words most of a story's articles name, asked one at a time (``stem in topic``) and
    kept: a summary asks it of a few nouns, and counting every word of a story first cost a
    fifth of a summary's time. The texts are lower-cased when first asked."""

    __slots__ = ("_known", "_lowered", "_texts")

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = list(texts)
        self._lowered: list[str] | None = None
        self._known: dict[str, bool] = {}

    def __contains__(self, stem: object) -> bool:
        if not isinstance(stem, str):
            return False
        found = self._known.get(stem)
        if found is None:
            if self._lowered is None:
                self._lowered = [text.lower() for text in self._texts]
            # a substring test first: most texts do not hold a word that is no topic
            word = re.compile(rf"\b{re.escape(stem)}")
            naming = sum(
                1 for text in self._lowered if stem in text and word.search(text) is not None
            )
            found = naming > TOPIC_SHARE * len(self._lowered)
            self._known[stem] = found
        return found


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _named(stem: str, read: str) -> bool:
    """Whether ``read`` names the noun of ``stem`` (its first letters: "surveyed" names a
    survey, "studies" a study)."""
    prefix = stem[:6] if len(stem) > 7 else stem[:-1] if stem.endswith("y") else stem
    return prefix in read and re.search(rf"\b{re.escape(prefix)}", read) is not None


def _introduced(noun: str, lowered: str) -> bool:
    """Whether ``lowered`` (the article up to the sentence, in lower case) introduces ``noun``
    with an indefinite phrase: a determiner, up to two words, the noun ("a survey", "a 2019
    inspection report").
    Each place the noun stands is read back from (one expression over the whole text cost 6%
    of a summary's time)."""
    stem = _stem(noun)
    at = lowered.find(stem)
    while at >= 0:
        end = at + len(stem)
        if _NOUN_END.match(lowered, end) and _INTRODUCED.search(lowered, max(0, at - 60), at):
            return True
        at = lowered.find(stem, end)
    return False


def _complemented(rest: str) -> bool:
    """Whether ``rest`` opens with a relative clause ("who left"): after a phrase read as three
    words, "of" or "to" may as well follow a verb's object ("the strip shredded one of")."""
    words = rest.split(None, 1)
    return bool(words) and words[0].lower() in _RELATIVES


def definite_reference(
    text: str, *, named: str = "", before: str, topic: Container[str] = frozenset()
) -> str | None:
    """The first definite phrase of ``text`` ("the survey") whose noun neither ``named`` (what
    the reader has read) nor ``text`` before it names, that is not among the story's ``topic``
    words (:class:`Topic`), and that the sentence's own article introduced in ``before``
    (its text up to the sentence) with an indefinite phrase; or None."""
    if "the " not in text and "The " not in text:
        return None
    read = named.lower()
    lowered: str | None = None  # ``before``, lower-cased when first read
    # a quotation's "the frame" is the speaker's, said to a listener who knew it
    plain = QUOTED.sub(lambda m: " " * len(m[0]), text) if ("``" in text or '"' in text) else text
    for found in _DEFINITE.finditer(plain):
        first, second = found["first"], found["second"]
        after = (found["after"] or "").strip()
        if after[:1].isupper():
            continue  # "the next-generation MacBook Pro": a name goes on the phrase
        after = after.lower()
        if after and after not in STOPWORDS and _complemented(plain[found.end() :]):
            continue  # "the unknown white man who ...": a longer phrase, its complement after
        if (
            first in STOPWORDS
            or first in DEICTIC_NOUNS
            or first in _SELF_PLACED
            or first.endswith("est")
        ):
            continue
        if second is None or second in STOPWORDS:
            heads = [(first, f"the {first}", second or after)]  # "the survey was"
        else:
            # "the two men", "the inspection team": the second word is the head; "the survey
            # found": it is a verb, and the first is
            heads = [(second, f"the {first} {second}", after), (first, f"the {first}", second)]
        for head, phrase, next_word in heads:
            if (
                next_word in _COMPLEMENTS
                or head in DEICTIC_NOUNS
                or head in _SELF_PLACED
                or len(head) < 3
            ):
                continue
            stem = _stem(head)
            if _named(stem, read + " " + text[: found.start()].lower()):
                break  # the reader knows the thing
            # the topic last: it reads every article
            if lowered is None:
                lowered = before.lower()
            if not _introduced(head, lowered):
                continue
            if stem in topic:
                break  # the story is about it
            return phrase
    return None
