"""A polite, bounded HTTP client: what every request storyline makes goes through.

Why hand-rolled around httpx rather than a crawler framework: the rules are few and each must be
testable on its own against a loopback server.

- Politeness: at most ``rate`` requests per second to a host (requests are spaced ``1/rate``
  apart, robots.txt fetches included, a robots.txt Crawl-delay widens the gap) and at most
  ``per_host`` at once; ``workers`` bounds the whole client.
- robots.txt (RFC 9309, parsed by protego) is fetched once per host and obeyed; a robots.txt
  that answers 4xx allows everything, one that cannot be read (5xx, network) forbids the host
  until it can be, as the RFC asks.
- Bounds: a timeout for the whole request (a server that drips bytes is cut off), a size cap on
  the decoded body, at most ``max_redirects`` hops, loops refused. The body is decoded here, not
  by httpx, which inflates each chunk whole and stacks encodings: a 6 KB response marked
  ``gzip, gzip`` took 7.6 GB and 46 s there. Here at most one encoding (gzip or deflate) is
  undone, never more than the cap at a time.
- Addresses: only public ones, or those in ``allowed_networks`` (``fetch.addresses``): a feed
  cannot make storyline fetch from this machine, the local network or a cloud metadata service.
  Through a ``proxy`` (an HTTP proxy the user names, which may itself be private), the check runs
  on the target's addresses before each request, every redirect hop included; the proxy resolves
  the name again, so one that answers a public address here and a private one there is not
  caught: a proxy the user trusts is assumed to keep its own rules.
- Retries on 429, 5xx and network errors with doubling waits (tenacity), honouring Retry-After;
  a Retry-After longer than ``max_wait`` is not slept through: the response says how long the
  server asked for, and the caller backs the source off.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from storyline.fetch.addresses import BlockedAddress, PublicOnly, networks, resolve
from storyline.fetch.urls import BadURL, canonical_url, host_of
from storyline.store.base import FetchRecord

log = logging.getLogger(__name__)

USER_AGENT = "storyline/0.1 (news reader; +https://pypi.org/project/storyline/)"
_REDIRECTS = frozenset((301, 302, 303, 307, 308))


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far storyline fetches (defaults suit polling news sites)."""

    rate: float = 1.0  # requests per second per host; 0 lifts the limit (benchmarks, tests)
    per_host: int = 2  # requests in flight per host
    workers: int = 8  # requests in flight overall
    timeout: float = 20.0  # seconds for a whole request, connect to last byte
    max_bytes: int = 5 * 1024 * 1024  # decoded body size cap
    max_redirects: int = 5
    retries: int = 3  # further attempts after a 429, a 5xx or a network error
    backoff: float = 1.0  # wait before the first retry, doubled for each next one
    max_wait: float = 60.0  # the longest Retry-After waited for in place
    user_agent: str = USER_AGENT
    robots: bool = True  # obey robots.txt (only tests of the rest turn it off)
    # Private networks that may be fetched from (CIDR; "127.0.0.1/32" for a feed on this machine):
    # by default only public addresses are (fetch/addresses.py says why).
    allowed_networks: tuple[str, ...] = ()
    # An HTTP proxy every request goes through ("http://proxy.newsroom.example:3128"), for a
    # network that reaches the web only so; HTTP_PROXY is not read (fetch/addresses.py says why).
    proxy: str | None = None

    def __post_init__(self) -> None:
        checks = {
            "rate": self.rate >= 0,
            "per_host": self.per_host >= 1,
            "workers": self.workers >= 1,
            "timeout": self.timeout > 0,
            "max_bytes": self.max_bytes > 0,
            "max_redirects": self.max_redirects >= 0,
            "retries": self.retries >= 0,
            "backoff": self.backoff >= 0,
            "max_wait": self.max_wait >= 0,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(
                f"FetchSettings: {', '.join(bad)} out of range (rate, backoff and max_wait must "
                "be >= 0; per_host, workers, timeout and max_bytes > 0)."
            )
        networks(self.allowed_networks)  # a bad network fails here, not at the first fetch
        if self.proxy is not None:
            parts = urlsplit(self.proxy)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(
                    f"--proxy {self.proxy!r} is not an HTTP proxy's address; give "
                    "http://HOST:PORT (user:password@ before HOST if it asks for them)."
                )


@dataclass(frozen=True)
class Response:
    """What one fetch came to; ``error`` says why there is no usable body."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int | None  # None when no HTTP response arrived
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: float | None = None  # seconds the server asked to wait, when not waited
    attempts: int = 1
    transient: bool = False  # worth trying again later (network error, 429, 5xx)
    location: str | None = None  # where a redirect points

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class TooLong(Exception):
    """A request that would wait longer than allowed for its host's turn (a Crawl-delay)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class HostGate:
    """Per-host spacing (``1/rate`` between request starts) and a per-host in-flight cap.

    A turn further off than ``max_wait`` is not waited for (``TooLong``): a robots.txt
    ``Crawl-delay: 86400`` made a poll sleep a day per page, holding every other source."""

    def __init__(self, *, rate: float, per_host: int, max_wait: float = float("inf")) -> None:
        # 10% over 1/rate: a request reaches the server some milliseconds after its slot (thread
        # scheduling, connecting), more under load; that jitter must never squeeze rate+1
        # requests into one second as the server sees them (benchmarks/watch.py saw 2% fail).
        self._interval = 1.1 / rate if rate > 0 else 0.0
        self._per_host = per_host
        self._max_wait = max_wait
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._slots: dict[str, threading.Semaphore] = {}
        self._delays: dict[str, float] = {}

    def crawl_delay(self, host: str, seconds: float) -> None:
        """A robots.txt Crawl-delay: never closer than this, whatever the rate allows."""
        with self._lock:
            self._delays[host] = seconds

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            sem = self._slots.setdefault(host, threading.Semaphore(self._per_host))
        with sem:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, 0.0))
                if start - now > self._max_wait:
                    raise TooLong(start - now)
                self._next[host] = start + max(self._interval, self._delays.get(host, 0.0))
            if start > now:
                time.sleep(start - now)
            yield


