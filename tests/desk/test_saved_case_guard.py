"""`{{ case }}` and `{{ case_opened }}` are "" on a post that joins no case (praise, a question
answered once): a saved reply that writes them as they are read "Your case , opened on , is…"
when a community manager picked it for such a post's draft. Now the desk's editor refuses to
save such a text, in the page's language, naming the guard (`{% if case %}…{% endif %}`) and
the fallback (`{{ case or "…" }}`), as a playbook template is refused at load; and the picker
leaves out, on a post with no case, a reply that would still leave the gap (the file's, which
keeps loading, and one made in the desk before this check), rather than offer it with a hole."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentiondesk import saved_desk
from mentiondesk.saved_case import case_hole
from mentiondesk.saved_replies import SAMPLE, load_saved_replies, with_desk
from mentiondesk.store import Store
from tests.desk.conftest import Clock, Desk, desk_client
from tests.desk.saved_case_helpers import Login, assert_saved, load_logged, post_reply
from tests.desk.saved_case_helpers import config as config  # the fixture, re-exported
from tests.desk.seed import add
from tests.desk.test_saved_field import ORDER, TIED

ROOT = Path(__file__).resolve().parents[2]
SAVED = """
[[replies]]
id = "gap"
title = "Gap"
lang = "en"
text = "Your case {{ case }}, opened on {{ case_opened }}, is with the team."

[[replies]]
id = "guarded"
title = "Guardado"
lang = "pt-BR"
text = "Olá!{% if case %} Caso {{ case }}, aberto em {{ case_opened }}.{% endif %}"

[[replies]]
id = "fallback"
title = "Fallback"
lang = "en"
text = 'Your {{ case or "message" }} is with the team.'
"""
_OPTION = re.compile(r'<option value="([a-z-]+)" data-text="([^"]*)"')
_TEXT_TIED = re.compile(r'<textarea name="text"[^>]*' + TIED)
_CASELESS = {**SAMPLE, "case": "", "case_opened": ""}
_NOW = datetime(2026, 3, 20, 15, tzinfo=UTC)


async def _options(tmp_path: Path, db_url: str, store: Store, path: str) -> dict[str, str]:
    """The picker's replies (id: text as filled in) on `path`, with the replies above."""
    (tmp_path / "saved.toml").write_text(SAVED, encoding="utf-8")
    clock = Clock()
    clock.now = _NOW
    desk = 'saved_replies = "saved.toml"\ntimezone = "America/Sao_Paulo"'
    async with desk_client(tmp_path, db_url, store, desk, clock=clock) as client:
        agent = Desk(client)
        assert await agent.login("agent") == 303
        page = await (await client.get(path)).text()
    return {i: html.unescape(text) for i, text in _OPTION.findall(page)}


async def test_a_post_with_no_case_is_offered_only_replies_that_read_well_without_one(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    mention, case, _ = add(
        store, "Love my lamp!", label="positive", case=False, draft="Thanks!", draft_kind="public"
    )
    assert case is None
    options = await _options(tmp_path, db_url, store, f"/mentions/{mention}")
    assert options == {"guarded": "Olá!", "fallback": "Your message is with the team."}


async def test_a_post_with_a_case_is_offered_them_all_filled_in(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    _, case, _ = add(store, "Where is my lamp?")
    assert case is not None
    options = await _options(tmp_path, db_url, store, f"/cases/{case}")
    number = f"MD-{case:06d}"
    assert options["gap"].startswith(f"Your case {number}, opened on ")
    assert options["guarded"].startswith(f"Olá! Caso {number}, aberto em ")
    assert options["fallback"] == f"Your {number} is with the team."


def test_the_file_still_loads_and_its_log_names_the_reply_and_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    saved, messages = load_logged(tmp_path, SAVED, caplog)
    assert saved.need_case == {"gap"}
    (said,) = messages
    assert "saved reply 'gap' writes {{ case }} outside {% if case %}…{% endif %}" in said
    assert '{{ case or "…" }}' in said and "with the team" not in said  # never the text


def test_a_reply_made_in_the_desk_before_the_check_is_left_out_only_without_a_case() -> None:
    made = {**ORDER, "kind": "", "text": "Opened on {{ case_opened }}."}
    replies = with_desk(None, [made])
    assert replies is not None
    assert replies.for_case("en", _CASELESS, _NOW, None) == []
    opened = datetime(2026, 3, 12, 12, tzinfo=UTC)
    (filled,) = replies.for_case("en", {**SAMPLE, "case": "MD-000007"}, _NOW, opened)
    assert filled.text == "Opened on 12 March 2026."


def test_the_shipped_replies_load_and_read_well_on_a_post_with_no_case() -> None:
    shipped = load_saved_replies(ROOT / "saved_replies.toml")
    assert not shipped.need_case
    filled = shipped.for_case("pt-BR", _CASELESS)
    assert len(filled) == len(shipped.replies)
    for reply in filled:
        assert not re.search(r"  | ,|\(\s*\)|\b(?:protocolo|referência) [,)]", reply.text)


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        (
            "en",
            "Your case {{ case }} is with the team.",
            "{{ case }} is empty on a post that joins no case, so this text would leave a gap "
            "there (“your case  is…”). Put it inside {% if case %}…{% endif %}, or write "
            '{{ case or "…" }}.',
        ),
        (
            "pt-BR",
            "Olá! Caso aberto em {{ case_opened }}.",
            "{{ case_opened }} fica vazio numa publicação sem caso, e este texto deixaria um "
            "espaço vazio ali (“o seu caso  está…”). Coloque {{ case_opened }} dentro de "
            '{% if case %}…{% endif %} ou escreva {{ case_opened or "…" }}.',
        ),
        (
            "pt-PT",
            "{% if name %}Olá {{ name }}, {% endif %}referência {{ case|upper }}.",
            "{{ case }} fica vazio numa publicação sem caso, e este texto deixaria um espaço "
            "vazio ali (“o seu caso  está…”). Coloque {{ case }} dentro de "
            '{% if case %}…{% endif %} ou escreva {{ case or "…" }}.',
        ),
    ],
)
async def test_the_editor_refuses_a_gap_naming_the_guard_in_the_page_s_language(
    as_role: Login, store: Store, lang: str, text: str, said: str
) -> None:
    status, page = await post_reply(as_role, text, lang)
    assert status == 303
    assert said in html.unescape(page)
    assert _TEXT_TIED.search(page), "the Text field is the one marked"
    assert f">{html.escape(text, quote=False)}</textarea>" in page  # kept as typed
    assert saved_desk.stored_replies(store) == []


