"""JSON, JSONL and CSV records to RawDocuments (pure: strings and parsed objects in, documents out).

Field names follow storyline's own convention (``text``, ``title``, ``url``, ``source``, ``date`` or
``published``, ``id``, ``byline`` or ``author``) and also accept the names news-please and common
scrapers write (``maintext``, ``date_publish``, ``source_domain``, ``authors``), so that their
output can be read without a conversion script. A CSV table (``.csv``, ``.tsv``) is one record
per row under the same column names, as spreadsheets and research sets export news.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import cast

from storyline.models import PARAGRAPH_SEPARATOR, RawDocument, ReadError

logger = logging.getLogger(__name__)

# The first name present wins, so storyline's own names come first.
TEXT_FIELDS = ("text", "body", "content", "maintext")
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "source_domain", "sitename", "outlet"),
    "published": ("published", "date", "date_publish", "datePublished", "published_at"),
    "doc_key": ("id", "doc_id", "doc_key"),
    "byline": ("byline", "author", "authors"),
}
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def parse_date(value: object) -> date | None:
    """A calendar date from an ISO date/datetime or an RFC 2822 string (as RSS feeds write them).

    Returns None for anything else: a wrong date would misplace events on a timeline, a missing one
    only leaves them undated.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# Nobody hard-wraps prose wider than this, so a block with a longer line has one paragraph per line
# (the text reader reads blocks so too).
LONG_LINE = 120


def _block_paragraphs(block: str, *, long_lines_apart: bool) -> list[str]:
    lines = [" ".join(line.split()) for line in block.split("\n")]
    if long_lines_apart and max(len(line) for line in lines) > LONG_LINE:
        return lines
    return [" ".join(block.split())]


