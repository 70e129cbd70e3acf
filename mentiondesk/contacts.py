"""The do-not-contact list: people who asked us to stop get no private message."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.queue import NotFound
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR

# Platforms whose handles ignore case (@Night_Owl_Tom is @night_owl_tom); elsewhere (Hacker
# News) a handle is matched exactly.
CASELESS_HANDLES = frozenset({"x", "twitter", "reddit", "bluesky", "mastodon"})


def set_do_not_contact(store: Store, platform: str, handle: str, *, value: bool = True) -> int:
    """Put an author (every account with that handle on the platform) on do-not-contact."""
    platform, handle = platform.strip().lower(), handle.strip().lstrip("@")
    if platform in CASELESS_HANDLES:
        same = sa.func.lower(AUTHOR.c.handle) == handle.lower()
    else:
        same = AUTHOR.c.handle == handle
    with store.engine.begin() as conn:
        changed = conn.execute(
            sa.update(AUTHOR)
            .where(AUTHOR.c.platform == platform, same)
            .values(do_not_contact=value)
        ).rowcount
        if not changed:
            raise NotFound(_no_author(conn, platform, handle))
    return int(changed)


def _no_author(conn: sa.Connection, platform: str, handle: str) -> str:
    """Why nobody matched: an unknown platform (say which the store has) or handle."""
    known = list(conn.scalars(sa.select(AUTHOR.c.platform).distinct().order_by(AUTHOR.c.platform)))
    if platform in known:
        return f"no author {handle!r} on {platform}"
    if not known:
        return f"no authors on {platform!r}: the store has no authors yet"
    return f"no authors on {platform!r}; the store has authors on: {', '.join(known)}"


def do_not_contact_list(store: Store) -> list[tuple[str, str, str]]:
    """(platform, handle, name) of every author who asked not to be contacted."""
    query = (
        sa.select(AUTHOR.c.platform, AUTHOR.c.handle, AUTHOR.c.name)
        .where(AUTHOR.c.do_not_contact.is_(True))
        .order_by(AUTHOR.c.platform, AUTHOR.c.handle)
    )
    with store.engine.connect() as conn:
        return [(p, h, n) for p, h, n in conn.execute(query)]
