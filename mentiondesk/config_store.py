"""`[store]`: where the database is, written in the file or named by an environment variable
(a PostgreSQL URL carries its password), and whether mentiondesk can open it with what it
installs."""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import field_validator, model_validator

from mentiondesk.models import ConfigError, ConfigTable, secret_from_env
from mentiondesk.schema import shown_url

DEFAULT_URL = "sqlite:///mentiondesk.db"
MIN_RETAIN_DAYS = 30  # the least `retain_days` takes
MAX_RETAIN_DAYS = 36_500  # the most: more is "forever", which leaving it out says
# The least a fingerprint secret holds: a short one could be guessed from the fingerprints.
MIN_SECRET_CHARS = 32
# What mentiondesk installs: SQLite's driver ships with Python, PostgreSQL's is psycopg 3.
# SQLAlchemy 2.0 reads a bare postgresql:// as psycopg2, which is not installed.
_DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg"}
# libpq's own spellings, as hosting panels hand them out: SQLAlchemy knows neither.
_POSTGRES = ("postgresql://", "postgres://")
_SUPPORTED = "use sqlite:///FILE.db, postgresql://USER@HOST:5432/DB or postgresql+psycopg://…"


class StoreSection(ConfigTable):
    """`url`, or `url_env` naming the variable that holds it (not both; neither: SQLite)."""

    url: str | None = None
    url_env: str | None = None
    # Personal data of finished cases erased after this many days (mentiondesk.retention);
    # None keeps everything.
    retain_days: int | None = None
    # The variable holding the operator's key for new fingerprints (do-not-contact, erased
    # posts), kept outside the database (mentiondesk.fingerprint_keys); None: the store's own.
    fingerprint_secret_env: str | None = None

    @field_validator("retain_days", mode="before")
    @classmethod
    def _whole_days(cls, days: object) -> object:
        if days is None:
            return None
        if isinstance(days, bool) or not isinstance(days, int):
            raise ValueError(
                f"{days!r} is not a number of days; write a whole number such as 365, or "
                "remove the key to keep everything"
            )
        if days > MAX_RETAIN_DAYS:
            raise ValueError(
                f"{days} days is more than a century; remove the key to keep everything"
            )
        if days < MIN_RETAIN_DAYS:
            raise ValueError(
                f"{days} days is too short to work a case and look back on it; keep at least "
                f"{MIN_RETAIN_DAYS} (e.g. 365), or remove the key to keep everything"
            )
        return days

    # Before the fields: the conflict is said first, not after the variable is exported.
    @model_validator(mode="before")
    @classmethod
    def _one_of(cls, data: Any) -> Any:
        both = isinstance(data, dict) and None not in (data.get("url"), data.get("url_env"))
        if both:
            raise ValueError("set url or url_env, not both (url_env keeps the password out)")
        return data

    @field_validator("url_env")
    @classmethod
    def _url_is_set(cls, variable: str | None) -> str | None:
        if variable is not None:
            secret_from_env(variable)  # unset: the error names the variable and this key
        return variable

    @field_validator("fingerprint_secret_env")
    @classmethod
    def _secret_is_set(cls, variable: str | None) -> str | None:
        # Read by every command, as the URL is: the store-only ones fingerprint too (forget).
        if variable is not None and len(secret_from_env(variable)) < MIN_SECRET_CHARS:
            raise ValueError(
                f"environment variable {variable} holds fewer than {MIN_SECRET_CHARS} "
                "characters, short enough to guess; put a random one there, e.g. the output "
                "of `openssl rand -hex 32`"
            )
        return variable

    def fingerprint_secret(self) -> bytes:
        """The operator's fingerprint secret (b"" where none is configured)."""
        variable = self.fingerprint_secret_env
        return os.environ.get(variable, "").encode() if variable else b""

    @property
    def key(self) -> str:
        """The key a problem with the URL is reported under: with `url_env`, the variable
        too, as there is no `url` in the file to look for."""
        return f"store.url_env ({self.url_env})" if self.url_env else "store.url"

    def raw_url(self) -> str:
        if self.url_env:
            return os.environ.get(self.url_env, "")
        return self.url if self.url is not None else DEFAULT_URL


def store_url(section: StoreSection, base_dir: Path) -> str:
    """The URL to open: a relative SQLite path taken from `base_dir`, and a bare
    postgresql:// (or libpq's postgres://) given the driver mentiondesk installs."""
    url = section.raw_url()
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        return prefix + str((base_dir / url[len(prefix) :]).resolve())
    for bare in _POSTGRES:
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