class Fetcher:
    """The client: ``get`` one URL politely. Thread-safe; close it when done."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        import httpx

        self.settings = settings or FetchSettings()
        s = self.settings
        limits = httpx.Limits(max_connections=s.workers, max_keepalive_connections=s.workers)
        self._allowed = networks(s.allowed_networks)
        if s.proxy:  # the proxy connects to the target: checked per request (_request)
            transport = httpx.HTTPTransport(limits=limits, proxy=httpx.Proxy(s.proxy))
        else:
            transport = httpx.HTTPTransport(limits=limits)
            # httpx has no public hook for the network backend; its pool (httpcore) has one,
            # read when each connection is opened.
            transport._pool._network_backend = PublicOnly(self._allowed)
        self._client = httpx.Client(
            timeout=httpx.Timeout(s.timeout),
            follow_redirects=False,
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
        )
        self.gate = HostGate(rate=s.rate, per_host=s.per_host, max_wait=s.max_wait)
        self._log_lock = threading.Lock()
        self._log: list[FetchRecord] = []
        from storyline.fetch.robots import RobotsRules

        self.robots = RobotsRules(self)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def drain_log(self) -> list[FetchRecord]:
        """The requests made since the last call (for the store's fetch log)."""
        with self._log_lock:
            records, self._log = self._log, []
        return records

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        obey_robots: bool = True,
    ) -> Response:
        """GET ``url`` following at most ``max_redirects`` redirects, each hop checked against
        robots.txt; ``etag``/``last_modified`` make it conditional (a 304 has no body)."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, seen = url, {canonical_url(url)}
        for _ in range(self.settings.max_redirects + 1):
            refusal = self.robots.refusal(current) if obey_robots and self.settings.robots else None
            if refusal:
                return Response(url, current, None, error=refusal)
            response = self._with_retries(current, headers)
            location = response.location if response.status in _REDIRECTS else None
            if location is None:
                return replace(response, url=url)
            current = urljoin(current, location)
            try:
                key = canonical_url(current)
            except BadURL:
                return replace(
                    response, url=url, error=f"redirect to an unusable address {current}"
                )
            if key in seen:
                return replace(response, url=url, error=f"redirect loop back to {current}")
            seen.add(key)
        return Response(
            url, current, None, error=f"more than {self.settings.max_redirects} redirects"
        )

    def _with_retries(self, url: str, headers: dict[str, str]) -> Response:
        import tenacity

        s = self.settings

        def wait(state: tenacity.RetryCallState) -> float:
            previous = state.outcome.result() if state.outcome else None
            if isinstance(previous, Response) and previous.retry_after is not None:
                return previous.retry_after
            return float(s.backoff * 2 ** (state.attempt_number - 1))

        def again(response: Response) -> bool:
            return response.transient and (
                response.retry_after is None or response.retry_after <= s.max_wait
            )

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(s.retries + 1),
            wait=wait,
            retry=tenacity.retry_if_result(again),
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        )
        attempts = 0

        def once() -> Response:
            nonlocal attempts
            attempts += 1
            return self._once(url, headers)

        response: Response = retrying(once)
        return replace(response, attempts=attempts)

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        """One request through the host's gate, logged."""
        try:
            with self.gate.slot(host_of(url)):
                start = time.monotonic()
                response = self._request(url, headers, start)
                seconds = time.monotonic() - start
        except TooLong as wait:  # not made, so not logged
            error = f"the site asks for {wait.seconds:.0f} s between requests (Crawl-delay)"
            return Response(url, url, None, error=error, transient=True, retry_after=wait.seconds)
        record = FetchRecord(
            at=time.time(),
            url=url,
            status=response.status,
            conditional=bool(headers),
            bytes=len(response.body),
            seconds=round(seconds, 4),
            error=response.error,
        )
        with self._log_lock:
            self._log.append(record)
        return response

    def _request(self, url: str, headers: dict[str, str], start: float) -> Response:
        import httpx

        s = self.settings
        status: int | None = None
        try:
            if s.proxy:
                parts = urlsplit(url)
                port = parts.port or (443 if parts.scheme == "https" else 80)
                resolve(parts.hostname or "", port, self._allowed)
            with self._client.stream("GET", url, headers=headers) as r:
                status, h = r.status_code, r.headers
                if status in _REDIRECTS and h.get("location"):
                    return Response(url, url, status, location=h.get("location"))
                retry = retry_after_seconds(h.get("retry-after")) if status in (429, 503) else None
                if status == 429 or status >= 500:
                    return Response(
                        url, url, status, error=f"HTTP {status}", retry_after=retry, transient=True
                    )
                if status == 304:
                    return Response(url, url, status, etag=h.get("etag"))
                declared = h.get("content-length")
                if declared and declared.isdigit() and int(declared) > s.max_bytes:
                    return Response(url, url, status, error=self._too_big())
                decoder = Decoder(h.get("content-encoding"), limit=s.max_bytes)
                body = bytearray()
                for chunk in r.iter_raw():
                    body.extend(decoder.decode(chunk))
                    if time.monotonic() - start > s.timeout:
                        raise httpx.ReadTimeout("the whole response took too long")
                body.extend(decoder.flush())
                return _finished(url, status, bytes(body), h)
        except TooBig:
            return Response(url, url, status, error=self._too_big())
        except Undecodable as exc:
            return Response(url, url, status, error=str(exc))
        except BlockedAddress as exc:
            return Response(url, url, None, error=f"refused: {exc}")
        except httpx.TimeoutException:
            error = f"timed out after {s.timeout:g} s"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        return Response(url, url, None, error=error, transient=True)

    def _too_big(self) -> str:
        return f"larger than the {self.settings.max_bytes:,} byte cap"


