"""Who may reach the server, and which writes a browser may make: Host names and same-origin writes.

Why: "only clients on this machine may write" is not a boundary a browser respects. A page from
anywhere, opened in a browser on this machine, can make that browser post to ``127.0.0.1``: a form
or a ``no-cors`` fetch sends ``text/plain``, ``multipart/form-data`` or form-encoded bodies with no
preflight, and DNS rebinding (a name of the attacker's that first points at their server, then at
127.0.0.1) even makes such requests look same-origin to the browser. Two checks close that:

- **Host**: a request must name this server: ``localhost``, an IP address (an address in the URL
  involves no DNS, so it cannot be rebound), the name it was started on (``--host``) or a name
  given with ``--allowed-host``. ``Host: evil.example`` gets 400, reads included, so a rebound page
  can neither write nor read.
- **Origin** (writes: every method but GET, HEAD and OPTIONS): a browser says where a request comes
  from (``Sec-Fetch-Site``, ``Origin``); a write is accepted only when it comes from this very
  origin (same scheme-less host and port, or an allowed name) or from no page at all (curl, a
  script: no such header). ``Origin: null`` (a sandboxed frame, a ``no-referrer`` page) is refused.
  Writes to JSON endpoints must also say ``application/json``: a cross-site page can send the
  three "simple" types without asking, so they are refused there before routing. The ingest
  endpoint also takes pages and uploads by design; there the Origin check is what holds.

These hold with and without a token: a token keeps other machines out, these keep other pages out.
Behind a reverse proxy, pass the public name with ``--allowed-host`` (or make the proxy forward
``Host``); ``X-Forwarded-*`` headers are not trusted.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a cross-site form or no-cors fetch can send without a CORS preflight.
SIMPLE_TYPES = frozenset({"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"})
# Write endpoints that take more than JSON (pages, feeds, uploads, the UI's own HTML forms);
# every other write is JSON only. The Origin / Sec-Fetch-Site check above still guards these.
MULTI_FORMAT_WRITES = frozenset({"/api/articles", "/sources"})
BROWSER_SITES_OK = frozenset({"same-origin", "none"})  # "none": typed in the address bar
ANY_HOST = "*"


def split_host(value: str) -> tuple[str, int | None] | None:
    """``name[:port]`` or ``[v6][:port]`` as (lower-case name, port), or None if malformed."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/@?#\\ "):
        return None
    if value.startswith("["):
        name, sep, rest = value[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:]
    else:
        name, _, port_text = value.partition(":")
    if port_text and not port_text.isdigit():
        return None
    return name.rstrip("."), int(port_text) if port_text else None


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _same_ip(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return a == b


class HostPolicy:
    """The names this server answers to (see the module docstring)."""

    def __init__(self, allowed: Iterable[str]) -> None:
        names = {n.strip().lower().rstrip(".") for n in allowed if n.strip()}
        self.any = ANY_HOST in names
        self.names = frozenset(names - {ANY_HOST})

    def allows(self, name: str, *, served_as: str | None) -> bool:
        """``served_as``: the address the connection arrived on (ASGI ``scope["server"]``)."""
        if self.any or name in self.names or is_ip(name):
            return True
        if name == "localhost" or name.endswith(".localhost"):  # browsers pin it to loopback
            return True
        return served_as is not None and _same_ip(name, served_as)  # in-process test clients

    def allows_origin(self, origin: str, host: tuple[str, int | None]) -> bool:
        """The page that sent a write is this server: the same host and port as the request's
        ``Host``, or a name given with ``--allowed-host`` (a proxy that rewrites Host)."""
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        default = 443 if parts.scheme == "https" else 80
        try:
            port = parts.port or default
        except ValueError:
            return False
        name = parts.hostname.lower().rstrip(".")
        if name in self.names:
            return True
        host_name, host_port = host
        return _same_ip(name, host_name) and port == (host_port or default)


class SameOriginGuard:
    """ASGI middleware: 400 for a Host that is not ours, 403 for a write from another page, 415
    for a simple-type write to a JSON endpoint. Errors are JSON; the security headers are added
    by the middleware around this one."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.policy = HostPolicy(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, kind, message = refusal
        body = json.dumps({"detail": [{"loc": ["header"], "msg": message, "type": kind}]})
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body.encode()})

    def refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        """(status, error type, message) for a request to refuse, or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = split_host(headers.get("host", ""))
        server = scope.get("server")
        served_as = str(server[0]) if server else None
        if host is None or not self.policy.allows(host[0], served_as=served_as):
            return (
                400,
                "host_not_allowed",
                f"Host {headers.get('host', '(none)')!r} is not a name this server answers to; "
                "start it with --allowed-host NAME to serve that name.",
            )
        if scope["method"] in SAFE_METHODS:
            return None
        site = headers.get("sec-fetch-site")
        origin = headers.get("origin")
        if (site is not None and site not in BROWSER_SITES_OK) or (
            origin is not None and not self.policy.allows_origin(origin, host)
        ):
            return (
                403,
                "cross_origin_write",
                f"Writes from another site's page are refused (Origin {origin or '(none)'}, "
                f"Sec-Fetch-Site {site or '(none)'}); post from a script or from this server's "
                "own pages.",
            )
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in SIMPLE_TYPES and scope["path"] not in MULTI_FORMAT_WRITES:
            return (
                415,
                "json_required",
                f"This endpoint takes application/json, not {kind}.",
            )
        return None


def served_names(host: str, allowed: Iterable[str]) -> tuple[str, ...]:
    """``--allowed-host`` names plus the ``--host`` name when it is a name, not an address."""
    return (*allowed, host) if host and not is_ip(host.strip("[]")) else tuple(allowed)
