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
    """A line per assign action that names none of `users` as the users table writes it, with
    the fix. In another case ("ANA" for 'Ana') it is said too: the case would be stored as
    "ANA", and the queue's assignee filter and "mine" go by the name as written."""
    by_case = {user.lower(): user for user in users}
    shown = ", ".join(users) or "none yet"
    lines = []
    for rule in playbook.rules:
        for spec in rule.actions:
            if spec.type is not ActionKind.ASSIGN or not spec.to or spec.to in users:
                continue
            where = f"{playbook.where(rule)}: rule {rule.name!r}, action assign: to = {spec.to!r}"
            if (named := by_case.get(spec.to.strip().lower())) is not None:
                lines.append(f"{where} is the desk user {named!r}: write it as {named!r}")
            else:
                lines.append(
                    f"{where} is no desk user: add them with `mentiondesk users add {spec.to} "
                    f"--role agent`, or fix the name; users: {shown}"
                )
    return lines


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
