"""Which network addresses storyline fetches from: the public internet, and what it is told to.

Why: feeds and sitemaps are written by others. An item's link, a sitemap entry or a redirect can
point at this machine (``127.0.0.1``: the storyline server itself, a database's HTTP port), the
local network (``10.0.0.0/8``, ``192.168.0.0/16``: routers, printers, admin pages) or a cloud's
metadata service (``169.254.169.254``, which hands out credentials). Fetched, what that address
answers would be stored as an article that every reader of the server sees. So a connection is
made only to a public address, or to one inside a network the user allowed (``--allow-network
127.0.0.1/32`` for a feed on this machine, ``10.0.0.0/8`` for an intranet).

The check runs where the connection is made, on the addresses the name resolved to, and the
connection goes to the checked address: a name that resolves (or, DNS rebinding, re-resolves) to
a private address is refused like the address itself, and so are the other spellings of one
(``2130706433``, ``0x7f.1``, ``[::ffff:127.0.0.1]``, ``0.0.0.0``). TLS still verifies the name.
Proxies from ``HTTP_PROXY``/``HTTPS_PROXY`` are not used: the check must see the address that
is connected to, and a proxy would hide it. A proxy named on purpose (``--proxy``) is used, with
the check made on the target before each request instead (``fetch.client``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv6 for an IPv4 address, through a gateway


class BlockedAddress(Exception):
    """A connection refused because the address is not public and not allowed."""


def networks(values: Iterable[str]) -> tuple[Network, ...]:
    """``--allow-network`` values as networks; a bare address is a network of one."""
    found = []
    for value in values:
        try:
            found.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(
                f"--allow-network {value!r} is not an address or a network (give 127.0.0.1/32 "
                "or 10.0.0.0/8)."
            ) from exc
    return tuple(found)


def _plain(address: Address) -> Address:
    """The IPv4 address an IPv6 address stands for (mapped or NAT64), else the address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_public(address: Address) -> bool:
    plain = _plain(address)
    return plain.is_global and not plain.is_multicast


def permitted(address: Address, allowed: tuple[Network, ...]) -> bool:
    """A public address, or one inside an allowed network."""
    plain = _plain(address)
    return is_public(plain) or any(plain.version == net.version and plain in net for net in allowed)


def resolve(host: str, port: int, allowed: tuple[Network, ...]) -> list[str]:
    """The addresses of ``host`` that may be connected to, in resolver order.

    Raises ``BlockedAddress`` when there is none (every address private and not allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"{host}: the name could not be resolved ({exc})") from exc
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    good = [a for a in addresses if permitted(ipaddress.ip_address(a), allowed)]
    if not good:
        where = host if addresses == [host] else f"{host} (at {', '.join(addresses)})"
        raise BlockedAddress(
            f"{where} is a private, loopback or link-local address; storyline fetches only from "
            "public addresses unless told otherwise: --allow-network with that address or its "
            "network"  # no full stop: callers wrap the reason ("could not be fetched (...).")
        )
    return good


class PublicOnly(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to permitted addresses (module doc)."""

    def __init__(self, allowed: tuple[Network, ...]) -> None:
        self.allowed = allowed

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        error: Exception | None = None
        for address in resolve(host, port, self.allowed):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the next address, as browsers do
                error = exc
        assert error is not None
        raise error
