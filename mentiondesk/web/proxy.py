"""What the desk believes of a reverse proxy's headers: X-Forwarded-For (who is asking) and
X-Forwarded-Proto (over https?), each only with `[desk] behind_proxy` and only from a peer in
`[desk] trusted_proxies`. Anyone else who reaches the desk's port can write both: fresh login
guesses from made-up addresses, or a plain-http request that calls itself https."""

from __future__ import annotations

import ipaddress
import logging
from functools import lru_cache

from aiohttp import web

from mentiondesk.web.common import DESK

_LOGGER = logging.getLogger(__name__)
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_TOLD: set[str] = set()  # the peers whose ignored headers the log has named (a few at most)


def client_address(request: web.Request) -> str:
    """Who is asking: from a trusted proxy, the address its X-Forwarded-For names (HAProxy
    adds a line, nginx appends: all lines read as one list); otherwise the connection's peer."""
    if _trusted(request):
        lines = ",".join(request.headers.getall("X-Forwarded-For", []))
        desk = request.app[DESK].config.settings.desk
        forwarded = forwarded_client(lines.split(","), desk.trusted_proxies, desk.proxy_hops)
        if forwarded:
            return forwarded
    return request.remote or ""


def forwarded_client(hops: list[str], proxies: tuple[str, ...], depth: int) -> str:
    """The client's address in X-Forwarded-For: the right-most hop (what the proxy that
    called the desk appended), or, behind `depth` proxies in a row (`[desk] proxy_hops`),
    up to depth - 1 hops further left while each hop passed is one of `proxies` (the outer
    ones: else every login counted as the balancer's, and one person's typos locked out
    everyone). Never further: the hops left of those are the client's own word, and an
    untrusted hop (a request sent straight to the inner proxy) is the client already."""
    seen = [hop.strip() for hop in hops]
    at = len(seen) - 1
    for _ in range(depth - 1):
        if at <= 0 or not _peer_in(seen[at], proxies):
            break
        at -= 1
    return seen[at] if seen else ""  # "": none, the peer is asking


def is_https(request: web.Request) -> bool:
    """Over https: this connection's TLS, or a trusted proxy's X-Forwarded-Proto."""
    if request.secure:
        return True
    proto = request.headers.get("X-Forwarded-Proto", "")
    return proto.strip().lower() == "https" and _trusted(request)


def _trusted(request: web.Request) -> bool:
    """Whether this connection is the configured proxy's, whose headers are believed."""
    desk = request.app[DESK].config.settings.desk
    if not desk.behind_proxy:
        return False
    if _peer_in(request.remote or "", desk.trusted_proxies):
        return True
    forwarded = "X-Forwarded-For" in request.headers or "X-Forwarded-Proto" in request.headers
    peer = request.remote or ""
    if forwarded and peer not in _TOLD and len(_TOLD) < 32:
        # The proxy's own address missing from the list reads as every login from one
        # address: said once, or the lock-outs that follow go unexplained.
        _TOLD.add(peer)
        _LOGGER.warning(
            "desk: X-Forwarded-* headers from %s ignored: add the proxy's address to "
            "[desk] trusted_proxies",
            peer,
        )
    return False


def _peer_in(peer: str, proxies: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(peer)
    except ValueError:  # a Unix socket's peer ("" or a path): no address to vouch for
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # a dual-stack socket's IPv4 peer, ::ffff:127.0.0.1
    return any(ip in network for network in _networks(proxies))


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[_Network, ...]:
    """The configured list, parsed once (config_desk has checked every entry)."""
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)
