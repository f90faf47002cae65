"""The polite HTTP client against a real server on loopback: what it asks, how often, how fast."""

from __future__ import annotations

import itertools
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from loopback_site import LOOPBACK, running, serve
from storyline.fetch.client import Fetcher, FetchSettings, retry_after_seconds
from storyline.fetch.urls import BadURL, canonical_url

FAST = FetchSettings(allowed_networks=LOOPBACK, rate=0, backoff=0.05, timeout=5.0, robots=False)


def test_canonical_urls_drop_tracking_and_normalise_spelling() -> None:
    a = canonical_url("HTTPS://News.Example.com:443/a/b?utm_source=rss&id=7&fbclid=x#top")
    b = canonical_url("https://news.example.com/a/b?id=7&utm_medium=feed")
    assert a == b == "https://news.example.com/a/b?id=7"
    assert canonical_url("/x?b=2&a=1", base="http://h.example/y/") == "http://h.example/x?a=1&b=2"
    assert canonical_url("http://h.example") == "http://h.example/"
    assert canonical_url("http://h.example:8080/p") == "http://h.example:8080/p"
    with pytest.raises(BadURL, match="not an http"):
        canonical_url("ftp://h.example/file")
    with pytest.raises(BadURL):
        canonical_url("javascript:alert(1)")


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after_seconds("3") == 3.0
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(1_000_100))
    assert retry_after_seconds(stamp, now=1_000_000) == pytest.approx(100.0)
    assert retry_after_seconds("soon") is None


def test_a_conditional_get_sends_validators_and_a_304_has_no_body() -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/feed", "<rss/>", etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
        first = fetcher.get(site.url("/feed"))
        assert first.ok and first.etag == '"v1"' and first.body == b"<rss/>"
        again = fetcher.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        hit = site.requests("/feed")[1]
        assert hit.headers["if-none-match"] == '"v1"'
        assert hit.headers["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
        assert hit.headers["user-agent"].startswith("storyline/")
        log = fetcher.drain_log()
        assert [r.conditional for r in log] == [False, True] and [r.status for r in log] == [
            200,
            304,
        ]


def test_429_is_retried_after_the_time_the_server_asks() -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/busy", "fine now", failures=[(429, {"Retry-After": "1"})])
        response = fetcher.get(site.url("/busy"))
        first, second = site.requests("/busy")
        assert response.ok and response.attempts == 2 and response.body == b"fine now"
        assert second.at - first.at >= 0.95


def test_5xx_is_retried_with_growing_waits_then_given_up() -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/flaky", "ok", failures=[(500, {}), (503, {})])
        assert fetcher.get(site.url("/flaky")).ok
        site.add("/down", "never", failures=[(500, {})] * 10)
        response = fetcher.get(site.url("/down"))
        assert not response.ok and response.transient and response.error == "HTTP 500"
        hits = site.requests("/down")
        assert len(hits) == FAST.retries + 1
        gaps = [b.at - a.at for a, b in itertools.pairwise(hits)]
        # The waits asked for are 0.05, 0.1 and 0.2 s. A loaded machine only ever adds to a gap,
        # so each gap is bounded below by its own wait (that it grows) and the whole run loosely above.
        assert all(gap >= 0.9 * FAST.backoff * 2**i for i, gap in enumerate(gaps)), gaps
        assert sum(gaps) < 3.0, gaps


def test_a_long_retry_after_is_not_slept_through() -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/later", "x", failures=[(429, {"Retry-After": "3600"})] * 2)
        start = time.monotonic()
        response = fetcher.get(site.url("/later"))
        assert time.monotonic() - start < 2
        assert response.retry_after == 3600 and site.count("/later") == 1


def test_redirects_are_followed_a_bounded_number_of_times_and_loops_refused() -> None:
    with serve() as site, Fetcher(FAST) as fetcher:
        site.add("/old", status=301, headers={"Location": "/new"})
        site.add("/new", "moved here")
        response = fetcher.get(site.url("/old"))
        assert response.ok and response.final_url == site.url("/new")
        site.add("/a", status=302, headers={"Location": "/b"})
        site.add("/b", status=302, headers={"Location": "/a?utm_source=loop"})
        loop = fetcher.get(site.url("/a"))
        assert not loop.ok and "redirect loop" in (loop.error or "")
        assert site.count("/a") == 1 and site.count("/b") == 1
        for n in range(10):
            site.add(f"/hop{n}", status=307, headers={"Location": f"/hop{n + 1}"})
        site.add("/elsewhere", status=302, headers={"Location": "ftp://files.example/x"})
        assert "unusable address" in (fetcher.get(site.url("/elsewhere")).error or "")
        far = fetcher.get(site.url("/hop0"))
        assert "more than 5 redirects" in (far.error or "")
        assert site.count("/hop6") == 0


def test_bodies_over_the_cap_are_cut_off_declared_or_not() -> None:
    small = FetchSettings(
        allowed_networks=LOOPBACK, rate=0, max_bytes=10_000, robots=False, retries=0
    )
    with serve() as site, Fetcher(small) as fetcher:
        site.add("/big", b"x" * 50_000)
        site.add("/unsized", b"z" * 50_000, unsized=True)
        for path in ("/big", "/unsized"):
            response = fetcher.get(site.url(path))
            assert not response.ok and "cap" in (response.error or "") and response.body == b""
        site.add("/fits", b"z" * 9_000, unsized=True)
        assert fetcher.get(site.url("/fits")).body == b"z" * 9_000


def test_a_slow_server_times_out_and_a_dripping_one_is_cut_off() -> None:
    quick = FetchSettings(
        allowed_networks=LOOPBACK, rate=0, timeout=0.5, retries=1, backoff=0.01, robots=False
    )
    with serve() as site, Fetcher(quick) as fetcher:
        site.add("/slow", "late", delay=1.5)
        response = fetcher.get(site.url("/slow"))
        assert not response.ok and "timed out" in (response.error or "")
        assert response.attempts == 2
        site.add("/drip", b"y" * 20_000, drip=0.1)
        start = time.monotonic()
        dripped = fetcher.get(site.url("/drip"))
        assert not dripped.ok and time.monotonic() - start < 3


def test_robots_txt_is_read_once_and_obeyed() -> None:
    polite = FetchSettings(allowed_networks=LOOPBACK, rate=0, backoff=0.01)
    with serve() as site, Fetcher(polite) as fetcher:
        site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n")
        site.add("/private/page", "secret")
        site.add("/public/page", "hello")
        blocked = fetcher.get(site.url("/private/page"))
        assert not blocked.ok and "robots.txt" in (blocked.error or "")
        assert fetcher.get(site.url("/public/page")).ok
        assert fetcher.get(site.url("/public/page")).ok
        assert site.count("/private/page") == 0 and site.count("/robots.txt") == 1


def test_a_redirect_into_a_disallowed_path_is_not_followed() -> None:
    with serve() as site, Fetcher(FetchSettings(allowed_networks=LOOPBACK, rate=0)) as fetcher:
        site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n")
        site.add("/go", status=302, headers={"Location": "/private/x"})
        site.add("/private/x", "secret")
        assert not fetcher.get(site.url("/go")).ok
        assert site.count("/private/x") == 0


def test_an_unreadable_robots_txt_blocks_the_site_and_a_missing_one_allows_it() -> None:
    settings = FetchSettings(allowed_networks=LOOPBACK, rate=0, backoff=0.01, retries=1)
    with serve() as site, Fetcher(settings) as fetcher:
        site.add("/robots.txt", status=500)
        site.add("/page", "hello")
        assert "robots.txt" in (fetcher.get(site.url("/page")).error or "")
        assert site.count("/page") == 0
    with serve() as site, Fetcher(settings) as fetcher:
        site.add("/page", "hello")  # /robots.txt answers 404
        assert fetcher.get(site.url("/page")).ok


def test_requests_to_one_host_never_exceed_the_rate() -> None:
    rate = 5.0
    with (
        serve() as site,
        Fetcher(
            FetchSettings(allowed_networks=LOOPBACK, rate=rate, robots=False, workers=8)
        ) as fetcher,
    ):
        for n in range(8):
            site.add(f"/p{n}", "page")
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(fetcher.get, [site.url(f"/p{n}") for n in range(8)]))
        starts = sorted(h.at for h in site.hits)
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert len(starts) == 8
        assert min(gaps) >= 1 / rate - 0.02  # request starts are spaced, not bunched
        window = [sum(1 for t in starts if s <= t < s + 1.0) for s in starts]
        assert max(window) <= rate


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="out of range"):
        FetchSettings(rate=-1)


