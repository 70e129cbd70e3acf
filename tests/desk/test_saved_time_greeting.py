"""`{{ time_greeting }}` in saved replies: accepted at start-up (checked with the longest
greeting), filled in on the case page for the desk's hour in `[desk] timezone`, in each reply's
own language, and in the Saved replies page's previews; "{saudação}" names it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.saved_braces import refuse_single_braces
from mentiondesk.saved_replies import SAMPLE, ReplyRefused, SavedReplies, check_reply
from mentiondesk.store import Store
from mentiondesk.web.saved_preview import preview
from playbooks.placeholders import LONGEST_TIME_GREETING
from tests.desk.conftest import Clock, Desk, desk_client
from tests.desk.seed import add

SAVED = """
[[replies]]
id = "hello"
title = "Hello"
lang = "en"
text = "{{ time_greeting }}! How can we help?"

[[replies]]
id = "ola"
title = "Olá"
lang = "pt-BR"
text = "{{ time_greeting }}! Como podemos ajudar?"
"""
_OPTION = re.compile(r'<option value="([a-z-]+)" data-text="([^"]*)"')
_ORDER = {"id": "hi", "title": "Hi", "lang": "en", "kind": ""}


async def _options(tmp_path: Path, db_url: str, store: Store, at: datetime) -> dict[str, str]:
    """The case page's picker, each reply's text by id, with the desk's clock at `at` and
    the desk in São Paulo (UTC-3)."""
    (tmp_path / "saved.toml").write_text(SAVED, encoding="utf-8")
    _, case, _ = add(store, "Where is my lamp?")
    clock = Clock()
    clock.now = at
    desk_lines = 'saved_replies = "saved.toml"\ntimezone = "America/Sao_Paulo"'
    async with desk_client(tmp_path, db_url, store, desk_lines, clock=clock) as client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        page = await (await client.get(f"/cases/{case}")).text()
    return dict(_OPTION.findall(page))


@pytest.mark.parametrize(
    ("at", "english", "portuguese"),
    [
        # 14:30 UTC is 11:30 in São Paulo: still morning there, afternoon in UTC.
        (datetime(2026, 3, 10, 14, 30, tzinfo=UTC), "Good morning", "Bom dia"),
        (datetime(2026, 3, 10, 16, 0, tzinfo=UTC), "Good afternoon", "Boa tarde"),
        # 02:00 UTC is 23:00 the day before in São Paulo.
        (datetime(2026, 3, 10, 2, 0, tzinfo=UTC), "Good evening", "Boa noite"),
    ],
)
async def test_the_picker_greets_for_the_desk_s_hour_in_each_reply_s_language(
    tmp_path: Path, db_url: str, store: Store, at: datetime, english: str, portuguese: str
) -> None:
    options = await _options(tmp_path, db_url, store, at)
    # The case is in English; the Portuguese reply still greets in Portuguese.
    assert options["hello"] == f"{english}! How can we help?"
    assert options["ola"] == f"{portuguese}! Como podemos ajudar?"


def test_a_text_with_time_greeting_passes_the_start_up_check_with_the_longest() -> None:
    _, template = check_reply({**_ORDER, "text": "{{ time_greeting }}, {{ name or 'hi' }}!"})
    assert SAMPLE["time_greeting"] == LONGEST_TIME_GREETING
    assert template.render(**SAMPLE).startswith(f"{LONGEST_TIME_GREETING}, ")


def test_a_reply_with_no_language_greets_in_the_case_s() -> None:
    """A reply whose language is empty (as an older desk row might be) takes the case's."""
    reply, template = check_reply({**_ORDER, "text": "{{ time_greeting }}!"})
    replies = SavedReplies((reply.model_copy(update={"lang": ""}),), {"hi": template})
    evening = datetime(2026, 3, 10, 20, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert [f.text for f in replies.for_case("pt-BR", SAMPLE, evening)] == ["Boa noite!"]


def test_the_preview_greets_for_the_hour_given_in_the_reply_s_language() -> None:
    template = check_reply({**_ORDER, "lang": "pt-PT", "text": "{{ time_greeting }}!"})[1]
    evening = datetime(2026, 3, 10, 19, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert preview(template, "pt-PT", brand="Lumora", agent="ana", now=evening).text == (
        "Boa noite!"
    )
    assert preview(template, "en", brand="Lumora", agent="ana").text == "Good morning!"


@pytest.mark.parametrize("written", ["{saudacao}", "{saudação}", "{Saudação}"])
def test_a_portuguese_single_brace_greeting_names_time_greeting(written: str) -> None:
    with pytest.raises(ReplyRefused, match=r"write placeholders as \{\{ time_greeting \}\}"):
        refuse_single_braces(f"{written}, tudo bem?")


async def test_the_saved_replies_page_previews_for_the_desk_s_hour(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    (tmp_path / "saved.toml").write_text(SAVED, encoding="utf-8")
    clock = Clock()
    clock.now = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 23:00 in São Paulo
    desk_lines = 'saved_replies = "saved.toml"\ntimezone = "America/Sao_Paulo"'
    async with desk_client(tmp_path, db_url, store, desk_lines, clock=clock) as client:
        desk = Desk(client)
        assert await desk.login("admin") == 303
        page = await (await client.get("/saved-replies")).text()
    assert "Boa noite! Como podemos ajudar?" in page and "Bom dia!" not in page
