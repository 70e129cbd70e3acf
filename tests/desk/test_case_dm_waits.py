"""Restore draft on a withdrawn private message while another private message of the case
waits: the page says why it cannot be restored yet, rather than offer what is refused."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
WHY = {
    "en": "Another private message to this author waits in this case; reject it first to "
    "restore this one.",
    "pt-BR": "Outra mensagem privada para esta pessoa aguarda aprovação neste caso; rejeite "
    "aquela primeiro para restaurar esta.",
    "pt-PT": "Outra mensagem privada para esta pessoa aguarda aprovação neste caso; rejeite "
    "primeiro a outra para restaurar esta.",
}


def _restore_form(page: str, draft: int) -> str:
    return page.split(f'action="/drafts/{draft}/restore"', 1)[1].split("</form>", 1)[0]


def _case_with_private_thanks(store: Store) -> tuple[int, int, int]:
    """A Mastodon complaint's apology, withdrawn by followers-only praise whose thank-you
    waits as the case's private message."""
    _, case, apology = add(store, "Where is my parcel?", handle="rita", platform="mastodon")
    _, _, thanks = add(
        store, "it arrived, thank you!", handle="rita", label="positive", case=False,
        draft="Thanks!", draft_kind="private", platform="mastodon", visibility="private",
        rule="praise", instead_of_public=True,
    )  # fmt: skip
    assert case is not None and apology is not None and thanks is not None
    return case, apology, thanks


async def test_the_apology_s_restore_is_disabled_until_the_thank_you_is_rejected(
    as_role: Login, store: Store
) -> None:
    case, apology, thanks = _case_with_private_thanks(store)
    desk = await as_role("agent")
    for lang, why in WHY.items():
        page = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
        form = _restore_form(await page.text(), apology)
        button = re.search(r"<button[^>]*>", form)
        assert button and " disabled" in button.group(0), lang
        said = f'id="restore-{apology}-waits">{why}</span>'
        assert f'aria-describedby="restore-{apology}-waits"' in button.group(0) and said in form
    # The server still refuses a page loaded before the thank-you was drafted.
    refused = await desk.post(f"/drafts/{apology}/restore", back=f"/cases/{case}")
    assert await desk.said(refused) == "dm-waits"
    await desk.post(f"/drafts/{thanks}/reject", back=f"/cases/{case}")
    form = _restore_form(await (await desk.client.get(f"/cases/{case}")).text(), apology)
    assert " disabled" not in form and WHY["en"] not in form and "Restore draft" in form
    restored = await desk.post(f"/drafts/{apology}/restore", back=f"/cases/{case}")
    assert await desk.said(restored) == "restored"
