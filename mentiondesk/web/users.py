"""Desk users: roles, argon2 password hashes, sessions in the database, login throttling."""

from __future__ import annotations

import asyncio
import enum
import hashlib
import hmac
import logging
import math
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from mentiondesk import audit_trail
from mentiondesk.store import Store
from mentiondesk.tables import USER, WEB_SESSION

_LOGGER = logging.getLogger(__name__)
_HASHER = PasswordHasher()
# Verifying against this when the user does not exist keeps the timing the same.
_DUMMY_HASH = _HASHER.hash("not a password")


class Role(enum.IntEnum):
    """Each role can do everything the roles below it can."""

    AGENT = 1
    MANAGER = 2
    ADMIN = 3

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"{text!r} is not a role; use agent, manager or admin") from None

    @property
    def title(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str
    expires_at: datetime


def login_name(name: str) -> str:
    """The name as stored; ValueError unless it is 1-64 characters with no space or control."""
    name = name.strip()
    if not name or len(name) > 64:
        raise ValueError("the name must have 1 to 64 characters")
    if any(ch.isspace() or not ch.isprintable() for ch in name):
        raise ValueError(f"the name {name!r} has a space or control character; use one word")
    return name


def add_user(store: Store, name: str, *, role: Role, password: str) -> int:
    """Create a user; raise ValueError on a bad name, short password or a taken name."""
    name = login_name(name)
    check_password(password)
    with store.engine.begin() as conn:
        # Taken in any case: 'Ana' and 'ana' would be two logins nobody can tell apart.
        same = sa.func.lower(USER.c.name) == name.lower()
        taken = conn.scalar(sa.select(USER.c.name).where(same))
        if taken is not None:
            raise ValueError(f"a user named {taken!r} already exists")
        values = {"name": name, "role": role.title, "password_hash": _HASHER.hash(password)}
        try:
            insert = sa.insert(USER).values(values).returning(USER.c.id)
            return int(conn.execute(insert).scalar_one())
        except sa.exc.IntegrityError:  # another worker added the same name just now
            raise ValueError(f"a user named {name!r} already exists") from None


def check_password(password: str) -> None:
    """ValueError unless the password is long enough to be worth hashing."""
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")


class Refused(ValueError):
    """A change the desk will not make; `reason` is the notice the desk shows for it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def random_password() -> str:
    """A new password for someone else to type once: 16 URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


def set_active(store: Store, name: str, *, active: bool, by: str, acting: int | None = None) -> str:
    """Let a user log in again, or stop them (their sessions end now: a desk tab left open
    is logged out at its next click), audited as done `by` in the same transaction; the
    name as stored, or LookupError. From the desk, `acting` is the admin's user id: they may
    not disable themselves or the last active admin (Refused); the terminal may, as it is
    also the way back."""
    with store.engine.begin() as conn:
        user_id, stored = _find(conn, name)
        if acting is not None and not active:
            _keep_an_admin(conn, user_id, acting)
        conn.execute(sa.update(USER).where(USER.c.id == user_id).values(active=active))
        if not active:
            conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.user_id == user_id))
        audit_trail.write(conn, by, "user-enable" if active else "user-disable", detail=stored)
    return stored


def set_password(store: Store, name: str, password: str, *, by: str) -> str:
    """Replace a user's password and end their sessions (whoever knew the old one is
    logged out too), audited as done `by` in the same transaction; the name as stored, or
    LookupError / ValueError."""
    check_password(password)
    hashed = _HASHER.hash(password)
    with store.engine.begin() as conn:
        user_id, stored = _find(conn, name)
        conn.execute(sa.update(USER).where(USER.c.id == user_id).values(password_hash=hashed))
        conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.user_id == user_id))
        audit_trail.write(conn, by, "user-password", detail=stored)
    return stored


def _keep_an_admin(conn: sa.Connection, user_id: int, acting: int) -> None:
    if user_id == acting:
        raise Refused("not-yourself", "you cannot disable your own login")
    # Locking the active admins' rows orders two admins disabling each other at once: the
    # second waits for the first, then finds itself disabled and the other one the last.
    admins = set(
        conn.scalars(
            sa.select(USER.c.id)
            .where(USER.c.role == Role.ADMIN.title, USER.c.active)
            .with_for_update()
        )
    )
    if not admins - {user_id}:
        raise Refused("last-admin", "that is the last active admin")


