"""A real HTTP server on 127.0.0.1 for the fetch and watch tests: pages that the test changes
between polls, and a log of every request (path, headers, time) to assert on.

Routes answer conditional requests the way a good server does (ETag / Last-Modified -> 304) and
can be slow, fail a number of times, or answer with any status and headers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The explicit opt-in a fetch of this server needs: storyline fetches only from public addresses
# unless told otherwise (fetch/addresses.py).
LOOPBACK = ("127.0.0.1/32",)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between 1 KiB chunks of the body (a slow sender)
    unsized: bool = False  # no Content-Length: the body ends when the connection closes
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # answered first
    handler: Callable[[Hit], tuple[int, dict[str, str], bytes]] | None = None


class Site:
    """The routes and the request log of one loopback server."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.base = ""

    def add(self, path: str, body: bytes | str = b"", **options: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for h in self.hits if h.path == path)

    def requests(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            with site.lock:
                site.hits.append(hit)
                route = site.routes.get(self.path)
                failure = route.failures.pop(0) if route and route.failures else None
            if route is None:
                return self._send(404, {}, b"not here")
            if route.delay:
                time.sleep(route.delay)
            if failure is not None:
                return self._send(failure[0], failure[1], b"try later")
            if route.handler is not None:
                return self._send(*route.handler(hit))
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
                if hit.headers.get("if-none-match") == route.etag:
                    return self._send(304, headers, b"")
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
                if hit.headers.get("if-modified-since") == route.last_modified:
                    return self._send(304, headers, b"")
            if route.unsized:
                self.close_connection = True
                headers["Connection"] = "close"
            self._send(route.status, headers, route.body, drip=route.drip, sized=not route.unsized)

        def _send(
            self,
            status: int,
            headers: dict[str, str],
            body: bytes,
            *,
            drip: float = 0.0,
            sized: bool = True,
        ) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304 and sized:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not drip:
                    self.wfile.write(body)
                    return
                for start in range(0, len(body), 1024):
                    self.wfile.write(body[start : start + 1024])
                    self.wfile.flush()
                    time.sleep(drip)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """Serve ``server`` from a thread until the block ends, then close it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(site: Site | None = None, *, host: str = "127.0.0.1") -> Iterator[Site]:
    """Run ``site`` on a free port of ``host`` (a loopback address) until the block ends."""
    site = site or Site()
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://{host}:{server.server_address[1]}"
    with running(server):
        yield site


def rss(items: list[dict[str, str]], *, title: str = "Harbour Gazette") -> str:
    """An RSS 2.0 feed; item keys: title, link, description, content, date (RFC 822), guid."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{title}</title><link>http://example.invalid/</link>",
    ]
    for item in items:
        parts.append("<item>")
        link = escape(item["link"])
        parts.append(f"<title>{escape(item['title'])}</title><link>{link}</link>")
        parts.append(f"<guid>{escape(item.get('guid', item['link']))}</guid>")
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        parts.append(f"<description><![CDATA[{item.get('description', '')}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def article_page(title: str, paragraphs: list[str], *, site: str = "Harbour Gazette") -> str:
    """A news page with navigation and a footer around the article body."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>Copyright {site}. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""
