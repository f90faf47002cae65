"""Followed sources through the HTTP API, and ``serve --watch`` keeping the store current."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from loopback_site import LOOPBACK, serve
from storyline import engine
from storyline.engine import writer as writers
from storyline.engine.follow import WatchSettings
from storyline.engine.writer_client import RemoteWriter
from storyline.store import open_store
from storyline.web import ServerSettings, create_app
from test_watch import add_pages, publish, teaser_item

TOKEN = "s3cret-token-for-tests"


def test_sources_are_added_listed_and_removed_through_the_api(tmp_path: Path) -> None:
    with (
        serve() as site,
        TestClient(
            create_app(ServerSettings(db=str(tmp_path / "w.db"), fetch_networks=LOOPBACK))
        ) as api,
    ):
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v1")
        added = api.post("/api/sources", json={"url": site.url("/feed.xml")})
        assert added.status_code == 201, added.text
        assert added.json()["kind"] == "feed" and added.json()["title"] == "Harbour Gazette"
        assert api.post("/api/sources", json={"url": site.url("/feed.xml")}).status_code == 200
        listed = api.get("/api/sources").json()
        assert [s["url"] for s in listed] == [site.url("/feed.xml")]
        nothing = api.post("/api/sources", json={"url": site.url("/missing")})
        assert nothing.status_code == 422 and "404" in nothing.json()["detail"]
        assert api.post("/api/sources", json={"url": "ftp://x.example/"}).status_code == 422
        gone = api.delete("/api/sources", params={"url": site.url("/feed.xml")})
        assert gone.status_code == 200 and api.get("/api/sources").json() == []
        assert api.delete("/api/sources", params={"url": site.url("/feed.xml")}).status_code == 404


def test_source_writes_need_the_token_like_ingest(tmp_path: Path) -> None:
    settings = ServerSettings(db=str(tmp_path / "w.db"), token=TOKEN, fetch_networks=LOOPBACK)
    with serve() as site, TestClient(create_app(settings)) as api:
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v1")
        body = {"url": site.url("/feed.xml")}
        assert api.post("/api/sources", json=body).status_code == 401
        assert api.delete("/api/sources", params=body).status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert api.post("/api/sources", json=body, headers=auth).status_code == 201
        assert api.get("/api/sources").status_code == 200  # reads need no token


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_watcher_hands_new_pages_to_the_servers_writer(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    with serve() as site:
        publish(site, "/feed.xml", [teaser_item(site, k) for k in range(3)], version="v1")
        add_pages(site, range(4))
        store = open_store(db)
        from storyline.fetch.client import Fetcher, FetchSettings

        with Fetcher(FetchSettings(allowed_networks=LOOPBACK, rate=0)) as fetcher:
            engine.follow_add(store, site.url("/feed.xml"), fetcher=fetcher)
        started = writers.start(db)
        stop = threading.Event()
        try:
            thread = engine.start_watcher(
                db,
                ingest=RemoteWriter(started.address).ingest,
                stop=stop,
                settings=WatchSettings(interval=1.0),
                fetch_settings=FetchSettings(allowed_networks=LOOPBACK),
                wake_seconds=0.5,
            )
            assert _wait_for(lambda: store.counts().articles == 3, 60)
            publish(site, "/feed.xml", [teaser_item(site, k) for k in range(4)], version="v2")
            assert _wait_for(lambda: store.counts().articles == 4, 60)
            assert [site.count(f"/news/{k}") for k in range(4)] == [1, 1, 1, 1]
        finally:
            stop.set()
            started.stop()
        thread.join(timeout=10)
        assert not thread.is_alive()
        store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_watch_on_the_command_line_ingests_followed_feeds(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    port = _free_port()
    with serve() as site:
        publish(site, "/feed.xml", [teaser_item(site, k) for k in range(2)], version="v1")
        add_pages(site, range(2))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        log = (tmp_path / "serve.log").open("w")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "storyline.cli",
                "serve",
                "--watch",
                "--interval",
                "1",
                "--db",
                db,
                "--port",
                str(port),
                "--allow-network",
                "127.0.0.1",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            import httpx

            def up() -> bool:
                try:
                    return httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200
                except httpx.HTTPError:
                    return False

            assert _wait_for(up, 60)
            added = httpx.post(
                f"http://127.0.0.1:{port}/api/sources", json={"url": site.url("/feed.xml")}
            )
            assert added.status_code == 201, added.text

            def ingested(n: int) -> bool:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health").json()
                return bool(health["articles"] == n)

            assert _wait_for(lambda: ingested(2), 60)
            # --interval: the feed is polled again within seconds, not the default 15 minutes
            publish(site, "/feed.xml", [teaser_item(site, k) for k in range(3)], version="v2")
            add_pages(site, [2])
            assert _wait_for(lambda: ingested(3), 60)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    # the terminal hears of the polls that brought something
    assert (
        "storyline: info: watch: sources with new pages 1, failed 0"
        in (tmp_path / "serve.log").read_text()
    )


def test_the_sources_page_lists_follows_and_unfollows(tmp_path: Path) -> None:
    with (
        serve() as site,
        TestClient(
            create_app(ServerSettings(db=str(tmp_path / "w.db"), fetch_networks=LOOPBACK))
        ) as ui,
    ):
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v1")
        assert "No source followed yet" in ui.get("/sources").text
        form = {"url": site.url("/feed.xml"), "action": "follow"}
        elsewhere = ui.post("/sources", data=form, headers={"Origin": "https://evil.example"})
        assert elsewhere.status_code == 403 and ui.get("/api/sources").json() == []
        followed = ui.post("/sources", data=form)
        assert followed.status_code == 200 and "Harbour Gazette" in followed.text
        bad = ui.post("/sources", data={"url": site.url("/nope"), "action": "follow"})
        assert bad.status_code == 422 and "HTTP 404" in bad.text
        ui.post("/sources", data={"url": site.url("/feed.xml"), "action": "unfollow"})
        assert ui.get("/api/sources").json() == []


def test_the_sources_page_says_when_a_source_was_polled_and_when_nothing_polls_it(
    tmp_path: Path,
) -> None:
    """A server started without --watch never polls what it follows: once a source is past
    due, its page says so rather than reading as current."""
    from storyline.fetch.client import Fetcher, FetchSettings

    db = str(tmp_path / "w.db")
    with (
        serve() as site,
        TestClient(create_app(ServerSettings(db=db, fetch_networks=LOOPBACK))) as ui,
    ):
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v1")
        add_pages(site, [1])
        page = ui.post("/sources", data={"url": site.url("/feed.xml"), "action": "follow"}).text
        assert "last polled" not in page and "Due since" not in page  # just followed
        two_hours_ago = time.time() - 7200  # interval 900 s: due again 1 h 45 min ago
        settings = FetchSettings(allowed_networks=LOOPBACK, robots=False)
        with Fetcher(settings) as fetcher:
            engine.poll(open_store(db), fetcher=fetcher, eager=True, now=two_hours_ago)
        page = ui.get("/sources").text
        polled = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(two_hours_ago))
        due = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(two_hours_ago + 900))
        assert f"ok (HTTP 200); last polled {polled}" in page, page
        assert f"Due since {due} and not polled" in page


def test_the_sources_form_needs_the_token_when_the_server_has_one(tmp_path: Path) -> None:
    settings = ServerSettings(db=str(tmp_path / "w.db"), token=TOKEN, fetch_networks=LOOPBACK)
    with serve() as site, TestClient(create_app(settings)) as ui:
        publish(site, "/feed.xml", [teaser_item(site, 1)], version="v1")
        form = {"url": site.url("/feed.xml"), "action": "follow"}
        assert ui.post("/sources", data=form).status_code == 401
        assert ui.post("/sources", data={**form, "token": "wrong-token"}).status_code == 401
        assert ui.post("/sources", data={**form, "token": TOKEN}).status_code == 200
        assert len(ui.get("/api/sources").json()) == 1


def _paywalled(title: str, words: list[str], *, paid: str, free: bool = False) -> str:
    """A page whose JSON-LD says it is not free and names its paid part ``.paid``."""
    ld = (
        '{"@type": "NewsArticle", "isAccessibleForFree": "False", "hasPart": {"@type": '
        '"WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".paid"}}'
    )
    body = "".join(f"<p>{' '.join(words[k : k + 40])}</p>" for k in range(0, len(words), 40))
    shown = f'<div class="free">{body}</div><div class="paid">{paid}</div>'
    if free:  # the whole text is in the paid part: a metered paywall serves it all
        shown = f'<div class="paid">{body}</div>'
    return (
        f'<html><head><title>{title}</title><script type="application/ld+json">{ld}</script>'
        f"</head><body><article><h1>{title}</h1>{shown}</article></body></html>"
    )


def test_a_paywalled_page_is_kept_marked_partial_and_every_view_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page that declares itself not free and whose paid part holds only the paywall's box is
    kept with its teaser (over 150 words) marked partial: the article page, its JSON and the
    story's sources say so. A page that declares the same but serves its whole text in the
    paid part is not marked; one with under 150 words is refused as a paywall, as before."""
    from storyline.cli import main
    from storyline.fetch.client import Fetcher
    from test_watch import ARTICLES, FAST

    db = str(tmp_path / "w.db")
    text = [w for k in (7, 8, 9) for w in ARTICLES[k].text.split()]
    box = "Get the full story with a Harbour Gazette plan."
    with serve() as site:
        pages = {
            "/news/7": _paywalled(ARTICLES[7].title, text[:200], paid=box),
            "/news/8": _paywalled(ARTICLES[8].title, text[200:500], paid=box, free=True),
            "/news/9": _paywalled(ARTICLES[9].title, text[500:580], paid=box),
        }
        for path, html in pages.items():
            site.add(path, html, headers={"Content-Type": "text/html; charset=utf-8"})
        publish(site, "/feed.xml", [teaser_item(site, k) for k in (7, 8, 9)], version="v1")
        store = open_store(db)
        with Fetcher(FAST) as f:
            engine.follow_add(store, site.url("/feed.xml"), fetcher=f)
            engine.poll(store, fetcher=f, eager=True)
        refused = store.page(site.url("/news/9"))  # type: ignore[attr-defined]
        assert refused.state == "failed" and "behind a paywall" in refused.error
        by_url = {a.url: a for s in store.stories() for a in _members(store, s.id)}
        cut, whole = by_url[site.url("/news/7")], by_url[site.url("/news/8")]
        assert cut.partial is not None and "paywall" in cut.partial
        assert len(cut.text.split()) >= 150 and whole.partial is None
        story = store.story_of([cut.id])[cut.id]
        store.close()

    assert main(["story", story, "--db", db]) == 0
    footnotes = [line for line in capsys.readouterr().out.splitlines() if "[^" in line]
    assert any("partial text" in line and ARTICLES[7].title in line for line in footnotes)
    assert not any("partial text" in line and ARTICLES[8].title in line for line in footnotes)
    with TestClient(create_app(ServerSettings(db=db))) as api:
        page = api.get(f"/articles/{cut.id}").text
        assert "partial text" in page and "This is not the whole article" in page
        assert "partial text" not in api.get(f"/articles/{whole.id}").text
        assert api.get(f"/api/articles/{cut.id}").json()["partial"] == cut.partial
        assert "partial text" in api.get(f"/stories/{story}").text


def _members(store: object, story: str) -> list[object]:
    ids = [m.article_id for m in store.members(story)]  # type: ignore[attr-defined]
    return store.articles(ids)  # type: ignore[attr-defined, no-any-return]
