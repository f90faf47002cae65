"""The frozen dataclasses that flow between storyline's stages.

Ids are content hashes so that the same article read twice is the same article, and so that an
output
can be traced back to exactly the text it was made from. Character spans always index into
``Article.text`` (the cleaned body, paragraphs joined by a blank line).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

PARAGRAPH_SEPARATOR = "\n\n"


def content_id(*parts: str | None, length: int = 16) -> str:
    """A stable hex id from the given text parts (None and "" hash alike)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Removal:
    """One piece of text the cleaner took out, and why, so a user can audit it.

    ``paragraph`` is the index of the paragraph in the *raw* paragraph list the cleaner was given,
    or ``READER`` for what the HTML reader dropped from the page before the cleaner saw it.
    """

    # duplicate | near-duplicate | caption | dateline | header | boilerplate | subheading | comments
    # | empty | other story | related | partial (no text cut: the text stops at a paywall or is
    # only a feed's teaser, ``Article.partial``)
    kind: str
    text: str
    reason: str
    paragraph: int


READER = -1  # Removal.paragraph of a cut the page's reader made, not the cleaner
# Removal.kind of the reader's note that the text is partial (a paywall, or only a feed's
# teaser): its ``text`` says what shows it, its ``reason`` what a reader is told
PARTIAL = "partial"


@dataclass(frozen=True)
class RawDocument:
    """What a reader produces: text (out of HTML/JSON already) and the metadata with it."""

    text: str
    origin: str  # file path, "<stdin>", or "path:line" for JSONL
    title: str | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    published: date | None = None
    doc_key: str | None = None  # a caller-supplied id (JSONL "id"), kept for output mapping
    # The input's own text where reading changed the body: a JSON record's text field before its
    # white space was normalised, a text file whole (title line and front matter included). The
    # spans a tool follows back into its file index it (``compare --format json``, ``timeline``,
    # ``summarize-batch``); None where the body is the input's text (``own_text``).
    input_text: str | None = None
    # What the reader dropped from the page's text (captions, credit lines, site notices, the
    # author's bio, a paywall's notices, a second copy), paragraph ``READER``: the cleaner adds
    # them to the article's record of cuts, so they can be audited like its own.
    removed: tuple[Removal, ...] = ()

    @property
    def own_text(self) -> str:
        """The text spans given back to the caller index: ``input_text`` or the body."""
        return self.text if self.input_text is None else self.input_text


@dataclass(frozen=True)
class Article:
    id: str
    text: str  # cleaned body: paragraphs joined by PARAGRAPH_SEPARATOR
    title: str | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    published: date | None = None
    dateline: str | None = None
    origin: str | None = None
    doc_key: str | None = None
    removed: tuple[Removal, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(self.text.split(PARAGRAPH_SEPARATOR)) if self.text else ()

    @property
    def partial(self) -> str | None:
        """Why the text is only part of the article (behind a paywall, a feed's teaser), or
        None: every view of the article and of what cites it says so."""
        return next((r.reason for r in self.removed if r.kind == PARTIAL), None)

    @property
    def outlet(self) -> str:
        """A human name for where this came from, for citations."""
        return self.source or self.origin or self.id


@dataclass(frozen=True)
class Sentence:
    article_id: str
    start: int
    end: int
    text: str
    position: int  # index of the sentence within its article (0 = lead)
    paragraph: int


@dataclass(frozen=True)
class Citation:
    """Support for a summary sentence: a span of one article's cleaned text."""

    article_id: str
    start: int
    end: int
    score: float = 1.0  # similarity of the span to the summary sentence (1.0 = the sentence itself)


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Summary:
    sentences: tuple[SummarySentence, ...]
    method: str
    settings: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


@dataclass(frozen=True)
class Budget:
    """A summary length limit; at least one of the two must be set."""

    words: int | None = 250
    sentences: int | None = None

    def __post_init__(self) -> None:
        if self.words is None and self.sentences is None:
            raise ValueError("Budget needs words or sentences (e.g. Budget(words=100)).")
        for name in ("words", "sentences"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"Budget.{name} must be positive, got {value}.")


@dataclass(frozen=True)
class ReadError:
    """A per-file problem: the batch carries on and the exit code says it was partial."""

    origin: str
    problem: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.problem}"
