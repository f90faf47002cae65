"""Canonical URLs: one spelling per page, so the same article is never fetched twice.

Feeds and sitemaps link the same page in many spellings: campaign tags (``utm_*``), click ids
(``fbclid``, ``gclid``), a fragment, an upper-case host, a default port, parameters in another
order. Those are dropped or normalised; everything else in the query is kept, because on many
news sites (``?id=123``) it names the article.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that track the reader, never select the page (lower-cased; ``utm_`` and friends
# are matched by prefix).
_TRACKING = frozenset(
    "fbclid gclid dclid gbraid wbraid msclkid yclid twclid igshid mc_cid mc_eid _ga _gl "
    "_hsenc _hsmi mkt_tok ref_src ref_url cmpid ocid smid sr_share share taid spm "
    "__twitter_impression rss ito at_medium at_campaign at_custom1 at_custom2 at_custom3 "
    "at_custom4 xtor".split()
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "oly_", "vero_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """A URL storyline cannot fetch (not http/https, or no host)."""


def _tracking(name: str) -> bool:
    low = name.lower()
    return low in _TRACKING or low.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str, *, base: str | None = None) -> str:
    """``url`` (made absolute against ``base``) without tracking parameters and fragment, with
    scheme and host lower-cased, the default port dropped and the query sorted.

    Raises ``BadURL`` for anything but an http(s) URL with a host.
    """
    text = url.strip()
    if base:
        text = urljoin(base, text)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise BadURL(f"{url!r} is not an http:// or https:// URL with a host name.")
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"{url!r} has an invalid port.") from exc
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host:  # IPv6 literal
        netloc = f"[{host}]" if port in (None, _DEFAULT_PORTS[scheme]) else f"[{host}]:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def same_address(a: str | None, b: str | None) -> bool:
    """Whether two URLs name one page (tracking parameters, fragment and spelling aside)."""
    if not a or not b:
        return False
    try:
        return canonical_url(a) == canonical_url(b)
    except BadURL:
        return a == b


def host_of(url: str) -> str:
    """``host[:port]`` of an URL: the unit of politeness (rate limit, robots.txt)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a path."""
    return text.strip().lower().startswith(("http://", "https://"))
