"""How the desk words what it shows: the author's latest word in the queue, counts in the
singular or plural, pt-BR adjectives that agree with their noun, and figures explained."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.data_queue import Filters, load_queue
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}
FIRST, LATEST = "My codes never arrive", "update: the codes arrive now, solved"


async def test_the_queue_shows_the_authors_latest_mention(as_role: Login, store: Store) -> None:
    # No draft waits (a draft shows the mention it answers: tests/desk/test_queue_pairing.py).
    _, case, _ = add(store, FIRST, handle="caio", draft=None)
    _, joined, _ = add(store, LATEST, handle="caio", draft=None)
    assert joined == case
    items, _ = load_queue(store, Filters())
    assert [(i.case_id, i.excerpt, i.follow_ups) for i in items] == [(case, LATEST, 1)]
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue")).text()
    assert LATEST in page and FIRST not in page  # the case page keeps the first one
    assert "latest of 2 mentions" in page
    pt = await (await desk.client.get("/queue", headers=PT)).text()
    assert "a mais recente de 2 menções" in pt


def test_counts_read_in_the_singular_or_plural() -> None:
    cases = ("{n} case", "{n} cases")
    assert [ENGLISH.tn(*cases, n) for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    assert [PORTUGUESE.tn(*cases, n) for n in (1, 1234)] == ["1 caso", "1.234 casos"]


async def test_the_pages_count_one_in_the_singular(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "late again", handle="rui")
    desk = await as_role("manager")
    rules = await (await desk.client.get("/playbooks")).text()
    fired = rules.split('<code class="rule-id">complaint</code>', 1)[1].split("</tr>", 1)[0]
    assert '>1 case</span>, <span class="count">1 draft<' in fired and "1 cases" not in fired
    pt = await (await desk.client.get("/playbooks", headers=PT)).text()
    assert '>1 caso</span>, <span class="count">1 rascunho<' in pt
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Sentiment of their latest mention, " in page
    assert "(s)" not in page and "1 followers" not in page


async def test_a_reply_status_agrees_with_reply_in_portuguese(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my refund?")
    desk = await as_role("agent")
    # Its notice ("Rascunho rejeitado", the draft's word) said, the statuses are read alone.
    await desk.said(await desk.post(f"/drafts/{draft}/reject", back=f"/cases/{case}"))
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "Resposta privada" in pt
    assert '<span class="status status-rejected">rejeitada</span>' in pt
    assert "Rejeitada por agent" in pt or "rejeitada por agent" in pt
    assert "rejeitado" not in pt.lower()
    assert '<span class="status status-open">aberto</span>' in pt  # the case: masculine


async def test_the_desks_figures_say_what_they_are(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "third time asking")
    with store.engine.begin() as conn:
        ticket = {"ticket_ref": "ZD-77", "ticket_url": "https://help.example/tickets/77"}
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**ticket))
    desk = await as_role("manager")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert '<a href="https://help.example/tickets/77" rel="noopener noreferrer">' in page
    assert "help desk ticket ZD-77</a>" in page
    assert "frustration (0 to 3) × 10, + 5 for a complaint" in page  # what Priority is made of
    dash = await (await desk.client.get("/dashboard")).text()
    # The first-response cards: a short title, what it means on screen (not only in a tooltip,
    # which a phone never shows), and words rather than a dash while nothing is answered.
    assert '<b id="dash-frt-p50" class="kpi-none">no case answered yet</b>' in dash
    assert '<b id="dash-frt-p90" class="kpi-none">no case answered yet</b>' in dash
    assert '<span>Median first response</span><small class="kpi-note">half of the answered' in dash
    assert '<span>First response (p90)</span><small class="kpi-note">9 in 10 answered cases' in dash
    assert "p90 ·" not in dash
    pt = await (await desk.client.get("/dashboard", headers=PT)).text()
    assert '<b id="dash-frt-p50" class="kpi-none">nenhum caso respondido ainda</b>' in pt
    assert (
        "<span>Tempo de 1ª resposta (mediana)</span>" in pt
        and "<span>Tempo de 1ª resposta (p90)</span>" in pt
    )
    assert "metade dos casos respondidos teve resposta dentro deste tempo</small>" in pt
    assert "dentro deste tempo; só 1 em cada 10 demorou mais</small>" in pt


async def test_the_case_page_reads_plainly_in_both_languages(as_role: Login, store: Store) -> None:
    """The reading box, the rule behind a draft, who decided it from the terminal, the hand
    reply and the empty history say what they mean, in Portuguese a Brazilian team uses."""
    from mentiondesk import queue

    _, case, draft = add(store, "Where is my parcel?")
    assert draft is not None
    queue.reject_draft(store, draft, by="cli:root")
    desk = await as_role("manager")
    en = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Rejected by root (terminal)" in en or "rejected by root (terminal)" in en
    assert "cli:root" not in en
    assert '<span title="rule: complaint">rule: A detractor reaches an agent fast' in en
    assert "Reply now <small" in en and "(sent at once, in your name)" in en
    assert "Machine&#39;s reading</dt><dd>complaint, 80% sure</dd>" in en
    assert "No other cases." in en and "No other replies." in en
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "rejeitada por root (pelo terminal)" in pt.lower()
    assert "<h2>Classificação</h2>" in pt
    assert "Classificação automática</dt><dd>Reclamação, 80% de certeza</dd>" in pt
    assert "regra: Uma reclamação chega rápido a alguém" in pt and "regra complaint" not in pt
    # the case's rule, too
    assert '<dd id="case-rule" title="regra: complaint">Uma reclamação chega rápido' in pt
    assert "Responder agora" in pt and "(enviada na hora, em seu nome)" in pt
    assert "Nenhum outro caso." in pt and "Nenhuma outra resposta." in pt
    assert "Encaminhar ao help desk</button>" in pt
    for stale in (
        "Leitura",
        "Pontuação",
        "Confiança",
        "Escalar",
        "Escrever uma resposta",
        "Nenhum.",
    ):
        assert stale not in pt, stale


async def test_a_corrected_reading_says_how_sure_the_machine_was_of_its_own_label(
    as_role: Login, store: Store
) -> None:
    """The score is the classifier's probability for the label it chose: once a person
    corrects it, the page names that label beside it, not the person's."""
    from mentiondesk.corrections import relabel
    from mentiondesk.models import Label

    mention, _, _ = add(store, "Arrived early, great!")
    relabel(store, mention, Label.POSITIVE, by="ana")
    desk = await as_role("agent")
    en = await (await desk.client.get(f"/mentions/{mention}")).text()
    assert "Machine&#39;s reading</dt><dd>complaint, 80% sure</dd>" in en
    pt = await (await desk.client.get(f"/mentions/{mention}", headers=PT)).text()
    assert "Classificação automática</dt><dd>Reclamação, 80% de certeza</dd>" in pt
