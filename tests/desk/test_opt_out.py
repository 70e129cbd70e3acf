"""An author who asked not to be contacted, in the desk: why their DM was withdrawn."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import contacts
from mentiondesk.decisions import record
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add
from tests.test_dnc_turns import decided

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}
REASON = "Withdrawn: the author asked not to be contacted."
_DRAFTS_KPI = re.compile(r'id="kpi-drafts">(\d+)<')


def _pending_count(queue_page: str) -> int:
    found = _DRAFTS_KPI.search(queue_page)
    assert found
    return int(found.group(1))


async def test_the_case_page_says_the_dm_went_because_the_author_asked_to_stop(
    as_role: Login, store: Store
) -> None:
    _, case, apology = add(store, "Where is my parcel?", handle="lia")
    _, _, public = add(store, "Hello??", handle="lia", draft="On it!", draft_kind="public")
    desk = await as_role("agent")
    assert _pending_count(await (await desk.client.get("/queue")).text()) == 2
    stop, joined, _ = add(store, "stop messaging me", handle="lia", draft=None, opt_out=True)
    assert joined == case
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert REASON in page and f'<a href="/mentions/{stop}">See their message</a>' in page
    assert "Restore draft" not in page  # an opt-out is not undone with a click
    queue = await (await desk.client.get("/queue")).text()
    assert f'data-draft="{public}"' in queue and _pending_count(queue) == 1  # the public one
    refused = await desk.post(f"/drafts/{apology}/approve", back=f"/cases/{case}")
    assert await desk.said(refused) == "dnc"
    restore = await desk.post(f"/drafts/{apology}/restore", back=f"/cases/{case}")
    assert await desk.said(restore) == "stale"
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "Retirada: a pessoa pediu para não ser contatada." in pt and "Ver a mensagem" in pt


async def test_the_case_page_names_who_put_the_author_on_the_list(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Where is my parcel?", handle="rui")
    listing = contacts.set_do_not_contact(store, "x", "rui", by="cli:<ops>")
    assert listing.withdrawn == 1
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert REASON in page and "&lt;ops&gt; (terminal) put them on the do-not-contact list." in page
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "&lt;ops&gt; (pelo terminal) incluiu a pessoa na lista de não contatar." in pt


async def test_a_dm_left_waiting_for_a_listed_author_goes_when_someone_approves_it(
    as_role: Login, store: Store
) -> None:
    _, case, apology = add(store, "Where is my parcel?", handle="eva")
    with store.engine.begin() as conn:  # listed as older versions did: nothing withdrawn
        conn.execute(sa.update(AUTHOR).values(do_not_contact=True))
    desk = await as_role("agent")
    refused = await desk.post(f"/drafts/{apology}/approve", back=f"/cases/{case}")
    assert await desk.said(refused) == "dnc"
    assert _pending_count(await (await desk.client.get("/queue")).text()) == 0
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert REASON in page and "They were already on the do-not-contact list." in page
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "A pessoa já estava na lista de não contatar." in pt


async def test_a_complaint_decided_as_its_author_was_listed_gets_no_dm(
    as_role: Login, store: Store
) -> None:
    decision = decided(store, "noa", "m-noa")  # claimed and decided before the listing
    contacts.set_do_not_contact(store, "x", "noa", by="cli:ops")
    assert record(store, [decision], post_route={"default": "console"}) == 1
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/mentions/{decision.mention_id}")).text()
    assert "DM us your order" not in page and "On it!" in page  # only the public reply
    assert "No private message: the author asked not to be contacted." in page
    queue = await (await desk.client.get("/queue")).text()
    assert _pending_count(queue) == 1 and "DM us your order" not in queue


async def test_a_dm_praise_withdrew_is_not_offered_back_once_the_author_opts_out(
    as_role: Login, store: Store
) -> None:
    _, case, apology = add(store, "Where is my parcel?", handle="ivo")
    add(store, "it arrived, thank you!", handle="ivo", label="positive", case=False, draft=None)
    desk = await as_role("agent")
    assert "Restore draft" in await (await desk.client.get(f"/cases/{case}")).text()
    contacts.set_do_not_contact(store, "x", "ivo", by="cli:ops")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Withdrawn: the author has since posted praise." in page
    assert "Restore draft" not in page
    restore = await desk.post(f"/drafts/{apology}/restore", back=f"/cases/{case}")
    assert await desk.said(restore) == "dnc"


BADGE = '<span class="badge label-negative">do not contact</span>'
LIST_IT, ALLOW_IT = "Do not contact {} on X</button>", "Allow contact again with {} on X</button>"


async def test_an_agent_puts_the_author_on_the_list_from_the_case_page(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "Where is my parcel?", handle="<b>lia")
    add(store, "Hello??", handle="<b>lia", draft="On it!", draft_kind="public")
    desk = await as_role("agent")
    before = await (await desk.client.get(f"/cases/{case}")).text()
    assert LIST_IT.format("&lt;b&gt;lia") in before and BADGE not in before  # names the account
    assert 'data-confirm="Stop private messages to &lt;b&gt;lia on X?' in before
    done = await desk.post(f"/mentions/{mention}/do-not-contact", back=f"/cases/{case}")
    assert done.headers["Location"] == f"/cases/{case}"
    page = notice_of(await desk.landed(done), "dnc-listed")
    assert "account on this platform is on the do-not-contact list" in page and BADGE in page
    assert "&lt;b&gt;lia on X is on the do-not-contact list." in page
    assert REASON in page and "agent put them on the do-not-contact list." in page
    assert "agent put @&lt;b&gt;lia on X on the do-not-contact list" in page
    assert "Do not contact &lt;b&gt;lia" not in page
    assert "Allow contact again" not in page  # taking them off is a manager's call
    assert _pending_count(await (await desk.client.get("/queue")).text()) == 1  # the public one
    assert contacts.do_not_contact_list(store) == [("x", "<b>lia", "<B>Lia")]
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "não contatar</span>" in pt and "agent incluiu a pessoa na lista de não contatar." in pt
    assert "agent colocou @&lt;b&gt;lia no X na lista de não contatar" in pt


async def test_only_a_manager_allows_contact_again_and_nothing_withdrawn_comes_back(
    as_role: Login, store: Store
) -> None:
    mention, case, apology = add(store, "Where is my parcel?", handle="rui")
    agent = await as_role("agent")
    await agent.post(f"/mentions/{mention}/do-not-contact", back=f"/cases/{case}")
    refused = await agent.post(f"/mentions/{mention}/allow-contact", back=f"/cases/{case}")
    assert refused.status == 403 and contacts.do_not_contact_list(store) != []
    manager = await as_role("manager")
    assert ALLOW_IT.format("rui") in await (await manager.client.get(f"/cases/{case}")).text()
    done = await manager.post(f"/mentions/{mention}/allow-contact", back=f"/cases/{case}")
    assert done.headers["Location"] == f"/cases/{case}"
    page = notice_of(await manager.landed(done), "dnc-unlisted")
    assert "on this platform may be contacted again; withdrawn drafts stay withdrawn." in page
    assert BADGE not in page and LIST_IT.format("rui") in page
    assert "manager allowed @rui on X to be contacted again" in page
    assert REASON in page and "Restore draft" not in page  # the apology stays withdrawn
    assert contacts.do_not_contact_list(store) == []
    again = await manager.post(f"/drafts/{apology}/approve", back=f"/cases/{case}")
    assert await manager.said(again) == "dnc"  # withdrawn for that: not sent


async def test_listing_without_the_form_token_changes_nothing(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Where is my parcel?", handle="ivo")
    desk = await as_role("manager")
    forged = await desk.client.post(
        f"/mentions/{mention}/do-not-contact", data={"back": f"/cases/{case}"}
    )
    assert forged.status == 403 and "This form has expired" in await forged.text()
    assert contacts.do_not_contact_list(store) == []
    assert _pending_count(await (await desk.client.get("/queue")).text()) == 1


async def test_the_button_names_the_account_listed_when_the_handle_is_on_other_platforms(
    as_role: Login, store: Store
) -> None:
    on_x, case, _ = add(store, "Where is my parcel?", handle="lia")
    _, elsewhere, _ = add(store, "Still waiting", handle="lia", platform="reddit")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert LIST_IT.format("lia") in page and "Same handle on: Reddit" in page
    assert "The do-not-contact list goes by platform" in page
    await desk.post(f"/mentions/{on_x}/do-not-contact", back=f"/cases/{case}")
    assert contacts.do_not_contact_list(store) == [("x", "lia", "Lia")]  # reddit's stays off
    there = await (await desk.client.get(f"/cases/{elsewhere}")).text()
    assert "Do not contact lia on Reddit</button>" in there
    assert "Same handle on: X (do not contact)" in there
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "lia no X está na lista de não contatar." in pt
    assert "Mesmo nome de usuário em: Reddit" in pt
    assert "A lista de não contatar é por plataforma" in pt


async def test_no_do_not_contact_button_where_there_are_no_private_messages(
    as_role: Login, store: Store
) -> None:
    """The list stops private messages; Hacker News has none, so the button would do nothing."""
    _, on_x, _ = add(store, "Where is my parcel?", handle="kai", draft=None)
    _, on_hn, _ = add(
        store, "Where is my parcel?", platform="hackernews", handle="kai2", draft=None
    )
    desk = await as_role("agent")
    x_page = await (await desk.client.get(f"/cases/{on_x}")).text()
    hn_page = await (await desk.client.get(f"/cases/{on_hn}")).text()
    assert "/do-not-contact" in x_page and "Do not contact kai on X" in x_page
    assert "/do-not-contact" not in hn_page and "Do not contact" not in hn_page
