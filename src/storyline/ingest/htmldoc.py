"""HTML pages to a RawDocument with trafilatura (pure: a string in, a document out).

trafilatura finds the article body among menus, ads and comments, and reads the metadata (title,
author, site name, canonical URL; the date through htmldate). It is imported inside the function
because importing it costs about 0.2 s, which a run over JSONL or text files should not pay.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from storyline.ingest.records import parse_date
from storyline.models import PARAGRAPH_SEPARATOR, RawDocument, ReadError

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# htmldate: prefer the first-published date over "updated" stamps, which would move a story's
# events on the timeline to the day of the last typo fix.
_DATE_PARAMS = {"original_date": True, "extensive_search": True}


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, looked for in its first bytes."""
    match = _META_CHARSET.search(head[:4096])
    return match[1].decode("ascii") if match else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def parse_html(html: str, *, origin: str, url: str | None = None) -> RawDocument | ReadError:
    """Main text and metadata of one page; scripts, styles, navigation and comments are left out.

    ``url`` is where the page came from, if known; the page's own canonical URL wins.
    """
    import trafilatura

    if not html.strip():
        return ReadError(origin, "contains only whitespace; there is no HTML to read.")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as err:  # trafilatura/lxml raise many types on hostile markup
        logger.debug("trafilatura failed on %s", origin, exc_info=True)
        return ReadError(origin, f"could not be parsed as HTML ({type(err).__name__}: {err}).")
    fields: dict[str, object] = {}
    if isinstance(doc, dict):
        fields = doc
    elif doc is not None:
        fields = doc.as_dict()
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(
            origin,
            "has no article text that could be extracted from its HTML (it may be a page built "
            "by JavaScript, a redirect or a login wall); save the rendered article, or give its "
            "text as a .txt file.",
        )
    title = _clean(fields.get("title"))
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    # trafilatura keeps the <h1> in the body; the title field already holds it.
    if title and len(paragraphs) > 1 and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return RawDocument(
        text=PARAGRAPH_SEPARATOR.join(paragraphs),
        origin=origin,
        title=title,
        source=_clean(fields.get("sitename")),
        url=_clean(fields.get("url")) or url,
        byline=_clean(fields.get("author")),
        published=parse_date(fields.get("date")),
    )


@dataclass(frozen=True)
class ExtractedPage:
    """What ``storyline extract`` shows: the document kept from a page, and how it was made."""

    document: RawDocument
    extractor: str  # which extractor's body was kept

    def to_dict(self) -> dict[str, object]:
        d = self.document
        return {
            "title": d.title,
            "author": d.byline,
            "date": d.published.isoformat() if d.published else None,
            "site": d.source,
            "url": d.url,
            "extractor": self.extractor,
            "text": d.text,
        }


def extract_page(data: bytes, *, origin: str, url: str | None = None) -> ExtractedPage | str:
    """Decode and extract a saved page; a problem comes back as a message naming ``origin``."""
    from storyline.ingest.decoding import decode_bytes

    text = decode_bytes(data, origin=origin, declared=declared_charset(data))
    if isinstance(text, ReadError):
        return str(text)
    doc = parse_html(text, origin=origin, url=url)
    if isinstance(doc, ReadError):
        return str(doc)
    return ExtractedPage(doc, "trafilatura")
