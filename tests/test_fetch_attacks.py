"""What a hostile feed or page can make storyline do, against real loopback servers and a real
store: fetch from private addresses (SSRF), exhaust memory with compressed bodies, stall the
extractors with markup. Each test asserts what reached the attacked server and the store.

127.0.0.1 plays the public site (allowed with ``LOOPBACK``, the opt-in the other fetch tests
use) and 127.0.0.2 the private service a feed must not reach (any of 127.0.0.0/8 is this machine).
"""

from __future__ import annotations

import gzip
import sqlite3
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from loopback_site import LOOPBACK, article_page, serve
from storyline import engine
from storyline.cli import main
from storyline.fetch.client import Fetcher, FetchSettings
from storyline.store import open_store
from storyline.web import ServerSettings, create_app
from test_watch import ARTICLES, add_pages, page, publish, teaser_item

QUICK = {"rate": 0, "retries": 0, "timeout": 10.0}


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "attacks.db")


def test_private_addresses_are_refused_in_every_spelling_before_connecting() -> None:
    with serve() as inside, Fetcher(FetchSettings(robots=False, **QUICK)) as fetcher:
        inside.add("/secret", "the router's admin page")
        port = inside.base.rsplit(":", 1)[1]
        spellings = ["127.0.0.1", "localhost", "2130706433", "0x7f.0.0.1", "0.0.0.0"]
        spellings += ["[::ffff:127.0.0.1]", "127.1"]
        for host in spellings:
            got = fetcher.get(f"http://{host}:{port}/secret")
            assert not got.ok and got.body == b"", host
            assert "private, loopback or link-local" in (got.error or ""), (host, got.error)
            assert not got.transient, "a refused address is not retried"
        assert inside.hits == [], "nothing reached the private server"


def test_an_allowed_network_is_exactly_what_is_allowed() -> None:
    with (
        serve() as public,
        serve(host="127.0.0.2") as private,
        Fetcher(FetchSettings(allowed_networks=LOOPBACK, robots=False, **QUICK)) as fetcher,
    ):
        public.add("/page", "fine")
        private.add("/secret", "credentials")
        public.add("/jump", status=302, headers={"Location": private.url("/secret")})
        assert fetcher.get(public.url("/page")).body == b"fine"
        assert "private" in (fetcher.get(private.url("/secret")).error or "")
        jumped = fetcher.get(public.url("/jump"))
        assert not jumped.ok and "127.0.0.2" in (jumped.error or "")
        assert private.hits == [], "neither a link nor a redirect reached 127.0.0.2"
    with pytest.raises(ValueError, match="allow-network"):
        FetchSettings(allowed_networks=("not-a-network",))


def test_a_feed_linking_to_a_private_address_keeps_its_teaser_and_fetches_nothing_there(
    db: str,
) -> None:
    """The feed is allowed; its items' links are checked on their own."""
    with (
        serve() as site,
        serve(host="127.0.0.2") as private,
        Fetcher(FetchSettings(allowed_networks=LOOPBACK, **QUICK)) as fetcher,
    ):
        private.add("/latest/meta-data/", "AccessKeyId=AKIA-NOT-FOR-READERS")
        items = [teaser_item(site, 0), teaser_item(site, 1)]
        items[1]["link"] = private.url("/latest/meta-data/")
        publish(site, "/feed.xml", items, version="v1")
        add_pages(site, [0])
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert report.pages_fetched == 1 and report.pages_failed == 1
        assert private.hits == []
        kept = store.page(private.url("/latest/meta-data/"))  # type: ignore[attr-defined]
        assert "private" in kept.error and "teaser" in kept.error
        store.close()
        texts = [t for (t,) in sqlite3.connect(db).execute("SELECT text FROM articles")]
        assert len(texts) == 2 and not any("AKIA" in t for t in texts)


