"""Whether a sentence is a whole report: not the tail of one cut before it, a lead-in, an aside,
a list's item, page furniture or a quotation that does not stand alone."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.summarizers.quality.chronology import chronology_entry
from storyline.summarizers.quality.layout import layout_fragment, title_run
from storyline.summarizers.quality.notices import contact_details, writer_note
from storyline.summarizers.quality.quotations import quotation_fragment
from storyline.summarizers.quality.reading import CLOSERS
from storyline.text import STOPWORDS

# Marks that close or join clauses: no sentence opens with one.
_CLAUSE_PUNCTUATION = frozenset(",;:)]}")


# "11 The Premiership is the strongest league ...", "3. In the deposition, ...": a number standing
# before a capitalised function word is a list's or a fact box's numbering, not part of the
# sentence (prose writes "11 people", "2012 Olympics").
# A number closed by a full stop or a bracket is a list's whatever follows ("3. Get an anti-virus
# program and use it.", "2) Deceitfulness, as indicated by ..."): a sentence can open with a
# figure but not with one that its own full stop closes.
_LIST_RUN_IN = re.compile(r"^\d{1,4}([.)]?)\s+[`'\"“‘(]*([A-Z][a-z]*)\b")


# A line that a dash or an underscore opens is an item of a list whose lead-in stands before it
# ("Among them:\n\n--Built-in child seats should be available ...", "Questions the committee
# must answer include:\n\n_ Whether ADHD is, in fact, a disorder.", a digest's "Ma'ariv:\n\n--
# Two agents ... were released"): often no sentence, and never one that says whose list it is.
# A single dash only before a space ("-5 degrees" is a figure, "-LRB-" a tokenized bracket).
_BULLET = re.compile(r"(?:--+|[-–—_•·*]\s)")
_BULLET_MARKS = frozenset("-_•·*–— \t\n")


# A sentence that trails off ("... taking over will be former Portland Coach...") was cut short
# by a teaser or a transcript; one whose first bracket closes ("538) in Portland, ...") began
# inside a bracket of the sentence before it.
_TRAILS_OFF = ("...", "…")


def _aside(text: str) -> bool:
    """Whether ``text`` is wholly in brackets, or opens a bracket it does not close: "(The
    federal government could approve the project if the state refuses.)" is an aside to the
    sentence before it, which it often names only by reference ("the project", "the state"), and
    "(Overweight is defined as a body mass index of 25 to 29; obese is ..." the first sentence of
    one. "(Reuters) The minister resigned." closes its bracket before the sentence."""
    body = text.strip().lstrip("\"'“‘`")
    if not body.startswith("("):
        return False
    depth = 0
    for at, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return not body[at + 1 :].strip(CLOSERS + ".!?")
    return True


# A sentence that announces what comes after it ("The following are major news items in leading
# Israeli newspapers Friday.", a wire digest's lead in DUC 2007), not "The following day, ...".
_FOLLOWING = re.compile(
    r"(?:The\s+)?following\s+(?:(?:edited\s+)?(?:excerpts?|material|items?|list|statement|text)\b"
    r"|(?:is|are|was|were)\b)",
    re.IGNORECASE,
)


def fragment(text: str, *, words: Sequence[str] | None = None, layout: bool = True) -> str | None:
    """Why ``text`` is not a whole report ("lower-case start", "punctuation start", "headline
    run-in", "list number", "list item" (a line a dash or an underscore opens), "cut off",
    "lead-in" (a line that introduces what follows it, ending in a colon), "unbalanced
    bracket", "aside" (a sentence wholly in brackets), "contact details", "writer's note",
    "unbalanced quote", "attribution stub"), or None. ``words``: ``text.split()``, when
    already made. ``layout``: also the tests of :func:`layout_fragment` and the list item's
    (without them, a headline run in by its capitals is still one)."""
    stripped = text.lstrip("\"'“‘`( ")
    if stripped[:1].islower():
        return "lower-case start"
    # ", chairman of the committee, to determine ...": the tail of a sentence cut after a
    # bracket ("Rep. Barney Frank (D-Mass.) , chairman ..." in Timeline17 finan)
    if stripped[:1] in _CLAUSE_PUNCTUATION:
        return "punctuation start"
    if text.rstrip(CLOSERS).endswith(_TRAILS_OFF):
        return "cut off"
    if text.rstrip().endswith(":") or _FOLLOWING.match(stripped):
        return "lead-in"  # "The key points:", "Among the spending Clinton will seek:"
    if ")" in text and "(" not in text[: text.find(")")]:
        return "unbalanced bracket"
    if "(" in text[:3] and _aside(text):
        return "aside"
    if words is None:
        words = text.split()
    if layout:
        laid_out = layout_fragment(text, words)
    else:
        laid_out = "headline run-in" if title_run(text, words) else None
    if laid_out is not None:
        return laid_out
    run_in = _LIST_RUN_IN.match(stripped) if stripped[:1].isdigit() else None
    if run_in is not None and (run_in[1] or run_in[2].lower() in STOPWORDS):
        return "list number"
    if contact_details(text):
        return "contact details"
    if writer_note(text):
        return "writer's note"
    # a chronology's dashed entry is one (chronology_entry): a timeline that asks keeps it
    if (
        layout
        and text[:1] in _BULLET_MARKS  # a string test first: it runs on every candidate
        and _BULLET.match(text.lstrip())
        and not chronology_entry(text)
    ):
        return "list item"
    return quotation_fragment(text)
