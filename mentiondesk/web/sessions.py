"""Desk sessions, kept in the database: the cookie holds a random token, the store only its
hash, beside the session's CSRF token and expiry."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import USER, WEB_SESSION
from mentiondesk.web.users import Role, User


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str
    expires_at: datetime
    id: str  # web_session.id (the cookie's hash): what is kept for this session names it


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, user: User, *, now: datetime, ttl: timedelta) -> str:
    """Start a session and note the login on the user; return the cookie value (only its
    hash is stored)."""
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
        conn.execute(sa.update(USER).where(USER.c.id == user.id).values(last_login_at=now))
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
    user = User(row.id, row.name, Role.parse(row.role))
    return Session(user, row.csrf, row.expires_at, _digest(token))


def close_session(store: Store, token: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.id == _digest(token)))


def end_sessions(store: Store, user: User) -> int:
    """End every session of this user, on every browser: how many there were."""
    with store.engine.begin() as conn:
        ended = conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.user_id == user.id))
    return int(ended.rowcount or 0)


def same_token(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())
