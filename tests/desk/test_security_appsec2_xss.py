"""Security review, hostile text: a mention, its author's handle and name, a note and a
refused reply written to break out of the page come back escaped on every page an agent, a
manager or an admin opens; none of it reaches a link's address or a script."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
SCRIPT = "<script>alert('appsec2')</script>"
IMG = '"><img src=x onerror=alert(2)>'
QUOTE = "' onmouseover='alert(3)"
HOSTILE = f"{SCRIPT} {IMG} {QUOTE} javascript:alert(4)"
# Only what a browser would act on: a raw tag, a raw quote that ends an attribute, a
# javascript: address. Escaped (&lt;img …), the same words are text.
_UNSAFE = re.compile(
    r"<script>alert|<img src=x|\"><img|' onmouseover='|"
    r"(?:href|src|action|formaction)=[\"']?\s*javascript:",
    re.IGNORECASE,
)


def _clean(page: str, where: str) -> None:
    found = _UNSAFE.search(page)
    assert found is None, (where, page[max(0, found.start() - 80) : found.end() + 80])


@pytest.mark.parametrize("role", ["agent", "manager", "admin"])
async def test_hostile_text_is_escaped_on_every_page(
    as_role: Login, store: Store, role: str
) -> None:
    mention, case, _ = add(
        store, HOSTILE, handle=f"evil{IMG}", name=f"Eve {SCRIPT}", draft=f"Hi {{name}} {IMG}"
    )
    desk = await as_role(role)
    await desk.post(f"/mentions/{mention}/notes", text=HOSTILE, back=f"/cases/{case}")
    pages = [
        "/queue",
        f"/queue?q={IMG}",
        f"/cases/{case}",
        f"/mentions/{mention}",
        f"/cases?number={IMG}",
        "/dashboard",
        "/people",
        "/playbooks",
        "/saved-replies",
        f"/login?next={IMG}",
    ]
    for path in pages:
        response = await desk.client.get(path)
        page = await response.text()
        _clean(page, path)
        if path == f"/cases/{case}":  # the hostile words are there, as text
            assert "&lt;script&gt;alert(" in page and "evil&#34;&gt;&lt;img" in page
    # A refused reply's page shows the typed text back, to copy: escaped too.
    refused = await desk.client.post(
        f"/mentions/{mention}/reply", data={"csrf": "stale", "text": HOSTILE}
    )
    assert refused.status == 403
    _clean(await refused.text(), "refused reply")
