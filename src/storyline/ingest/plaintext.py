"""Plain text and Markdown to a RawDocument (pure: a string in, a document out).

What we keep is what later stages need: paragraphs (a blank line between them, as in
``Article.text``), a headline as the title, and a byline if one stands under the headline. Markdown
markup goes (headings, emphasis, links keep their text, images go), but nothing that needs a full
CommonMark parser: news text uses a small corner of Markdown, and a paired-marker regex cannot eat
a lone ``*`` or ``_`` in plain prose.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from storyline.ingest.records import FIELDS, LONG_LINE, as_text, first_value, parse_date
from storyline.models import PARAGRAPH_SEPARATOR, RawDocument, ReadError
from storyline.text import HEADLINE_MAX_WORDS, STOPWORDS, split_paragraph

_ATX = re.compile(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^ {0,3}>\s?")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_BYLINE = re.compile(r"^by:?\s+", re.IGNORECASE)
_NAME_JOINERS = frozenset({"and", "&", "de", "da", "van", "von", "der", "den", "la", "le", "del"})
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")

# Inline markup, applied in this order (images before links, bold before italics).
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)\s]*(?:\s+[\"'][^\"']*[\"'])?\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
)

Block = tuple[bool, list[str]]  # (is a heading, its lines)


def strip_inline(text: str) -> str:
    """Markdown inline markup removed, link text kept, whitespace collapsed."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML-style ``---`` front matter as flat ``key: value`` pairs, and the lines after it."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            meta: dict[str, str] = {}
            for line in lines[1:end]:
                match = _FRONT_KEY.match(line.strip())
                if match:
                    meta[match[1].lower()] = match[2].strip().strip("\"'")
            return meta, lines[end + 1 :]
    return {}, lines


def _blocks(lines: Sequence[str]) -> list[Block]:
    """Lines grouped into blocks: blank lines, headings, rules and list items end a block."""
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append((False, current.copy()))
            current.clear()

    for raw in lines:
        line = _QUOTE.sub("", raw, count=1)
        if not line.strip() or _FENCE.match(line):
            flush()
        elif _REF_DEF.match(line):
            continue
        elif current and _SETEXT.match(line):
            blocks.append((True, current.copy()))
            current.clear()
        elif _RULE.match(line) or _SETEXT.match(line):
            flush()
        elif match := _ATX.match(line):
            flush()
            blocks.append((True, [match[1]]))
        elif _LIST_ITEM.match(line):
            flush()
            current.append(_LIST_ITEM.sub("", line, count=1).strip())
        else:
            current.append(line.strip())
    flush()
    return blocks


def _unwrap(lines: list[str]) -> str:
    """Hard-wrapped lines as one line; a break after a hyphen ("well-" / "known") adds no space."""
    joined = lines[0]
    for line in lines[1:]:
        joined += line if joined[-2:-1].isalpha() and joined.endswith("-") else " " + line
    return joined


# A line that may close its sentence ("... last year." / "Click here to follow our live blog");
# whether it does ("Dr." / "Smith", "U.S." / "Army" do not) is the sentence splitter's call.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def _closes_sentence(before: str, line: str) -> bool:
    """Whether the sentence splitter ends a sentence where ``before`` meets the next ``line``."""
    if line[0].islower() or _SENTENCE_END.search(before) is None:
        return False
    tail = before[-80:]
    return any(start == len(tail) + 1 for start, _ in split_paragraph(f"{tail} {line[:40]}"))


