"""How the tests of a sentence read it: its lower-case words, its quoted stretches, and the
marks that may close it after its last word."""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z][\w'-]*")
# A quotation in straight, curly or PTB's marks (`` and '').
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|``.*?''")
# What may stand after a sentence's last word: closing quotation marks, brackets, space.
CLOSERS = "\"'”’)] "


def lower_case_words(text: str) -> list[str]:
    """The words of ``text`` in lower case, as the opening tests read them ("it's" one word,
    figures left out)."""
    return [w.lower() for w in WORD.findall(text)]