@pytest.mark.parametrize(
    "text",
    [
        "Thanks!{% if case %} Your case {{ case }}, opened on {{ case_opened }}.{% endif %}",
        "{% if case_opened %}Since {{ case_opened }} ({{ case }}){% else %}Thanks{% endif %}",
        "{% if not case %}Thanks!{% else %}Case {{ case }}.{% endif %}",
        'Your {{ case or "message" }} is with us, since {{ case_opened|default("today", true) }}.',
        "Your {{ case if case else 'message' }} is with us.",
    ],
)
async def test_the_editor_saves_a_text_that_guards_them(
    as_role: Login, store: Store, text: str
) -> None:
    await assert_saved(as_role, store, text)


@pytest.mark.parametrize(
    ("headers", "said"),
    [
        ({}, 'Write them inside {% if case %}…{% endif %}, or as {{ case or "…" }}:'),
        (
            {"Accept-Language": "pt-BR"},
            'Escreva os dois dentro de {% if case %}…{% endif %} ou como {{ case or "…" }}:',
        ),
        (
            {"Accept-Language": "pt-PT"},
            'Escreva ambos dentro de {% if case %}…{% endif %} ou como {{ case or "…" }}: '
            "a resposta também tem de ficar bem",
        ),
    ],
)
async def test_the_editor_s_hint_says_how_to_write_them(
    as_role: Login, headers: dict[str, str], said: str
) -> None:
    manager = await as_role("manager")
    page = await (await manager.client.get("/saved-replies", headers=headers)).text()
    assert said in html.unescape(page)


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("Your case {{ case }}", "case"),
        ("{% if name %}{{ case_opened }}{% endif %}", "case_opened"),  # another guard
        ("{% if not case %}{{ case }}{% endif %}", "case"),
        ("{% if case %}ok{% else %}{{ case_opened }}{% endif %}", "case_opened"),
        ("{% if name or case %}{{ case }}{% endif %}", "case"),
        ('{{ case|default("x") }}', "case"),  # "" is defined: needs `, true`
        ('{{ case or "" }}', "case"),
        ('{{ "x" if case else case }}', "case"),
        ("{{ 'MD ' ~ case }}", "case"),
        ("{% if case %}{{ case }}{% endif %}", None),
        ("{% if name and case_opened %}{{ case }}{% endif %}", None),
        ("{% if x %}a{% elif case != '' %}{{ case }}{% endif %}", None),
        ("{% if case == '' %}a{% else %}{{ case }}{% endif %}", None),
        ('{{ case|default("x", boolean=true) }}', None),
        ("{{ case|length }}", None),
        ("Hi {{ name }}", None),
    ],
)
def test_what_counts_as_a_gap(text: str, gap: str | None) -> None:
    assert case_hole(text) == gap
