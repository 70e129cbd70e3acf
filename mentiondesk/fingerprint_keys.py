"""This store's random keys for keyed fingerprints (HMAC-SHA256), one per use.

A plain hash of a public id or handle can be checked against any list of guesses, and is the
same in every install; keyed, the fingerprints alone test nothing. The key is in the same
database, so a copy of all of it still allows guessing: this protects fingerprints that leak
on their own (a dump of one table, a backup excerpt).
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import FINGERPRINT_KEY


def key_for(conn: Connection, name: str, *, create: bool) -> bytes | None:
    """The key kept under `name`; made now (once, whichever worker is first) if `create` and
    none exists yet, else None: nothing can have been fingerprinted with it."""
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
