"""Polling followed feeds from a loopback server: speed, memory, conditional requests, politeness.

A real HTTP server on 127.0.0.1 (the tests' ``loopback_site``) serves ``--feeds`` RSS feeds of
``--items`` teaser items each, every item linking its own article page (synthetic news from
``benchmarks.synth``, so pages are distinct and some are reprints, as in real news). Measured:

1. the first poll: every page fetched, extracted and ingested, rate limit lifted (target: 1,000
   pages in under 60 s on the 2-core machine);
2. ``--polls`` more polls, each after every feed gained two items (100 new articles a poll):
   resident memory after each; it grows only as the store's indexes grow with the articles, so
   ``--polls`` polls of unchanged feeds follow, whose memory must be flat;
3. a poll of unchanged feeds: only conditional requests, all answered 304 (target: nothing else);
4. politeness: 30 pages of one host at the default-style limit of 5 requests/s: the most
   requests in any one-second window (target: never above the limit).

    python -m benchmarks.record watch
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "watch.json"
sys.path.insert(0, str(ROOT / "tests"))  # the loopback server the tests use

from benchmarks.synth import SynthArticle, generate  # noqa: E402
from loopback_site import LOOPBACK, Site, article_page, rss, serve  # noqa: E402


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _item(site: Site, k: int, article: SynthArticle) -> dict[str, str]:
    return {
        "title": article.title,
        "link": site.url(f"/page/{k}") + "?utm_source=rss",
        "description": " ".join(article.text.split()[:20]) + " ...",
        "date": article.published.strftime("%a, %d %b %Y 08:00:00 GMT"),
    }


class Newsroom:
    """The server's content: feeds whose newest items are pages added as the polls go on."""

    def __init__(self, site: Site, *, feeds: int, items: int, articles: Sequence[SynthArticle]):
        self.site, self.feeds, self.items = site, feeds, items
        self.articles = list(articles)
        self.items_of: list[list[int]] = [[] for _ in range(feeds)]
        self.next = 0
        self.version = 0

    def publish(self, per_feed: int) -> None:
        """Add ``per_feed`` new pages to every feed (newest first, at most ``items`` listed)."""
        self.version += 1
        for feed in range(self.feeds):
            for _ in range(per_feed):
                k, self.next = self.next, self.next + 1
                a = self.articles[k]
                html = article_page(a.title, a.text.split("\n\n"), site=a.source)
                self.site.add(f"/page/{k}", html, headers={"Content-Type": "text/html"})
                self.items_of[feed].insert(0, k)
            listed = self.items_of[feed][: self.items]
            body = rss(
                [_item(self.site, k, self.articles[k]) for k in listed], title=f"Feed {feed}"
            )
            self.site.add(f"/feed/{feed}.xml", body, etag=f'"{feed}-{self.version}"')


def measure(feeds: int, items: int, polls: int) -> dict[str, object]:
    from storyline import engine
    from storyline.fetch.client import Fetcher, FetchSettings
    from storyline.store import open_store
    from storyline.store.base import FollowedSource

    total = feeds * items + polls * feeds * 2
    articles = list(generate(total, seed=11))
    results: dict[str, object] = {"feeds": feeds, "items_per_feed": items}
    with tempfile.TemporaryDirectory() as tmp, serve() as site:
        newsroom = Newsroom(site, feeds=feeds, items=items, articles=articles)
        newsroom.publish(items)
        store = open_store(Path(tmp) / "watch.db", durable=False)
        for feed in range(feeds):
            store.add_source(FollowedSource(site.url(f"/feed/{feed}.xml"), "feed", added_at=feed))  # type: ignore[attr-defined]
        lifted = FetchSettings(rate=0, per_host=8, workers=8, allowed_networks=LOOPBACK)
        with Fetcher(lifted) as fetcher:
            start = time.perf_counter()
            first = engine.poll(store, fetcher=fetcher, eager=True)
            seconds = time.perf_counter() - start
            ingested = first.ingest
            results["first_poll"] = {
                "pages_fetched": first.pages_fetched,
                "pages_failed": first.pages_failed,
                "requests": first.requests,
                "articles_new": ingested.new if ingested else 0,
                "duplicates": ingested.duplicates if ingested else 0,
                "seconds": round(seconds, 1),
                "pages_per_second": round(first.pages_fetched / seconds, 1),
            }
            memory = []
            for _ in range(polls):
                newsroom.publish(2)
                engine.poll(store, fetcher=fetcher, eager=True)
                gc.collect()
                memory.append(round(_rss_mb(), 1))
            results["memory_mb_after_each_poll"] = memory
            before = len(site.hits)
            unchanged = engine.poll(store, fetcher=fetcher, eager=True)
            hits = site.hits[before:]
            results["unchanged_poll"] = {
                "requests": unchanged.requests,
                "conditional": unchanged.conditional,
                "answered_304": sum(1 for s in unchanged.sources if s.outcome == "unchanged"),
                "paths_other_than_feeds": sum(1 for h in hits if not h.path.startswith("/feed/")),
            }
            idle = []
            for _ in range(polls):  # what polling itself keeps, without new articles
                engine.poll(store, fetcher=fetcher, eager=True)
                gc.collect()
                idle.append(round(_rss_mb(), 1))
            results["memory_mb_unchanged_polls"] = idle
        store.close()
    results["politeness"] = politeness(rate=5.0, pages=30)
    return results