def test_the_api_and_the_cli_refuse_a_private_source_unless_allowed(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve() as site:
        publish(site, "/feed.xml", [teaser_item(site, 0)], version="v1")
        with TestClient(create_app(ServerSettings(db=str(tmp_path / "api.db")))) as api:
            refused = api.post("/api/sources", json={"url": site.url("/feed.xml")})
            assert refused.status_code == 422 and "private" in refused.json()["detail"]
        assert site.hits == []
        assert main(["follow", "add", site.url("/feed.xml"), "--db", db, "--rate", "0"]) == 2
        assert "--allow-network" in capsys.readouterr().err
        assert site.hits == []
        allowed = ["--db", db, "--rate", "0", "--allow-network", "127.0.0.1/32"]
        assert main(["follow", "add", site.url("/feed.xml"), *allowed]) == 0
        assert main(["follow", "add", site.url("/feed.xml"), "--allow-network", "x"]) == 2


# --- compressed bodies ---------------------------------------------------------------------------


def _bomb(size: int) -> bytes:
    out = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    chunk = b"\0" * (1 << 20)
    return b"".join(out.compress(chunk) for _ in range(size >> 20)) + out.flush()


def test_a_gzip_bomb_is_stopped_at_the_cap_without_inflating_it() -> None:
    bomb = _bomb(256 << 20)  # 256 MiB of zeros in ~250 KB
    settings = FetchSettings(allowed_networks=LOOPBACK, robots=False, max_bytes=1 << 20, **QUICK)
    with serve() as site, Fetcher(settings) as fetcher:
        site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
        site.add(
            "/stacked",
            gzip.compress(gzip.compress(b"\0" * (8 << 20))),
            headers={"Content-Encoding": "gzip, gzip"},
        )
        tracemalloc.start()
        try:
            got = fetcher.get(site.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert "cap" in (got.error or "") and got.body == b""
        # httpx inflated each 64 KiB read whole: 64 MiB at once here, 7.6 GB for "gzip, gzip".
        assert peak < 8 << 20, peak
        stacked = fetcher.get(site.url("/stacked"))
        assert "Content-Encoding" in (stacked.error or "") and stacked.body == b""


def test_gzip_and_both_deflates_are_read() -> None:
    text = page(3).encode()
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    bodies = {
        "gzip": gzip.compress(text),
        "deflate": zlib.compress(text),
        "raw": raw.compress(text) + raw.flush(),
    }
    with (
        serve() as site,
        Fetcher(FetchSettings(allowed_networks=LOOPBACK, robots=False, **QUICK)) as fetcher,
    ):
        for name, body in bodies.items():
            coding = "gzip" if name == "gzip" else "deflate"
            site.add(f"/{name}", body, headers={"Content-Encoding": coding})
            assert fetcher.get(site.url(f"/{name}")).body == text, name
        site.add("/broken", b"\x1f\x8b" + b"not gzip" * 50, headers={"Content-Encoding": "gzip"})
        assert "damaged" in (fetcher.get(site.url("/broken")).error or "")


# --- markup built to stall the extractors --------------------------------------------------------


def test_pages_built_to_stall_extraction_fail_alone_and_say_why(db: str) -> None:
    """One tag of 300,000 attributes took hours in lxml; 100,000 paragraphs minutes; a page
    nested 300 deep gave its menu as the article."""
    attributes = " ".join(f"a{i}=x" for i in range(300_000))
    crowded = "<p>Short line.</p>" * 100_000
    with serve() as site, Fetcher(FetchSettings(allowed_networks=LOOPBACK, **QUICK)) as fetcher:
        add_pages(site, [0, 1])
        site.add("/attributes", article_page("Tag", [f"x</p><p {attributes}>y"]))
        site.add("/crowded", article_page("Crowd", ["x"]).replace("</article>", crowded))
        # past lxml's depth limit the article was lost and its menu ("Home World Sport") kept
        deep = page(2).replace("<article>", "<article>" + "<div>" * 300)
        site.add("/deep", deep.replace("</article>", "</div>" * 300 + "</article>"))
        store = open_store(db)
        paths = ("/news/0", "/attributes", "/crowded", "/deep", "/news/1")
        urls = [site.url(p) for p in paths]
        started = time.monotonic()
        report = engine.fetch_urls(store, urls, fetcher=fetcher)
        assert time.monotonic() - started < 60
        assert report.ingest is not None and report.ingest.new == 2
        problems = {e.origin: e.problem for e in report.ingest.errors}
        assert "HTML elements" in problems[site.url("/crowded")]
        assert "HTML attributes" in problems[site.url("/attributes")]
        assert "255 deep" in problems[site.url("/deep")]
        assert store.counts().articles == 2
        store.close()
        titles = {t for (t,) in sqlite3.connect(db).execute("SELECT title FROM articles")}
        assert titles == {ARTICLES[0].title, ARTICLES[1].title}


def test_a_huge_robots_txt_is_read_to_the_rfc_limit_only() -> None:
    """protego took 11 s to parse 150,000 rules and 0.26 s to check each page against them."""
    junk = "".join(f"Disallow: /junk{i}/*/x*y$\n" for i in range(150_000))
    robots = f"User-agent: *\nDisallow: /private\n{junk}Disallow: /late\n"
    with serve() as site, Fetcher(FetchSettings(allowed_networks=LOOPBACK, **QUICK)) as fetcher:
        site.add("/robots.txt", robots)
        for path in ("/private", "/late", *(f"/news/{k}" for k in range(10))):
            site.add(path, "page")
        started = time.monotonic()
        assert "robots.txt" in (fetcher.get(site.url("/private")).error or "")
        assert fetcher.get(site.url("/late")).ok, "a rule past 500 KiB is not read (RFC 9309)"
        assert all(fetcher.get(site.url(f"/news/{k}")).ok for k in range(10))
        assert time.monotonic() - started < 5
        assert site.count("/robots.txt") == 1 and site.count("/private") == 0


def test_a_failed_refetch_keeps_the_page_fetched_before(db: str) -> None:
    """The raw page is kept so extraction can be redone; a refetch that fails must not empty it."""
    with serve() as site, Fetcher(FetchSettings(allowed_networks=LOOPBACK, **QUICK)) as fetcher:
        add_pages(site, [0])
        store = open_store(db)
        engine.fetch_urls(store, [site.url("/news/0")], fetcher=fetcher)
        kept = store.page(site.url("/news/0"))  # type: ignore[attr-defined]
        site.routes["/news/0"].status = 500
        again = engine.fetch_urls(store, [site.url("/news/0")], fetcher=fetcher, refetch=True)
        assert again.pages_failed == 1 and site.count("/news/0") == 2
        assert store.page(site.url("/news/0")) == kept  # type: ignore[attr-defined]
        assert zlib.decompress(kept.body).startswith(b"<!doctype html>")
        assert store.counts().articles == 1
        store.close()


def test_a_crawl_delay_of_a_day_is_not_slept_through(db: str) -> None:
    """``Crawl-delay: 86400`` made a poll sleep a day per page; now the pages wait for later
    polls and keep the feed's teasers meanwhile."""
    settings = FetchSettings(allowed_networks=LOOPBACK, **QUICK)
    with serve() as site:
        site.add("/robots.txt", "User-agent: *\nCrawl-delay: 86400\n")
        publish(site, "/feed.xml", [teaser_item(site, k) for k in range(3)], version="v1")
        add_pages(site, range(3))
        store = open_store(db)
        with Fetcher(settings) as fetcher:
            engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        started = time.monotonic()
        with Fetcher(settings) as fetcher:  # robots.txt, then the feed at once, then a day
            report = engine.poll(store, fetcher=fetcher, eager=True)
            assert time.monotonic() - started < 10
            assert report.pages_failed == 3
            assert not any(site.count(f"/news/{k}") for k in range(3))
            kept = store.page(site.url("/news/0"))  # type: ignore[attr-defined]
            assert "Crawl-delay" in kept.error and "teaser" in kept.error
            assert report.ingest is not None and report.ingest.new == 3
            again = engine.poll(store, fetcher=fetcher, eager=True)  # the feed's turn is a day off
            assert again.sources[0].outcome == "failed" and "Crawl-delay" in again.sources[0].error
            assert time.monotonic() - started < 10 and site.count("/feed.xml") == 2
        assert engine.follow_list(store)[0].next_fetch > time.time() + 3600
        store.close()
