"""Following sources and polling them, against a real loopback server and a real store.

Each test asserts what was fetched, how often and with which headers, and what reached the store.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.synth import SynthConfig, generate

from loopback_site import LOOPBACK, Site, article_page, rss, serve
from storyline import engine
from storyline.cli import main
from storyline.engine.listing import lead_sentence
from storyline.fetch import poller
from storyline.fetch.client import Fetcher, FetchSettings
from storyline.models import Article
from storyline.store import Store, open_store
from storyline.store.base import PAGE_INGESTED

FAST = FetchSettings(allowed_networks=LOOPBACK, rate=0, backoff=0.05, timeout=5.0, retries=1)
# Distinct fictional articles (no agency copies, no briefs): none is a reprint of another.
ARTICLES = list(
    generate(
        40,
        seed=15,
        config=SynthConfig(wire_probability=0, exact_repost_probability=0, brief_probability=0),
    )
)


def page(k: int) -> str:
    a = ARTICLES[k]
    return article_page(a.title, a.text.split("\n\n"), site=a.source)


def teaser_item(site: Site, k: int, *, path: str | None = None) -> dict[str, str]:
    path = path or f"/news/{k}"
    a = ARTICLES[k]
    return {
        "title": a.title,
        "link": site.url(path) + "?utm_source=rss&utm_medium=feed",
        "description": " ".join(a.text.split()[:25]) + " ...",
        "date": a.published.strftime("%a, %d %b %Y 08:00:00 GMT"),
    }


def full_item(site: Site, k: int) -> dict[str, str]:
    item = teaser_item(site, k)
    item["content"] = "".join(f"<p>{p}</p>" for p in ARTICLES[k].text.split("\n\n"))
    return item


def publish(site: Site, path: str, items: list[dict[str, str]], *, version: str) -> None:
    site.add(path, rss(items), etag=f'"{version}"', headers={"Content-Type": "application/rss+xml"})


def add_pages(site: Site, ks: range | list[int]) -> None:
    for k in ks:
        site.add(f"/news/{k}", page(k), headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "live.db")


def test_a_site_address_finds_its_feed_and_follow_list_shows_it(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add(
            "/",
            '<html><head><link rel="alternate" type="application/rss+xml" '
            'href="/feeds/main.xml"></head><body>Home</body></html>',
        )
        publish(site, "/feeds/main.xml", [teaser_item(site, 1)], version="v1")
        store = open_store(db)
        source, added = engine.follow_add(store, site.url("/"), fetcher=fetcher)
        again, added_again = engine.follow_add(store, site.url("/feeds/main.xml"), fetcher=fetcher)
        assert added and not added_again and again.url == source.url
        assert source.url == site.url("/feeds/main.xml") and source.kind == "feed"
        assert source.site == site.url("/") and source.title == "Harbour Gazette"
        store.close()


def test_a_site_without_feed_links_is_found_at_usual_paths_or_its_news_sitemap(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/", "<html><body>No links here</body></html>")
        site.add("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site.url('/maps/news.xml')}\n")
        site.add(
            "/maps/news.xml",
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9"><url><loc>{site.url("/news/1")}</loc></url></urlset>',
        )
        store = open_store(db)
        source, _ = engine.follow_add(store, site.url("/"), fetcher=fetcher)
        assert source.kind == "sitemap" and source.url == site.url("/maps/news.xml")
        assert site.count("/rss.xml") == 1  # a usual feed path was tried first
        with pytest.raises(ValueError, match=r"/nothing: could not be fetched \(HTTP 404\)"):
            engine.follow_add(store, site.url("/nothing"), fetcher=fetcher)
        store.close()
    with serve() as bare, Fetcher(FAST) as fetcher:
        bare.add("/", "<html><body>Just a page</body></html>")
        store = open_store(db)
        with pytest.raises(ValueError, match="no feed or news sitemap was found"):
            engine.follow_add(store, bare.url("/"), fetcher=fetcher)
        store.close()


def test_polls_fetch_teasers_pages_once_and_then_only_ask_if_changed(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        items = [teaser_item(site, k) for k in range(3)] + [full_item(site, 3)]
        publish(site, "/feed.xml", items, version="v1")
        add_pages(site, range(5))
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        first = engine.poll(store, fetcher=fetcher, eager=True)
        assert first.count("new") == 1 and first.pages_fetched == 3
        assert first.ingest is not None and first.ingest.new == 4
        assert [site.count(f"/news/{k}") for k in range(4)] == [1, 1, 1, 0]  # 3 carries its text
        titles = {a.title for a in store.articles(_ids(store))}
        assert titles == {ARTICLES[k].title for k in range(4)}

        before = len(site.hits)
        parsed: list[str] = []
        real_parse = poller.parse_feed
        monkeypatch.setattr(
            poller, "parse_feed", lambda data, **kw: parsed.append("feed") or real_parse(data, **kw)
        )
        second = engine.poll(store, fetcher=fetcher, eager=True)
        assert parsed == []  # a 304 costs no parse
        new_hits = site.hits[before:]
        assert [h.path for h in new_hits] == ["/feed.xml"]
        assert new_hits[0].headers["if-none-match"] == '"v1"'
        assert second.count("unchanged") == 1 and second.requests == second.conditional == 1

        publish(site, "/feed.xml", [teaser_item(site, 4), *items], version="v2")
        third = engine.poll(store, fetcher=fetcher, eager=True)
        assert parsed == ["feed"]
        assert third.pages_fetched == 1 and site.count("/news/4") == 1
        assert [site.count(f"/news/{k}") for k in range(3)] == [1, 1, 1]  # nothing twice
        assert store.counts().articles == 5
        source = engine.follow_list(store)[0]
        assert source.etag == '"v2"' and source.articles == 5 and source.last_new == 1
        store.close()


def _ids(store: Store) -> list[str]:
    return [m.article_id for s in store.stories() for m in store.members(s.id)]


def test_the_same_page_in_two_feeds_is_fetched_once(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        publish(site, "/a.xml", [teaser_item(site, 1)], version="a")
        other = teaser_item(site, 1)
        other["link"] = site.url("/news/1") + "?fbclid=abc"
        publish(site, "/b.xml", [other], version="b")
        add_pages(site, [1])
        store = open_store(db)
        for feed in ("/a.xml", "/b.xml"):
            engine.follow_add(store, site.url(feed), fetcher=fetcher)
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert site.count("/news/1") == 1 and report.pages_fetched == 1
        store.close()


def test_a_failing_source_does_not_stop_the_others_and_backs_off(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        publish(site, "/good.xml", [teaser_item(site, 1)], version="g")
        publish(site, "/bad.xml", [teaser_item(site, 2)], version="b")
        site.add("/broken.xml", "<rss><channel><item><title>cut", etag='"x"')
        add_pages(site, [1, 2])
        store = open_store(db)
        for feed in ("/good.xml", "/bad.xml", "/broken.xml"):
            engine.follow_add(store, site.url(feed), fetcher=fetcher)
        site.routes["/bad.xml"].failures = [(500, {})] * 20
        report = engine.poll(store, fetcher=fetcher, eager=True)
        outcomes = {s.url.rsplit("/", 1)[1]: s.outcome for s in report.sources}
        assert outcomes == {"good.xml": "new", "bad.xml": "failed", "broken.xml": "failed"}
        assert store.counts().articles == 1
        bad = {s.url: s for s in engine.follow_list(store)}[site.url("/bad.xml")]
        assert bad.failures == 1 and bad.last_error == "HTTP 500" and bad.next_fetch > time.time()
        hits = site.count("/bad.xml")
        again = engine.poll(store, fetcher=fetcher, eager=True)
        assert site.count("/bad.xml") == hits  # backing off: not asked again yet
        assert {s.outcome for s in again.sources if s.url.endswith("bad.xml")} == {"waiting"}
        store.close()


def test_a_429_with_a_long_retry_after_backs_the_source_off_that_long(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v")
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        site.routes["/feed.xml"].failures = [(429, {"Retry-After": "7200"})]
        engine.poll(store, fetcher=fetcher, eager=True)
        source = engine.follow_list(store)[0]
        assert source.failures == 1 and source.next_fetch >= time.time() + 7000
        assert site.count("/feed.xml") == 2  # once to follow it, once to poll it
        store.close()


def test_robots_disallowed_pages_keep_the_teaser_and_are_not_fetched(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/robots.txt", "User-agent: *\nDisallow: /members/\n")
        item = teaser_item(site, 5, path="/members/5")
        publish(site, "/feed.xml", [item], version="v")
        site.add("/members/5", page(5))
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert site.count("/members/5") == 0 and report.pages_failed == 1
        kept = store.page(site.url("/members/5"))  # type: ignore[attr-defined]
        assert kept.state == PAGE_INGESTED and "robots.txt" in kept.error
        assert store.counts().articles == 1  # the teaser, as the feed gave it
        store.close()


def test_oversized_and_malformed_pages_fail_alone(db: str) -> None:
    with (
        serve() as site,
        Fetcher(
            FetchSettings(allowed_networks=LOOPBACK, rate=0, max_bytes=50_000, retries=0)
        ) as fetcher,
    ):
        items = [teaser_item(site, k) for k in range(3)]
        items[0].pop("description")
        publish(site, "/feed.xml", items, version="v")
        site.add("/news/0", b"<html>" + b"<p>padding</p>" * 10_000)
        site.add("/news/1", b"\x00\x01\x02\xff" * 100, headers={"Content-Type": "text/html"})
        add_pages(site, [2])
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert report.ingest is not None and report.ingest.new >= 1
        big = store.page(site.url("/news/0"))  # type: ignore[attr-defined]
        assert big.state == "failed" and "cap" in big.error
        binary = store.page(site.url("/news/1"))  # type: ignore[attr-defined]
        assert binary.state == "failed" and binary.error
        store.close()


def test_fetch_keeps_the_raw_page_compressed_and_skips_pages_fetched_before(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve() as site:
        add_pages(site, [1, 2])
        urls = [site.url("/news/1"), site.url("/news/2") + "?utm_campaign=x"]
        local = ["--db", db, "--rate", "0", "--allow-network", "127.0.0.1"]
        assert main(["fetch", *urls, *local]) == 0
        assert "fetched 2 pages" in capsys.readouterr().out
        assert main(["fetch", site.url("/news/1"), *local]) == 0
        assert "1 fetched before" in capsys.readouterr().out
        assert site.count("/news/1") == 1
        store = open_store(db)
        kept = store.page(site.url("/news/2"))  # type: ignore[attr-defined]
        import zlib

        words = ARTICLES[2].text.split()[:6]
        assert " ".join(words).encode() in zlib.decompress(kept.body)
        assert len(kept.body) < len(zlib.decompress(kept.body))
        assert store.counts().articles == 2
        store.close()


def test_a_url_given_to_ingest_says_to_use_fetch(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", "https://news.example/story", "--db", db]) == 2
    assert "storyline fetch https://news.example/story" in capsys.readouterr().err
    assert main(["summarize", "http://news.example/a"]) == 2


def test_watch_once_and_follow_list_on_the_command_line(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve() as site:
        publish(site, "/feed.xml", [teaser_item(site, k) for k in range(2)], version="v1")
        publish(site, "/down.xml", [], version="d")
        add_pages(site, range(2))
        args = ["--db", db, "--rate", "0", "--allow-network", "127.0.0.1"]
        assert main(["follow", "add", site.url("/feed.xml"), site.url("/down.xml"), *args]) == 0
        site.routes["/down.xml"].failures = [(503, {})] * 20
        assert main(["watch", "--once", *args]) == 1
        out = capsys.readouterr()
        assert "+ " + site.url("/feed.xml") + ": 2 new" in out.err
        assert "backing off" in out.err
        assert "1 with new pages, 0 unchanged, 1 failed" in out.out and "2 new" in out.out
        assert main(["follow", "list", "--db", db]) == 0
        listing = capsys.readouterr().out
        assert "2 new then" in listing and "failing (1 in a row: HTTP 503)" in listing
        assert main(["follow", "list", "--json", "--db", db]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert {r["kind"] for r in rows} == {"feed"}
        assert main(["follow", "remove", site.url("/down.xml"), "--db", db]) == 0
        assert len(engine.follow_list(open_store(db))) == 1
        capsys.readouterr()
        assert main(["watch", "--once", *args]) == 0
        again = capsys.readouterr().out  # counts of one read in the singular
        assert "polled 1 source: 0 with new pages, 1 unchanged" in again, again
        assert "fetched 0 pages (0 failed) in 2 requests (1 conditional)" in again, again
        assert main(["follow", "add", site.url("/feed.xml"), "--db", db]) == 2
        refused = capsys.readouterr().err.strip()  # one full stop, after the reason's bracket
        assert refused.endswith("--allow-network with that address or its network)."), refused


def test_a_poll_killed_mid_way_loses_nothing_and_fetches_nothing_twice(db: str) -> None:
    """Kill ``watch --once`` while one page hangs; the next run finishes the job."""
    with serve() as site:
        publish(site, "/feed.xml", [teaser_item(site, k) for k in range(6)], version="v1")
        add_pages(site, range(6))
        site.routes["/news/5"].delay = 60
        args = ["--db", db, "--rate", "0", "--allow-network", "127.0.0.1"]
        assert main(["follow", "add", site.url("/feed.xml"), *args]) == 0
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "storyline.cli", "watch", "--once", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not all(site.count(f"/news/{k}") for k in range(6)):
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.05)
            time.sleep(1.5)  # the five quick pages are kept within half a second
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
        site.routes["/news/5"].delay = 0
        store = open_store(db)
        assert engine.follow_list(store)[0].etag is None  # validators not saved: polled again
        with Fetcher(FAST) as fetcher:
            engine.poll(store, fetcher=fetcher, eager=True)
        assert store.counts().articles == 6
        assert [site.count(f"/news/{k}") for k in range(6)] == [1] * 5 + [2]
        store.close()


def test_a_news_sitemap_source_has_its_listed_pages_fetched(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        urls = "".join(
            f"<url><loc>{site.url(f'/news/{k}')}</loc><lastmod>2025-06-1{k}</lastmod></url>"
            for k in range(3)
        )
        site.add(
            "/index.xml",
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{site.url('/news-sitemap.xml')}</loc></sitemap></sitemapindex>",
        )
        site.add(
            "/news-sitemap.xml",
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        )
        add_pages(site, range(3))
        store = open_store(db)
        source, _ = engine.follow_add(store, site.url("/index.xml"), fetcher=fetcher)
        assert source.kind == "sitemap"
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert report.pages_fetched == 3 and store.counts().articles == 3
        assert [site.count(f"/news/{k}") for k in range(3)] == [1, 1, 1]
        store.close()


def test_follow_list_and_remove_refuse_a_missing_database(tmp_path: Path) -> None:
    """Read commands never create a database: a mistyped --db is an error, not an empty list."""
    from storyline import cli

    missing = tmp_path / "typo.db"
    for command in (["follow", "list"], ["follow", "remove", "https://news.example/feed.xml"]):
        assert cli.main([*command, "--db", str(missing)]) == 2
        assert not missing.exists()


def test_a_page_that_failed_is_fetched_again_and_a_redirected_link_only_once(db: str) -> None:
    """fetch asks again for a page that failed before (it said 'fetched before' and never
    retried); a feed link that redirects and the direct link to the same page cost one fetch;
    a poll asks again for a page that failed for a passing reason, not for a 404."""
    with serve() as site, Fetcher(FAST) as fetcher:
        add_pages(site, [1, 2, 3])
        site.routes["/news/1"].failures = [(503, {})] * 2  # FAST retries once: the run fails
        store = open_store(db)
        first = engine.fetch_urls(store, [site.url("/news/1")], fetcher=fetcher)
        assert first.pages_failed == 1 and store.counts().articles == 0
        again = engine.fetch_urls(store, [site.url("/news/1")], fetcher=fetcher)
        assert again.fetched_before == 0 and again.pages_fetched == 1
        assert store.counts().articles == 1

        site.add("/go/2", status=302, headers={"Location": site.url("/news/2")})
        site.routes["/news/3"].failures = [(500, {})] * 2
        items = [teaser_item(site, 2, path="/go/2"), teaser_item(site, 3)]
        items[1]["description"] = ""  # a title-only item: no teaser to keep in its place
        items.append(teaser_item(site, 4, path="/news/missing"))
        publish(site, "/feed.xml", items, version="v1")
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        engine.poll(store, fetcher=fetcher, eager=True)
        assert site.count("/news/2") == 1 and site.count("/news/missing") == 1
        publish(site, "/feed.xml", [teaser_item(site, 2), *items], version="v2")
        engine.poll(store, fetcher=fetcher, eager=True)
        assert site.count("/news/2") == 1  # known by where the redirect landed
        assert site.count("/news/3") == 3  # a 500 passes: asked again, and now kept
        assert site.count("/news/missing") == 1  # a 404 is an answer: not asked every poll
        titles = {a.title for a in store.articles(_ids(store))}
        assert titles == {ARTICLES[k].title for k in (1, 2, 3)}
        store.close()


def test_a_pulled_page_keeps_no_teaser_and_unnamed_pages_take_the_feed_outlet(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A feed item whose page is 404 was pulled or is not out yet: its teaser is not an
    article. A page that names no outlet is the feed's outlet, as its other pages name it,
    not the address's host. The source says how many of its pages gave no article."""
    with serve() as site, Fetcher(FAST) as fetcher:
        a = ARTICLES[5]
        body = "".join(f"<p>{p}</p>" for p in a.text.split("\n\n"))
        site.add(
            "/news/5", f"<html><head><title>{a.title}</title></head><body>{body}</body></html>"
        )
        items = [teaser_item(site, 5), teaser_item(site, 6, path="/news/pulled")]
        site.add(
            "/feed.xml",
            rss(items, title="Harbour Gazette - Top stories"),
            etag='"v"',
            headers={"Content-Type": "application/rss+xml"},
        )
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert report.pages_failed == 1
        articles = store.articles(_ids(store))
        assert [(x.title, x.source) for x in articles] == [(a.title, "Harbour Gazette")]
        assert store.page(site.url("/news/pulled")).state == "failed"  # type: ignore[union-attr]
        (source,) = engine.follow_list(store)
        assert (source.articles, source.refused) == (2, 1)
        assert source.last_refused == site.url("/news/pulled") + ": HTTP 404"
        store.close()
    assert main(["follow", "list", "--db", db]) == 0
    assert "\n    1 of its 2 pages gave no article; the latest: " in capsys.readouterr().out


