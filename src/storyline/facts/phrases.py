"""A number's phrase as written: its words ("1.2 billion", "two and a half", "Forty-two", "$35m",
"150, 000", "19 685"), its value, the words before it that bound it ("at least": min, "nearly":
max, "about") and a range's upper end ("15 to 20", "between 10 and 15", "10 percent to 30
percent", "90 or 95 percent"; not "rose $1.19 to $47.50", a change and then the level reached).
``facts.numbers`` reads values of words; this reads them off the parsed tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.numbers import (
    ABBREVIATED_SCALES,
    APPROX_WORDS,
    CURRENCY,
    MAX_WORDS,
    MEASURES,
    MIN_WORDS,
    SCALES,
    UNITS,
    currency_after_scale,
    lemma,
    phrase_value,
)
from storyline.facts.reading import RANGE_TOKEN, Doc, Token, a_scale, is_number


def number_phrase(doc: Doc, token: Token) -> list[Token]:
    """The number's words: "1.2 billion", "two hundred thousand", "a dozen"."""
    phrase = [token]
    i = token.i + 1
    if _split_thousands(doc, token):  # "150, 000 people": a thousands comma typed with a space
        return [token, doc[i], doc[i + 1]]
    if _spaced_thousands(doc, token):  # "(19 685 ft)": thousands set apart by a space
        return [token, doc[i]]
    tens = token.lower_ in UNITS and UNITS[token.lower_] >= 20
    if tens and i + 1 < len(doc) and doc[i].text == "-" and UNITS.get(doc[i + 1].lower_, 10) < 10:
        phrase += [doc[i], doc[i + 1]]  # "Forty-two", split by the tokenizer
        i += 2
    if [t.lower_ for t in doc[i : i + 3]] == ["and", "a", "half"] and (
        token.lower_ in UNITS or token.text.isdigit()
    ):
        phrase += list(doc[i : i + 3])  # "two and a half"
        i += 3
    glued = i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].idx == doc[i].idx + 1
    if glued and doc[i].idx == token.idx + len(token.text) and doc[i + 1].lower_ in SCALES:
        phrase.append(doc[i])  # "10-thousand plus staff": the scale hyphenated to the number
        i += 1
    while i < len(doc) and (doc[i].lower_ in SCALES or doc[i].lower_ == "dozen"):
        phrase.append(doc[i])
        i += 1
    if i < len(doc) and _abbreviated_scale(doc, token, doc[i]):
        phrase.append(doc[i])  # "$35m", "£9.3M": the tokenizer splits the letter off
    return phrase


def _abbreviated_scale(doc: Doc, number: Token, letter: Token) -> bool:
    """Whether ``letter`` is a scale glued to a sum ("$35m", "$50k", "35bn"): written with no
    space, and after a currency sign unless it is "bn" ("100m" alone is a distance)."""
    word = letter.lower_.removesuffix(".")  # "£24m." at a sentence's end is one token
    if word not in ABBREVIATED_SCALES:
        return False
    gap = letter.idx - number.idx - len(number.text)
    signed = number.i > 0 and doc[number.i - 1].text in CURRENCY
    if gap == 1 and signed and word in ("m", "bn", "mn"):
        return True  # "$2 m a day": a sum's scale set off by a space, as some pages print it
    if gap != 0:
        return False
    after = doc[letter.i + 1] if letter.i + 1 < len(doc) else None
    currency_after = after is not None and currency_after_scale(after.text) is not None
    # "1m euro", "5m pounds": the currency named after the sum makes the letter a scale too
    if word == "bn" or (number.i > 0 and doc[number.i - 1].text in CURRENCY) or currency_after:
        return True
    # "12m phones", "2M users", "20k people": before things counted in the plural the letter is
    # a scale ("a 30m fall", "the 100m race" are lengths); "4K TVs" is a format, not thousands
    plural = after is not None and after.tag_ in ("NNS", "NNPS")
    # "2.24m sq nautical miles": a unit's square or cube after the letter makes it millions of
    # that unit (a BBC MH370 page's search area), where "m" alone would be metres
    squared = after is not None and after.lower_.removesuffix(".") in _POWERS
    return (plural or squared) and letter.text in ("m", "M", "mn", "k")


