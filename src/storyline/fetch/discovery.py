"""From a site's address to something that can be polled: its feed, else its news sitemap.

The order is what a person would do: the URL itself may be a feed or a sitemap; a page names its
feeds in ``<link rel="alternate">``; many sites answer at a handful of usual paths; robots.txt
lists sitemaps, and news sitemaps are named so. Feeds beat sitemaps because an item carries its
title, date and often its text, where a sitemap entry needs its page fetched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from storyline.fetch.urls import canonical_url
from storyline.ingest.feeds import looks_like_feed, looks_like_sitemap

if TYPE_CHECKING:
    from storyline.fetch.client import Fetcher, Response

log = logging.getLogger(__name__)

FEED_TYPES = frozenset(("application/rss+xml", "application/atom+xml", "application/rdf+xml"))
USUAL_FEEDS = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/feed/")
USUAL_SITEMAPS = ("/news-sitemap.xml", "/sitemap_news.xml", "/sitemap-news.xml", "/sitemap.xml")


class DiscoveryError(ValueError):
    """Nothing pollable was found at a URL (the message lists what was tried)."""


@dataclass(frozen=True)
class Discovered:
    url: str  # canonical URL of the feed or sitemap
    kind: str  # "feed" | "sitemap"
    title: str | None = None


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rel = values.get("rel", "").lower().split()
        feed = values.get("type", "").lower() in FEED_TYPES
        if "alternate" in rel and feed and values.get("href"):
            self.links.append(values["href"])


def feed_links(html: str, *, base: str) -> list[str]:
    """Absolute URLs of the feeds a page names in ``<link rel="alternate" type=...>``."""
    parser = _FeedLinks()
    try:
        parser.feed(html)
        parser.close()
    except (ValueError, AssertionError):  # html.parser gives up on some broken markup
        pass
    return [urljoin(base, link) for link in dict.fromkeys(parser.links)]


def kind_of(body: bytes) -> str | None:
    """ "feed", "sitemap" or None, from the first bytes of a response."""
    if looks_like_sitemap(body):
        return "sitemap"
    if looks_like_feed(body[:4096].decode("utf-8", errors="replace")):
        return "feed"
    return None


def feed_title(body: bytes) -> str | None:
    import feedparser  # type: ignore[import-untyped]

    try:
        title = feedparser.parse(body).get("feed", {}).get("title")
    except Exception:  # feedparser on hostile bytes: a title is a nicety
        return None
    return " ".join(title.split()) or None if isinstance(title, str) else None


def _found(response: Response) -> Discovered | None:
    kind = kind_of(response.body) if response.ok else None
    if kind is None:
        return None
    title = feed_title(response.body) if kind == "feed" else None
    return Discovered(canonical_url(response.final_url), kind, title)


def discover(url: str, fetcher: Fetcher) -> Discovered:
    """The feed or sitemap to poll for ``url`` (a feed, a sitemap, or a site's page)."""
    first = fetcher.get(url)
    if not first.ok:
        raise DiscoveryError(f"{url}: could not be fetched ({first.error}).")
    found = _found(first)
    if found:
        return found
    tried: list[str] = []
    text = first.body.decode("utf-8", errors="replace")
    parts = urlsplit(first.final_url)
    root = f"{parts.scheme}://{parts.netloc}"
    named = feed_links(text, base=first.final_url)
    listed = sorted(fetcher.robots.sitemaps(root + "/"), key=lambda u: "news" not in u.lower())
    candidates = [
        *named,
        *(root + path for path in USUAL_FEEDS),
        *listed,
        *(root + path for path in USUAL_SITEMAPS),
    ]
    for candidate in dict.fromkeys(candidates):
        tried.append(candidate)
        found = _found(fetcher.get(candidate))
        if found:
            log.info("%s: following %s %s", url, found.kind, found.url)
            return found
    raise DiscoveryError(
        f"{url}: is not a feed or a sitemap and no feed or news sitemap was found for it "
        f"(tried {len(tried)} addresses: {', '.join(tried[:4])}, ...); follow the feed's own "
        "address instead."
    )
