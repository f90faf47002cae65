"""Whether a sentence can stand in a summary on its own: what the selectors avoid and what the
benchmark counts.

Extractive summaries go wrong for a reader in three ways that ROUGE does not see: a sentence that
leans on one the reader was not given ("It has a displacement of ...", "Navrotsky said that the
unit was filled with water."), the tail of a quotation or a bare attribution ('"Nine facilities
were struck," the statement said.'), and two sentences that say the same thing. The first two are
read from the words here; the third is a similarity cut-off in the selectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.models import Citation, Summary

# Words that, opening a sentence, point back at something said before it.
PRONOUN_OPENERS = frozenset(
    """he she it they him them his her its their this that these those such also another other
    others both either neither there""".split()
)
# Connectives that tie a sentence to the one before it ("But ...", "However, ...").
CONNECTIVE_OPENERS = frozenset(
    """but and or so yet however meanwhile still moreover furthermore nevertheless instead thus
    therefore hence then besides otherwise nonetheless later earlier""".split()
)
# Nouns that, after "the"/"this" early in a sentence, usually stand for something named before
# ("the unit", "the company") rather than introduce it. A summary sentence using one must follow
# a sentence that names it.
GENERIC_NOUNS = frozenset(
    """unit company firm man woman boy girl group ship vessel boat plane aircraft jet craft device
    facility move decision measure incident attack agency organization official bill plan
    program programme project deal agreement report study drug system operation mission vehicle
    suspect victim couple pair team body building structure site machine ruling law proposal
    offer figure""".split()
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
_QUOTE = re.compile(r"\"|“|”|``|''")
# '"...," the statement said.' / '"...," he added.' : a quotation closed by an attribution only.
_ATTRIBUTION_TAIL = re.compile(
    r"(?:\"|”|'')\s*,?\s*(?:(?:the|a|an)\s+)?[\w .'-]{1,40}?\s+"
    r"(?:said|says|added|told\s+\w+|stated|explained|noted|wrote)\s*\.?\s*$",
    re.IGNORECASE,
)
_OPENING_QUOTE = re.compile(r"^\s*(?:\"|“|``)")
# A quoted part shorter than this, with only an attribution around it, is a stub, not a report.
MIN_QUOTE_WORDS = 12


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def opening_reference(
    text: str, *, named: str = "", words: Sequence[str] | None = None
) -> str | None:
    """The word or phrase near the start of ``text`` that points back at something unnamed, or
    None. ``named`` is what the reader has already read (earlier summary sentences): a generic
    noun it contains is resolved. ``words``: the text's lower-case tokens, when already made."""
    words = _words(text[:80]) if words is None else words  # the opening is all that is read
    if not words:
        return None
    if words[0] in PRONOUN_OPENERS or words[0] in CONNECTIVE_OPENERS:
        return words[0]
    seen = set(_words(named)) if named else set()
    for k, word in enumerate(words[:5]):  # the subject: "Navrotsky said that the unit ..."
        if word in _DETERMINERS and k + 1 < len(words):
            noun = words[k + 1]
            stem = noun[:-1] if noun.endswith("s") else noun
            if stem in GENERIC_NOUNS and noun not in seen and stem not in seen:
                return f"{word} {noun}"
    return None


def fragment(text: str) -> str | None:
    """Why ``text`` is not a whole report ("lower-case start", "unbalanced quote", "attribution
    stub"), or None."""
    stripped = text.lstrip("\"'“‘`( ")
    if stripped[:1].islower():
        return "lower-case start"
    if '"' not in text and "`" not in text and "'" not in text and "“" not in text:
        return None  # most sentences quote nothing: skip the regular expressions
    marks = _QUOTE.findall(text)
    if not marks:
        return None
    opening = sum(1 for m in marks if m in ("“", "``"))
    closing = sum(1 for m in marks if m in ("”", "''"))
    straight = sum(1 for m in marks if m == '"')
    if straight % 2 or opening != closing:
        return "unbalanced quote"
    if _OPENING_QUOTE.match(text) and _ATTRIBUTION_TAIL.search(text):
        quoted = _ATTRIBUTION_TAIL.sub("", text)
        if len(_words(quoted)) < MIN_QUOTE_WORDS:
            return "attribution stub"
    return None


def problems(summary: Summary) -> list[tuple[int, str]]:
    """(sentence index, what is wrong) for every summary sentence that does not stand alone: a
    fragment, or an opening reference that no earlier sentence resolves. A sentence that follows
    its own predecessor in the article (the selector put them together) is resolved by it."""
    found: list[tuple[int, str]] = []
    read = ""
    previous: Citation | None = None
    for index, sentence in enumerate(summary.sentences):
        own = sentence.citations[0] if sentence.citations else None
        follows = (
            own is not None
            and previous is not None
            and previous.article_id == own.article_id
            and 0 <= own.start - previous.end <= 3
        )
        why = fragment(sentence.text)
        if why is None and not follows:
            reference = opening_reference(sentence.text, named=read)
            why = f"opens with {reference!r}" if reference else None
        if why is not None:
            found.append((index, why))
        read += " " + sentence.text
        previous = own
    return found
