"""A password Reset password made, shown once on the page its Post/Redirect/Get lands on: kept
in the store for the admin's session (never in the URL: the history and the access log would
keep it), deleted as the page shows it, and with the session (logout, expiry). A reload shows
the page without it and resets nothing."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import SHOWN_PASSWORD


def keep(store: Store, session_id: str, name: str, password: str) -> None:
    """Keep `name`'s new `password` for the session to see once (a second reset before the
    page showed the first replaces it: that first password no longer works)."""
    mine = SHOWN_PASSWORD.c.session_id == session_id
    with store.engine.begin() as conn:
        conn.execute(sa.delete(SHOWN_PASSWORD).where(mine))
        values = {"session_id": session_id, "name": name, "password": password}
        conn.execute(sa.insert(SHOWN_PASSWORD).values(**values))


def take(store: Store, session_id: str) -> tuple[str, str] | None:
    """The (name, password) kept for the session, deleted as it is read: shown once."""
    mine = SHOWN_PASSWORD.c.session_id == session_id
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(SHOWN_PASSWORD.c.name, SHOWN_PASSWORD.c.password).where(mine)
        ).first()
        if row is None:
            return None
        taken = conn.execute(sa.delete(SHOWN_PASSWORD).where(mine))
    # Two tabs loading at once: only the one whose delete removed the row shows it.
    return (row.name, row.password) if taken.rowcount else None
