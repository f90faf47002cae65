"""How a raw text divides into paragraphs, and the key two paragraphs compare by.

``Removal.paragraph`` counts the blocks :func:`split_paragraphs` returns, so every rule sees the
same division."""

from __future__ import annotations

import re

from storyline.text import visible

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def normalise(paragraph: str) -> str:
    """The key under which two paragraphs count as the same: case and spacing folded."""
    return " ".join(paragraph.casefold().split())


def paragraph_blocks(text: str) -> list[str]:
    """Raw paragraph blocks (blank-line separated), empty ones dropped, inner newlines kept, the
    characters that show nothing dropped (:data:`storyline.text.INVISIBLE`)."""
    return [block for block in _BLANK_LINE.split(visible(text)) if not block.isspace() and block]


def block_lines(block: str) -> list[str]:
    return [" ".join(line.split()) for line in block.splitlines() if line and not line.isspace()]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a raw text: blank lines separate, single newlines inside one are spaces.

    ``Removal.paragraph`` indexes into this list.
    """
    return [" ".join(block.split()) for block in paragraph_blocks(text)]
