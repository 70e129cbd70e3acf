"""Playbook `assign` actions checked against the desk users: a case assigned to a name nobody
logs in as (`to = "anna"` where the login is `ana`) is left to no one's queue.

Here in the glue, not in playbooks/: a component package reads no store. check-config refuses
such a name; `run` only warns, since a user may be added while it runs.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from mentiondesk.config import Config
from mentiondesk.config_store import new_sqlite_file
from mentiondesk.models import ActionKind
from mentiondesk.store import Store
from mentiondesk.tables import USER
from playbooks import Playbook


def unknown_assignees(playbook: Playbook, users: Sequence[str]) -> list[str]:
    """A line per assign action that names none of `users`, matched in any case as logins
    are (names are unique in any case), with the fix."""
    known = {user.lower() for user in users}
    shown = ", ".join(users) or "none yet"
    return [
        f"playbooks: no desk user {spec.to!r} (rule {rule.name!r}, action assign): add them "
        f"with `mentiondesk users add {spec.to} --role agent`, or fix the name; users: {shown}"
        for rule in playbook.rules
        for spec in rule.actions
        if spec.type is ActionKind.ASSIGN and spec.to and spec.to.strip().lower() not in known
    ]


def desk_users(engine: sa.Engine) -> list[str]:
    """The desk users' names in alphabetical order; none where the store has no user table
    yet (a new database: the first run makes it)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(USER.name):
            return []
        names = conn.scalars(sa.select(USER.c.name))
        return sorted(names, key=str.lower)


def configured_users(config: Config) -> list[str]:
    """`desk_users` of the configured store, for check-config: opened without creating it (a
    SQLite file not there yet has no users)."""
    if new_sqlite_file(config.settings.store, config.store_url()) is not None:
        return []
    store = Store(config.store_url(), pooled=False, fingerprint_secret=config.fingerprint_secret())
    try:
        return desk_users(store.engine)
    finally:
        store.dispose()
