"""Inputs of a batch run, cut into partitions that any worker can read on its own.

A partition is a plain description (path, format, byte range or row groups), so a worker on another
machine reads its own share from shared storage and nothing big travels through the scheduler:

- plain JSONL: byte ranges of about ``partition_bytes``, cut at line starts (the reader of a range
  skips the partial first line and finishes the line that crosses its end, as Hadoop does);
- gzip JSONL and WARC: one partition per file (gzip cannot seek; news crawls ship many files);
- Parquet: consecutive row groups up to ``partition_bytes`` of data.

Readers yield ``RawDocument`` or ``ReadError`` (never raise for a bad record): JSON records go
through ``storyline.ingest.parse_record`` and WARC HTML responses through ``parse_html``.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storyline.ingest import parse_html, parse_jsonl_line, parse_record
from storyline.ingest.decoding import decode_bytes, describe_size
from storyline.ingest.formats import BATCH, format_of, suffixes
from storyline.ingest.formats import FORMATS as INPUT_FORMATS
from storyline.ingest.readers import DEFAULT_MAX_BYTES
from storyline.models import RawDocument, ReadError
from storyline.runners.outputs import optional_module

__all__ = ["DEFAULT_PARTITION_BYTES", "Partition", "plan_partitions", "read_partition"]

log = logging.getLogger(__name__)

# 16 MB of JSONL is ~10k synthetic articles: enough partitions to keep 2 workers busy on 100k
# articles, and a worker's peak stays flat whatever the corpus size (benchmarks/batch.py).
DEFAULT_PARTITION_BYTES = 16 * 1024 * 1024
FORMATS = tuple(f.name for f in INPUT_FORMATS if BATCH in f.read_by)


@dataclass(frozen=True)
class Partition:
    """One worker's share of the input: ``start``/``stop`` are bytes (JSONL) or row groups."""

    number: int
    path: str
    format: str
    start: int = 0
    stop: int = -1  # -1: to the end


def input_format(path: str) -> str:
    """The batch format of ``path`` (``ingest.formats``: jsonl, jsonl.gz, parquet, warc)."""
    fmt = format_of(path, reader=BATCH)
    if fmt is None:
        raise ValueError(
            f"{path}: unknown input format; batch reads {suffixes(BATCH)} files (or folders of "
            "them)."
        )
    return fmt.name


def _expand(paths: Sequence[str | Path]) -> list[str]:
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                try:
                    input_format(str(child))
                except ValueError:
                    continue
                files.append(str(child))
        elif path.is_file():
            files.append(str(path))
        else:
            raise ValueError(f"{raw}: no such file or folder.")
    return files


def plan_partitions(
    paths: Sequence[str | Path], *, partition_bytes: int = DEFAULT_PARTITION_BYTES
) -> list[Partition]:
    """Partitions of all inputs, in input order (the order decides which copy is canonical)."""
    if partition_bytes < 1:
        raise ValueError(f"partition_bytes must be positive, got {partition_bytes}.")
    out: list[Partition] = []
    for path in _expand(paths):
        fmt = input_format(path)
        if fmt == "jsonl":
            size = os.path.getsize(path)
            for start in range(0, max(size, 1), partition_bytes):
                out.append(
                    Partition(len(out), path, fmt, start, min(start + partition_bytes, size))
                )
        elif fmt == "parquet":
            out.extend(_parquet_partitions(path, len(out), partition_bytes))
        else:
            out.append(Partition(len(out), path, fmt))
    return out


def _parquet_partitions(path: str, first: int, partition_bytes: int) -> list[Partition]:
    pq = optional_module("pyarrow.parquet")

    meta = pq.ParquetFile(path).metadata
    out: list[Partition] = []
    start, size = 0, 0
    for group in range(meta.num_row_groups):
        size += meta.row_group(group).total_byte_size
        if size >= partition_bytes:
            out.append(Partition(first + len(out), path, "parquet", start, group + 1))
            start, size = group + 1, 0
    if start < meta.num_row_groups or not out:
        out.append(Partition(first + len(out), path, "parquet", start, meta.num_row_groups))
    return out


def read_partition(part: Partition) -> Iterator[RawDocument | ReadError]:
    """Every record of one partition, in file order."""
    if part.format == "jsonl":
        yield from _read_jsonl_range(part)
    elif part.format == "jsonl.gz":
        with gzip.open(part.path, "rt", encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield parse_jsonl_line(line, origin=f"{part.path}:{number}")
    elif part.format == "parquet":
        yield from _read_parquet(part)
    elif part.format == "warc":
        yield from _read_warc(part.path)
    else:
        raise ValueError(f"Unknown partition format {part.format!r}; use one of {FORMATS}.")


def _read_jsonl_range(part: Partition) -> Iterator[RawDocument | ReadError]:
    """Lines that *start* in [start, stop): origin is ``path@byte`` (line numbers are unknown)."""
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        offset = part.start
        if part.start > 0:
            handle.seek(part.start - 1)
            offset += len(handle.readline()) - 1  # the line under way belongs to the previous range
        while part.stop < 0 or offset < part.stop:
            line = handle.readline()
            if not line:
                break
            if line.strip():
                text = line.decode("utf-8", errors="replace")
                yield parse_jsonl_line(text, origin=f"{part.path}@{offset}")
            offset += len(line)


def _read_parquet(part: Partition) -> Iterator[RawDocument | ReadError]:
    pq = optional_module("pyarrow.parquet")

    handle = pq.ParquetFile(part.path)
    for group in range(part.start, part.stop):
        table = handle.read_row_group(group)
        for row, record in enumerate(table.to_pylist()):
            yield parse_record(record, origin=f"{part.path}#{group}.{row}")


def _read_warc(path: str) -> Iterator[RawDocument | ReadError]:
    """HTML ``response`` records of a WARC (news crawl archives); other records are skipped."""
    archive = optional_module("warcio.archiveiterator")

    with open(path, "rb") as handle:
        for record in archive.ArchiveIterator(handle):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            kind = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in kind:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            origin = f"{path}:{record.rec_headers.get_header('WARC-Record-ID') or url}"
            body = _read_at_most(record.content_stream(), DEFAULT_MAX_BYTES)
            if body is None:
                yield ReadError(
                    origin,
                    f"is a record whose page ({url}) is larger than "
                    f"{describe_size(DEFAULT_MAX_BYTES)} once decoded; it was not read.",
                )
                continue
            html = decode_bytes(body, origin=origin)
            if isinstance(html, ReadError):
                yield html
                continue
            doc = parse_html(html, origin=origin, url=url)
            yield doc if isinstance(doc, ReadError) else replace(doc, doc_key=url or origin)


def _read_at_most(stream: Any, limit: int) -> bytes | None:
    """The stream's bytes, or None past ``limit``. warcio undoes a record's HTTP gzip as it
    reads, so reading it whole let a 4.7 KB WARC hold 3.3 GB of page (21 s) in memory."""
    parts, size = [], 0
    while chunk := stream.read(min(1 << 20, limit + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return b"".join(parts)


def write_jsonl(records: Sequence[dict[str, object]], path: Path) -> None:
    """A small helper for tests and benchmarks: ``.gz`` suffix writes gzip."""
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    if path.suffix == ".gz":
        with gzip.open(path, "wb") as handle:
            handle.write(data)
    else:
        path.write_bytes(data)
