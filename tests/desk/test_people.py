"""The People page: an admin disables, enables and resets a person's password from the desk,
each audited, a disabled person's open tabs logged out at once; no one else may."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, FLASH, USER
from mentiondesk.web import users
from mentiondesk.web.users import Refused, Role, add_user, authenticate, set_active
from tests.desk.conftest import Desk
from tests.desk.seed import PASSWORD

Login = Callable[[str], Awaitable[Desk]]
_SHOWN = re.compile(r'<code class="new-password">([^<]+)</code>')


def _audit(store: Store) -> list[tuple[str, str, str]]:
    """The audit lines after the fixtures' own (adding each test user is audited too)."""
    with store.engine.connect() as conn:
        query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id)
        query = query.where(AUDIT.c.action != "user-add")
        return [(r.actor, r.action, r.detail) for r in conn.execute(query)]


async def test_disabling_logs_them_out_at_their_next_click(as_role: Login, store: Store) -> None:
    agent, admin = await as_role("agent"), await as_role("admin")
    assert (await agent.client.get("/queue", allow_redirects=False)).status == 200
    response = await admin.post("/people/disable", name="Agent")  # any case, as the CLI
    assert response.headers["Location"] == "/people"
    page = await admin.landed(response)
    assert (await agent.client.get("/queue", allow_redirects=False)).status == 302
    assert (await agent.post("/drafts/1/save", text="x")).status == 403  # no session, no token
    assert authenticate(store, "agent", PASSWORD) is None
    assert _audit(store) == [("admin", "user-disable", "agent")]
    assert "User disabled: they cannot log in" in page
    assert "admin disabled the login of agent" in page  # the page's recent changes


