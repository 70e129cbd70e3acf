"""The case page's audit trail reads as sentences in the reader's language, not codes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from mentiondesk import audit, queue
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
HELD = "the author asked not to be contacted; not sent"


def _entry(action: str, detail: str = "", actor: str = "demo", draft: int | None = None) -> object:
    return SimpleNamespace(actor=actor, action=action, detail=detail, draft_id=draft)


@pytest.mark.parametrize(
    ("entry", "english", "portuguese"),
    [
        (
            _entry("allow-contact", "x pri_moura"),
            "demo allowed @pri_moura on X to be contacted again",
            "demo voltou a permitir contato com @pri_moura no X",
        ),
        (
            _entry("do-not-contact", "x pri_moura", actor="cli:root"),
            "root (terminal) put @pri_moura on X on the do-not-contact list",
            "root (pelo terminal) colocou @pri_moura no X na lista de não contatar",
        ),
        (  # the retention blanked the author: their handle is gone from the line
            _entry("do-not-contact", "x"),
            "demo put the person on X on the do-not-contact list",
            "demo colocou a pessoa no X na lista de não contatar",
        ),
        (
            _entry("allow-contact", "mastodon"),
            "demo allowed the person on Mastodon to be contacted again",
            "demo voltou a permitir contato com a pessoa no Mastodon",
        ),
        (
            _entry("retry", audit.resent(HELD), draft=7),
            "demo sent the reply again after it was held: the author asked not to be contacted",
            "demo enviou de novo a resposta que estava retida: a pessoa pediu para não ser "
            "contatada",
        ),
        (  # as an older release recorded it
            _entry("retry", f"outbox 153, held: {HELD}", draft=7),
            "demo sent the reply again after it was held: the author asked not to be contacted",
            "demo enviou de novo a resposta que estava retida: a pessoa pediu para não ser "
            "contatada",
        ),
        (
            _entry("approve", actor="cli:root", draft=7),
            "root (terminal) approved a reply",
            "root (pelo terminal) aprovou uma resposta",
        ),
        (
            _entry("resolved", actor="cli:root"),
            "root (terminal) resolved the case",
            "root (pelo terminal) resolveu o caso",
        ),
        (
            _entry("relabel", "negative → positive"),
            "demo corrected the reading from complaint to praise",
            "demo corrigiu a classificação de reclamação para elogio",
        ),
        (
            _entry("assign", "nobody"),
            "demo left the case with nobody",
            "demo deixou o caso sem responsável",
        ),
        (_entry("assign", "demo"), "demo took the case", "demo assumiu o caso"),
        (
            _entry("approve", actor="slack:U42ANN (ann)", draft=7),
            "Slack user ann (U42ANN) approved a reply",
            "ann (U42ANN, pelo Slack) aprovou uma resposta",
        ),
        (
            _entry("approve", "edited", actor="demo", draft=7),
            "demo edited and approved a reply",
            "demo editou e aprovou uma resposta",
        ),
        (
            _entry("assign", "slack:U42ANN (ann)", actor="slack:U42ANN (ann)"),
            "Slack user ann (U42ANN) took the case",
            "ann (U42ANN, pelo Slack) assumiu o caso",
        ),
        (
            _entry("assign", "slack:U42ANN (ann)"),
            "demo assigned the case to Slack user ann (U42ANN)",
            "demo atribuiu o caso a ann (U42ANN, pelo Slack)",
        ),
        (  # as an older release recorded a Slack user, by username alone
            _entry("reject", actor="slack:ann", draft=7),
            "Slack user ann rejected a draft",
            "ann (pelo Slack) rejeitou um rascunho",
        ),
        (
            _entry("user-add", "Ana manager", actor="cli:root"),
            "root (terminal) added Ana to the desk as manager",
            "root (pelo terminal) deu a Ana acesso ao atendimento com o papel de gestão",
        ),
        (
            _entry("user-disable", "Ana"),
            "demo disabled the login of Ana",
            "demo desativou o acesso de Ana",
        ),
        (
            _entry("user-enable", "Ana"),
            "demo let Ana log in again",
            "demo reativou o acesso de Ana",
        ),
        (
            _entry("user-password", "Ana"),
            "demo changed the password of Ana",
            "demo trocou a senha de Ana",
        ),
    ],
)
def test_each_entry_is_a_sentence_in_the_readers_language(
    entry: object, english: str, portuguese: str
) -> None:
    assert audit_line(ENGLISH, entry) == english
    assert audit_line(PORTUGUESE, entry) == portuguese


@pytest.mark.parametrize(
    ("draft", "english", "portuguese"),
    [
        (7, "held the reply back from sending", "reteve a resposta, sem enviar"),
        (None, "held an action back from sending", "reteve uma ação, sem enviar"),
    ],
)
def test_a_hold_says_why(draft: int | None, english: str, portuguese: str) -> None:
    entry = _entry("hold", "sent before the restore", actor="cli:root", draft=draft)
    assert audit_line(ENGLISH, entry) == f"root (terminal) {english}: sent before the restore"
    said = audit_line(PORTUGUESE, entry)
    assert said == f"root (pelo terminal) {portuguese}: sent before the restore"


def test_a_retry_sent_elsewhere_says_where() -> None:
    entry = _entry("retry", audit.resent("no responder named 'x-main'", to="x-backup"), draft=3)
    line = audit_line(ENGLISH, entry)
    assert line.startswith("demo sent the reply again after it was held: the desk cannot")
    assert line.endswith(", this time through x-backup")


async def test_the_case_page_shows_the_sentences_escaped(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Nothing arrived", handle="pri_moura")
    audit.record(store, "cli:root", "allow-contact", mention_id=mention, detail="x pri_moura")
    audit.record(store, "<b>eve</b>", "note", mention_id=mention)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    trail = page.split('class="audit"', 1)[1].split("</ol>", 1)[0]
    assert "root (terminal) allowed @pri_moura on X to be contacted again" in trail
    assert "&lt;b&gt;eve&lt;/b&gt; added a note" in trail and "<b>eve</b>" not in trail
    assert "allow-contact" not in trail and "cli:root" not in trail
    pt = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
    assert "root (pelo terminal) voltou a permitir contato com @pri_moura no X" in await pt.text()


async def test_a_listing_made_on_one_case_shows_on_the_authors_other(
    as_role: Login, store: Store
) -> None:
    first, old, _ = add(store, "Lost parcel", handle="rui")
    queue.close_case(store, old or 0, by="agent", status="resolved")
    _, new, _ = add(store, "Lost again", handle="rui")
    desk = await as_role("manager")
    await desk.post(f"/mentions/{first}/do-not-contact", back=f"/cases/{old}")
    assert new != old
    page = await (await desk.client.get(f"/cases/{new}")).text()
    assert "manager put @rui on X on the do-not-contact list" in page


def _trail(store: Store) -> list[tuple[object, ...]]:
    """The case work's audit lines (the fixtures' adding of each test user is audited too)."""
    with store.engine.connect() as conn:
        query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.draft_id)
        query = query.where(AUDIT.c.action != "user-add")
        return [tuple(r) for r in conn.execute(query.order_by(AUDIT.c.id))]


async def test_each_desk_action_is_audited_once(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Parcel lost")
    _, other_case, other = add(store, "Parcel lost too")
    desk = await as_role("manager")
    await desk.post(f"/drafts/{draft}/save", text="Sorry! Please DM us.", back="/queue")
    await desk.post(f"/drafts/{draft}/approve", back="/queue")
    await desk.post(f"/drafts/{other}/reject", back="/queue")
    await desk.post(f"/cases/{other_case}/assign", assignee="agent")
    assert _trail(store) == [
        ("manager", "edit", case, draft),
        ("manager", "approve", case, draft),
        ("manager", "reject", other_case, other),
        ("manager", "assign", other_case, None),
    ]
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert page.count("manager approved a reply") == 1