@contextmanager
def store_errors(section: StoreSection) -> Iterator[None]:
    """Opening the store: its problems (said under `store.url` by the schema checks, which
    see only the engine) said under the key that gave the URL."""
    try:
        yield
    except ConfigError as exc:
        if section.key == "store.url":
            raise
        lines = str(exc).splitlines()
        said = [
            f"{section.key}:{line[len('store.url:') :]}" if line.startswith("store.url:") else line
            for line in lines
        ]
        raise ConfigError("\n".join(said)) from None


def store_problems(section: StoreSection, url: str) -> list[str]:
    """What stops mentiondesk opening `url`, said under the key that gave it."""
    key, shown = section.key, shown_url(section.raw_url())
    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        return [f"{key}: {shown!r} is not a database URL mentiondesk supports; {_SUPPORTED}"]
    if "@" in (parsed.host or ""):  # else the driver's error quotes the password's end as host
        return [f"{key}: {shown!r}: the password holds an @: write each @ in it as %40"]
    backend = parsed.get_backend_name()
    if backend not in _DRIVERS:
        return [f"{key}: {shown!r} is not a database URL mentiondesk supports; {_SUPPORTED}"]
    driver = parsed.get_driver_name()
    if driver != _DRIVERS[backend]:
        return [
            f"{key}: {shown!r} asks for the driver {driver!r}, which mentiondesk does not "
            f"install; write {backend}+{_DRIVERS[backend]}:// (or {backend}://) instead"
        ]
    if backend == "sqlite" and (parsed.host or parsed.database in (None, "", ":memory:")):
        # "sqlite://x.db" names a host, not a file; in memory, each connection would have a
        # database of its own, and all of it would be lost at the end of the run.
        return [f"{key}: {shown!r} names no database file; write sqlite:///FILE.db"]
    if backend == "sqlite" and parsed.database:
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            return [f"{key}: folder {str(folder)!r} does not exist; create it first"]
    return []


def inline_password(section: StoreSection) -> list[str]:
    """A warning where `[store] url` holds a password: whoever reads the config file (a
    backup, a repository, a support ticket) has the database."""
    try:
        parsed = sa.engine.make_url(section.url or "")
    except (sa.exc.ArgumentError, ValueError):
        return []
    if not (parsed.password or parsed.query.get("password")):
        return []
    return [
        "store.url holds the database password, so anyone who reads the config file has it; "
        'keep the URL in an environment variable instead: url_env = "MENTIONDESK_STORE_URL" '
        "(docs/operations.md, 'Scale'), or leave the password out of the URL for PGPASSWORD "
        "or ~/.pgpass"
    ]


def new_sqlite_file(section: StoreSection, url: str) -> Path | None:
    """The SQLite file `url` names where it does not exist yet (None otherwise), so that
    check-config creates nothing for a typo'd path; ConfigError where its folder is not
    writable, as the first run could not create it there, or where the file is there but
    this user cannot read and write it."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    if path.exists():
        _usable_sqlite_file(section, path)
        return None
    if not path.parent.is_dir():
        raise ConfigError(
            f"{section.key}: folder {str(path.parent)!r} does not exist, so the store "
            f"{path.name!r} cannot be created there; create the folder or pick another"
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ConfigError(
            f"{section.key}: folder {str(path.parent)!r} is not writable by this user, so the "
            f"store {path.name!r} cannot be created there; fix its permissions or pick another"
        )
    return path


def _usable_sqlite_file(section: StoreSection, path: Path) -> None:
    """ConfigError where the file or its folder keeps a start from writing: SQLite opens a
    read-only file without complaint and fails at the first write, and its write-ahead log
    (`-wal`, `-shm`) is made beside the file."""
    if not os.access(path, os.R_OK | os.W_OK):
        # Most often a command run as root made it (the first `users add`), for a service
        # that runs as its own user: name both, and the chown that fixes it.
        me, owner = _user(os.geteuid()), _user(path.stat().st_uid)
        raise ConfigError(
            f"{section.key}: the store {str(path)!r} is not readable and writable by this "
            f"user ({me}); it belongs to {owner}; give it to the user mentiondesk runs as, "
            f"e.g. as root: chown {me}: {path}"
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ConfigError(
            f"{section.key}: folder {str(path.parent)!r} is not writable by this user, so the "
            f"store {path.name!r} cannot keep its write-ahead log beside it; fix its permissions"
        )


def _user(uid: int) -> str:
    """The login name of `uid`, or the number where the system has none (a container's)."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
