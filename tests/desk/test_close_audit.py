"""Closing a case, resolving it and a note each write their audit line in their own
transaction, once, whoever did it: the desk, the CLI, or the help-desk sync when the ticket
was solved ("helpdesk:NAME"), which the case page words as the help desk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk import case_state, casework, helpdesk_sync, queue
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _trail(store: Store) -> list[tuple[str, str]]:
    """The trail's lines about mentions and cases (not the fixture's desk logins)."""
    about = sa.or_(AUDIT.c.mention_id.isnot(None), AUDIT.c.case_id.isnot(None))
    query = sa.select(AUDIT.c.actor, AUDIT.c.action).where(about).order_by(AUDIT.c.id)
    with store.engine.connect() as conn:
        rows = conn.execute(query)
        return [(r.actor, r.action) for r in rows]


def test_a_case_the_help_desk_resolves_is_on_the_trail(store: Store) -> None:
    _, case, _ = add(store, "Parcel lost")
    assert case
    assert helpdesk_sync._resolve(store, case, "zendesk") == 1
    assert _trail(store) == [("helpdesk:zendesk", "resolved")]


def test_a_close_and_its_audit_line_commit_together(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, case, _ = add(store, "Parcel lost")
    assert case

    def broken(*args: object, **kw: object) -> None:
        raise RuntimeError("the store failed")

    monkeypatch.setattr(case_state, "audit", broken)
    with pytest.raises(RuntimeError):
        queue.close_case(store, case, by="ana")
    with store.engine.connect() as conn:  # unrecorded, so not closed either
        assert conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case)) == "open"


def test_a_note_is_on_the_trail(store: Store) -> None:
    mention, _, _ = add(store, "Parcel lost")
    casework.add_note(store, mention, text="Called the courier", by="ana")
    assert _trail(store) == [("ana", "note")]


async def test_the_desk_audits_a_close_and_a_note_once_with_them(
    as_role: Login, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mention, case, _ = add(store, "Parcel lost")
    _, other, _ = add(store, "Parcel lost too")
    desk = await as_role("agent")
    await desk.post(f"/mentions/{mention}/notes", text="Called", back=f"/cases/{case}")
    await desk.post(f"/cases/{case}/close", resolution="resolved")
    assert _trail(store) == [("agent", "note"), ("agent", "resolved")]  # once each

    def broken(*args: object, **kw: object) -> None:
        raise RuntimeError("the store failed")

    monkeypatch.setattr(case_state, "audit", broken)
    assert (await desk.post(f"/cases/{other}/close", resolution="closed")).status == 500
    with store.engine.connect() as conn:  # not recorded, so not closed
        assert conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == other)) == "open"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "zendesk (help desk) resolved the case"),
        ("pt-BR", "zendesk (pelo help desk) resolveu o caso"),
        ("pt-PT", "zendesk (pelo apoio ao cliente) resolveu o caso"),
    ],
)
async def test_the_case_page_names_the_help_desk(
    as_role: Login, store: Store, lang: str, said: str
) -> None:
    _, case, _ = add(store, "Parcel lost")
    assert case
    helpdesk_sync._resolve(store, case, "zendesk")
    desk = await as_role("agent")
    page = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
    trail = (await page.text()).split('class="audit"', 1)[1].split("</ol>", 1)[0]
    assert said in trail and "helpdesk:" not in trail
