"""Saved replies are written in a small template language (saved_syntax): a loop, a macro or a
`*` that would take the desk's process is refused with the reason, in the desk and in the file,
before it is compiled or rendered; an `{% if %}` with filters still works."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from mentiondesk import saved_desk, saved_syntax
from mentiondesk.config import Config
from mentiondesk.models import ConfigError
from mentiondesk.saved_replies import (
    MAX_FILLED,
    SAMPLE,
    ReplyRefused,
    SavedReplies,
    SavedReply,
    check_reply,
    load_saved_replies,
)
from mentiondesk.store import Store
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.seed import add, write_config
from tests.desk.test_saved_replies import SAVED
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
ORDER = {"id": "order", "title": "Order number", "lang": "en"}
_LOOPS = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"
# The review's payloads: ten billion turns of a loop, the same hidden from the start-up
# samples (whose handle is "sample"), and a string of a billion characters.
PAYLOADS = [
    (f"Hi {_LOOPS}", "{% for %}"),
    (f'Hi{{% if handle != "sample" %}}{_LOOPS}{{% endif %}}', "{% for %}"),
    ('Hi {{ "x" * 10**9 }}', "*"),
    ("{% macro m() %}x{% endmacro %}{{ m() }}", "{% macro %}"),
    ("Hi {{ full_name.split()[1] }}", "x[…]"),
    ("{{ name|center(999999999) }}", "|center"),
    ("{% set n = 9 %}{{ n }}", "{% set %}"),
]


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return saved_config(tmp_path, db_url, SAVED)


@pytest.mark.parametrize(("text", "what"), PAYLOADS)
async def test_the_review_s_payloads_are_refused_saying_why(
    as_role: Login, store: Store, text: str, what: str
) -> None:
    manager = await as_role("manager")
    response = await manager.follow(await manager.post("/saved-replies", **ORDER, text=text))
    page = html.unescape(await response.text())
    assert response.status == 200
    assert f"The text uses {what}, which saved replies do not allow" in page
    assert "|default" in page and "{% if %}" in page  # what to write instead
    assert saved_desk.stored_replies(store) == []
    assert (await manager.client.get("/healthz")).status == 200


async def test_the_refusal_is_in_the_page_s_language(as_role: Login) -> None:
    manager = await as_role("manager")
    data = {"csrf": manager.csrf, **ORDER, "text": PAYLOADS[1][0]}
    headers = {"Accept-Language": "pt-BR"}
    response = await manager.client.post("/saved-replies", data=data, headers=headers)
    assert [r.status for r in response.history] == [303]  # Post/Redirect/Get
    page = html.unescape(await response.text())
    assert response.status == 200
    assert "O texto usa {% for %}, que as respostas prontas não permitem" in page


async def test_an_if_else_with_filters_is_saved_and_filled_in(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my order?", name="bia lima")
    text = (
        "Hi {{ name|title if name else 'there' }}{% if platform == 'X' and not case is none %}"
        " on X{% elif brand|lower == 'lumora' %}, from {{ brand|upper }}{% else %}!{% endif %}"
        " ({{ full_name|trim|default('you', true) ~ '' }})"
    )
    manager = await as_role("manager")
    assert (await manager.post("/saved-replies", **ORDER, text=text)).status == 303
    page = await (await manager.client.get(f"/cases/{case}?saved=order&into=reply")).text()
    assert "Hi Bia on X (bia lima)</textarea>" in page


async def test_a_reply_stored_before_the_check_is_left_out_not_rendered(
    as_role: Login, store: Store
) -> None:
    """One an older release let in (stored past the check): every case page stays answerable
    and the Saved replies page marks it not offered."""
    _, case, _ = add(store, "Hello?")
    looping = SavedReply(id="loop", title="Loop", lang="en", text=PAYLOADS[1][0])
    saved_desk.add_reply(store, looping, by="earlier", reserved=())
    manager = await as_role("manager")
    response = await manager.client.get(f"/cases/{case}")
    page = await response.text()
    assert response.status == 200 and 'value="wait"' in page and 'value="loop"' not in page
    listed = await (await manager.client.get("/saved-replies")).text()
    assert "Loop" in listed and "not offered" in listed.split("Loop")[1]


def test_the_file_is_refused_by_the_same_check(tmp_path: Path) -> None:
    path = tmp_path / "saved.toml"
    entry = 'id = "w"\ntitle = "W"\nlang = "en"\n'
    path.write_text(f"[[replies]]\n{entry}text = '{PAYLOADS[1][0]}'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_saved_replies(path)
    said = "replies[0].text (id 'w'): {% for %} is not allowed in a saved reply"
    assert said in str(caught.value)


def test_the_shipped_replies_load_and_fill_in() -> None:
    shipped = load_saved_replies(ROOT / "saved_replies.toml")
    filled = shipped.for_case("pt-BR", SAMPLE)
    assert len(filled) == len(shipped.replies) >= 7
    assert all(f.text and "{" not in f.text for f in filled)


def test_a_text_too_long_once_filled_in_is_left_out() -> None:
    reply, template = check_reply({**ORDER, "text": "{{ full_name }}" * 300})
    mine = SavedReplies((reply,), {reply.id: template})
    assert [f.id for f in mine.for_case("en", SAMPLE)] == ["order"]
    long_name = {**SAMPLE, "full_name": "F" * (MAX_FILLED // 300 + 1)}
    assert mine.for_case("en", long_name) == []


def test_a_deeply_nested_text_is_refused_not_a_crash() -> None:
    with pytest.raises(ReplyRefused) as caught:
        check_reply({**ORDER, "text": "{{ " + "not " * 1200 + "name }}"})
    assert caught.value.kind == "nested" and "nested too deeply" in str(caught.value)


# Texts Jinja parses but Python's compiler refuses (100 blocks, 200 brackets deep).
NESTED = [
    "{% if name %}" * 100 + "x" + "{% endif %}" * 100,
    "{{ " + "not " * 199 + "name }}",
    "{{ name" + "|upper" * 199 + " }}",
    "{{ " + "[" * 199 + "1" + "]" * 199 + " }}",
]


@pytest.mark.parametrize("text", NESTED)
async def test_a_text_nested_too_deeply_is_refused_saying_so(
    as_role: Login, store: Store, text: str
) -> None:
    manager = await as_role("manager")
    response = await manager.follow(await manager.post("/saved-replies", **ORDER, text=text))
    page = html.unescape(await response.text())
    assert response.status == 200
    assert "The text is nested too deeply: {% if %}" in page and "at most 20 levels" in page
    assert saved_desk.stored_replies(store) == []


async def test_the_nesting_refusal_is_in_the_page_s_language(as_role: Login) -> None:
    manager = await as_role("manager")
    data = {"csrf": manager.csrf, **ORDER, "text": NESTED[0]}
    headers = {"Accept-Language": "pt-BR"}
    response = await manager.client.post("/saved-replies", data=data, headers=headers)
    assert [r.status for r in response.history] == [303]  # Post/Redirect/Get
    page = html.unescape(await response.text())
    assert response.status == 200
    assert "O texto tem aninhamento em excesso" in page and "no máximo 20 níveis" in page


@pytest.mark.parametrize("text", NESTED)
def test_a_file_nested_too_deeply_is_a_config_problem(
    tmp_path: Path, db_url: str, text: str
) -> None:
    path = write_config(tmp_path, db_url)
    entry = 'id = "w"\ntitle = "W"\nlang = "en"\n'
    (tmp_path / "saved.toml").write_text(f"[[replies]]\n{entry}text = '{text}'\n", "utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\nsaved_replies = "saved.toml"\n')
    code, output = run_cli(path, "check-config")
    assert code == 2 and "replies[0].text (id 'w'): nested too deeply" in output


def test_twenty_levels_are_still_a_reply() -> None:
    for text in [
        "{% if brand %}" * 20 + "x" + "{% endif %}" * 20,
        "{{ " + "not " * 20 + "brand }}",
        "{{ brand" + "|upper" * 20 + " }}",
    ]:
        assert check_reply({**ORDER, "text": text})[1].render(SAMPLE)


def test_what_python_s_compiler_refuses_is_a_syntax_refusal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the depth check (were its limit off), Python's own SyntaxError is a refusal."""
    monkeypatch.setattr(saved_syntax, "MAX_DEPTH", 10_000)
    for text in NESTED[:3]:  # the brackets exhaust Jinja's own recursion first: "nested"
        with pytest.raises(ReplyRefused) as caught:
            check_reply({**ORDER, "text": text})
        assert caught.value.kind == "syntax" and "too many" in caught.value.detail
