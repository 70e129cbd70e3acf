"""The desk's saved replies share the playbook templates' case check (playbooks/case_guard),
as a São Paulo community manager writes them: a guard the old check did not read
(`{% if case|length > 0 %}`) is saved, a fallback that is "" too where the case is
(`|default(case_opened, true)`) is refused, and where the check cannot tell
(`{% if case is upper %}`) the editor says so in the page's language, naming the construct,
rather than call a text wrong (or right) that it cannot read; start-up logs it the same way."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from mentiondesk import saved_desk
from mentiondesk.saved_replies import load_saved_replies
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.test_saved_field import ORDER
from tests.desk.test_saved_syntax import config as config  # the fixture, re-exported

Login = Callable[[str], Awaitable[Desk]]
# Case numbers are written in capitals ("MD-000007"): "" is not, so this is a guard, but one
# the check does not read.
UNSURE = "Olá!{% if case is upper %} Caso {{ case }}.{% endif %}"


@pytest.mark.parametrize(
    "text",
    [
        "Olá!{% if case|length > 0 %} Caso {{ case }}, aberto em {{ case_opened }}.{% endif %}",
        "Olá!{% if case|length %} Caso {{ case }}.{% endif %}",
        "Olá!{% if case_opened|length == 0 %}{% else %} Caso {{ case }}.{% endif %}",
    ],
)
async def test_the_editor_saves_a_guard_on_the_value_s_length(
    as_role: Login, store: Store, text: str
) -> None:
    manager = await as_role("manager")
    response = await manager.post("/saved-replies", **{**ORDER, "text": text})
    assert await manager.said(response) == "saved-reply-added"
    assert [r.text for r in saved_desk.stored_replies(store)] == [text]


async def test_the_editor_refuses_a_fallback_that_is_empty_too(
    as_role: Login, store: Store
) -> None:
    manager = await as_role("manager")
    await manager.client.get("/lang/pt-BR?next=/saved-replies")
    text = "O seu caso {{ case|default(case_opened, true) }} está com a equipe."
    response = await manager.post("/saved-replies", **{**ORDER, "text": text})
    page = html.unescape(await (await manager.follow(response)).text())
    assert "{{ case_opened }} fica vazio numa publicação sem caso" in page
    assert saved_desk.stored_replies(store) == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The check cannot tell whether {{ case }} is written only on a post that joins a "
            "case: it goes through {% if … %}, which the check does not follow. {{ case }} is "
            "empty on a post with no case: write it itself inside {% if case %}…{% endif %}, "
            'or write {{ case or "…" }}.',
        ),
        (
            "pt-BR",
            "A verificação não consegue saber se {{ case }} só é escrito numa publicação com "
            "caso: passa por {% if … %}, que a verificação não acompanha. {{ case }} fica vazio "
            "numa publicação sem caso: escreva-o diretamente dentro de {% if case %}…{% endif %}"
            ' ou escreva {{ case or "…" }}.',
        ),
    ],
)
async def test_where_the_check_cannot_tell_the_editor_says_so(
    as_role: Login, store: Store, lang: str, said: str
) -> None:
    manager = await as_role("manager")
    await manager.client.get(f"/lang/{lang}?next=/saved-replies")
    response = await manager.post("/saved-replies", **{**ORDER, "text": UNSURE})
    page = html.unescape(await (await manager.follow(response)).text())
    assert said in page
    assert "would leave a gap" not in page and "deixaria um espaço" not in page
    assert saved_desk.stored_replies(store) == []


def test_start_up_logs_what_it_cannot_tell_and_leaves_it_out_without_a_case(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "saved.toml"
    path.write_text(
        f'[[replies]]\nid = "maiuscula"\ntitle = "Maiúscula"\nlang = "pt-BR"\ntext = "{UNSURE}"\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="mentiondesk.saved_case"):
        saved = load_saved_replies(path)
    assert saved.need_case == {"maiuscula"}
    (logged,) = [r.getMessage() for r in caplog.records]
    assert "saved reply 'maiuscula' may write {{ case }} where it is \"\"" in logged
    assert "(the check cannot follow {% if … %})" in logged
    assert "Caso" not in logged  # never the text
