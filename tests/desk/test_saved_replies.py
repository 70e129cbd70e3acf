"""Saved replies ([desk] saved_replies): checked at start-up, offered on the case page in the
case's language first, and put in a reply box filled in for the case, escaped, sending nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config, load_config
from mentiondesk.models import ConfigError
from mentiondesk.saved_replies import NAMELESS, check_reply
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX, READING
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.seed import add, write_config

SAVED = """
[[replies]]
id = "wait"
title = "Sorry for the wait"
lang = "en"
text = "Sorry for the wait, {{ full_name }} ({{ case }}): can you DM us your order number?"

[[replies]]
id = "espera"
title = "Desculpe a demora"
lang = "pt-BR"
text = "Desculpe a demora{% if name %}, {{ name }}{% endif %}! Manda o número do pedido?"
"""
PT_BR = {"Accept-Language": "pt-BR"}
_OPTIONS = re.compile(r'<option value="([a-z-]+)" data-text')


@pytest.fixture
def saved_text() -> str | None:
    return SAVED


@pytest.fixture
def config(tmp_path: Path, db_url: str, saved_text: str | None) -> Config:
    """The desk's test config, with the saved replies above (none when `saved_text` is None)."""
    if saved_text is None:
        return load_config(write_config(tmp_path, db_url))
    return saved_config(tmp_path, db_url, saved_text)


def _counts(store: Store) -> tuple[object, ...]:
    with store.engine.connect() as conn:
        count = sa.select(sa.func.count())
        return tuple(conn.scalar(count.select_from(table)) for table in (OUTBOX, DRAFT))


def _in_portuguese(store: Store, mention: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(READING.update().where(READING.c.mention_id == mention).values(lang="pt"))


async def test_the_picker_lists_the_case_language_first(as_role: Login, store: Store) -> None:
    _, case_en, _ = add(store, "Where is my lamp?")
    portuguese, case_pt, _ = add(store, "Cadê meu pedido?")
    _in_portuguese(store, portuguese)
    desk = await as_role("agent")
    page_en = await (await desk.client.get(f"/cases/{case_en}")).text()
    page_pt = await (await desk.client.get(f"/cases/{case_pt}")).text()
    assert _OPTIONS.findall(page_en)[:2] == ["wait", "espera"]
    # Reply now's box: the case's language first ("pt": Brazil's, as the playbook writes it).
    reply_now = page_pt.split('id="write-reply"')[1]
    assert _OPTIONS.findall(reply_now)[:2] == ["espera", "wait"]
    assert "In the case’s language (Brazilian Portuguese)" in reply_now
    assert "Other languages" in reply_now
    # A regional language inside the title's parentheses: no second pair inside them.
    assert "Desculpe a demora (Brazilian Portuguese" in page_en
    brazil = await (await desk.client.get(f"/cases/{case_en}", headers=PT_BR)).text()
    assert "Desculpe a demora (português do Brasil" in brazil and "(português (" not in brazil


async def test_picking_fills_the_reply_box_escaped_and_sends_nothing(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Late again", name="<script>x</script>")
    desk = await as_role("agent")
    before = _counts(store)
    page = await (await desk.client.get(f"/cases/{case}?saved=wait&into=reply")).text()
    box = re.search(r'aria-label="Your reply">([^<]*)</textarea>', page)
    assert box is not None
    number = f"MD-{case:06d}"
    assert box.group(1) == (
        f"Sorry for the wait, &lt;script&gt;x&lt;/script&gt; ({number}): can you DM us your "
        "order number?"
    )
    assert "<script>x</script>" not in page  # nor in the options' data-text
    assert _counts(store) == before  # no outbox row, no draft: picking is not sending


async def test_picking_for_a_draft_fills_that_draft_s_box(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Broken lamp", name="Bia Lima", draft="Old draft text")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}?saved=espera&into={draft}")).text()
    box = re.search(r'aria-label="Reply text"[^>]*>([^<]*)</textarea>', page)
    assert box is not None and box.group(1) == "Desculpe a demora, Bia! Manda o número do pedido?"
    assert "Old draft text" not in page.split('aria-label="Reply text"')[1].split("</")[0]


@pytest.mark.parametrize("saved_text", [None])
async def test_without_the_setting_the_page_has_no_picker(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Any news?")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}?saved=wait&into=reply")).text()
    assert "saved-picker" not in page and "Sorry for the wait" not in page


# Passes both start-up samples (their handle is "sample"), not a real nameless author.
_ONLY_SAMPLES = """
[[replies]]
id = "broken"
title = "Broken"
lang = "en"
text = "Hi{% if handle != 'sample' %} {{ name|first }}{% endif %}"
"""


