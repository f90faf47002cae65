"""Readers: files, folders and stdin in; ``RawDocument`` or ``ReadError`` out, never an exception.

``read_paths`` is the entry point (what the CLI calls); the per-format ``read_*`` functions do the
I/O for one file and the ``parse_*`` functions are pure, for text already in memory.
"""

from storyline.ingest.decoding import decode_bytes
from storyline.ingest.htmldoc import parse_html
from storyline.ingest.plaintext import parse_text
from storyline.ingest.readers import (
    DEFAULT_MAX_BYTES,
    format_for,
    read_file,
    read_html_file,
    read_json_file,
    read_jsonl_file,
    read_paths,
    read_stdin,
    read_text_file,
    sniff_format,
)
from storyline.ingest.records import parse_date, parse_json, parse_jsonl_line, parse_record

__all__ = [
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "format_for",
    "parse_date",
    "parse_html",
    "parse_json",
    "parse_jsonl_line",
    "parse_record",
    "parse_text",
    "read_file",
    "read_html_file",
    "read_json_file",
    "read_jsonl_file",
    "read_paths",
    "read_stdin",
    "read_text_file",
    "sniff_format",
]