def test_a_feed_that_is_gone_says_how_to_find_it_again(db: str) -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v")
        add_pages(site, [1])
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        engine.poll(store, fetcher=fetcher, eager=True)
        del site.routes["/feed.xml"]
        report = engine.poll(store, fetcher=fetcher, eager=True)
        (failed,) = report.sources
        assert failed.outcome == "failed" and failed.error is not None
        assert failed.error.startswith("HTTP 404: the feed is no longer at this address")
        assert "follow the site's address again" in failed.error
        store.close()


def test_a_teaser_kept_for_a_failed_page_is_replaced_when_a_later_poll_fetches_it(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two teaser-only items whose pages answer 503: their teasers are kept, marked partial.
    The feed does not change (304), but the next poll asks for the pages again and each
    article takes its teaser's place in the story, whether the teaser is the article's lead
    (a copy dedup finds) or a standfirst of its own (found by the page's address); the teaser
    stays as its reprint, shown as the page's earlier partial text, and nothing is fetched a
    third time."""
    with serve() as site, Fetcher(FAST) as fetcher:
        lead = teaser_item(site, 1)  # the lead, its first words cut: a copy dedup finds
        lead["description"] = " ".join(ARTICLES[1].text.split()[2:30]) + " ..."
        standfirst = teaser_item(site, 2)
        standfirst["description"] = "The latest from the talks, and what comes next, in brief."
        publish(site, "/feed.xml", [lead, standfirst], version="v1")
        add_pages(site, [1, 2])
        for k in (1, 2):
            site.routes[f"/news/{k}"].failures = [(503, {})] * 2  # FAST retries once
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        engine.poll(store, fetcher=fetcher, eager=True)
        before = {s.id: s for s in store.stories()}
        teasers = {a.id: a for s in before for a in _articles(store, s)}
        assert len(teasers) == 2 and all(a.partial for a in teasers.values())
        assert [site.count(f"/news/{k}") for k in (1, 2)] == [2, 2]

        again = engine.poll(store, fetcher=fetcher, eager=True)
        assert again.count("unchanged") == 1 and again.pages_fetched == 2
        assert again.ingest is not None and (again.ingest.new, again.ingest.replaced) == (2, 2)
        assert [site.count(f"/news/{k}") for k in (1, 2)] == [3, 3]
        after = store.stories()
        assert {s.id for s in after} == set(before)  # each page took its teaser's place
        pages = [a for s in after for a in _articles(store, s.id)]
        assert len(pages) == 2 and not set(teasers) & {a.id for a in pages}
        for page in pages:
            assert page.partial is None and len(page.text.split()) > 150
            (teaser,) = store.reprints([page.id])[page.id]
            assert teasers[teaser].url == page.url  # kept, as its reprint
            kept = store.page(page.url)  # type: ignore[attr-defined]
            assert "replaces the teaser" in kept.error
        for story in after:
            assert story.reprints == before[story.id].reprints + len(_articles(store, story.id))
            assert story.version > before[story.id].version
        listed = store.story_list(
            sort="newest", min_articles=1, seen_since=None, limit=10, offset=0
        ).stories
        leads = {lead_sentence(page, label=row.label) for page in pages for row in listed}
        assert all(row.snippet in leads for row in listed), (listed, leads)  # not the teaser's
        assert store.check() == []
        story_id = after[0].id
        store.close()

        with Fetcher(FAST) as again_fetcher, open_store(db) as reopened:
            engine.poll(reopened, fetcher=again_fetcher, eager=True)
        assert [site.count(f"/news/{k}") for k in (1, 2)] == [3, 3]  # kept now: not asked
    assert main(["story", story_id, "--db", db]) == 0
    assert "its earlier partial text, replaced by the page" in capsys.readouterr().out


def _articles(store: Store, story: str) -> list[Article]:
    return store.articles([m.article_id for m in store.members(story)])


def test_a_tracker_link_and_the_direct_link_to_one_article_keep_it_once(db: str) -> None:
    """A feed links an article through a redirect (to its address with a campaign tag) and
    directly, and an AMP copy that declares the article's address beside the article: each
    article is stored once, under its own address. Two articles whose pages both declare the
    site's root as canonical (a misconfigured site) stay two."""
    with serve() as site, Fetcher(FAST) as fetcher:
        html = {"Content-Type": "text/html; charset=utf-8"}
        add_pages(site, [2, 3])
        tagged = site.url("/news/2") + "?utm_source=feedburner"
        site.add("/go/2", status=302, headers={"Location": tagged})
        site.add("/news/2?utm_source=feedburner", page(2), headers=html)
        canonical = f'<head><link rel="canonical" href="{site.url("/news/3")}">'
        site.add("/amp/3", page(3).replace("<head>", canonical), headers=html)
        root = f'<head><meta property="og:url" content="{site.url("/")}">'
        for k in (4, 5):
            site.add(f"/news/{k}", page(k).replace("<head>", root), headers=html)
        items = [teaser_item(site, 2, path="/go/2"), teaser_item(site, 2)]
        items += [teaser_item(site, 3, path="/amp/3"), teaser_item(site, 3)]
        items += [teaser_item(site, 4), teaser_item(site, 5)]
        publish(site, "/feed.xml", items, version="v1")
        store = open_store(db)
        engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        report = engine.poll(store, fetcher=fetcher, eager=True)
        assert report.ingest is not None and report.ingest.duplicates == 0
        articles = store.articles(_ids(store))
        assert sorted(a.url or "" for a in articles) == [
            site.url(f"/news/{k}") for k in range(2, 6)
        ]
        assert store.counts().reprints == 0 and store.check() == []
        assert engine.follow_list(store)[0].articles == 4  # six links, four pages
        for pair in (("/go/2", "/news/2"), ("/amp/3", "/news/3")):  # whichever came first
            rows = [store.page(site.url(p)) for p in pair]  # type: ignore[attr-defined]
            assert sorted(bool(row.body) for row in rows) == [False, True]
            assert any("kept once" in (row.error or "") for row in rows)

        again = [*items, teaser_item(site, 3, path="/amp/3?utm_medium=x")]
        publish(site, "/feed.xml", again, version="v2")
        before = len(site.hits)
        engine.poll(store, fetcher=fetcher, eager=True)
        assert [h.path for h in site.hits[before:]] == ["/feed.xml"]  # all known by now
        store.close()


@pytest.mark.parametrize(
    ("fetched", "declared", "lives"),
    [
        ("http://a.example/amp/3?utm_source=x", "/news/3", "http://a.example/news/3"),
        ("http://a.example/2025/slug/amp", "/2025/slug", "http://a.example/2025/slug"),
        (
            "http://m.a.example/2025/slug",
            "https://www.a.example/2025/slug",
            "https://www.a.example/2025/slug",
        ),
        ("http://a.example/article?id=3&amp=1", "/article?id=3", "http://a.example/article?id=3"),
        # not trusted: the root, a section above the page, another page, another site
        ("http://a.example/news/3", "/", "http://a.example/news/3"),
        ("http://a.example/news/2025/story", "/news/", "http://a.example/news/2025/story"),
        ("http://a.example/news/2025/story", "/news/latest", "http://a.example/news/2025/story"),
        ("http://a.example/news/3", "http://b.example/news/3", "http://a.example/news/3"),
    ],
)
def test_a_page_lives_where_it_declares_only_when_that_can_be_this_page(
    fetched: str, declared: str, lives: str
) -> None:
    head = f'<html><head><link rel="canonical" href="{declared}"></head>'.encode()
    assert poller.page_address(fetched, head) == lives
