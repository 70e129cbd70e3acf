"""The Saved replies page tells the team lead which replies the picker leaves out on a post
that joins no case (saved_case: they write `{{ case }}` or `{{ case_opened }}` unguarded): the
file's, which keep loading, and those made in the desk before the editor's check. Each is
labelled "not offered on posts with no case" with how to fix it, in the page's language, and
escaped (the file's name, as the config writes it, is shown too)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from mentiondesk.config import Config
from mentiondesk.saved_desk import add_reply
from mentiondesk.saved_replies import check_reply
from mentiondesk.store import Store
from tests.desk.saved_picker_helpers import Login, saved_config

FILE = "r&<i>.toml"  # a name a page must escape: it is shown in the fix
SAVED = """
[[replies]]
id = "gap"
title = "Gap"
lang = "en"
text = "Your case {{ case }}, opened on {{ case_opened }}, is with the team."

[[replies]]
id = "guarded"
title = "Guarded"
lang = "en"
text = "Thanks!{% if case %} Case {{ case }}.{% endif %}"
"""
_ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.S)
_LABEL = '<span class="badge saved-no-case">'


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return saved_config(tmp_path, db_url, SAVED, file=FILE)


def _made(store: Store, reply_id: str, text: str) -> None:
    """A reply made in the desk before the editor refused such texts (the file's check
    passes it: only the editor's own refuses it)."""
    values = {"id": reply_id, "title": reply_id.title(), "lang": "en", "text": text, "kind": ""}
    reply, _ = check_reply(values)
    add_reply(store, reply, by="alice", reserved=())


def _rows(page: str) -> dict[str, str]:
    """Each table row by the reply id its <code> names."""
    found = {}
    for row in _ROW.findall(page):
        named = re.search(r'<code class="small">([a-z_-]+)</code>', row)
        if named:
            found[named.group(1)] = row
    return found


@pytest.mark.parametrize(
    ("headers", "label", "made_fix", "file_fix"),
    [
        (
            {},
            "not offered on posts with no case",
            "Edit it: put {{ case_opened }} inside {% if case %}…{% endif %}, or write "
            '{{ case_opened or "…" }}: it is empty on a post with no case.',
            "In r&<i>.toml, put {{ case }} inside {% if case %}…{% endif %}, or write "
            '{{ case or "…" }}: it is empty on a post with no case.',
        ),
        (
            {"Accept-Language": "pt-BR"},
            "não oferecida em publicações sem caso",
            "Edite-a: coloque {{ case_opened }} dentro de {% if case %}…{% endif %} ou escreva "
            '{{ case_opened or "…" }}, pois fica vazio numa publicação sem caso.',
            "No arquivo r&<i>.toml, coloque {{ case }} dentro de",
        ),
        (
            {"Accept-Language": "pt-PT"},
            "não oferecida em publicações sem caso",
            "Edite-a: coloque {{ case_opened }} dentro de",
            "No ficheiro r&<i>.toml, coloque {{ case }} dentro de {% if case %}…{% endif %} ou "
            'escreva {{ case or "…" }}, pois fica vazio numa publicação sem caso.',
        ),
    ],
)
async def test_replies_left_out_without_a_case_are_labelled_with_the_fix(
    as_role: Login,
    store: Store,
    headers: dict[str, str],
    label: str,
    made_fix: str,
    file_fix: str,
) -> None:
    _made(store, "old", "Opened on {{ case_opened }}.")
    _made(store, "fine", 'Your {{ case or "message" }} is with us.')
    manager = await as_role("manager")
    page = await (await manager.client.get("/saved-replies", headers=headers)).text()
    rows = _rows(page)
    assert set(rows) >= {"gap", "guarded", "old", "fine"}
    for offered in ("guarded", "fine"):
        assert _LABEL not in rows[offered]
    for left_out, fix in (("old", made_fix), ("gap", file_fix)):
        assert _LABEL + html.escape(label) + "</span>" in rows[left_out]
        assert fix in html.unescape(rows[left_out])
    assert "r&amp;&lt;i&gt;.toml" in rows["gap"] and "<i>" not in page  # escaped
    assert "&#34;…&#34;" in rows["old"]  # the fix's quotes too


async def test_a_reply_left_out_everywhere_says_only_that(as_role: Login, store: Store) -> None:
    _made(store, "gap", "Opened on {{ case_opened }}.")  # the file took its id since
    manager = await as_role("manager")
    page = await (await manager.client.get("/saved-replies")).text()
    (made,) = [row for row in _ROW.findall(page) if 'id="saved-reply-gap"' in row]
    assert "has a reply with this id" in html.unescape(made)
    assert _LABEL not in made