async def test_enabling_lets_them_log_in_again(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    await admin.post("/people/disable", name="agent")
    response = await admin.post("/people/enable", name="agent")
    assert (
        response.headers["Location"] == "/people" and await admin.said(response) == "user-enabled"
    )
    assert authenticate(store, "agent", PASSWORD) is not None
    assert [a[1] for a in _audit(store)] == ["user-disable", "user-enable"]


async def test_a_new_password_is_shown_once_and_never_logged(
    as_role: Login, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    agent, admin = await as_role("agent"), await as_role("admin")
    response = await admin.post("/people/password", name="agent")
    assert response.status == 303  # Post/Redirect/Get: a reload resets nothing
    assert response.headers["Location"] == "/people"  # never the password in a URL
    page = await admin.client.get("/people", allow_redirects=False)
    assert page.headers["Cache-Control"] == "no-store"
    shown = _SHOWN.findall(await page.text())
    assert len(shown) == 1 and len(shown[0]) >= 16
    assert authenticate(store, "agent", shown[0]) is not None
    assert authenticate(store, "agent", PASSWORD) is None
    assert (await agent.client.get("/queue", allow_redirects=False)).status == 302
    reloaded = await (await admin.client.get("/people")).text()
    assert not _SHOWN.search(reloaded) and shown[0] not in reloaded  # shown once
    assert authenticate(store, "agent", shown[0]) is not None  # the reload reset nothing
    assert _audit(store) == [("admin", "user-password", "agent")]
    assert shown[0] not in caplog.text
    assert not _kept(store)


async def test_a_new_password_is_for_the_admin_who_made_it(as_role: Login, store: Store) -> None:
    admin, other = await as_role("admin"), await as_role("admin")
    await admin.post("/people/password", name="agent")
    assert not _SHOWN.search(await (await other.client.get("/people")).text())
    assert _SHOWN.search(await (await admin.client.get("/people")).text())


async def test_logging_out_forgets_a_new_password_not_yet_shown(
    as_role: Login, store: Store
) -> None:
    admin = await as_role("admin")
    await admin.post("/people/password", name="agent")
    assert _kept(store) == ["agent"]
    assert (await admin.post("/logout")).status == 303
    assert not _kept(store)


def _kept(store: Store) -> list[str]:
    """Whose new password waits to be shown (flash.py keeps it with the session)."""
    with store.engine.connect() as conn:
        kept = conn.scalars(sa.select(FLASH.c.said).where(FLASH.c.path == "/people"))
        return [json.loads(said)["name"] for said in kept]


async def test_an_admin_cannot_disable_themselves(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    response = await admin.post("/people/disable", name="ADMIN")
    assert response.headers["Location"] == "/people"
    page = await admin.landed(response)
    assert "You cannot disable your own login" in page
    assert authenticate(store, "admin", PASSWORD) is not None
    assert _audit(store) == []


async def test_an_admin_resets_their_own_password_at_the_terminal(as_role: Login) -> None:
    admin = await as_role("admin")
    response = await admin.post("/people/password", name="admin")
    assert (
        response.headers["Location"] == "/people" and await admin.said(response) == "own-password"
    )
    assert (await admin.client.get("/people", allow_redirects=False)).status == 200


def test_the_last_active_admin_stays(store: Store) -> None:
    # Two admins disable each other at once: the second to commit finds itself disabled and
    # the other the last active admin (the admins' rows are locked in between).
    with store.engine.begin() as conn:
        conn.execute(sa.update(USER).where(USER.c.name != "admin").values(role="admin"))
        conn.execute(sa.update(USER).where(USER.c.name != "admin").values(active=False))
        gone = conn.scalar(sa.select(USER.c.id).where(USER.c.name == "manager"))
    with pytest.raises(Refused) as refused:
        set_active(store, "admin", active=False, by="manager", acting=gone)
    assert refused.value.reason == "last-admin"
    assert authenticate(store, "admin", PASSWORD) is not None
    assert _audit(store) == []


@pytest.mark.postgres
def test_two_admins_disabling_each_other_at_once_leave_one(pg_url: str) -> None:
    store = Store(pg_url)
    store.create_all()
    ids = {
        name: add_user(store, name, role=Role.ADMIN, password=PASSWORD, by="test") for name in "ab"
    }
    refused: list[str] = []

    def b_disables_a() -> None:
        try:
            set_active(store, "a", active=False, by="b", acting=ids["b"])
        except Refused as exc:
            refused.append(exc.reason)

    with store.engine.begin() as conn:  # a disables b: its transaction is still open …
        users._keep_an_admin(conn, ids["b"], ids["a"])
        conn.execute(sa.update(USER).where(USER.c.name == "b").values(active=False))
        other = threading.Thread(target=b_disables_a)
        other.start()
        while other.is_alive() and not _waiting_for_a_lock(store):
            time.sleep(0.01)
    other.join(30)  # … and b's waits for it, then sees b disabled and a the last admin
    assert refused == ["last-admin"]
    assert authenticate(store, "a", PASSWORD) is not None
    store.dispose()


def _waiting_for_a_lock(store: Store) -> bool:
    with store.engine.connect() as conn:
        query = (
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return bool(conn.scalar(sa.text(query)))


async def test_the_page_says_so_for_the_last_admin(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    page = await admin.told(store, "/people", notice="last-admin")
    assert "the last active admin" in page


@pytest.mark.parametrize("role", ["agent", "manager"])
@pytest.mark.parametrize("action", ["disable", "enable", "password"])
async def test_only_an_admin_may(as_role: Login, store: Store, role: str, action: str) -> None:
    desk = await as_role(role)
    response = await desk.post(f"/people/{action}", name="agent")
    assert response.status == 403
    assert "This page needs the admin role." in await response.text()
    assert authenticate(store, "agent", PASSWORD) is not None
    assert _audit(store) == []


async def test_a_form_without_its_token_changes_nothing(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    response = await admin.client.post("/people/disable", data={"name": "agent"})
    assert response.status == 403
    assert authenticate(store, "agent", PASSWORD) is not None


async def test_no_such_person(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    response = await admin.post("/people/disable", name="nobody")
    assert response.headers["Location"] == "/people" and await admin.said(response) == "no-user"


async def test_each_row_has_its_buttons_but_the_admins_own(as_role: Login) -> None:
    admin = await as_role("admin")
    await admin.post("/people/disable", name="agent")
    page = await (await admin.client.get("/people")).text()
    rows = {m[1]: m[0] for m in re.finditer(r"<tr><td[^>]*>(\w+)</td>.*?</tr>", page, re.S)}
    assert 'action="/people/enable"' in rows["agent"]
    assert "/people/disable" not in rows["agent"]
    assert 'action="/people/disable"' in rows["manager"]
    assert 'action="/people/password"' in rows["manager"]
    assert "/people/" not in rows["admin"] and "(you)" in rows["admin"]


async def test_the_page_speaks_portuguese(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    admin.client.session.cookie_jar.update_cookies({"md_lang": "pt-BR"})
    await admin.post("/people/password", name="agent")
    page = await (await admin.client.get("/people")).text()
    assert "Nova senha de agent" in page and "Desativar" in page
    listed = await admin.told(store, "/people", notice="user-disabled")
    assert "Acesso desativado: a pessoa não consegue mais entrar" in listed


def _field(page: str, name: str) -> str:
    """The Add a person form's field `name`, its tag as served."""
    start = page.index(f'name="{name}"', page.index('action="/people" class="stack"'))
    tag = page[page.rindex("<", 0, start) :]
    return tag[: tag.index(">") + 1]


_REFUSED = [
    ("Beatriz", "a long secret", "name", "That name is taken by beatriz (upper and lower case"),
    ("ana lima", "a long secret", "name", "A name may contain no spaces: use one word"),
    ("yan", "eleven char", "password", "The password is too short: at least 12 characters (it"),
]


@pytest.mark.parametrize(("name", "password", "field", "words"), _REFUSED)
async def test_a_refused_person_says_which_field_and_why(
    as_role: Login, store: Store, name: str, password: str, field: str, words: str
) -> None:
    """The page the refusal redirects to says which field and why, that field marked and
    focused, the name and role as typed, never the password."""
    add_user(store, "beatriz", role=Role.AGENT, password=PASSWORD, by="test")
    admin = await as_role("admin")
    response = await admin.post("/people", name=name, role="manager", password=password)
    response = await admin.follow(response)
    assert response.status == 200
    page = await response.text()
    notice = page[page.index('id="person-refusal"') :].split("</div>", 1)[0]
    assert f'href="#person-new-{field}"' in notice and words in notice
    assert "Nothing was added: type the password again." in notice
    assert "Could not add that user" not in page
    for attribute in ['aria-invalid="true"', 'aria-describedby="person-refusal"', "autofocus"]:
        assert attribute in _field(page, field)
        assert all(
            attribute not in _field(page, f) for f in ("name", "role", "password") if f != field
        )
    assert f'value="{name}"' in _field(page, "name")
    assert '<option value="manager" selected>' in page
    assert password not in page
    assert authenticate(store, name, password) is None


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("pt-BR", "A senha é curta demais: são pelo menos 12 caracteres (esta tem 5)."),
        ("pt-PT", "A palavra-passe é demasiado curta: são pelo menos 12 caracteres (esta tem 5)."),
    ],
)
async def test_a_refused_person_speaks_portuguese(as_role: Login, lang: str, words: str) -> None:
    admin = await as_role("admin")
    admin.client.session.cookie_jar.update_cookies({"md_lang": lang})
    short = await admin.post("/people", name="yan", role="agent", password="short")
    assert words in await (await admin.follow(short)).text()
    taken_at = await admin.post("/people", name="AGENT", role="agent", password="a long secret")
    taken = await (await admin.follow(taken_at)).text()
    assert (
        "Esse nome já está em uso por agent (maiúsculas e minúsculas contam como iguais)." in taken
    )


async def test_an_unknown_role_is_refused_on_the_role(as_role: Login, store: Store) -> None:
    admin = await as_role("admin")
    response = await admin.post("/people", name="zoe", role="boss", password="a long secret")
    response = await admin.follow(response)
    page = await response.text()
    assert response.status == 200 and "Choose one of the listed roles." in page
    assert 'aria-invalid="true"' in _field(page, "role") and 'value="zoe"' in _field(page, "name")
    assert authenticate(store, "zoe", "a long secret") is None
