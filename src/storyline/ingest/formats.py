"""The one table of input formats: which file names and HTTP content types mean which format, and
which front door reads it (files and stdin for ``summarize``/``ingest``, the HTTP API, batch runs).

The readers (``ingest.readers``), the API's body parsing (``web.api``) and the batch inputs
(``runners.inputs``) all look formats up here, so a new format or suffix is added in one place and
the error messages that list what is accepted cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

FILES, API, BATCH = "files", "api", "batch"


@dataclass(frozen=True)
class InputFormat:
    name: str
    suffixes: tuple[str, ...]  # lower case
    media_types: tuple[str, ...]  # HTTP Content-Type values of a request body in this format
    read_by: frozenset[str]  # FILES, API, BATCH


def _fmt(name: str, suffixes: str, media: str, *read_by: str) -> InputFormat:
    return InputFormat(name, tuple(suffixes.split()), tuple(media.split()), frozenset(read_by))


# No suffix ends another one, so the order is free: it is the order error messages list them.
FORMATS: tuple[InputFormat, ...] = (
    _fmt("text", ".txt .text .md .markdown", "text/plain", FILES, API),
    _fmt("jsonl.gz", ".jsonl.gz .ndjson.gz .json.gz", "", FILES, BATCH),
    _fmt(
        "jsonl",
        ".jsonl .ndjson",
        "application/x-ndjson application/jsonl application/x-jsonlines",
        FILES,
        API,
        BATCH,
    ),
    _fmt("json", ".json", "application/json", FILES, API),
    _fmt("csv", ".csv .tsv", "", FILES),
    _fmt("html", ".html .htm .xhtml", "text/html", FILES, API),
    _fmt(
        "feed",
        ".rss .atom .xml",
        "application/rss+xml application/atom+xml application/xml text/xml",
        FILES,
        API,
    ),
    _fmt("parquet", ".parquet", "", BATCH),
    _fmt("warc", ".warc.gz .warc", "", BATCH),
)


def format_of(name: str, *, reader: str) -> InputFormat | None:
    """The format a file name announces for ``reader``, or None when that reader does not read
    it. A name without a suffix is plain text (files and uploads), as a README is."""
    lower = name.lower()
    for fmt in FORMATS:
        if reader in fmt.read_by and lower.endswith(fmt.suffixes):
            return fmt
    base = lower.rsplit("/", 1)[-1]
    if "." not in base and reader in (FILES, API):
        return by_name("text")
    return None


def format_for_media(media_type: str) -> InputFormat | None:
    """The format of an HTTP body of this Content-Type (without parameters), or None."""
    kind = media_type.split(";")[0].strip().lower()
    return next((f for f in FORMATS if kind in f.media_types), None)


def by_name(name: str) -> InputFormat:
    return next(f for f in FORMATS if f.name == name)


def suffixes(reader: str) -> str:
    """What ``reader`` accepts, for error messages: ``.jsonl, .json, .html, ...``."""
    return ", ".join(s for f in FORMATS if reader in f.read_by for s in f.suffixes)


def media_types() -> str:
    """Every accepted Content-Type, for the API's error message."""
    return ", ".join(m for f in FORMATS for m in f.media_types)
