"""The do-not-contact list: people who asked us to stop get no private message."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.queue import NotFound
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR


def set_do_not_contact(store: Store, platform: str, handle: str, *, value: bool = True) -> int:
    """Put an author (every account with that handle on the platform) on do-not-contact."""
    with store.engine.begin() as conn:
        changed = conn.execute(
            sa.update(AUTHOR)
            .where(AUTHOR.c.platform == platform, AUTHOR.c.handle == handle.lstrip("@"))
            .values(do_not_contact=value)
        ).rowcount
    if not changed:
        raise NotFound(f"no author {handle!r} on {platform}")
    return int(changed)


def do_not_contact_list(store: Store) -> list[tuple[str, str, str]]:
    """(platform, handle, name) of every author who asked not to be contacted."""
    query = (
        sa.select(AUTHOR.c.platform, AUTHOR.c.handle, AUTHOR.c.name)
        .where(AUTHOR.c.do_not_contact.is_(True))
        .order_by(AUTHOR.c.platform, AUTHOR.c.handle)
    )
    with store.engine.connect() as conn:
        return [(p, h, n) for p, h, n in conn.execute(query)]