class TooBig(Exception):
    pass


class Undecodable(Exception):
    pass


class Decoder:
    """A body's Content-Encoding undone, never holding more than ``limit`` bytes of output.

    Only what ``Accept-Encoding`` offers: one of gzip or deflate (zlib-wrapped or raw, as
    servers send both). More than one encoding, or another one, is refused: there is no reason
    to send it, and stacked encodings multiply a bomb's ratio.
    """

    def __init__(self, header: str | None, *, limit: int) -> None:
        codings = [c.strip().lower() for c in (header or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise Undecodable(f"unsupported Content-Encoding {header!r} (gzip or deflate only)")
        self.coding = codings[0] if codings else None
        self.limit = limit
        self.size = 0
        self._z: Any = None
        if self.coding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.coding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)

    def decode(self, data: bytes) -> bytes:
        if self._z is None:
            return self._count(data)
        out = bytearray()
        while data:
            try:
                piece = self._z.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and self.size == 0 and not out:
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no header
                    continue
                raise Undecodable(f"the {self.coding} body is damaged ({exc})") from exc
            out.extend(self._count(piece))
            data = self._z.unconsumed_tail
        return bytes(out)

    def flush(self) -> bytes:
        return b"" if self._z is None else self._count(self._z.flush())

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise TooBig
        return data


def _finished(url: str, status: int, body: bytes, headers: Any) -> Response:
    error = None if 200 <= status < 300 else f"HTTP {status}"
    return Response(
        url,
        url,
        status,
        body=body,
        content_type=headers.get("content-type"),
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        error=error,
    )
