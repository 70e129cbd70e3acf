"""What the saved replies' case-check tests (test_saved_case_guard, test_saved_case_shared) share:
a manager posting a text in the desk's editor, in a page language, and the file loaded at
start-up with what its check logged."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from mentiondesk import saved_desk
from mentiondesk.saved_replies import SavedReplies, load_saved_replies
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.test_saved_field import ORDER
from tests.desk.test_saved_syntax import config as config  # the fixture, re-exported

Login = Callable[[str], Awaitable[Desk]]


async def post_reply(as_role: Login, text: str, lang: str | None = None) -> tuple[int, str]:
    """A manager's new reply with `text`, posted with the page in `lang` (the default when
    None): the response's status, and the page it leads to, as sent (not unescaped)."""
    manager = await as_role("manager")
    if lang is not None:
        await manager.client.get(f"/lang/{lang}?next=/saved-replies")
    response = await manager.post("/saved-replies", **{**ORDER, "text": text})
    return response.status, await (await manager.follow(response)).text()


async def assert_saved(as_role: Login, store: Store, text: str) -> None:
    """The editor saves `text`, and the desk stores it as written."""
    manager = await as_role("manager")
    response = await manager.post("/saved-replies", **{**ORDER, "text": text})
    assert await manager.said(response) == "saved-reply-added"
    assert [r.text for r in saved_desk.stored_replies(store)] == [text]


def load_logged(
    tmp_path: Path, toml: str, caplog: pytest.LogCaptureFixture
) -> tuple[SavedReplies, list[str]]:
    """The saved replies file `toml`, loaded as start-up loads it, and the case check's log."""
    path = tmp_path / "saved.toml"
    path.write_text(toml, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mentiondesk.saved_case"):
        saved = load_saved_replies(path)
    return saved, [r.getMessage() for r in caplog.records]