def _author_breaks(lines: list[str]) -> list[list[str]]:
    """A block's lines grouped where the writer, not a wrapper, broke them: a break stays where
    the line closes a sentence and the next does not go on in lower case. A page copied as text
    keeps "Click here to follow our live blog" or a media player's controls on lines of their own
    under a paragraph; hard-wrapped prose breaks mid-sentence, and where a break meets a
    sentence's end, parting there splits no sentence. (Whether the next word would have fitted
    on the line says nothing where a link or a long word sets the width.)"""
    groups = [[lines[0]]]
    for before, line in itertools.pairwise(lines):
        if _closes_sentence(before, line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


# A list of items, one a line (a page's "On this story" links, a fact box's headings): a wrapper
# breaks prose mid-sentence, so a run of this many lines that each open with a capital or a
# figure and end on no punctuation and no function word was broken by its writer, not a wrapper.
LIST_MIN_LINES = 3
# An item is a line a headline's shape, but a page's summary bullets run longer than headlines
# ("MP Douglas Carswell accuses government of being 'caught out' over plans detailed in low-key
# order", a WikiRef page's 16 words): the run of capitals is the evidence, not the length.
LIST_ITEM_MAX_WORDS = 25
_ITEM_END = re.compile(r"[.!?,;:\-–—][\"'”’)\]]*$")
# Function words a wrapper leaves at a line's end, but an object pronoun ends a phrase ("...
# to put national fights behind them").
_ITEM_LAST_WORDS = frozenset({"it", "them", "him", "us", "me", "you"})


def _is_list(lines: list[str]) -> bool:
    """Whether a block's lines are items of a list, each a headline's shape (see LIST_MIN_LINES)."""
    if len(lines) < LIST_MIN_LINES:
        return False
    for line in lines:
        words = line.split()
        opening = line.lstrip("\"'“‘(")[:1]
        if not (opening.isupper() or opening.isdigit()) or len(words) > LIST_ITEM_MAX_WORDS:
            return False
        last = words[-1].lower()
        if _ITEM_END.search(line) or (last in STOPWORDS and last not in _ITEM_LAST_WORDS):
            return False
    return True


def _paragraphs(lines: list[str]) -> list[str]:
    """One block's paragraphs: one per long line or list item, else hard-wrapped lines joined
    where a wrapper broke them (:func:`_author_breaks`)."""
    if max(len(line) for line in lines) > LONG_LINE or _is_list(lines):
        pieces = lines
    else:
        pieces = [_unwrap(group) for group in _author_breaks(lines)]
    return [p for p in (strip_inline(piece) for piece in pieces) if p]


def _is_headline(line: str) -> bool:
    words = line.split()
    ending = line.rstrip().rstrip("\"'”’»)")
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not ending.endswith((".", ",", ";", ":", "-"))


def _first_line_stands_alone(lines: list[str]) -> bool:
    """True unless the first line was hard-wrapped into the next one.

    A greedy wrapper only breaks a line when the next word does not fit, so if the next line's first
    word would have fitted within the block's width, the break was the author's: a headline.
    """
    if len(lines) == 1:
        return True
    width = max(len(line) for line in lines[1:])
    next_word = lines[1].split()[0]
    return len(lines[0]) + 1 + len(next_word) <= width


def _take_headline(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The headline (a heading or a short first line) and the blocks left after it."""
    if not blocks:
        return None, blocks
    heading, lines = blocks[0]
    if heading:
        return strip_inline(" ".join(lines)) or None, blocks[1:]
    first = strip_inline(lines[0])
    if not _is_headline(first) or not _first_line_stands_alone(lines):
        return None, blocks
    rest = lines[1:]
    remaining = ([(False, rest)] if rest else []) + blocks[1:]
    if not remaining:  # a one-line document is its own text, not a title without a body
        return None, blocks
    return first, remaining


def _byline(line: str) -> str | None:
    """The names in a "By Jane Doe and Ola Berg" line; None for prose ("By the end of May, ...")."""
    match = _BYLINE.match(line)
    if not match:
        return None
    names = line[match.end() :].strip()
    words = names.replace(",", " ").split()
    if not 0 < len(words) <= 8 or names.endswith(("!", "?", ":", ";")):
        return None
    if all(w[0].isupper() or w.lower() in _NAME_JOINERS for w in words):
        return names
    return None


def _take_byline(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """A "By Jane Doe" line straight under the headline, taken out of the body."""
    if not blocks or blocks[0][0]:
        return None, blocks
    lines = blocks[0][1]
    byline = _byline(strip_inline(lines[0]))
    remaining = ([(False, lines[1:])] if lines[1:] else []) + blocks[1:]
    if byline is None or not remaining:
        return None, blocks
    return byline, remaining


def parse_text(text: str, *, origin: str) -> RawDocument | ReadError:
    """A plain-text or Markdown document; its first short line is the headline."""
    if not text.strip():
        return ReadError(origin, "contains only whitespace; there is no text to read.")
    meta, lines = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    blocks = _blocks(lines)
    title = as_text(first_value(meta, FIELDS["title"]))
    headline, blocks = _take_headline(blocks)
    if title is not None and headline is not None and headline.casefold() != title.casefold():
        blocks = [(True, [headline]), *blocks]  # front matter named the title: keep what was there
    title = title or headline
    byline, blocks = _take_byline(blocks)
    paragraphs = [p for _, block_lines in blocks for p in _paragraphs(block_lines)]
    if not paragraphs:
        return ReadError(origin, "has a title but no body text; add the article text under it.")
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    return RawDocument(
        text=body,
        origin=origin,
        title=title,
        source=as_text(first_value(meta, FIELDS["source"])),
        url=as_text(first_value(meta, FIELDS["url"])),
        byline=as_text(first_value(meta, FIELDS["byline"])) or byline,
        published=parse_date(first_value(meta, FIELDS["published"])),
        doc_key=as_text(first_value(meta, FIELDS["doc_key"])),
        input_text=None if text == body else text,
    )
