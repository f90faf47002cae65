"""What one poll of a source fetches, and how fetched bytes become documents (no store here).

``read_listing`` runs in a worker thread: it fetches a feed or sitemap (conditionally) and turns
it into ``Entry``s, newest first; the engine (``engine.follow``) decides which are new, fetches
their pages and keeps the bodies. ``page_document`` turns a kept body back into a document, so
extraction can be redone from the store without fetching again.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from dataclasses import dataclass, replace
from datetime import date
from html import unescape as html_unescape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from storyline.fetch.urls import BadURL, canonical_url, host_of
from storyline.ingest.feeds import parse_feed, parse_sitemap
from storyline.models import PARTIAL, READER, RawDocument, ReadError, Removal
from storyline.store.base import FEED_ITEM

if TYPE_CHECKING:
    from storyline.fetch.client import Fetcher, Response
    from storyline.store.base import FollowedSource, StoredPage

log = logging.getLogger(__name__)

TEASER_ONLY = "partial text: only the feed's teaser, its page could not be fetched (yet)"
MAX_CHILD_SITEMAPS = 3  # of a sitemap index, per poll: news sites list the newest first


@dataclass(frozen=True)
class Entry:
    """One article a listing points to: its canonical URL, and the feed's text when it has one."""

    url: str
    document: RawDocument | None  # the item as the feed gives it (None for sitemap entries)
    teaser: bool  # the feed's text is too short to be the article: fetch the page


@dataclass(frozen=True)
class Listing:
    response: Response
    entries: tuple[Entry, ...] = ()
    title: str | None = None
    problem: str | None = None  # the listing arrived but could not be read


def is_teaser(document: RawDocument, *, min_words: int) -> bool:
    """A feed item whose text is shorter than ``min_words`` carries a teaser, not the article."""
    return len(document.text.split()) < min_words


def read_listing(
    source: FollowedSource, fetcher: Fetcher, *, max_items: int, teaser_words: int
) -> Listing:
    """Fetch a source (conditionally) and read its newest ``max_items`` entries."""
    response = fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
    if not response.ok:
        return Listing(response)
    if source.kind == "sitemap":
        return _sitemap_listing(response, fetcher, max_items=max_items)
    items = parse_feed(response.body, origin=source.url, keep_empty=True)
    docs = [item for item in items if isinstance(item, RawDocument)]
    if not docs:
        problem = "; ".join(str(item.problem) for item in items if isinstance(item, ReadError))
        return Listing(response, problem=problem or "no items")
    docs.sort(key=lambda d: d.published or date.min, reverse=True)  # stable: feed order in a day
    entries: list[Entry] = []
    for doc in docs[:max_items]:
        url = _canonical(doc.url, base=response.final_url)
        if url is None:
            continue
        entries.append(Entry(url, doc, is_teaser(doc, min_words=teaser_words)))
    return Listing(response, tuple(entries), title=docs[0].source)


def _sitemap_listing(response: Response, fetcher: Fetcher, *, max_items: int) -> Listing:
    sitemap = parse_sitemap(response.body)
    entries = list(sitemap.entries)
    if sitemap.children:
        ranked = sorted(sitemap.children, key=lambda u: "news" not in u.lower())
        for child in ranked[:MAX_CHILD_SITEMAPS]:
            got = fetcher.get(child)
            if got.ok:
                entries.extend(parse_sitemap(got.body).entries)
            else:
                log.warning("%s: child sitemap %s failed (%s)", response.url, child, got.error)
    if not entries:
        return Listing(response, problem="a sitemap with no page addresses in it")
    entries.sort(key=lambda e: e.published or date.min, reverse=True)
    found = [
        Entry(url, None, teaser=True)
        for url in (_canonical(e.url, base=response.final_url) for e in entries[:max_items])
        if url is not None
    ]
    return Listing(response, tuple(found))


def _canonical(url: str | None, *, base: str) -> str | None:
    if not url:
        return None
    try:
        return canonical_url(url, base=base)
    except BadURL:
        return None


# --- kept bodies <-> documents -----------------------------------------------------------------


def pack_item(document: RawDocument) -> bytes:
    """A feed item kept as a page body (compressed JSON of its fields)."""
    fields = {
        "text": document.text,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "byline": document.byline,
        "published": document.published.isoformat() if document.published else None,
    }
    return zlib.compress(json.dumps(fields, ensure_ascii=False).encode("utf-8"))


# <link rel="canonical" href="..."> and <meta property="og:url" content="...">, attributes in
# either order: where a page says it lives.
_CANONICAL = re.compile(
    rb"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']([^"'>]+)"""
    rb"""|<meta\b(?=[^>]*\bproperty\s*=\s*["']og:url["'])[^>]*\bcontent\s*=\s*["']([^"'>]+)""",
    re.IGNORECASE,
)
_HEAD_BYTES = 65_536  # a page's <head> is within its first bytes


