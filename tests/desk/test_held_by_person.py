"""A reply a person held with `outbox hold --reason` reads as their hold on the case page, not
as the platform's refusal or a set-up problem, whatever words their reason holds: who held it
and why, in words ("Held back by ana (terminal): …"), not the raw "held by cli:ana"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_hold, queue
from mentiondesk.held_replies import PostState
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
ADVICE = "Read the reason recorded below; once the reply may go, send it with Try sending again."
THEIRS = "Once the reply may go, send it with Try sending again."


def _held_by_ana(store: Store, reason: str | None) -> tuple[int, int]:
    """An approved reply `cli:ana` held before it went, as `outbox hold --reason` does; ids."""
    _, case, draft = add(store, "Still no parcel")
    assert case and draft
    key = queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    with store.engine.connect() as conn:
        outbox_id = conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.key == key))
    assert outbox_hold.hold(store, [outbox_id], reason=reason, actor="cli:ana").changed
    return case, draft


async def _box(desk: Desk, case: int, lang: str = "en") -> str:
    response = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
    return (await response.text()).split('class="held-reply"', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("reason", ["waiting for legal", "the <token> giveaway is off"])
async def test_a_persons_hold_reads_as_theirs(as_role: Login, store: Store, reason: str) -> None:
    case, draft = _held_by_ana(store, reason)
    box = await _box(await as_role("agent"), case)
    assert "Not sent: a person on the team held it back." in box and THEIRS in box
    assert "refused" not in box and "set-up" not in box and "different reply" not in box
    recorded = reason.replace("<", "&lt;").replace(">", "&gt;")  # escaped
    assert f"Held back by ana (terminal): {recorded}" in box
    assert "held by cli:ana" not in box and "tries" not in box
    assert f"/drafts/{draft}/retry" in box


async def test_a_hold_with_no_reason_says_none_was_given(as_role: Login, store: Store) -> None:
    """It showed "held by cli:root … after 0 tries" as the reason to read."""
    case, _ = _held_by_ana(store, None)
    desk = await as_role("agent")
    box = await _box(desk, case)
    assert "Held back by ana (terminal), with no reason given." in box and "tries" not in box
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "ana (terminal) held the reply back from sending</" in page.replace("\n", "")


async def test_a_persons_hold_in_portuguese(as_role: Login, store: Store) -> None:
    case, _ = _held_by_ana(store, "waiting for legal")
    desk = await as_role("agent")
    br, pt = await _box(desk, case, "pt-BR"), await _box(desk, case, "pt-PT")
    assert "Não enviada: alguém da equipe a reteve." in br and "Retida por ana" in br
    assert "Não enviada: alguém da equipa a reteve." in pt and "Retida por ana" in pt
    assert ": waiting for legal" in br and "Tentar enviar de novo" in pt


def _held_before_the_format(store: Store, reason: str, attempts: int = 0) -> int:
    """An approved reply held the way `outbox hold` held one before "held by ACTOR: REASON":
    the bare reason as the row's error, never tried. Its case's id."""
    _, case, draft = add(store, "Still no parcel")
    assert case and draft
    key = queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(OUTBOX)
            .where(OUTBOX.c.key == key)
            .values(status="held", last_error=reason, attempts=attempts)
        )
    return case


async def test_an_older_persons_hold_reads_as_recorded(as_role: Login, store: Store) -> None:
    case = _held_before_the_format(store, "waiting for <legal>")
    box = await _box(await as_role("agent"), case)
    assert "Not sent: held." in box and ADVICE in box and "refused" not in box
    assert "<details open>" in box and "waiting for &lt;legal&gt;</code>" in box


def test_only_a_row_never_tried_is_read_as_recorded() -> None:
    assert PostState(1, "held", 0, "waiting for legal").reason == "as-recorded"
    assert PostState(1, "held", 1, "mastodon refused the post (500)").reason == "refused"
    assert PostState(1, "held", 0, "held by cli:ana: token").reason == "by-person"
