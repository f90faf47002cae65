"""Stand-alone heading lines: short, unpunctuated, no figures. A heading between two body
paragraphs is cut; the same test reads a teaser's headline (``storyline.clean.sections``)."""

from __future__ import annotations

import re

from storyline.models import Removal
from storyline.text import STOPWORDS

# Subheadings: short, no final punctuation. 12 words covers "How the dam failed" and
# "Death toll rises as rescuers reach cut-off villages in the north".
_SUBHEADING_WORDS = 12
_SUBHEADING_CHARS = 90

# A figure standing on its own ("3,046", "58", "4.6"), not part of a name ("S80", "G-20").
_FIGURE = re.compile(r"(?<![\w.,-])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.,-])\d+(?:\.\d+)?(?![\w-])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s")

_QUOTES = "\"'“”‘’«»`"
_FINAL_PUNCTUATION = ".!?…:;,)]" + _QUOTES


def looks_like_subheading(paragraph: str) -> bool:
    """A short title-like line: starts like a heading, has no final punctuation, is not a quote."""
    if len(paragraph) > _SUBHEADING_CHARS or len(paragraph.split()) > _SUBHEADING_WORDS:
        return False
    if paragraph[0] in _QUOTES or paragraph[-1] in _FINAL_PUNCTUATION:
        return False
    # A heading does not end on "the" or "which": such a line is a paragraph its source cut short.
    if paragraph.rsplit(None, 1)[-1].casefold() in STOPWORDS:
        return False
    # Nor does it state figures: "Adapazari 3,046 dead, 6,884 injured", "At least 12,018" are a
    # fact box's rows. Years and a list's number do not count ("5. The Top 10 apps for 2025").
    body = _LIST_NUMBER.sub("", paragraph)
    figures = [f for f in _FIGURE.findall(body) if not _YEAR.fullmatch(f)]
    if len(figures) >= 2 or any("," in f for f in figures):
        return False
    return paragraph[0].isupper() or paragraph[0].isdigit()


def drop_subheadings(kept: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Removal]]:
    """Short unpunctuated lines between two body paragraphs; the lead and the last line stay."""
    out: list[tuple[int, str]] = []
    removed: list[Removal] = []
    for position, (index, paragraph) in enumerate(kept):
        inner = 0 < position < len(kept) - 1
        if inner and looks_like_subheading(paragraph):
            removed.append(Removal("subheading", paragraph, "stand-alone heading line", index))
        else:
            out.append((index, paragraph))
    return out, removed