def normalise_body(text: str, *, long_lines_apart: bool = True) -> str:
    """Paragraphs joined by a blank line.

    JSON bodies come two ways: paragraphs separated by blank lines (then single newlines are
    wrapping and become spaces, unless a line is too long to be wrapped: a page copied as text
    keeps a heading on the line under the paragraph before it, "... 70 detained.\nLeaders react",
    and the cleaner must see it as a line of its own) or, as news-please writes them, one
    paragraph per line. ``long_lines_apart=False`` is for text taken from HTML, where a newline
    inside a block is only the page source's layout.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BLANK_LINE.search(text):
        blocks = [
            paragraph
            for block in _BLANK_LINE.split(text)
            for paragraph in _block_paragraphs(block, long_lines_apart=long_lines_apart)
        ]
    else:
        blocks = [" ".join(line.split()) for line in text.split("\n")]
    return PARAGRAPH_SEPARATOR.join(block for block in blocks if block)


def first_value(record: Mapping[str, object], names: Sequence[str]) -> object:
    """The value of the first of ``names`` that is present and not empty."""
    for name in names:
        value = record.get(name)
        if value is not None and value != "" and value != []:
            return value
    return None


def as_text(value: object) -> str | None:
    """A metadata value as one line of text: lists are joined, ``{"name": ...}`` gives the name."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return as_text(value.get("name"))
    if isinstance(value, list):
        parts = [p for p in (as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    text = " ".join(str(value).split())
    return text or None


def _body(record: Mapping[str, object]) -> tuple[str, str]:
    """The body text and the record's own text it was read from, or raise ValueError with the
    sentence to report."""
    value = first_value(record, TEXT_FIELDS)
    if value is None and any(name in record for name in TEXT_FIELDS):
        raise ValueError("has an empty 'text' field; records without a body cannot be summarised.")
    if value is None:
        keys = ", ".join(sorted(record)[:12]) or "none"
        raise ValueError(
            f"has no text: give the article body in a 'text' field (also accepted: "
            f"{', '.join(TEXT_FIELDS[1:])}); fields found: {keys}."
        )
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(value)  # a list of paragraphs
    if not isinstance(value, str):
        raise ValueError(
            f"has a 'text' field that is {type(value).__name__}, not a string; "
            "put the article body in it as one string."
        )
    body = normalise_body(value)
    if not body:
        raise ValueError("has an empty 'text' field; records without a body cannot be summarised.")
    return body, value


# A lone UTF-16 surrogate: JSON may spell one ("\ud800"), but it is no character, cannot be
# written as UTF-8, and one such line made a whole ``ingest`` fail with nothing stored.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: object) -> object:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, Mapping):
        return {k: _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def parse_record(record: object, *, origin: str) -> RawDocument | ReadError:
    """One JSON object to a RawDocument; anything else is a ReadError for this record alone."""
    if not isinstance(record, Mapping):
        return ReadError(
            origin,
            f"is a JSON {type(record).__name__}, not an object; each document must be an object "
            'like {"text": "...", "title": "..."}.',
        )
    record = cast(Mapping[str, object], _without_surrogates(record))
    try:
        body, given = _body(record)
    except ValueError as err:
        return ReadError(origin, str(err))
    raw_date = first_value(record, FIELDS["published"])
    published = parse_date(raw_date)
    if raw_date is not None and published is None:
        logger.warning("%s: unreadable date %r (use YYYY-MM-DD); left undated", origin, raw_date)
    return RawDocument(
        text=body,
        origin=origin,
        title=as_text(first_value(record, FIELDS["title"])),
        source=as_text(first_value(record, FIELDS["source"])),
        url=as_text(first_value(record, FIELDS["url"])),
        byline=as_text(first_value(record, FIELDS["byline"])),
        published=published,
        doc_key=as_text(first_value(record, FIELDS["doc_key"])),
        input_text=None if given == body else given,
    )


def _what(err: json.JSONDecodeError) -> str:
    # Some of json's messages end in " at" or ": " because they expect a position after them.
    return err.msg.removesuffix(" at").rstrip(": ")


def json_problem(err: json.JSONDecodeError, *, text: str) -> str:
    """A sentence for a JSON syntax error that points at the spot and guesses the usual causes."""
    where = f"line {err.lineno}, column {err.colno}"
    message = f"is not valid JSON: {_what(err)} at {where}."
    if not text[err.pos :].strip() or err.msg.startswith("Unterminated string"):
        message += " The file ends too early: it may be truncated."
    elif err.msg.startswith("Extra data"):
        message += " If it holds one JSON object per line, name it .jsonl."
    else:
        message += " Fix the file there (a JSON validator shows the exact spot)."
    return message


def parse_json(text: str, *, origin: str) -> list[RawDocument | ReadError]:
    """A JSON document holding one object or a list of objects.

    List items get the origin ``path[index]`` so that a bad item is reported, and skipped, alone.
    """
    if not text.strip():
        return [ReadError(origin, "is empty; a .json file must hold an object or a list of them.")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [ReadError(origin, json_problem(err, text=text))]
    except RecursionError:
        return [ReadError(origin, "is nested too deeply to be read as JSON.")]
    if isinstance(data, list):
        if not data:
            return [ReadError(origin, "is an empty JSON list; there are no documents in it.")]
        return [parse_record(item, origin=f"{origin}[{i}]") for i, item in enumerate(data)]
    return [parse_record(data, origin=origin)]


def parse_jsonl_line(line: str, *, origin: str) -> RawDocument | ReadError:
    """One JSONL line (its origin is ``path:lineno``)."""
    line = line.rstrip("\r\n")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        truncated = not line[err.pos :].strip() or err.msg.startswith("Unterminated string")
        cut = " (the line looks cut off)" if truncated else ""
        return ReadError(
            origin,
            f"is not valid JSON: {_what(err)} at column {err.colno}{cut}. Each line of a .jsonl "
            "file must be one complete JSON object.",
        )
    except RecursionError:
        return ReadError(origin, "is nested too deeply to be read as JSON.")
    return parse_record(data, origin=origin)


def parse_csv(text: str, *, origin: str, tabs: bool = False) -> list[RawDocument | ReadError]:
    """A table with a header row: each row a record (``parse_record``) with origin
    ``path:line``, so a bad row is reported, and skipped, alone."""
    # a field may be a whole article: the file's size (already bounded by the reader) bounds it
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    rows = csv.DictReader(io.StringIO(text), dialect="excel-tab" if tabs else "excel")
    out: list[RawDocument | ReadError] = []
    try:
        if not rows.fieldnames:
            return [ReadError(origin, f"is empty; a table needs a header row ({_COLUMNS}).")]
        if not set(TEXT_FIELDS) & set(rows.fieldnames):  # once for the table, not once a row
            found = ", ".join(rows.fieldnames[:12])
            return [ReadError(origin, f"has no text column ({_COLUMNS}); columns: {found}.")]
        start = rows.line_num + 1  # a row's first line: a quoted text may span several
        for row in rows:
            record = {k: v for k, v in row.items() if isinstance(k, str) and v}
            out.append(parse_record(record, origin=f"{origin}:{start}"))
            start = rows.line_num + 1
    except csv.Error as err:
        out.append(ReadError(f"{origin}:{rows.line_num}", f"is not a valid table row: {err}."))
    return out or [ReadError(origin, f"has a header row but no rows ({_COLUMNS}).")]


_COLUMNS = "columns named text, and title, date, source, url as you have them"
