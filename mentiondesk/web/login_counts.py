"""The login limits' counts, kept in the store (the `login_count` table) rather than in a desk
process: every worker on one database shares them, a restart keeps them, and a new password
or an enabled login (from the desk or the terminal) ends a name's lock for all of them.

One row per counted event: an attempt from an address (ADDRESS), a failure of a name from an
address (PAIR), a failure of a name from anywhere (NAME). Rows older than the longest window
are deleted by `prune`, so a flood of made-up names leaves at most an hour of rows."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import LOGIN_COUNT

ADDRESS, PAIR, NAME = "address", "pair", "name"
KEPT = timedelta(hours=1)  # the longest window a limit counts in
_C = LOGIN_COUNT.c


def login_key(name: str) -> str:
    """A name as the limits count it: stripped, in any case (authenticate() strips it too,
    and " Ana" and "ana" must not each get fresh guesses)."""
    return name.strip().lower()[:64]


def address_key(address: str) -> str:
    """An address as the limits count it: an IPv6 one by its /64, which one subscriber holds
    whole (a home line, a cloud server: 2^64 addresses to send each guess from, each with a
    fresh minute, and the desk's budget spent for everyone); IPv4 as it is. Without the port
    some proxies add."""
    try:
        ip = ipaddress.ip_address(_without_port(address))
    except ValueError:  # not an address (a proxy's odd header, a Unix socket's ""): as it is
        return address
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:203.0.113.5, a dual-stack socket's IPv4 peer
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((ip, 64), strict=False))


def _without_port(address: str) -> str:
    """Some proxies (Azure's Application Gateway) add the client's port to X-Forwarded-For:
    "203.0.113.5:50123", "[2001:db8::1]:50123". Each connection has another: not an address."""
    if address.startswith("[") and "]" in address:
        return address[1 : address.index("]")]
    host, colon, port = address.rpartition(":")
    return host if colon and port.isdigit() and host.count(".") == 3 else address


@dataclass(frozen=True, slots=True)
class Counter:
    """What one limit counts for one login: its kind, and the address and name it is for."""

    kind: str
    address: str = ""
    name: str = ""
    every_name: bool = False  # rows of this kind and address whatever their name: read only

    @classmethod
    def of(cls, kind: str, *, address: str = "", name: str = "") -> Counter:
        return cls(kind, address[:64], login_key(name))

    @classmethod
    def failed_from(cls, address: str) -> Counter:
        """The failures from an address, whatever the name: the pairs' rows, read, never
        written (each failure is counted once, on its pair)."""
        return cls(PAIR, address[:64], every_name=True)

    def rows(self) -> sa.ColumnElement[bool]:
        mine = sa.and_(_C.kind == self.kind, _C.address == self.address)
        return mine if self.every_name else sa.and_(mine, _C.name == self.name)


# A key per login limit's subject (an address, a name), so counting one never waits on another.
_LOCK = sa.text("SELECT pg_advisory_xact_lock(28012, hashtext(:subject))")  # 28012: "md"


def count_or_refuse(
    store: Store,
    subject: str,
    counted: Sequence[tuple[Counter, datetime]],
    now: datetime,
    over: Callable[[list[int]], bool],
) -> list[int]:
    """Count one event now on each counter and return how many each has had since its time,
    taking the events back when `over(counts)` (a refused login spends nothing). One
    transaction, which logins to the same `subject` take in turn (PostgreSQL: an advisory
    lock; SQLite: the write lock the first insert takes), so of guesses sent at once exactly
    the limit's number find themselves under it."""
    with store.engine.begin() as conn:
        ids, counts = _count(conn, subject, counted, now)
        if over(counts):
            conn.execute(sa.delete(LOGIN_COUNT).where(_C.id.in_(ids)))
        return counts


def _count(
    conn: sa.Connection, subject: str, counted: Sequence[tuple[Counter, datetime]], now: datetime
) -> tuple[list[int], list[int]]:
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK, {"subject": subject})
    ids = [int(conn.execute(_insert(c, now).returning(_C.id)).scalar_one()) for c, _ in counted]
    counts = [
        int(conn.scalar(sa.select(sa.func.count()).where(c.rows(), _C.at >= since)) or 0)
        for c, since in counted
    ]
    return ids, counts


def _insert(counter: Counter, now: datetime) -> sa.Insert:
    values = {"kind": counter.kind, "address": counter.address, "name": counter.name, "at": now}
    return sa.insert(LOGIN_COUNT).values(values)


def recent(store: Store, counted: Sequence[tuple[Counter, datetime]]) -> list[int]:
    """How many events each counter has had since its time."""
    with store.engine.connect() as conn:
        return [
            int(conn.scalar(sa.select(sa.func.count()).where(c.rows(), _C.at >= since)) or 0)
            for c, since in counted
        ]


def forgive(conn: sa.Connection, name: str, address: str | None = None) -> int:
    """Forget the failures counted against a name, and those of the name from `address` (a
    right password there) or from every address (None: an admin vouched for the person);
    how many counts went."""
    key = login_key(name)
    gone = conn.execute(sa.delete(LOGIN_COUNT).where(_C.kind == NAME, _C.name == key)).rowcount
    pairs = sa.and_(_C.kind == PAIR, _C.name == key)
    if address is not None:
        pairs = sa.and_(pairs, _C.address == address[:64])
    return int(gone or 0) + int(conn.execute(sa.delete(LOGIN_COUNT).where(pairs)).rowcount or 0)


def passed(store: Store, address: str, name: str) -> None:
    """A right password: the name's failures are forgotten, and its attempt from `address`
    taken back (the per-address limit is for guesses: an office behind one NAT address logs
    in all at once at the start of a shift)."""
    with store.engine.begin() as conn:
        forgive(conn, name, address)
        latest = sa.select(_C.id).where(_C.kind == ADDRESS, _C.address == address[:64])
        last = latest.order_by(_C.id.desc()).limit(1).scalar_subquery()
        conn.execute(sa.delete(LOGIN_COUNT).where(_C.id == last))


def prune(store: Store, now: datetime) -> int:
    """Delete the events no limit counts any more (a made-up name, an address gone, which
    nothing else would ever delete); how many."""
    with store.engine.begin() as conn:
        gone = conn.execute(sa.delete(LOGIN_COUNT).where(_C.at < now - KEPT))
    return int(gone.rowcount or 0)
