"""One's own logins: a name logs in however its capitals are typed, the People page says when
each person last logged in, and anyone can log out everywhere (every session of theirs ends,
this one too)."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import USER, WEB_SESSION
from mentiondesk.web import users
from mentiondesk.web.i18n import ENGLISH
from mentiondesk.web.users import Role, add_user, authenticate, list_users, set_active
from tests.desk.conftest import Desk
from tests.desk.seed import PASSWORD

Login = Callable[[str], Awaitable[Desk]]


def _last_login(store: Store, name: str) -> datetime | None:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(USER.c.last_login_at).where(USER.c.name == name))


def _rows(page: str) -> dict[str, str]:
    return {m[1]: m[0] for m in re.finditer(r"<tr><td[^>]*>(\w+)</td>.*?</tr>", page, re.S)}


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
    assert "Sair de todas as sessões" in page  # the header's button


def test_a_name_with_an_accented_capital_is_one_login_in_any_case(store: Store) -> None:
    """'Élodie' logs in as she typed her name, or as a phone writes it; 'élodie' is her, not
    room for a second login; disabling "élodie" disables her. (SQLite's lower() folds only
    A-Z, so a name compared there never matched the name as typed.)"""
    add_user(store, "Élodie", role=Role.AGENT, password=PASSWORD, by="test")
    for typed in ("Élodie", "élodie", "ÉLODIE"):
        user = authenticate(store, typed, PASSWORD)
        assert user is not None and user.name == "Élodie", typed
    with pytest.raises(users.BadField, match="'Élodie' already exists"):
        add_user(store, "élodie", role=Role.AGENT, password=PASSWORD, by="test")
    assert set_active(store, "élodie", active=False, by="test") == ("Élodie", True)
    assert authenticate(store, "Élodie", PASSWORD) is None


async def test_log_out_everywhere_ends_every_session_of_theirs(
    as_role: Login, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    laptop, phone, other = await as_role("agent"), await as_role("agent"), await as_role("manager")
    page = await (await laptop.client.get("/queue")).text()
    assert 'formaction="/logout/everywhere"' in page  # in the header, next to Log out
    response = await laptop.post("/logout/everywhere")
    assert response.status == 303 and response.headers["Location"] == "/login"
    for desk in (laptop, phone):  # the phone still sends its cookie: it is refused
        assert (await desk.client.get("/queue", allow_redirects=False)).status == 302
    with store.engine.connect() as conn:
        count = sa.select(sa.func.count()).select_from(WEB_SESSION).join(USER)
        assert conn.scalar(count.where(USER.c.name == "agent")) == 0
    assert (await other.client.get("/queue", allow_redirects=False)).status == 200
    assert "desk: agent logged out everywhere (2 sessions)" in caplog.text
    login = await laptop.landed(response)  # said once, by a cookie: no session is left
    assert "You are logged out everywhere" in login
    again = await (await laptop.client.get("/login")).text()
    assert "You are logged out everywhere" not in again
    assert "logged out everywhere" not in await (await phone.client.get("/login")).text()


async def test_log_out_everywhere_needs_the_token(as_role: Login) -> None:
    laptop, phone = await as_role("agent"), await as_role("agent")
    response = await laptop.client.post("/logout/everywhere", allow_redirects=False)
    assert response.status == 403  # a link on another site cannot log anyone out
    for desk in (laptop, phone):
        assert (await desk.client.get("/queue", allow_redirects=False)).status == 200
    assert (await phone.post("/logout/everywhere")).status == 303
    assert (await laptop.client.get("/queue", allow_redirects=False)).status == 302


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
