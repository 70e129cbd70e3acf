"""Praise on an open case in the desk: why the apology was withdrawn, and a hint to resolve."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}
BADGE = "posted praise: resolved?"
HINT = "The latest mention in this case is praise: if the problem is solved, resolve the case."


def _praise(store: Store, handle: str) -> tuple[int, int | None, int | None]:
    thanks = "Thanks for letting us know! We're really glad to hear it."
    return add(
        store, "it arrived, thank you!", handle=handle, label="positive", case=False,
        draft=thanks, draft_kind="public", rule="praise",
    )  # fmt: skip


async def test_the_desk_says_why_the_apology_was_withdrawn(as_role: Login, store: Store) -> None:
    _, case, apology = add(store, "Where is my parcel?", handle="lia")
    praise, joined, thanks = _praise(store, "lia")
    assert joined == case
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Withdrawn: the author has since posted praise." in page
    assert f'<a href="/mentions/{praise}">See the praise</a>' in page
    assert HINT in page and "it arrived, thank you!" in page  # in the case's mentions
    stale = await desk.post(f"/drafts/{apology}/approve", back=f"/cases/{case}")
    assert await desk.said(stale) == "stale"  # it cannot be sent blindly
    queue = await (await desk.client.get("/queue")).text()
    assert BADGE in queue and "it arrived, thank you!" in queue  # the latest word, not the first
    assert "Where is my parcel?" not in queue
    assert f'data-draft="{thanks}"' in queue  # the case's pending reply is the thank-you now
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "Retirada: depois disso, a pessoa publicou um elogio." in pt and "Ver o elogio" in pt
    assert "elogiou: resolvido?" in await (await desk.client.get("/queue", headers=PT)).text()


async def test_a_follow_up_saying_it_is_solved_is_named_so_not_praise(
    as_role: Login, store: Store
) -> None:
    # Read as a complaint, as such posts often are: "praise" would not be true of it.
    _, case, _ = add(store, "Where is my parcel?", handle="teo")
    said = "three awful weeks, but <b>sorted</b> now"
    _, joined, _ = add(store, said, handle="teo", case=False, draft=None, resolves=True)
    assert joined == case
    desk = await as_role("agent")
    queue = await (await desk.client.get("/queue")).text()
    assert "says it’s solved: resolve?" in queue and BADGE not in queue
    assert "says the problem is solved: if it is, resolve the case." in queue  # its title
    assert "&lt;b&gt;sorted&lt;/b&gt;" in queue and "<b>sorted" not in queue
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "The author’s latest mention says the problem is solved" in page and HINT not in page
    pt = await (await desk.client.get("/queue", headers=PT)).text()
    assert "disse que foi resolvido: resolver?" in pt and "elogiou: resolvido?" not in pt
    pt_pt = {"Accept-Language": "pt-PT"}
    page = await (await desk.client.get(f"/cases/{case}", headers=pt_pt)).text()
    assert "A menção mais recente da pessoa diz que o problema foi resolvido" in page


async def test_the_hint_goes_when_the_author_complains_again_or_the_case_is_resolved(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Where is my parcel?", handle="rui")
    _praise(store, "rui")
    add(store, "wait, it is the wrong lamp!", handle="rui")
    desk = await as_role("agent")
    assert BADGE not in await (await desk.client.get("/queue")).text()
    assert HINT not in await (await desk.client.get(f"/cases/{case}")).text()
    _, other, _ = add(store, "Broken screen", handle="bia")
    _praise(store, "bia")
    assert HINT in await (await desk.client.get(f"/cases/{other}")).text()
    await desk.post(f"/cases/{other}/close", resolution="resolved")
    assert HINT not in await (await desk.client.get(f"/cases/{other}")).text()


async def test_a_draft_praise_withdrew_can_be_restored_while_the_case_is_open(
    as_role: Login, store: Store
) -> None:
    # "Thanks for NOTHING, great service" read as praise: the apology is still needed.
    _, case, apology = add(store, "Where is my parcel?", handle="ivo")
    _praise(store, "ivo")
    desk = await as_role("agent")
    back = f"/cases/{case}"
    restored = await desk.post(f"/drafts/{apology}/restore", back=back)
    assert restored.headers["Location"] == f"{back}"
    page = notice_of(await desk.landed(restored), "restored")
    assert "Draft restored: it waits for approval again." in page
    assert "agent restored a draft" in page  # in the audit trail
    assert "Restore draft" not in page  # it is pending: nothing left to restore
    again = await desk.post(f"/drafts/{apology}/restore", back=back)
    assert await desk.said(again) == "stale"
    sent = await desk.post(f"/drafts/{apology}/approve", back=back)
    assert await desk.said(sent) == "approved"


async def test_only_praise_withdrawals_of_an_open_case_are_restored(
    as_role: Login, store: Store
) -> None:
    _, case, first = add(store, "Where is my parcel?", handle="eva")
    _, _, second = add(store, "Hello?? Still nothing", handle="eva")  # replaces the first
    desk = await as_role("agent")
    replaced = await desk.post(f"/drafts/{first}/restore", back=f"/cases/{case}")
    assert await desk.said(replaced) == "stale"
    _praise(store, "eva")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert page.count("Restore draft") == 1  # the second, which the praise withdrew
    await desk.post(f"/cases/{case}/close", resolution="resolved")
    closed = await desk.post(f"/drafts/{second}/restore", back=f"/cases/{case}")
    assert await desk.said(closed) == "already-resolved"  # how the case stands, not "stale"
    assert "Restore draft" not in await (await desk.client.get(f"/cases/{case}")).text()


async def test_the_desk_says_a_complaint_withdrew_the_thank_you_and_restores_it(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Where is my parcel?", handle="joao")
    _, _, thanks = _praise(store, "joao")
    complaint, _, _ = add(store, "why does the same lamp cost more here?", handle="joao")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    said = "Withdrawn: the author has since complained, so this thank-you no longer fits."
    assert said in page and f'<a href="/mentions/{complaint}">See the complaint</a>' in page
    assert "The complaint is about something else? This thank-you waits" in page
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "Retirada: depois disso, a pessoa fez uma reclamação" in pt and "Ver a reclamação" in pt
    restored = await desk.post(f"/drafts/{thanks}/restore", back=f"/cases/{case}")
    assert await desk.said(restored) == "restored"


async def test_restoring_the_apology_beside_the_private_thank_you_says_to_pick_one(
    as_role: Login, store: Store
) -> None:
    # Followers-only praise on Mastodon: its thank-you waits as the case's private message.
    _, case, apology = add(store, "Where is my parcel?", handle="rita", platform="mastodon")
    _, _, thanks = add(
        store, "it arrived, thank you!", handle="rita", label="positive", case=False,
        draft="Thanks!", platform="mastodon", visibility="private", instead_of_public=True,
    )  # fmt: skip
    desk = await as_role("agent")
    back = f"/cases/{case}"
    refused = await desk.post(f"/drafts/{apology}/restore", back=back)
    assert refused.headers["Location"] == f"{back}"
    page = notice_of(await desk.landed(refused), "dm-waits")
    assert "Draft not restored: another private message to this author already waits" in page
    pt = await desk.told(store, refused.headers["Location"], PT, notice="dm-waits")
    assert "Rascunho não restaurado: outra mensagem privada para esta pessoa" in pt
    await desk.post(f"/drafts/{thanks}/reject", back=back)  # the agent picks the apology
    restored = await desk.post(f"/drafts/{apology}/restore", back=back)
    assert await desk.said(restored) == "restored"