def politeness(*, rate: float, pages: int) -> dict[str, float]:
    """Fetch ``pages`` pages of one host with ``rate`` requests/s allowed; the busiest second."""
    from storyline import engine
    from storyline.fetch.client import Fetcher, FetchSettings
    from storyline.store import open_store

    with tempfile.TemporaryDirectory() as tmp, serve() as site:
        articles = list(generate(pages, seed=12))
        for k, a in enumerate(articles):
            site.add(f"/p/{k}", article_page(a.title, a.text.split("\n\n")))
        store = open_store(Path(tmp) / "polite.db", durable=False)
        with Fetcher(
            FetchSettings(rate=rate, per_host=4, workers=8, allowed_networks=LOOPBACK)
        ) as fetcher:
            engine.fetch_urls(store, [site.url(f"/p/{k}") for k in range(pages)], fetcher=fetcher)
        store.close()
        starts = sorted(h.at for h in site.hits)
    busiest = max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts)
    return {"rate_limit": rate, "requests": len(starts), "most_in_one_second": busiest}


def main() -> None:
    parser = argparse.ArgumentParser(description="Poll followed feeds from a loopback server.")
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--polls", type=int, default=10)
    args = parser.parse_args()
    results = measure(args.feeds, args.items, args.polls)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    first = results["first_poll"]
    assert isinstance(first, dict)
    memory = results["memory_mb_after_each_poll"]
    assert isinstance(memory, list)
    unchanged = results["unchanged_poll"]
    assert isinstance(unchanged, dict)
    polite = results["politeness"]
    assert isinstance(polite, dict)
    print(f"{args.feeds} feeds x {args.items} items on a loopback server; measured under load")
    print("| measure | value | target |")
    print("|---|---|---|")
    print(
        f"| first poll: pages fetched and ingested (rate limit lifted) | {first['pages_fetched']} "
        f"in {first['seconds']} s ({first['articles_new']} new, {first['duplicates']} reprints, "
        f"{first['pages_failed']} failed) | 1,000 in < 60 s |"
    )
    print(
        f"| resident memory after polls 1..{len(memory)} (MB) | "
        f"{memory[0] if memory else '-'} .. {memory[-1] if memory else '-'} | flat |"
    )
    idle = results["memory_mb_unchanged_polls"]
    assert isinstance(idle, list)
    print(
        f"| resident memory over {len(idle)} polls of unchanged feeds (MB) | "
        f"{idle[0] if idle else '-'} .. {idle[-1] if idle else '-'} | flat |"
    )
    print(
        f"| unchanged feeds: requests / conditional / 304 / other paths | {unchanged['requests']} "
        f"/ {unchanged['conditional']} / {unchanged['answered_304']} / "
        f"{unchanged['paths_other_than_feeds']} | conditional only |"
    )
    print(
        f"| politeness: most requests in one second at {polite['rate_limit']:g}/s | "
        f"{polite['most_in_one_second']:g} of {polite['requests']:g} "
        f"| <= {polite['rate_limit']:g} |"
    )
    print(f"memory after each poll (MB): {memory}")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
