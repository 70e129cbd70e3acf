"""The desk's saved replies share the playbook templates' case check (playbooks/case_guard),
as a São Paulo community manager writes them: a guard the old check did not read
(`{% if case|length > 0 %}`) is saved, a fallback that is "" too where the case is
(`|default(case_opened, true)`) is refused, and where the check cannot tell
(`{% if case is upper %}`) the editor says so in the page's language, naming the construct,
rather than call a text wrong (or right) that it cannot read; start-up logs it the same way."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from mentiondesk import saved_desk
from mentiondesk.store import Store
from tests.desk.saved_case_helpers import Login, assert_saved, load_logged, post_reply
from tests.desk.saved_case_helpers import config as config  # the fixture, re-exported

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
    await assert_saved(as_role, store, text)


async def test_the_editor_refuses_a_fallback_that_is_empty_too(
    as_role: Login, store: Store
) -> None:
    text = "O seu caso {{ case|default(case_opened, true) }} está com a equipe."
    _, sent = await post_reply(as_role, text, "pt-BR")
    page = html.unescape(sent)
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
    _, sent = await post_reply(as_role, UNSURE, lang)
    page = html.unescape(sent)
    assert said in page
    assert "would leave a gap" not in page and "deixaria um espaço" not in page
    assert saved_desk.stored_replies(store) == []


def test_start_up_logs_what_it_cannot_tell_and_leaves_it_out_without_a_case(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    toml = (
        f'[[replies]]\nid = "maiuscula"\ntitle = "Maiúscula"\nlang = "pt-BR"\ntext = "{UNSURE}"\n'
    )
    saved, messages = load_logged(tmp_path, toml, caplog)
    assert saved.need_case == {"maiuscula"}
    (logged,) = messages
    assert "saved reply 'maiuscula' may write {{ case }} where it is \"\"" in logged
    assert "(the check cannot follow {% if … %})" in logged
    assert "Caso" not in logged  # never the text
