"""Desk users: roles, argon2 password hashes, adding, disabling and checking them (their
sessions: web/sessions.py)."""

from __future__ import annotations

import enum
import functools
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from mentiondesk import audit_trail
from mentiondesk.store import Store
from mentiondesk.tables import USER, WEB_SESSION
from mentiondesk.web import login_counts

_LOGGER = logging.getLogger(__name__)
_HASHER = PasswordHasher()


@functools.cache
def dummy_hash() -> str:
    """What a login for a user who does not exist is verified against, so that it takes as
    long as a wrong password. Made on first use, not at import: an argon2 hash takes most of
    a second, which every CLI command paid; `create_app` makes it before the first login."""
    return _HASHER.hash("not a password")


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


class BadField(ValueError):
    """A new login refused for one of its fields: `field` ("name", "password"), `kind` (what
    is wrong with it: the desk words it, pages_people) and the `figure` it said, if any."""

    def __init__(self, field: str, kind: str, message: str, figure: int | str = "") -> None:
        super().__init__(message)
        self.field, self.kind, self.figure = field, kind, figure


def login_name(name: str) -> str:
    """The name as stored; ValueError unless it is 1-64 characters with no space or control."""
    name = name.strip()
    if not name or len(name) > 64:
        raise BadField("name", "length", "the name must have 1 to 64 characters")
    if any(ch.isspace() or not ch.isprintable() for ch in name):
        message = f"the name {name!r} has a space or control character; use one word"
        raise BadField("name", "space", message)
    return name


def add_user(store: Store, name: str, *, role: Role, password: str, by: str) -> int:
    """Create a user, audited as done `by` in the same transaction (name and role, never the
    password); raise ValueError on a bad name, a password out of bounds or a taken name."""
    name = login_name(name)
    check_password(password)
    with store.engine.begin() as conn:
        if (taken := _taken(conn, name)) is not None:
            raise BadField("name", "taken", f"a user named {taken!r} already exists", taken)
        values = {"name": name, "role": role.title, "password_hash": _HASHER.hash(password)}
        try:
            insert = sa.insert(USER).values(values).returning(USER.c.id)
            user_id = int(conn.execute(insert).scalar_one())
        except sa.exc.IntegrityError:  # another worker added the same name just now
            message = f"a user named {name!r} already exists"
            raise BadField("name", "taken", message, name) from None
        audit_trail.write(conn, by, "user-add", detail=f"{name} {role.title}")
        return user_id


def name_taken(store: Store, name: str) -> str | None:
    """The user's name `name` takes in any case, or None: to refuse before a password."""
    with store.engine.connect() as conn:
        return _taken(conn, name)


def _taken(conn: sa.Connection, name: str) -> str | None:  # 'Ana', 'ana': one login
    found = _named(conn, name)
    return found[1] if found else None


PASSWORD_MIN, PASSWORD_MAX = 12, 1024


def check_password(password: str) -> None:
    """ValueError unless the password has 12 to 1,024 characters: shorter ones fall to
    guessing; the login form reads no more than 1,024, so a longer one could never log in.
    (Passwords set before the minimum was 12 still log in: only new ones are checked.)"""
    if len(password) < PASSWORD_MIN:
        message = (
            f"the password must have at least {PASSWORD_MIN} characters "
            f"(it has {len(password)}); a few words make a good one"
        )
        raise BadField("password", "short", message, len(password))
    if len(password) > PASSWORD_MAX:
        message = (
            f"the password must have at most {PASSWORD_MAX:,} characters (it has "
            f"{len(password):,}): the login form reads no more"
        )
        raise BadField("password", "long", message, len(password))


class Refused(ValueError):
    """A change the desk will not make; `reason` is the notice the desk shows for it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def random_password() -> str:
    """A new password for someone else to type once: 16 URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


def set_active(
    store: Store, name: str, *, active: bool, by: str, acting: int | None = None
) -> tuple[str, bool]:
    """Let a user log in again (ending a lock left by guesses at their name), or stop them
    (their sessions end now: a desk tab left open is logged out at its next click), audited
    as done `by` in the same transaction; the name as stored and whether anything changed,
    or LookupError. One already so changes nothing and writes no audit line, but enabling
    still ends a lock (then audited). From the desk, `acting` is the admin's user id: they
    may not disable themselves or the last active admin (Refused); the terminal may, as it
    is also the way back."""
    with store.engine.begin() as conn:
        user_id, stored = _find(conn, name)
        if bool(conn.scalar(sa.select(USER.c.active).where(USER.c.id == user_id))) == active:
            changed = active and login_counts.forgive(conn, stored) > 0
        else:
            if acting is not None and not active:
                _keep_an_admin(conn, user_id, acting)
            conn.execute(sa.update(USER).where(USER.c.id == user_id).values(active=active))
            if active:  # an admin vouches for them: a lock left by guesses would keep them out
                login_counts.forgive(conn, stored)
            else:
                conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.user_id == user_id))
            changed = True
        if changed:
            action = "user-enable" if active else "user-disable"
            audit_trail.write(conn, by, action, detail=stored)
    return stored, changed


def set_password(store: Store, name: str, password: str, *, by: str) -> str:
    """Replace a user's password, end their sessions (whoever knew the old one is logged out
    too) and their name's login lock, audited as done `by` in the same transaction; the name
    as stored, or LookupError / ValueError."""
    check_password(password)
    hashed = _HASHER.hash(password)
    with store.engine.begin() as conn:
        user_id, stored = _find(conn, name)
        conn.execute(sa.update(USER).where(USER.c.id == user_id).values(password_hash=hashed))
        conn.execute(sa.delete(WEB_SESSION).where(WEB_SESSION.c.user_id == user_id))
        # The guesses that locked the name were at a password that no longer works.
        login_counts.forgive(conn, stored)
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


def _named(conn: sa.Connection, name: str) -> tuple[int, str] | None:
    """The user `name` names in any case (id, name as stored). Names are unique in any case
    (add_user), so "ana" finds 'Ana' and nobody else. Compared here, not by SQL's lower():
    SQLite's folds only A-Z (and PostgreSQL's follows the database's locale), so 'Élodie'
    could never log in, and 'élodie' could be added beside her. A desk has few users."""
    wanted = name.strip().lower()
    rows = conn.execute(sa.select(USER.c.id, USER.c.name).order_by(USER.c.id))
    return next(((int(i), str(n)) for i, n in rows if str(n).lower() == wanted), None)


def _find(conn: sa.Connection, name: str) -> tuple[int, str]:
    found = _named(conn, name)
    if found is None:
        raise LookupError(f"no user named {name.strip()!r}; `mentiondesk users list` shows them")
    return found


def list_users(store: Store) -> list[tuple[User, bool, datetime, datetime | None]]:
    """Every user with whether they are active, when they were added and when they last
    logged in to the desk (None: never, or not since this was recorded)."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(USER).order_by(USER.c.name)).all()
    return [
        (User(r.id, r.name, Role.parse(r.role)), r.active, r.created_at, r.last_login_at)
        for r in rows
    ]


def user_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(USER)) or 0)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The active user whose password this is, else None (same cost either way). The name in
    any case: a phone writes "Ana" for 'ana'."""
    with store.engine.connect() as conn:
        found = _named(conn, name)
        row = conn.execute(sa.select(USER).where(USER.c.id == found[0])).first() if found else None
    try:
        _HASHER.verify(row.password_hash if row else dummy_hash(), password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    return User(row.id, row.name, Role.parse(row.role))
