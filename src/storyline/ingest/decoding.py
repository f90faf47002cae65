"""Bytes to text, or a sentence saying why not.

News files arrive as UTF-8 most of the time, as Windows-1252 from older CMS exports, and now and
then as something that is not text at all (a PDF saved with a .txt name). The order below is
cheapest and most certain first: UTF-8 (with or without a BOM), a UTF-32 or UTF-16 BOM, UTF-16 or
UTF-32 without one (Windows tools save "Unicode" text so), the charset an HTML page declares, then
detection. charset-normalizer guesses exotic code pages for short Western text
("naïve" came back as cp1006, Urdu), so a clean cp1252 reading that looks Western wins over it.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata

from storyline.models import ReadError
from storyline.text import CONTROL_CHARACTERS

logger = logging.getLogger(__name__)

# Formats people save news as that are not text; the hint says how to get text out of each.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF; extract its text first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document); unpack it or save it as text"),
    (b"\x1f\x8b", "gzip-compressed; decompress it, or name it .jsonl.gz if it holds JSON lines"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
)
_SNIFF_BYTES = 65_536
# Share of control characters above which a "text" is really binary. Real text has almost none.
_MAX_CONTROL_SHARE = 0.05
# Above this share of non-ASCII letters a cp1252 reading is likely mojibake of another script
# (Cyrillic in cp1251 reads as "Ïðåçèäåíò"); Western European news stays far below it.
_MAX_NON_ASCII_LETTERS = 0.3
# UTF-16/32 without a BOM: in text of one alphabetic script the high bytes of the code units take
# one or two values (NUL, and 0x03 for Greek or 0x04 for Cyrillic), NUL at least for spaces and
# digits, while the low bytes spread over dozens of letters; a NUL elsewhere is a sign of binary.
# Binary data (even a repeating pattern) fails one of these; real text passes all with a margin.
_UNIT_NUL_SHARE = 0.15  # of the code units' high bytes that are NUL, at least
_OTHER_NUL_SHARE = 0.02  # of the other bytes that are NUL, at most
_HIGH_VALUES = 3  # distinct high-byte values, at most
_LOW_VALUES = 8  # distinct low-byte values, at least
_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE BOM starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def describe_size(n_bytes: int) -> str:
    """A size a person reads at a glance (``25.3 MB``), decimal units as file managers show them."""
    if n_bytes < 1_000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1_000:.1f} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def binary_problem(data: bytes) -> str | None:
    """Why ``data`` is not text, or None if it may be text."""
    head = data[:_SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"is {what}, not text."
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or bomless_unicode(head):
        return None  # UTF-16 and UTF-32 text is full of NUL bytes by design
    if b"\x00" in head:
        return (
            "contains NUL bytes, so it is binary, not text; give storyline .txt, .md, .html, "
            ".json, .jsonl or feed files."
        )
    return None


def _bytes_at(data: bytes, positions: tuple[int, ...], width: int) -> bytes:
    return bytes(data[k] for k in range(len(data) - len(data) % width) if k % width in positions)


def _looks_like_units(data: bytes, high: tuple[int, ...], low: tuple[int, ...], width: int) -> bool:
    """Whether ``data`` reads as code units whose bytes at ``high`` are the high ones."""
    highs, lows = _bytes_at(data, high, width), _bytes_at(data, low, width)
    if not highs or not lows:
        return False
    return (
        highs.count(0) / len(highs) >= _UNIT_NUL_SHARE
        and lows.count(0) / len(lows) <= _OTHER_NUL_SHARE
        and len(set(highs)) <= _HIGH_VALUES
        and len(set(lows)) >= min(_LOW_VALUES, len(lows) // 2)
    )


def bomless_unicode(data: bytes) -> str | None:
    """``utf-32-le``/``-be`` or ``utf-16-le``/``-be`` when ``data`` reads as such text without a
    BOM (see ``_UNIT_NUL_SHARE``), else None."""
    head = data[:4096]
    if len(head) < 8 or b"\x00" not in head:
        return None
    layouts = (
        ("utf-32-le", (1, 2, 3), (0,), 4),
        ("utf-32-be", (0, 1, 2), (3,), 4),
        ("utf-16-le", (1,), (0,), 2),
        ("utf-16-be", (0,), (1,), 2),
    )
    for name, high, low, width in layouts:
        if _looks_like_units(head, high, low, width) and _try(data, name) is not None:
            return name
    return None


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    return len(CONTROL_CHARACTERS.findall(sample)) / len(sample) if sample else 0.0


def _looks_western(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    if any(not unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return False
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return non_ascii / len(letters) <= _MAX_NON_ASCII_LETTERS


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    """Best guess between charset-normalizer and cp1252 (see the module docstring)."""
    cp1252 = _try(data, "cp1252")
    if cp1252 is not None and _looks_western(cp1252):
        return cp1252
    try:
        import charset_normalizer  # comes with trafilatura; optional all the same
    except ImportError:  # pragma: no cover - depends on the environment
        return cp1252
    best = charset_normalizer.from_bytes(data[: _SNIFF_BYTES * 4]).best()
    if best is None:
        return cp1252
    guessed = _try(data, best.encoding)
    if guessed is not None:
        logger.debug("decoded as %s (detected)", best.encoding)
    return guessed if guessed is not None else cp1252


def decode_bytes(data: bytes, *, origin: str, declared: str | None = None) -> str | ReadError:
    """Text from bytes, trying UTF-8, a UTF-32/16 BOM, UTF-16/32 without one, ``declared`` (an
    HTML charset), then detection.

    Line endings are normalised to ``\\n`` so that every later stage sees one convention.
    """
    problem = binary_problem(data)
    if problem is not None:
        return ReadError(origin, problem)
    text = None
    for bom, encoding in _BOMS:
        if text is None and data.startswith(bom):
            text = _try(data, encoding)
    if text is None and (bomless := bomless_unicode(data)) is not None:
        text = _try(data, bomless)  # before UTF-8, which NUL bytes do not upset
    if text is None:
        text = _try(data, "utf-8-sig")
    if text is None and declared:
        text = _try(data, declared)
    if text is None:
        text = _detect(data)
    if text is None:
        return ReadError(
            origin,
            "is not UTF-8 and its encoding could not be detected; if it is a text file, convert "
            "it to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8), "
            "otherwise leave it out.",
        )
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return ReadError(
            origin,
            "is mostly control characters, so it is binary, not text; give storyline .txt, "
            ".md, .html, .json, .jsonl or feed files.",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")
