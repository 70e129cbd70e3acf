"""A queue row pairs its draft with the mention the draft answers, each text beside its own
reading; when the author has written since, the row shows that too and offers no one-click
Approve."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from mentiondesk.tables import case_number
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}


def _row(page: str, case: int | None) -> str:
    assert case
    return page.split(f">{case_number(case)}<", 1)[1].split("</li>", 1)[0]


async def test_a_draft_for_an_older_mention_shows_it_and_the_newer_one_without_approve(
    as_role: Login, store: Store
) -> None:
    _, case, apology = add(store, "My parcel is lost, awful service", handle="lia")
    add(store, "any news on this?", handle="lia", label="neutral", case=False, draft=None)
    desk = await as_role("agent")
    row = _row(await (await desk.client.get("/queue")).text(), case)
    answered, newer = row.split("Newer from the author:", 1)
    # What the draft answers, with its own chip; the newer post below, with its own.
    assert "the draft answers" in answered and "My parcel is lost, awful service" in answered
    assert "any news on this?" in newer and '<span class="badge label-neutral">' in newer
    reading = row.split('<div class="reading">', 1)[1]
    assert reading.lstrip().startswith('<span class="badge label-negative">')
    assert f"/drafts/{apology}/approve" not in row  # no one-click Approve
    assert f'href="/cases/{case}#draft-{apology}"' in row
    assert "Read the case before approving</a>" in row
    assert f"/drafts/{apology}/reject" in row
    pt = _row(await (await desk.client.get("/queue", headers=PT)).text(), case)
    assert "Mais recente da pessoa:" in pt and "Leia o caso antes de aprovar" in pt
    assert "o rascunho responde" in pt


async def test_the_chip_is_the_reading_of_the_text_beside_it(as_role: Login, store: Store) -> None:
    # Demo MD-000024: a neutral question opens the case, praise, then a price complaint.
    _, case, _ = add(store, "has anyone tried the lamps?", handle="joao", label="neutral")
    thanks = "Thanks for letting us know!"
    add(store, "they work great", handle="joao", label="positive", case=False,
        draft=thanks, draft_kind="public", rule="praise")  # fmt: skip
    _, _, reply = add(store, "why does the same lamp cost more here?", handle="joao")
    desk = await as_role("agent")
    row = _row(await (await desk.client.get("/queue")).text(), case)
    assert "why does the same lamp cost more here?" in row and thanks not in row
    assert f"/drafts/{reply}/approve" in row and "Newer from the author:" not in row
    reading = row.split('<div class="reading">', 1)[1]
    assert reading.lstrip().startswith('<span class="badge label-negative">')  # not "neutral"
