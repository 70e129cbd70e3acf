"""The People page says when each person last logged in."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import USER
from mentiondesk.web.i18n import ENGLISH
from mentiondesk.web.users import Role, add_user, list_users
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]


def _last_login(store: Store, name: str) -> datetime | None:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(USER.c.last_login_at).where(USER.c.name == name))


def _rows(page: str) -> dict[str, str]:
    return {m[1]: m[0] for m in re.finditer(r"<tr><td>(\w+)</td>.*?</tr>", page, re.S)}


async def test_a_login_is_recorded_on_the_person(as_role: Login, store: Store) -> None:
    assert _last_login(store, "agent") is None
    before = datetime.now(UTC)
    await as_role("agent")
    at = _last_login(store, "agent")
    assert at is not None and at >= before - timedelta(seconds=1)
    assert _last_login(store, "manager") is None


async def test_the_people_page_says_when_each_last_logged_in(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    three_days = datetime.now(UTC) - timedelta(days=3, minutes=5)
    with store.engine.begin() as conn:
        query = sa.update(USER).where(USER.c.name == "agent").values(last_login_at=three_days)
        conn.execute(query)
    rows = _rows(await (await admin.client.get("/people")).text())
    assert "3 days ago" in rows["agent"]
    assert ENGLISH.when(three_days) in rows["agent"]  # the moment itself, in the desk's zone
    assert ">never<" in rows["manager"]
    assert "just now" in rows["admin"]


async def test_the_people_page_says_it_in_portuguese(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    with store.engine.begin() as conn:
        two_hours = datetime.now(UTC) - timedelta(hours=2, minutes=1)
        conn.execute(sa.update(USER).where(USER.c.name == "agent").values(last_login_at=two_hours))
    admin.client.session.cookie_jar.update_cookies({"md_lang": "pt-BR"})
    page = await (await admin.client.get("/people")).text()
    rows = _rows(page)
    assert "há 2 horas" in rows["agent"]
    assert ">nunca<" in rows["manager"] and "Último acesso" in page


def test_an_older_store_gains_the_column(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    add_user(store, "ana", role=Role.AGENT, password="a long enough secret", by="test")
    with store.engine.begin() as conn:  # the store as a version before last logins
        conn.execute(sa.text('ALTER TABLE "user" DROP COLUMN last_login_at'))
    store.create_all()
    [(user, active, _, last)] = list_users(store)
    assert user.name == "ana" and active and last is None
    store.dispose()