_POWERS = frozenset({"sq", "square", "cubic", "cu"})


def _split_thousands(doc: Doc, token: Token) -> bool:
    """ "150, 000" or "13, 928": one to three digits, a comma, one space, three digits, and no
    list going on after them (a list of numbers reads "5, 100, 200" or "5, 100 and 200")."""
    i = token.i
    if i + 2 >= len(doc) or not re.fullmatch(r"\d{1,3}", token.text):
        return False
    comma, rest = doc[i + 1], doc[i + 2]
    after = doc[i + 3] if i + 3 < len(doc) else None
    return (
        comma.text == ","
        and comma.idx == token.idx + len(token.text)
        and rest.idx == comma.idx + 2
        and re.fullmatch(r"\d{3}", rest.text) is not None
        and (after is None or (after.text not in (",", "and", "or") and not after.like_num))
        and (i == 0 or doc[i - 1].text not in (",", "and"))
    )


def _spaced_thousands(doc: Doc, token: Token) -> bool:
    """ "6,000 m (19 685 ft)": one to three digits, one space, three digits numbering a noun and
    the first hung on it or on the noun (the metric style of setting thousands apart), not two
    numbers in a row."""
    i = token.i
    if i + 1 >= len(doc) or not re.fullmatch(r"\d{1,3}", token.text):
        return False
    rest = doc[i + 1]
    return (
        re.fullmatch(r"\d{3}", rest.text) is not None
        and rest.idx == token.idx + len(token.text) + 1
        and rest.dep_ == "nummod"
        and (token.head.i == rest.i or (token.dep_ == "nummod" and token.head.i == rest.head.i))
    )


def read_value(phrase: Sequence[Token]) -> tuple[float, float | None] | None:
    words = [t.text for t in phrase]
    if len(words) == 3 and words[1] == "," and words[2].isdigit():
        words = [words[0] + words[2]]
    if len(words) == 2 and words[0].isdigit() and re.fullmatch(r"\d{3}", words[1]):
        words = [words[0] + words[1]]  # "19 685"
    ranged = RANGE_TOKEN.match(words[0])
    if ranged:
        low, high = (phrase_value([g, *words[1:]]) for g in ranged.groups())
        if low is None or high is None or high <= low:
            return None
        return low, high
    if a_scale(phrase[0]):
        words = ["a", *words]  # "a million": the article is its one
    value = phrase_value(words)
    return None if value is None else (value, None)


def bound_before(doc: Doc, first: Token) -> tuple[str | None, int]:
    """How words before the number bound it ("min": "at least", "max": "nearly", "about"), and
    where those words start. They stand before a currency sign: "at least $3 billion"."""
    at = first.i - 1 if first.i > 0 and doc[first.i - 1].text in CURRENCY else first.i
    if (
        at > 0
        and doc[at - 1].lower_ in ("a", "an")
        and (first.lower_ == "dozen" or first.lower_ in SCALES)
    ):
        at -= 1  # "more than a dozen blows", "nearly a million people"
    before = doc[max(0, at - 3) : at]
    low = [t.lower_ for t in before]
    for n in (3, 2, 1):
        words = " ".join(low[-n:])
        if len(low) >= n and words in APPROX_WORDS:
            bound = "min" if words in MIN_WORDS else "max" if words in MAX_WORDS else "about"
            return bound, at - n
    return None, at if a_scale(first) else first.i  # "a million packets" says its "a"


def _is_unit(token: Token) -> bool:
    return token.lower_ in ("percent", "%") or lemma(token.lower_) in MEASURES


# Words before "X to Y" that make X a change and Y the level reached, not a range.
_MOVES = frozenset(
    """rise fall climb drop gain jump slide slip increase decrease decline grow soar plunge
    tumble sink edge surge up down""".split()
)


def _moved(token: Token) -> bool:
    """ "rose $1.19 to", "up 12 to", "rose from 15 to": the number is what changed."""
    if token.lower_ == "from" and token.i > 0:
        token = token.doc[token.i - 1]
    return token.lower_ in _MOVES or token.lemma_.lower() in _MOVES


