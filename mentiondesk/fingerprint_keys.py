"""The keys of keyed fingerprints (HMAC-SHA256), one per use.

A plain hash of a public id or handle can be checked against any list of guesses, and is the
same in every install; keyed, the fingerprints alone test nothing. By default the key is a
random one this store makes and keeps in the same database, so a copy of all of it still
allows guessing: it protects fingerprints that leak on their own (a dump of one table, a
backup excerpt). With `[store] fingerprint_secret_env` the operator keeps a secret outside the
database instead, and each use's key is derived from it: then a full copy of the database
tests no guess against the fingerprints kept since. Those kept before under the database's
key still match (a look-up tries every key), so turning it on loses no entry.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import ConfigError
from mentiondesk.tables import FINGERPRINT_KEY

# The engine's execution option carrying the operator's secret (Store sets it): every
# connection of the store then keys with it, and no caller can forget to pass it on.
SECRET_OPTION = "fingerprint_secret"
# A row beside the keys holding HMAC(secret, CHECK): which secret the store's fingerprints
# were kept under (the secret itself is never stored, nor can it be found from this).
CHECK = "secret check"
_KEY = "store.fingerprint_secret_env"


def key_for(conn: Connection, name: str, *, create: bool) -> bytes | None:
    """The key new fingerprints for `name` are made with: derived from the operator's secret
    where one is set, else the store's own (made now, once, if `create` and none exists
    yet); None when there is none: nothing can have been fingerprinted with it."""
    derived = _derived(conn, name)
    if derived is not None:
        return derived
    return _stored(conn, name, create=create)


def keys_for(conn: Connection, name: str) -> list[bytes]:
    """Every key a kept fingerprint for `name` may be under, newest scheme first: the one
    derived from the operator's secret, and the store's own where fingerprints were kept
    before the secret was set."""
    keys = [_derived(conn, name), _stored(conn, name, create=False)]
    return [k for k in keys if k is not None]


def _derived(conn: Connection, name: str) -> bytes | None:
    """HMAC(secret, use's name): one key per use, none of them the secret itself."""
    secret = conn.get_execution_options().get(SECRET_OPTION)
    if not secret:
        return None
    return hmac.new(secret, f"mentiondesk fingerprint {name}".encode(), hashlib.sha256).digest()


def _stored(conn: Connection, name: str, *, create: bool) -> bytes | None:
    query = sa.select(FINGERPRINT_KEY.c.value).where(FINGERPRINT_KEY.c.name == name)
    value = conn.scalar(query)
    if value is None and create:
        # Nested: a worker fingerprinting at the same moment may insert first; then read theirs.
        try:
            with conn.begin_nested():
                made = {"name": name, "value": secrets.token_hex(32)}
                conn.execute(sa.insert(FINGERPRINT_KEY).values(made))
        except sa.exc.IntegrityError:
            pass
        value = conn.scalar(query)
    return bytes.fromhex(value) if value is not None else None


def check_secret(conn: Connection) -> None:
    """Refuse to open a store with another secret than the one its fingerprints were kept
    under, or with none: the look-ups would miss them, and people who asked not to be
    contacted would be messaged again. The first start with a secret records it."""
    secret = conn.get_execution_options().get(SECRET_OPTION)
    mine = hmac.new(secret, CHECK.encode(), hashlib.sha256).hexdigest() if secret else None
    query = sa.select(FINGERPRINT_KEY.c.value).where(FINGERPRINT_KEY.c.name == CHECK)
    kept = conn.scalar(query)
    if kept is None and mine is not None:
        try:
            with conn.begin_nested():
                conn.execute(sa.insert(FINGERPRINT_KEY).values(name=CHECK, value=mine))
        except sa.exc.IntegrityError:  # another worker's first start: compare with theirs
            pass
        kept = conn.scalar(query)
    if kept is None:
        return
    if mine is None:
        raise ConfigError(
            f"{_KEY}: this store's fingerprints (do-not-contact, erased posts) were kept under "
            "a secret; set fingerprint_secret_env to the variable holding it again"
        )
    if not hmac.compare_digest(kept, mine):
        raise ConfigError(
            f"{_KEY}: the secret in the environment is not the one this store's fingerprints "
            "were kept under; export the earlier one (with another, people on the "
            "do-not-contact list would no longer be recognised)"
        )