def page_address(final_url: str, body: bytes) -> str:
    """Where a fetched page lives: the address it declares (``<link rel=canonical>``, else
    ``og:url``) when ``_names_this_page`` trusts it, else where the fetch landed after
    redirects; tracking parameters dropped.

    Why: a feed that links an article twice, once through a tracker or redirect and once
    directly, or an AMP copy and the article, fetched both pages and stored the article
    twice (the second as a reprint of the first, under the tracker's URL).
    """
    landed = canonical_url(final_url)
    match = _CANONICAL.search(body[:_HEAD_BYTES])
    if match is None:
        return landed
    declared = _canonical(
        html_unescape((match[1] or match[2]).decode("utf-8", "replace")), base=landed
    )
    return declared if declared and _names_this_page(declared, landed) else landed


_AMP = frozenset(("amp", "amp.html", "amp.htm", "amphtml", "output=amp"))


def _names_this_page(declared: str, landed: str) -> bool:
    """Whether a declared address can be the page fetched from ``landed``: on its site
    (``_site``), and its last path part one of the fetched address's (an AMP copy's
    ``/amp/4`` declares ``/news/4``; ``/slug/amp`` declares ``/slug``) or, with a query, the
    same path and a part of its query. Not the site's root nor a section above the page but
    for an AMP suffix: a misconfigured canonical that names them for every article would
    have made every article one, and one that names another article (``/news/latest``) too."""
    if _site(declared) != _site(landed):
        return False
    want, got = urlsplit(declared), urlsplit(landed)
    mine = [part for part in got.path.split("/") if part]
    named = [part for part in want.path.split("/") if part]
    if want.query:
        asked = set(want.query.split("&"))
        return want.path == got.path and asked <= set(got.query.split("&"))
    if not named or named[-1] not in mine:
        return False
    above = mine[: len(named)] == named and len(mine) > len(named)
    return not above or set(mine[len(named) :]) <= _AMP


def _site(url: str) -> str:
    """An address's host without the prefix of a site's mobile, AMP or www copy: an AMP page
    at amp.example.com declares www.example.com as where it lives."""
    host = host_of(url)
    for prefix in ("www.", "m.", "mobile.", "amp."):
        host = host.removeprefix(prefix)
    return host


def pack_page(body: bytes) -> bytes:
    return zlib.compress(body)


def page_document(page: StoredPage, *, outlet: str | None) -> RawDocument | ReadError:
    """The document a kept page gives: a feed item as the feed had it, or an extracted page.

    ``outlet`` (the followed source's title) names the outlet when the page does not.
    """
    from storyline.ingest.decoding import decode_bytes
    from storyline.ingest.htmldoc import declared_charset, parse_html

    try:
        body = zlib.decompress(page.body)
    except zlib.error as exc:
        return ReadError(page.url, f"kept page body is damaged ({exc}); fetch it again.")
    if page.content_type == FEED_ITEM:
        fields = json.loads(body)
        published = fields.get("published")
        # a teaser kept in place of a page that failed says so wherever it is shown
        stand_in = page.status != 200
        note = Removal(PARTIAL, page.error or "", TEASER_ONLY, READER) if stand_in else None
        return RawDocument(
            text=fields["text"],
            origin=page.url,
            title=fields.get("title"),
            source=fields.get("source") or outlet,
            url=fields.get("url") or page.final_url,
            byline=fields.get("byline"),
            published=date.fromisoformat(published) if published else None,
            removed=(note,) if note else (),
        )
    declared = _header_charset(page.content_type) or declared_charset(body)
    text = decode_bytes(body, origin=page.url, declared=declared)
    if isinstance(text, ReadError):
        return text
    doc = parse_html(text, origin=page.url, url=page.final_url)
    if isinstance(doc, ReadError):
        return doc
    # the address the page declares only when it is trusted (``page_address``): a site that
    # declares its root as every article's canonical gave each the root's address
    doc = replace(doc, url=page_address(page.final_url, body))
    if outlet and _unnamed(doc.source, page.final_url):
        return replace(doc, source=outlet)
    return doc


def _unnamed(source: str | None, url: str) -> bool:
    """Whether a page names no outlet: no site name, or the address's host, which trafilatura
    gives when the page declares none ("127.0.0.1:8701", "example-news.com"). The followed
    source's name is the better one: its other pages declare it, and one outlet under two
    names counted as two outlets in a story."""
    if not source:
        return True
    host = host_of(url)
    return source.casefold() in (host, host.removeprefix("www."))


def _header_charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type.lower():
        return None
    value = content_type.lower().split("charset=", 1)[1].split(";", 1)[0]
    return value.strip().strip("\"'") or None