def _upper(doc: Doc, first: Token, last: Token) -> tuple[float | None, int]:
    """A range's upper end: "15 to 20", "between 10 and 15", "$6 million to $7 million", "10
    percent to 30 percent", "90 or 95 percent"."""
    i = last.i + 1
    unit = doc[i].lower_ if i < len(doc) and _is_unit(doc[i]) else None
    if unit is not None:  # "10 percent to 30 percent": the unit is said twice
        i += 1
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].text in CURRENCY else i + 1
    joins = ("to", "-", "–", "and", "or")
    if j < len(doc) and doc[i].lower_ in joins and is_number(doc[j]):
        if unit is not None and not (j + 1 < len(doc) and doc[j + 1].lower_ == unit):
            return None, last.i
        at = first.i - 1 - (first.i > 0 and doc[first.i - 1].text in CURRENCY)
        opener = doc[at] if at >= 0 else None
        if doc[i].lower_ == "and" and (opener is None or opener.lower_ != "between"):
            return None, last.i
        if doc[i].lower_ == "to" and opener is not None and _moved(opener):
            return None, last.i  # "shares rose $1.19 to $47.50": a change, then the new level
        phrase = number_phrase(doc, doc[j])
        value = read_value(phrase)
        if value is not None:
            return value[0], phrase[-1].i
    return None, last.i


def with_range(
    doc: Doc, phrase: list[Token], parsed: tuple[float, float | None]
) -> tuple[float, float | None, list[Token]]:
    """(value, upper, phrase) with a range's second number read into the phrase."""
    value, upper = parsed
    if upper is None:
        upper, last_i = _upper(doc, phrase[0], phrase[-1])
        if upper is not None and upper <= value:
            upper, last_i = None, phrase[-1].i
        if upper is not None and phrase[-1].i + 2 <= last_i and len(phrase) == 1:
            scale = [t.text for t in doc[phrase[-1].i + 2 : last_i + 1] if t.lower_ in SCALES]
            scaled = phrase_value([phrase[0].text, *scale])  # "10 to 15 million"
            # a range rises: "$400,000 to $10 million" is whole already, no $400 billion
            value = scaled if scaled is not None and scaled <= upper else value
        if upper is not None:
            value, upper, last_i = _sum_range_scaled(doc, phrase[0], value, upper, last_i)
        phrase = [*phrase, *doc[phrase[-1].i + 1 : last_i + 1]]
    return value, upper, phrase


def _sum_range_scaled(
    doc: Doc, first: Token, value: float, upper: float, last_i: int
) -> tuple[float, float, int]:
    """A sum range whose scale is written once, on its second number: "£7-8m" (split off by the
    tokenizer: both ends take it) and "£7-8bn" (read with "8bn": the first end takes it)."""
    glued = _glued_scale(doc, first, last_i)
    if glued is not None:
        return value * glued, upper * glued, last_i + 1
    inner = _inner_scale(doc, first, last_i)
    if inner is not None and value * inner <= upper:
        return value * inner, upper, last_i
    return value, upper, last_i


def _glued_scale(doc: Doc, first: Token, last_i: int) -> float | None:
    """The scale a sum's range ends on when the tokenizer split it off ("£7-8m" as "£ 7 - 8 m",
    a WikiRef football page): an abbreviation written straight after the second number, in a
    range opened by a currency sign (a bare "7-8 m" may be metres)."""
    if last_i + 1 >= len(doc) or first.i == 0 or doc[first.i - 1].text not in CURRENCY:
        return None
    end, scale = doc[last_i], doc[last_i + 1]
    glued = scale.idx == end.idx + len(end.text)
    return ABBREVIATED_SCALES.get(scale.lower_) if glued else None


_SCALED_DIGITS = re.compile(r"^\d+(?:\.\d+)?(bn|mn|m|k)$")


def _inner_scale(doc: Doc, first: Token, last_i: int) -> float | None:
    """The abbreviated scale inside a sum range's second token ("£7-8bn": "8bn"), which the
    first number shares; in a range opened by a currency sign and joined by a dash only."""
    if first.i == 0 or doc[first.i - 1].text not in CURRENCY or last_i != first.i + 2:
        return None
    if doc[first.i + 1].text not in ("-", "–"):
        return None
    matched = _SCALED_DIGITS.match(doc[last_i].lower_)
    return ABBREVIATED_SCALES[matched[1]] if matched else None