@pytest.mark.parametrize("saved_text", [SAVED + _ONLY_SAMPLES])
async def test_a_reply_that_cannot_be_filled_in_is_left_out_not_a_500(
    as_role: Login, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    _, case, _ = add(store, "Late", name="@@@")  # no readable name: {{ name }} is ""
    desk = await as_role("agent")
    response = await desk.client.get(f"/cases/{case}")
    page = await response.text()
    assert response.status == 200 and _OPTIONS.findall(page)[:2] == ["wait", "espera"]
    assert 'value="broken"' not in page
    logged = [r.getMessage() for r in caplog.records if "saved reply" in r.getMessage()]
    assert logged and "'broken'" in logged[0] and "@@@" not in caplog.text


_PUBLIC_WAIT = SAVED.replace('lang = "en"\n', 'lang = "en"\nkind = "public"\n', 1)


def _pickers(page: str) -> dict[str, list[str]]:
    """Each picker's box ("reply", or a draft's id) and the replies it offers."""
    boxes = page.split('class="saved-picker"')[1:]
    return {re.findall(r'name="into" value="([^"]+)"', b)[0]: _OPTIONS.findall(b) for b in boxes}


@pytest.mark.parametrize("saved_text", [_PUBLIC_WAIT])
async def test_a_public_only_reply_is_not_offered_inside_a_private_message(
    as_role: Login, store: Store
) -> None:
    _, case, private = add(store, "Late", draft="Old draft text", draft_kind="private")
    _, other_case, public = add(store, "Late too", draft_kind="public")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert _pickers(page) == {str(private): ["espera"], "reply": ["wait", "espera"]}
    assert "Sorry for the wait (English, public)</option>" in page  # Reply now: either way
    public_page = await (await desk.client.get(f"/cases/{other_case}")).text()
    assert _pickers(public_page)[str(public)] == ["wait", "espera"]
    picked = await (await desk.client.get(f"/cases/{case}?saved=wait&into={private}")).text()
    assert "Old draft text</textarea>" in picked  # nor without JavaScript


@pytest.mark.parametrize(
    "saved_text",
    [SAVED.replace("demora{%", "demora no {{ platform }}{%")],
)
async def test_platform_is_the_name_the_desk_shows(as_role: Login, store: Store) -> None:
    portuguese, case, _ = add(store, "Cadê?", platform="hackernews", name="Bia Lima")
    _in_portuguese(store, portuguese)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}?saved=espera&into=reply")).text()
    assert "Desculpe a demora no Hacker News, Bia!" in page
    assert "no hackernews" not in page


_ENTRY = 'id = "wait"\ntitle = "Wait"\nlang = "en"\n'
_NAMELESS = "cannot be filled in for an author with no readable name"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            f'[[replies]]\n{_ENTRY}text = "Hi {{{{ nme }}}}"',
            "replies[0].text (id 'wait'): 'nme' is",
        ),
        (f'[[replies]]\n{_ENTRY}text = "Hi {{{{ nme }}}}"', "use one of {{ agent }}, {{ brand }}"),
        ('[[replies]]\nid = "wait"\nlang = "en"\ntext = "Hi"', "replies[0].title: required key"),
        (f'[[replies]]\n{_ENTRY}text = "Hi {{% if %}}"', "Jinja cannot read it"),
        (f'[[replies]]\n{_ENTRY}text = "Hi {{{{ name|first }}}}"', f"(id 'wait'): {_NAMELESS}"),
        # An empty name renders without an error, as "Hi , thanks": refused all the same.
        (f'[[replies]]\n{_ENTRY}text = "Hi {{{{ name }}}}, thanks"', f"(id 'wait'): {_NAMELESS}"),
        (f"[[replies]]\n{_ENTRY}text = \"Hi {{{{ name|default('you') }}}}\"", _NAMELESS),
        (
            f'[[replies]]\n{_ENTRY}text = "Hi {{{{ full_name.split()[1] }}}}"',
            "(id 'wait'): x[…] is not allowed in a saved reply; use placeholders, {% if %}",
        ),
        ('[[replies]]\nid = "w"\ntitle = "W"\nlang = "portuguese"\ntext = "Oi"', "pt-BR"),
        (f'[[replies]]\n{_ENTRY}text = "A"\n[[replies]]\n{_ENTRY}text = "B"', "repeated: ['wait']"),
        (
            f'[[replies]]\n{_ENTRY}kind = "dm"\ntext = "Hi"',
            "replies[0].kind: 'dm': write \"public\"",
        ),
        ("[[replies]\n", "not valid TOML"),
        (None, "file not found; copy the shipped saved_replies.toml there, fix the path"),
    ],
)
def test_a_bad_saved_replies_file_stops_start_up_naming_the_entry(
    tmp_path: Path, text: str | None, says: str
) -> None:
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\nsaved_replies = "saved.toml"\n')
    if text is not None:
        (tmp_path / "saved.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}: desk.saved_replies: " in str(caught.value) and says in str(caught.value)


@pytest.mark.parametrize(
    ("text", "nameless"),
    [
        ("Hi{% if name %} {{ name }}{% endif %}, thanks", "Hi, thanks"),
        ("Hi {{ name or 'there' }}, thanks", "Hi there, thanks"),
        ("Hi {{ name|default('there', true) }}, thanks", "Hi there, thanks"),
        ("Hi{% if name|length > 0 and name != '' %} {{ name }}{% endif %}!", "Hi!"),
    ],
)
def test_a_text_that_never_writes_an_empty_name_is_accepted(text: str, nameless: str) -> None:
    _, template = check_reply({"id": "hi", "title": "Hi", "lang": "en", "text": text})
    assert template.render(**NAMELESS) == nameless
    assert template.render(**{**NAMELESS, "name": "Ana"}).startswith("Hi Ana")
