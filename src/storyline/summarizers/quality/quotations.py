"""Quotations that do not stand alone: one that opens or closes in another sentence, a stub
with only an attribution around it, one whose speaker another sentence names."""

from __future__ import annotations

import re

from storyline.summarizers.quality.reading import lower_case_words

# '"...," the statement said.' / '"...," he added.' : a quotation closed by an attribution only.
_ATTRIBUTION_TAIL = re.compile(
    r"(?:\"|”|'')\s*,?\s*(?:(?:the|a|an)\s+)?[\w .'-]{1,40}?\s+"
    r"(?:said|says|added|told\s+\w+|stated|explained|noted|wrote)\s*\.?\s*$",
    re.IGNORECASE,
)
OPENING_QUOTE = re.compile(r"^\s*(?:\"|“|``)")
# '"We could hear the river but we could not see it."': a sentence that is all quotation.
_WHOLLY_QUOTED = re.compile(r"""^\s*(?:"|“|``)[^"“”]*(?:"|”|'')\s*$""")
# A quoted part shorter than this, with only an attribution around it, is a stub, not a report.
MIN_QUOTE_WORDS = 12


def quotation_fragment(text: str) -> str | None:
    """Why the quotation marks of ``text`` make it no whole report ("unbalanced quote",
    "attribution stub", "unattributed quote"), or None: :func:`fragment`'s last tests."""
    if '"' not in text and "`" not in text and "'" not in text and "“" not in text:
        return None  # most sentences quote nothing: skip the regular expressions
    # Quotation marks (straight, curly, PTB's `` and ''), counted kind by kind: no two kinds
    # share a character. Both tests after this need a quotation opening the text.
    straight = text.count('"')
    opening = text.count("“") + text.count("``")
    closing = text.count("”") + text.count("''")
    if straight % 2 or opening != closing or _single_quote_unbalanced(text):
        return "unbalanced quote"
    if not (straight or opening) or not OPENING_QUOTE.match(text):
        return None
    if _ATTRIBUTION_TAIL.search(text):
        quoted = _ATTRIBUTION_TAIL.sub("", text)
        if len(lower_case_words(quoted)) < MIN_QUOTE_WORDS:
            return "attribution stub"
    if _WHOLLY_QUOTED.match(text):  # its opening is OPENING_QUOTE
        return "unattributed quote"  # who said it is in another sentence
    return None


# British pages quote in single marks ("He said: 'The country is facing critical times." is the
# first sentence of a quote that runs on; "... no dependence on official posts.'" its last), where
# a straight mark is also an apostrophe. An opening mark starts a word and is no contraction
# ("'s" of tokenised text, "'em"); a closing one follows the end of a sentence or clause, which
# a plural possessive ("the leaders' talks") never does.
#
# Each pattern opens with the mark and looks behind it after: a pattern that opens with a
# lookbehind or an alternation is tried at every character, which made these two tests a quarter
# of quality.fragment's time (the lookbehind of the opening mark, "not after a character outside
# the set", also holds at the text's start).
_SINGLE_OPENING = re.compile(
    r"""['‘`](?<![^\s(:;,\u2014\u2013"“]['‘`])(?!(?:s|re|ve|ll|d|m|t|em|n)\b)(?=[A-Za-z])"""
)
_SINGLE_CLOSING = re.compile(r"""['’](?<=[\w.,!?]['’])(?=[\s.,;:!?)"”-]|$)""")
_SINGLE_CLOSING_AFTER_STOP = re.compile(r"""['’](?<=[.,!?]['’])(?=[\s)"”]|$)""")


def _single_quote_unbalanced(text: str) -> bool:
    """Whether a single-quoted quotation opens and does not close in ``text``, or closes in it
    without having opened (the sentences of a quote that runs over several)."""
    if "'" not in text and "‘" not in text and "’" not in text:
        return False
    openings = [m.start() for m in _SINGLE_OPENING.finditer(text)]
    if openings:
        return not any(m.start() > openings[-1] for m in _SINGLE_CLOSING.finditer(text))
    return _SINGLE_CLOSING_AFTER_STOP.search(text) is not None
