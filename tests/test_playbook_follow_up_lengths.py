"""Start-up checks of the text a template writes only for a follow-up: a São Paulo shop's public
reply whose `{% if case_opened %}` (or `{% if open_cases %}`) branch is longer than X's 280
characters, or cannot be filled in, used to load (the start-up sample joins no case) and then
fail on every follow-up. Now it is rendered and measured for a post that joins an open case
too, with the longest realistic values, and refused naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ConfigError
from mentiondesk.playbook_build import build_playbook
from playbooks.drafting import FOLLOW_UP, following_up, values
from playbooks.placeholders import SAMPLE_MENTION
from tests.helpers import config_for, mention

_RULE = """
[[rules]]
name = "reclamação"
when = { label = ["negative"] }
actions = [{ type = "draft_public", template = "resposta" }]
"""
_SHORT = "Olá{% if name %} {{ name }}{% endif %}, sentimos muito! Pode nos chamar por DM?"
# 244 characters: after "Seu caso, aberto em 30/09/2026: " it fits X's 280; after any longer
# opening (the case's number, "30 September 2026", the open cases) it does not.
_LONG_TAIL = (
    "Já estamos cuidando do seu caso e um especialista da equipe Lumora vai entrar em contato "
    "com você ainda hoje para resolver tudo, com prioridade, pelo canal que você preferir. "
    "Obrigado pela paciência e desculpe o transtorno. Um abraço da equipe!"
)


def _build(tmp_path: Path, pt: str) -> None:
    """The shop's config (replaying one post on X) with `pt` as pt/resposta.j2; en/ is short."""
    for lang, text in (("en", "Hi{% if name %} {{ name }}{% endif %}, sorry!"), ("pt", pt)):
        (tmp_path / "tpl" / lang).mkdir(parents=True, exist_ok=True)
        (tmp_path / "tpl" / lang / "resposta.j2").write_text(text, encoding="utf-8")
    (tmp_path / "rules.toml").write_text(_RULE, encoding="utf-8")
    extra = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
    build_playbook(config_for(tmp_path, "sqlite:///d.db", [mention(1)], extra=extra))


@pytest.mark.parametrize(
    "branch",
    [
        "{% if case_opened %}Seu caso {{ case }}, aberto em {{ case_opened }}: " + _LONG_TAIL,
        "{% if open_cases %}Seus casos {{ open_cases }} seguem abertos. " + _LONG_TAIL,
    ],
)
def test_a_follow_up_branch_too_long_for_x_is_refused_at_start_up(
    tmp_path: Path, branch: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        _build(tmp_path, branch + "{% else %}" + _SHORT + "{% endif %}")
    message = " ".join(str(caught.value).split())
    assert (
        "rules.toml: rule 'reclamação', action 1: template: pt/resposta.j2 is too long for a "
        "public reply on x for a post that joins an open case" in message
    )
    assert "x allows 280; shorten it" in message
    assert "en/resposta.j2" not in message


def test_a_template_too_long_for_any_post_is_named_once(tmp_path: Path) -> None:
    too_long = "Olá! " + _LONG_TAIL + " " + _LONG_TAIL
    with pytest.raises(ConfigError) as caught:
        _build(
            tmp_path, "{% if case_opened %}" + too_long + "{% else %}" + too_long + "{% endif %}"
        )
    message = " ".join(str(caught.value).split())
    assert "pt/resposta.j2 is too long for a public reply on x even for a short name" in message
    assert "joins an open case" not in message


def test_a_portuguese_follow_up_is_measured_with_its_own_date(tmp_path: Path) -> None:
    """ "30/09/2026", as the pt/ folder's drafts write it, not English's "30 September 2026":
    a text that fits for every Portuguese follow-up loads."""
    text = "Seu caso, aberto em {{ case_opened }}: " + _LONG_TAIL
    assert len(text.replace("{{ case_opened }}", "30/09/2026")) <= 280
    assert len(text.replace("{{ case_opened }}", "30 September 2026")) > 280
    _build(tmp_path, "{% if case_opened %}" + text + "{% else %}" + _SHORT + "{% endif %}")


def test_a_follow_up_branch_that_cannot_be_filled_in_is_refused_at_load(tmp_path: Path) -> None:
    """`{{ case_opened }}` is the date as written ("12/03/2026"), not a date to format."""
    pt = (
        '{% if case_opened %}Seu caso aberto em {{ case_opened.strftime("%d/%m") }} segue '
        "conosco.{% else %}" + _SHORT + "{% endif %}"
    )
    with pytest.raises(ConfigError) as caught:
        _build(tmp_path, pt)
    message = str(caught.value)
    assert "rule 'reclamação', action 1: template: template " in message
    assert f"{tmp_path / 'tpl' / 'pt' / 'resposta.j2'}, line 1: " in message
    assert "(for a post that joins an open case" in message


def test_the_follow_up_sample_joins_a_case_with_others_open() -> None:
    from playbooks.drafting import SAMPLE

    context = following_up(values(SAMPLE_MENTION, SAMPLE[1], SAMPLE[2], "Lumora"), "pt")
    assert context["case"] == FOLLOW_UP.joins_case == "MD-000003"
    assert context["case_opened"] == "30/09/2026"
    assert str(context["open_cases"]) == "MD-000002, MD-000003"
    assert following_up(context)["case_opened"] == "30 September 2026"