def _find(conn: sa.Connection, name: str) -> tuple[int, str]:
    # Names are unique in any case (add_user), so "ana" finds 'Ana' and nobody else.
    same = sa.func.lower(USER.c.name) == name.strip().lower()
    row = conn.execute(sa.select(USER.c.id, USER.c.name).where(same)).first()
    if row is None:
        raise LookupError(f"no user named {name.strip()!r}; `mentiondesk users list` shows them")
    return int(row.id), str(row.name)


def list_users(store: Store) -> list[tuple[User, bool, datetime]]:
    """Every user with whether they are active and when they were added."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(USER).order_by(USER.c.name)).all()
    return [(User(r.id, r.name, Role.parse(r.role)), r.active, r.created_at) for r in rows]


def user_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(USER)) or 0)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The active user whose password this is, else None (same cost either way)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(USER).where(USER.c.name == name.strip())).first()
    try:
        _HASHER.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    return User(row.id, row.name, Role.parse(row.role))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, user: User, *, now: datetime, ttl: timedelta) -> str:
    """Start a session; return the cookie value (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    values = {
        "id": _digest(token),
        "user_id": user.id,
        "csrf": secrets.token_urlsafe(24),
        "created_at": now,
        "expires_at": now + ttl,
    }
    with store.engine.begin() as conn:
        conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.expires_at < now))
        conn.execute(sa.insert(WEB_SESSION).values(values))
    return token


def load_session(store: Store, token: str, *, now: datetime) -> Session | None:
    query = (
        sa.select(WEB_SESSION.c.csrf, WEB_SESSION.c.expires_at, USER)
        .join(USER, USER.c.id == WEB_SESSION.c.user_id)
        .where(WEB_SESSION.c.id == _digest(token))
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.expires_at <= now or not row.active:
        return None
    return Session(User(row.id, row.name, Role.parse(row.role)), row.csrf, row.expires_at)


def close_session(store: Store, token: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.id == _digest(token)))


def same_token(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


class Throttle:
    """At most `limit` failed logins per key (address and name) within `window`."""

    def __init__(
        self, clock: Callable[[], datetime], *, limit: int = 5, window: timedelta | None = None
    ) -> None:
        self._clock = clock
        self._limit = limit
        self._window = window or timedelta(minutes=15)
        self._failures: dict[str, deque[datetime]] = {}

    def blocked(self, key: str) -> bool:
        if not self._recent(key):
            del self._failures[key]  # forget clean keys: the table stays small
            return False
        return len(self._failures[key]) >= self._limit

    def fail(self, key: str) -> None:
        self._recent(key).append(self._clock())

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)

    def _recent(self, key: str) -> deque[datetime]:
        since = self._clock() - self._window
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] < since:
            failures.popleft()
        return failures


class LoginGate:
    """A cap on password checks for the whole desk, whatever the address and name.

    Each argon2 check costs about 0.2 CPU-seconds and 64 MiB, and the per-name Throttle
    never stops a flood of fresh names, so without it such a flood would starve the pipeline
    that shares the process. At most `per_minute` checks are let in per minute (the rest are
    told to come back: Retry-After), and `at_once` of them run together (the others wait
    their turn: with the budget, a few seconds at most)."""

    def __init__(
        self, clock: Callable[[], datetime], *, per_minute: int = 30, at_once: int = 2
    ) -> None:
        self._clock = clock
        self._per_minute = per_minute
        self._admitted: deque[datetime] = deque()
        self._told: datetime | None = None  # when the log last said the budget was spent
        self.slot = asyncio.Semaphore(at_once)  # `async with gate.slot:` around the check

    def admit(self) -> int:
        """Count one check against the minute's budget: 0 when it may run, else the seconds
        until one may."""
        now = self._clock()
        while self._admitted and self._admitted[0] <= now - _MINUTE:
            self._admitted.popleft()
        if len(self._admitted) < self._per_minute:
            self._admitted.append(now)
            return 0
        if self._told is None or now - self._told > _MINUTE:  # once a minute, not per request
            self._told = now
            _LOGGER.warning(
                "desk: %d sign-in attempts in the last minute; refusing more for now",
                self._per_minute,
            )
        wait = (self._admitted[0] + _MINUTE - now).total_seconds()
        return max(1, math.ceil(wait))


_MINUTE = timedelta(minutes=1)
