"""RSS and Atom feeds to RawDocuments, one per item (pure: bytes in, documents out).

Following a story across outlets usually starts from their feeds. A saved feed (``.rss``,
``.atom``, ``.xml``, or piped in) gives one document per item: the title, the link, the publication
date, the author, and the outlet (the feed's own title, or the item's ``<source>`` in aggregator
feeds). The body is the item's full content (``content:encoded``, Atom ``content``) when the feed
carries it, else its description; its HTML is reduced to paragraphs of text here, so markup and
scripts never reach the store. Many feeds carry only a teaser: those items are short articles.

feedparser reads RSS 0.9x/1.0/2.0 and Atom, and recovers what it can from malformed feeds; it is
always given the bytes, never a name, so it cannot fetch anything.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

from storyline.ingest.records import normalise_body
from storyline.models import RawDocument, ReadError

logger = logging.getLogger(__name__)

Item = RawDocument | ReadError

# Between an outlet's name and the section a feed's title adds to it: "The Harbour Courier - Top
# stories", "Gazette | World", "Reuters: Top News", "NYT > World".
_FEED_SECTION = re.compile(r"\s+[|\-\u2013\u2014\u00bb>]+\s+|:\s+")


def outlet_name(title: str | None) -> str | None:
    """The outlet a feed's title names: the part before a separator, as the outlet's pages
    name themselves (og:site_name "The Harbour Courier", where its feed is "The Harbour
    Courier - Top stories"). One outlet under two names counted as two outlets in a story."""
    if not title:
        return None
    head = _FEED_SECTION.split(title, maxsplit=1)[0].strip()
    return head if len(head) >= 2 else title


_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer "
    "figure figcaption hr".split()
)
_SKIPPED = frozenset(("script", "style", "noscript", "template", "iframe", "object", "svg"))


class _Text(HTMLParser):
    """Text of an HTML fragment, with a paragraph break at every block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """Paragraphs of text from an HTML fragment (a feed item's description or content)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return normalise_body("".join(parser.parts), long_lines_apart=False)


def looks_like_feed(text: str) -> bool:
    """True for text that starts as an RSS, RDF or Atom document."""
    head = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    if head.startswith("<?xml"):
        return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))
    return head.startswith(("<rss", "<feed", "<rdf:rdf"))


def _day(entry: Mapping[str, Any]) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(fragment_text(value).split()) if "<" in value else " ".join(value.split())
    return text or None


def _body(entry: Mapping[str, Any]) -> str:
    """The fullest body the item has: its content, else its description."""
    contents = [c.get("value", "") for c in entry.get("content") or () if isinstance(c, Mapping)]
    candidates = [*contents, entry.get("summary") or ""]
    texts = [fragment_text(v) for v in candidates if isinstance(v, str) and v.strip()]
    return max(texts, key=len, default="")


def parse_feed(data: bytes, *, origin: str, keep_empty: bool = False) -> list[Item]:
    """Every item of an RSS or Atom feed; origins are ``path#N`` (N from 1, in feed order).

    ``keep_empty`` keeps an item with a link but no text as a document with empty text (a
    poller fetches its page) instead of reporting it.
    """
    import feedparser  # type: ignore[import-untyped]

    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as err:  # feedparser is tolerant, but hostile bytes reach odd corners
        logger.debug("feedparser failed on %s", origin, exc_info=True)
        return [ReadError(origin, f"could not be read as a feed ({type(err).__name__}: {err}).")]
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if problem is not None:
            return [
                ReadError(
                    origin,
                    f"is not a well-formed RSS or Atom feed ({problem}) and no item could be "
                    "recovered from it.",
                )
            ]
        if not parsed.get("version"):
            return [ReadError(origin, "is XML but not an RSS or Atom feed; nothing to read.")]
        return [ReadError(origin, "is an RSS or Atom feed with no items in it.")]
    if problem is not None:
        logger.warning("%s: malformed feed (%s); %d items recovered", origin, problem, len(entries))
    channel = parsed.get("feed") or {}
    outlet = outlet_name(_line(channel.get("title")))
    items: list[Item] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#{number}"
        text = _body(entry)
        if not text and not (keep_empty and _line(entry.get("link"))):
            items.append(
                ReadError(
                    where,
                    "is a feed item with no text in its description or content (a feed of "
                    "titles and links: `storyline follow add` its address fetches the pages).",
                )
            )
            continue
        source = entry.get("source") or {}
        items.append(
            RawDocument(
                text=text,
                origin=where,
                title=_line(entry.get("title")),
                source=_line(source.get("title")) or outlet,
                url=_line(entry.get("link")),
                byline=_line(entry.get("author")),
                published=_day(entry),
                doc_key=_line(entry.get("id")) or _line(entry.get("link")),
            )
        )
    return items


# --- sitemaps (news sitemaps list a site's recent articles) -----------------------------------


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of a sitemap: where the page is, and what a news sitemap says of it."""

    url: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Sitemap:
    """A ``<urlset>`` (``entries``) or a ``<sitemapindex>`` (``children``: more sitemaps)."""

    entries: tuple[SitemapEntry, ...] = ()
    children: tuple[str, ...] = ()


def looks_like_sitemap(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(data: bytes) -> Sitemap:
    """The entries or child sitemaps of a sitemap (XML; namespaces ignored, entities refused).

    Malformed XML yields what was read before the error (lxml's recover mode); never raises.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return Sitemap()
    if root is None:
        return Sitemap()
    if _local(root.tag) == "sitemapindex":
        children = [_child_text(node, "loc") for node in root if _local(node.tag) == "sitemap"]
        return Sitemap(children=tuple(c for c in children if c))
    entries: list[SitemapEntry] = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        title = _child_text(node, "title")  # news:news/news:title
        stamp = _child_text(node, "publication_date") or _child_text(node, "lastmod")
        entries.append(SitemapEntry(loc, title, _stamp_day(stamp)))
    return Sitemap(entries=tuple(entries))


def _child_text(node: Any, name: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _stamp_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
