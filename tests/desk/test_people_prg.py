"""Add a person answers Post/Redirect/Get: a refusal redirects to /people, which says it once
with the field at fault marked and the name and role as typed; a reload shows the form afresh
and resends nothing. The password is never kept (flash.py's store is no place for it)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import FLASH
from mentiondesk.web.users import authenticate
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]


def _flash(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(sa.select(FLASH.c.said)))


@pytest.mark.parametrize(
    ("name", "password", "field"),
    [
        ("AGENT", "a-long-secret-nobody-keeps", "name"),  # taken, in another case
        ("yan", "tiny-secret", "password"),  # 11 characters: too short
    ],
)
async def test_a_refused_person_is_said_once_after_a_redirect(
    as_role: Login, store: Store, name: str, password: str, field: str
) -> None:
    admin = await as_role("admin")
    response = await admin.post("/people", name=name, role="manager", password=password)
    assert response.status == 303 and response.headers["Location"] == "/people"
    (kept,) = _flash(store)
    assert name in kept and password not in kept  # the name kept, never the password
    page = await (await admin.client.get("/people", allow_redirects=False)).text()
    assert 'id="person-refusal"' in page and f'href="#person-new-{field}"' in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="person-refusal"' in page
    assert f'value="{name}"' in page and '<option value="manager" selected>' in page
    assert password not in page
    reloaded = await (await admin.client.get("/people", allow_redirects=False)).text()
    assert 'id="person-refusal"' not in reloaded and "aria-invalid" not in reloaded
    assert f'value="{name}"' not in reloaded  # the form afresh: said once
    assert _flash(store) == []
    assert authenticate(store, name, password) is None


async def test_a_refusal_is_for_the_admin_who_typed_it(as_role: Login, store: Store) -> None:
    admin, other = await as_role("admin"), await as_role("admin")
    await admin.post("/people", name="zoe", role="boss", password="a-long-secret-nobody-keeps")
    assert 'id="person-refusal"' not in await (await other.client.get("/people")).text()
    page = await (await admin.client.get("/people")).text()
    assert "Choose one of the listed roles." in page and 'value="zoe"' in page
