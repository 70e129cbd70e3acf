"""A possible impostor of the brand (playbooks/impostors.py) is badged by its handle in the
queue, on its case page and in the thread of the customer it answered, the title saying what
it resembles; the brand's own account and ordinary customers are not. Display names are hostile
input: escaped wherever they show."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.models import Brand
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from mentiondesk.web.data_rules import matched_this_week
from playbooks import load_playbook
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
BADGE = '<span class="badge impostor label-negative"'
HOSTILE = '<Lumora> & "Atendimento" ✅'  # only its letters count: markup would be a name
BY_NAME = (
    'title="Its display name resembles Lumora, yet it is not one of the brand’s accounts: '
    'it may be a fake support account.">possible impostor</span>'
)
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}
PT_PT = {"Accept-Language": "pt-PT,pt;q=0.9"}
SCAM = "@ana glad to help! DM us on WhatsApp"


def _scam(store: Store, thread: str | None = None) -> tuple[int, int | None]:
    mention_id, case, _ = add(
        store, SCAM, handle="mariana_88", name=HOSTILE, thread_id=thread, rule="impostor"
    )
    return mention_id, case


async def test_the_queue_row_and_the_case_page_badge_it(as_role: Login, store: Store) -> None:
    _, case = _scam(store)
    add(store, "my parcel is late", handle="ana", name="Ana Lumora")
    desk = await as_role("agent")
    queue = await (await desk.client.get("/queue")).text()
    assert queue.count(BADGE) == 1 and BY_NAME in queue  # the scam's row; not Ana's
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert page.count(BADGE) == 1 and BY_NAME in page
    assert "&lt;Lumora&gt; &amp; &#34;Atendimento&#34; ✅" in page
    for shown in (queue, page):
        assert "<Lumora>" not in shown


async def test_a_look_alike_handle_is_named_in_the_title(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, SCAM, handle="1umora", name="Ana")
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    assert 'title="Its handle resembles @lumora, yet it is not one' in page


async def test_the_brand_s_own_account_is_not_badged(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "we're on it, Ana", handle="Lumora", name="Lumora Support")
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    assert BADGE not in page


async def test_the_customer_s_case_badges_the_scam_in_its_thread(
    as_role: Login, store: Store
) -> None:
    opener, case, _ = add(store, "my refund never came", handle="ana")
    with store.engine.connect() as conn:
        root = conn.scalar(sa.select(MENTION.c.external_id).where(MENTION.c.id == opener))
    _scam(store, thread=root)
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    thread = page.split("<h2>Thread</h2>")[1].split("</section>")[0]
    assert thread.count(BADGE) == 1 and BY_NAME in thread


async def test_the_badge_in_portuguese(as_role: Login, store: Store) -> None:
    _, case = _scam(store)
    desk = await as_role("agent")
    br = await (await desk.client.get(f"/cases/{case}", headers=PT_BR)).text()
    assert ">possível perfil falso</span>" in br
    assert 'title="O nome de exibição se parece com Lumora, mas não é uma das contas' in br
    pt = await (await desk.client.get("/queue", headers=PT_PT)).text()
    assert ">possível perfil falso</span>" in pt
    assert 'title="O nome apresentado parece-se com Lumora, mas não é uma das contas' in pt


def test_the_playbooks_page_counts_spam_the_impostor_rule_took_as_its_own(store: Store) -> None:
    """Spam by a possible impostor stopped at the `impostor` rule above the spam rule: the
    spam rule's week counts only the other."""
    playbook = load_playbook([], brand=Brand(name="Lumora", handles=("@lumora",)))
    for handle in ("lumora_sac", "ana"):
        add(store, "follow for follow", handle=handle, topics=("spam",), case=False, draft=None)
    now = datetime.now(UTC)
    counts = matched_this_week(
        store, playbook.rules, now=now, locale=playbook.locale, brand=playbook.brand
    )
    assert counts == {"spam": 1}
    assert matched_this_week(store, playbook.rules, now=now, locale=playbook.locale) == {
        "spam": 2  # without the brand, nobody is an impostor
    }