class _ForwardProxy(BaseHTTPRequestHandler):
    """A plain HTTP forward proxy: GET in absolute form, fetched and passed back."""

    server: _ProxyServer

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no env proxy
        try:
            with opener.open(self.path, timeout=5) as upstream:
                status, body = upstream.status, upstream.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _ProxyServer(ThreadingHTTPServer):
    seen: list[str]


@contextmanager
def forward_proxy() -> Iterator[_ProxyServer]:
    server = _ProxyServer(("127.0.0.1", 0), _ForwardProxy)
    server.seen = []
    with running(server):
        yield server


def test_a_named_proxy_carries_every_request_and_the_address_check_still_holds() -> None:
    """Behind a newsroom's proxy, --proxy sends requests through it; the target is still checked
    (a feed cannot reach this machine through the proxy either), the proxy itself is not."""
    with serve() as site, forward_proxy() as proxy:
        site.add("/story", "<p>Through the proxy</p>")
        via = f"http://127.0.0.1:{proxy.server_address[1]}"
        with Fetcher(replace(FAST, proxy=via)) as fetcher:
            response = fetcher.get(site.url("/story"))
        assert response.ok and response.body == b"<p>Through the proxy</p>"
        assert proxy.seen == [site.url("/story")] and len(site.requests("/story")) == 1
        with Fetcher(replace(FAST, proxy=via, allowed_networks=())) as fetcher:
            refused = fetcher.get(site.url("/story"))
        assert refused.error is not None and refused.error.startswith("refused:")
        assert proxy.seen == [site.url("/story")] and len(site.requests("/story")) == 1


def test_a_proxy_must_be_an_http_address() -> None:
    for bad in ("proxy.example:3128", "socks5://proxy.example:1080", "http://"):
        with pytest.raises(ValueError, match="HTTP proxy"):
            FetchSettings(proxy=bad)
