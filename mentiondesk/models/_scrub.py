"""Errors as words fit for a log or a public page: token-like runs and query strings taken
out (a library may quote a request with its token), and a failed connection's cause said
plainly (refused, timed out, unknown host) with the host it was trying."""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Iterator
from urllib.parse import urlsplit

# Long runs of token characters (bearer tokens, keys, session ids) and URLs' query strings.
_SECRETISH = re.compile(r"[A-Za-z0-9_\-.~+/=]{32,}|\?[^\s;,)]+=[^\s;,)]*")
# SQLAlchemy's statement values (a mention's text) where an engine does not hide them.
_PARAMETERS = re.compile(r"\[parameters: .*?(?=\n\(Background|\Z)", re.DOTALL)
REASON_CHARS = 200
_LINKS = 12  # exceptions followed down a chain: libraries wrap theirs a few times at most


def scrub(message: str) -> str:
    """One line, token-like runs and query strings replaced, at most REASON_CHARS."""
    line = " ".join(_SECRETISH.sub("…", _PARAMETERS.sub("[parameters: …]", message)).split())
    return line if len(line) <= REASON_CHARS else line[: REASON_CHARS - 1] + "…"


def scrubbed(exc: BaseException) -> str:
    """An exception as one safe line: its class, then its scrubbed words if it has any."""
    text = scrub(str(exc))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def bare_url(url: str) -> str:
    """`url` without credentials, query or fragment: scheme, host, port and path."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}" if parts.scheme else scrub(url)


# Why a connection failed, as failure_cause words it (`sources check` says where to look).
CAUSE_DNS_FAILED = "the host name could not be resolved (DNS)"
CAUSE_REFUSED = "connection refused"
CAUSE_TLS_FAILED = "the TLS handshake failed"
CAUSE_TIMED_OUT = "no answer in time (timeout)"
CAUSE_RESET = "the connection was reset"
CAUSE_CLOSED = "the server closed the connection"
CAUSE_UNCONNECTED = "could not connect"


def failure_cause(exc: BaseException) -> str | None:
    """Why a connection failed, in plain words with the host where one is known, from the
    exceptions `exc` wraps (even `raise … from None` keeps them as its context); None when
    none of them is a network failure (a 5xx, a bad body: the message says those)."""
    chain = list(_chain(exc))
    words = _kind(chain)
    if words is None:
        return None
    host = next((h for e in chain if (h := _host(e))), None)
    return f"{words} at {host}" if host else words


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [exc]
    while todo and len(seen) < _LINKS:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = (_attr(current, "original_exception"), _attr(current, "reason"), *current.args)
        for linked in (current.__cause__, current.__context__, *wrapped):
            if isinstance(linked, BaseException):
                todo.append(linked)


def _kind(chain: list[BaseException]) -> str | None:
    # Most telling first: a refused connection is often wrapped in a "timeout" class name.
    tests = (
        (lambda e: isinstance(e, socket.gaierror), CAUSE_DNS_FAILED),
        (lambda e: isinstance(e, ConnectionRefusedError), CAUSE_REFUSED),
        (lambda e: isinstance(e, ssl.SSLError), CAUSE_TLS_FAILED),
        (_timed_out, CAUSE_TIMED_OUT),
        (lambda e: isinstance(e, ConnectionResetError), CAUSE_RESET),
        (_dropped, CAUSE_CLOSED),
        (_unconnected, CAUSE_UNCONNECTED),
    )
    for test, words in tests:
        if any(test(e) for e in chain):
            return words
    return None


def _timed_out(exc: BaseException) -> bool:
    # By the class's own name: requests', httpx's and urllib3's timeouts are not TimeoutError.
    return isinstance(exc, TimeoutError) or "Timeout" in type(exc).__name__


def _dropped(exc: BaseException) -> bool:
    return type(exc).__name__ in {"ServerDisconnectedError", "RemoteProtocolError"}


def _unconnected(exc: BaseException) -> bool:
    # Not any OSError: requests' errors all are one, a 4xx it raised included.
    names = {"ConnectionError", "ConnectError", "ClientConnectorError", "ClientOSError"}
    return isinstance(exc, ConnectionError) or type(exc).__name__ in names


def _host(exc: BaseException) -> str | None:
    """host:port an exception names: aiohttp's connector errors carry them, requests' and
    httpx's the request, asyncprawcore's the request's arguments (method, url)."""
    host, port = _attr(exc, "host"), _attr(exc, "port")
    if isinstance(host, str) and host:
        return f"{host}:{port}" if isinstance(port, int) else host
    request_args = _attr(exc, "request_args")
    urls = [
        _attr(_attr(exc, "request"), "url"),
        _attr(_attr(exc, "request_info"), "url"),
        request_args[1] if isinstance(request_args, tuple) and len(request_args) > 1 else None,
    ]
    for url in urls:
        if url is not None and (netloc := urlsplit(str(url))).hostname:
            return f"{netloc.hostname}:{netloc.port}" if netloc.port else netloc.hostname
    return None


def _attr(obj: object, name: str) -> object:
    try:  # httpx's `request` raises when the error carries none
        return getattr(obj, name, None)
    except Exception:
        return None
