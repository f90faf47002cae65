"""Files, directories and stdin to RawDocuments; the only module of ``ingest`` that does I/O.

Every problem becomes a ReadError that names the file and says how to fix it, and the batch goes
on: one bad file in a folder of ten thousand must not cost the other 9,999. The parsers it calls
(``parse_text``, ``parse_html``, ``parse_json``, ``parse_record``) are pure and usable on their own.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, Protocol, cast

from storyline.ingest.decoding import binary_problem, decode_bytes, describe_size
from storyline.ingest.feeds import looks_like_feed, parse_feed
from storyline.ingest.formats import FILES, format_of, suffixes
from storyline.ingest.htmldoc import declared_charset, parse_html
from storyline.ingest.plaintext import parse_text
from storyline.ingest.records import parse_csv, parse_json, parse_jsonl_line
from storyline.models import RawDocument, ReadError

logger = logging.getLogger(__name__)

Item = RawDocument | ReadError
Format = Literal["text", "html", "json", "jsonl", "jsonl.gz", "feed", "csv"]


class LineReader(Protocol):
    """A binary stream as stdin, an open file and a GzipFile all are."""

    def readline(self, size: int = -1, /) -> bytes: ...

    def read(self, size: int = -1, /) -> bytes: ...


# Large enough for any single article with its page chrome (a heavy news page is ~2 MB of HTML),
# small enough that a mistaken path to a database dump fails fast instead of filling memory.
DEFAULT_MAX_BYTES = 20_000_000
STDIN_ORIGIN = "<stdin>"


def format_for(path: Path) -> Format | None:
    """The format a file's name announces (``ingest.formats``), or None for names storyline does
    not read."""
    fmt = format_of(path.name, reader=FILES)
    return cast(Format, fmt.name) if fmt is not None else None


def sniff_format(text: str) -> Format:
    """The format of text with no name to go by (stdin): markup, JSON or prose."""
    head = text.lstrip("\ufeff \t\r\n")
    if looks_like_feed(head):
        return "feed"
    if head.startswith("<"):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first, _, rest = head.partition("\n")
        if rest.strip() and first.rstrip().endswith("}"):
            return "jsonl"
        return "json"
    return "text"


def _limit_problem(size: int, max_bytes: int, *, at_least: bool = False) -> str:
    amount = f"at least {describe_size(size)}" if at_least else describe_size(size)
    return (
        f"is {amount}, over the {describe_size(max_bytes)} limit for one file; "
        "split it (one article per file, or JSONL, which is read line by line) or raise the "
        "limit (max_bytes)."
    )


def _os_problem(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "does not exist; check the path (relative paths start from the current folder)."
    if isinstance(err, PermissionError):
        return "cannot be read: permission denied; check the file's permissions."
    if isinstance(err, IsADirectoryError):
        return "is a directory where a file was expected."
    return f"could not be read: {err.strerror or err}."


def _read_bytes(path: Path, *, max_bytes: int) -> bytes | ReadError:
    """The file's bytes, refusing empty and oversized files before reading them whole."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading a byte of a mistaken 5 GB dump
            return ReadError(origin, _limit_problem(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # +1: also catches files whose stat size lies
    except OSError as err:
        return ReadError(origin, _os_problem(err))
    if len(data) > max_bytes:
        return ReadError(origin, _limit_problem(len(data), max_bytes, at_least=True))
    if not data:
        return ReadError(origin, "is empty (0 bytes); there is nothing to read.")
    return data


def _parse(data: bytes, *, origin: str, fmt: Format | None) -> Iterator[Item]:
    """Decode and parse one whole file's (or stdin's) bytes."""
    if fmt == "feed":  # feedparser reads the bytes: XML says its own encoding
        problem = binary_problem(data)
        yield from [ReadError(origin, problem)] if problem else parse_feed(data, origin=origin)
        return
    declared = declared_charset(data) if fmt in (None, "html") else None
    text = decode_bytes(data, origin=origin, declared=declared)
    if isinstance(text, ReadError):
        yield text
        return
    kind = fmt or sniff_format(text)
    if kind == "feed":
        yield from parse_feed(data, origin=origin)
    elif kind == "html":
        yield parse_html(text, origin=origin)
    elif kind == "json":
        yield from parse_json(text, origin=origin)
    elif kind in ("jsonl", "jsonl.gz"):
        yield from _parse_jsonl_lines(text.split("\n"), origin=origin)
    elif kind == "csv":
        yield from parse_csv(text, origin=origin, tabs=origin.lower().endswith(".tsv"))
    else:
        yield parse_text(text, origin=origin)


def _parse_jsonl_lines(lines: Sequence[str], *, origin: str) -> Iterator[Item]:
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_jsonl_line(line, origin=f"{origin}:{lineno}")


def read_text_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Item:
    """One .txt/.md file (see ``parse_text`` for headline and Markdown handling)."""
    return _read_whole(Path(path), max_bytes=max_bytes, fmt="text")[0]


def read_html_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Item:
    """One saved web page (see ``parse_html``)."""
    return _read_whole(Path(path), max_bytes=max_bytes, fmt="html")[0]


def read_json_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Item]:
    """A .json file holding one object or a list of objects."""
    return _read_whole(Path(path), max_bytes=max_bytes, fmt="json")


def _read_whole(path: Path, *, max_bytes: int, fmt: Format | None) -> list[Item]:
    data = _read_bytes(path, max_bytes=max_bytes)
    if isinstance(data, ReadError):
        return [data]
    return list(_parse(data, origin=str(path), fmt=fmt))


def _jsonl_records(
    handle: LineReader, *, origin: str, max_bytes: int, lineno: int = 0
) -> Iterator[Item]:
    """Stream JSONL after line ``lineno``; ``max_bytes`` bounds one line, not the whole file."""
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = handle.readline(max_bytes + 1)
            yield ReadError(
                where,
                f"is a line longer than the {describe_size(max_bytes)} limit; split the record "
                "or raise the limit (max_bytes).",
            )
            continue
        if not raw.strip():
            continue
        if lineno == 1 and (problem := binary_problem(raw)):
            yield ReadError(origin, problem)  # once for the file, not once per "line" of a PDF
            return
        line = decode_bytes(raw, origin=where)
        yield line if isinstance(line, ReadError) else parse_jsonl_line(line, origin=where)


def read_jsonl_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """A .jsonl (or .jsonl.gz) file: each line is a document with origin ``path:lineno``."""
    path = Path(path)
    origin = str(path)
    opener = gzip.open if format_for(path) == "jsonl.gz" else open
    try:
        with opener(path, "rb") as handle:
            count = 0
            for item in _jsonl_records(handle, origin=origin, max_bytes=max_bytes):
                count += 1
                yield item
    except OSError as err:
        if isinstance(err, gzip.BadGzipFile):
            yield ReadError(origin, "is not a valid gzip file; decompress it or name it .jsonl.")
        else:
            yield ReadError(origin, _os_problem(err))
        return
    except (EOFError, zlib.error):
        yield ReadError(origin, "ends in the middle of its gzip data: the file is truncated.")
        return
    if count == 0:
        yield ReadError(origin, "is empty; a .jsonl file needs one JSON object per line.")


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One file of any supported format; the name decides, and content decides for unknown names."""
    path = Path(path)
    fmt = format_for(path)
    if fmt in ("jsonl", "jsonl.gz"):
        yield from read_jsonl_file(path, max_bytes=max_bytes)
    else:
        yield from _read_whole(path, max_bytes=max_bytes, fmt=fmt)


def _walk(root: Path) -> Iterator[Path | ReadError]:
    """Readable files under ``root`` in sorted order, hidden files and folders skipped."""
    errors: list[OSError] = []
    skipped = 0
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if name.startswith("."):
                continue
            # a table in a folder of articles is more often data (a budget, a list of names)
            # than articles: read only when given by name
            if format_for(path) in (None, "csv"):
                skipped += 1
                continue
            yield _special(path) or path
    for err in errors:
        yield ReadError(str(err.filename or root), _os_problem(err))
    if skipped:
        logger.info("%s: skipped %d files whose extension storyline does not read", root, skipped)


def _special(path: Path) -> ReadError | None:
    """A pipe, socket or device found in a folder: reading one would wait for a writer that may
    never come and stop the whole batch (a FIFO named ``x.txt`` did). Given by name (``<(zcat
    ...)`` is a pipe), it is read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # the reader reports it
    if stat.S_ISREG(mode):
        return None
    return ReadError(
        str(path),
        "is a named pipe, socket or device, not a file, so it was not read from the folder; "
        "give it by name to read it.",
    )


def read_paths(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Documents from files and folders (recursively), in order; ``"-"`` reads stdin.

    Lazily yields one RawDocument per article or one ReadError per problem, never raising for a bad
    file, so a caller can stream a large corpus and report the failures at the end.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}.")
    for given in paths:
        if str(given) == "-":
            yield from read_stdin(max_bytes=max_bytes)
            continue
        path = Path(given)
        if not path.is_dir():
            yield from read_file(path, max_bytes=max_bytes)
            continue
        found = False
        for entry in _walk(path):
            found = True
            if isinstance(entry, ReadError):
                yield entry
            else:
                yield from read_file(entry, max_bytes=max_bytes)
        if not found:
            read = ", ".join(s for s in suffixes(FILES).split(", ") if s not in (".csv", ".tsv"))
            yield ReadError(
                str(path),
                f"is a folder with no {read} files in it (a .csv or .tsv table is read only "
                "when named).",
            )


def _is_json_object_line(line: bytes) -> bool:
    """True for a line that is one complete JSON object: stdin is then JSONL, streamed."""
    stripped = line.strip().lstrip(b"\xef\xbb\xbf")
    if not (stripped.startswith(b"{") and stripped.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (ValueError, RecursionError):
        return False


def _is_long_record_line(line: bytes, *, max_bytes: int) -> bool:
    """A first line over the cap that opens a JSON object: stdin is JSONL, and that line is
    skipped and reported alone (as a bad file is), not the whole stream refused with it."""
    if len(line) <= max_bytes or line.endswith(b"\n"):
        return False
    return line.lstrip(b"\xef\xbb\xbf \t").startswith(b"{")


class _Prepended:
    """``handle`` with ``head`` (already read from it) put back in front, for ``readline``."""

    def __init__(self, head: bytes, handle: LineReader) -> None:
        self._head = head
        self._handle = handle

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._handle.readline(size)
        cut = len(self._head) if size < 0 else size
        line, self._head = self._head[:cut], self._head[cut:]
        return line

    def read(self, size: int = -1, /) -> bytes:
        head, self._head = self._head, b""
        return head + self._handle.read(size if size < 0 else max(size - len(head), 0))


def read_stdin(
    *,
    stream: LineReader | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    origin: str = STDIN_ORIGIN,
) -> Iterator[Item]:
    """Documents from standard input (or ``stream``), the format sniffed from the first characters.

    JSONL (a first line that is a whole JSON object, or one too long to tell that opens one) is
    streamed with ``max_bytes`` per line, so a large corpus can be piped in and a line over the cap
    is reported and skipped; anything else is read whole, up to ``max_bytes``.
    """
    handle = stream if stream is not None else sys.stdin.buffer
    first = handle.readline(max_bytes + 1)
    if _is_long_record_line(first, max_bytes=max_bytes):  # JSONL whose first line is too long
        yield from _jsonl_records(
            _Prepended(first, handle), origin=origin, max_bytes=max_bytes, lineno=0
        )
        return
    if _is_json_object_line(first):
        yield parse_jsonl_line(first.decode("utf-8-sig", "replace"), origin=f"{origin}:1")
        yield from _jsonl_records(handle, origin=origin, max_bytes=max_bytes, lineno=1)
        return
    data = first + handle.read(max_bytes + 1 - len(first))
    if len(data) > max_bytes:
        yield ReadError(origin, _limit_problem(len(data), max_bytes, at_least=True))
        return
    if not data.strip():
        yield ReadError(origin, "is empty; pipe an article (text, HTML, JSON or JSONL) into it.")
        return
    yield from _parse(data, origin=origin, fmt=None)
