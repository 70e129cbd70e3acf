"""A Portugal-only team (`default_lang = "pt-PT"`) answers Portuguese in Portugal's variant when
nothing in the post tells which: the public thank-you the review saw go out with "equipe"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label
from playbooks import load_playbook
from playbooks.engine import Playbook
from tests.helpers import mention
from tests.test_playbooks import _reading

_BRAND = Brand(name="Voltix", handles=("@voltix",))
_BRAZILIAN = "@voltix vc não entregou meu celular"
_PRAISE = "@voltix excelente atendimento na loja do Porto, obrigada pela ajuda com o portátil!"


def _thanks(playbook: Playbook, text: str, author: str = "marta") -> tuple[str, str]:
    praise = _reading(Label.POSITIVE, lang="pt")
    actions = playbook.decide(mention(1, text, author=author, name="Marta"), praise, History())
    (draft,) = [a for a in actions if a.kind is ActionKind.DRAFT_PUBLIC]
    assert draft.text is not None and draft.lang is not None
    return draft.text, draft.lang


def test_a_pt_pt_default_makes_portuguese_in_doubt_european() -> None:
    playbook = load_playbook([], brand=_BRAND, default_lang="pt-PT")
    text, lang = _thanks(playbook, _PRAISE)
    assert lang == "pt-PT" and "equipa" in text and "equipe" not in text
    # The same team still answers a Brazilian author as one.
    assert _thanks(playbook, "@voltix vc arrasou, amei o celular!")[1] == "pt"
    assert _thanks(playbook, _PRAISE, author="marta@social.com.br")[1] == "pt"
    # Words of both sides leave it in doubt: the team's own variant.
    assert _thanks(playbook, "@voltix a equipe do Porto trocou-me o portátil")[1] == "pt-PT"
    # Naming Brazil with no word of Portugal's reads Brazilian; with one, or with Portugal
    # named too, it does not.
    assert _thanks(playbook, "@voltix excelente atendimento aqui no Brasil!")[1] == "pt"
    assert _thanks(playbook, "@voltix o telemóvel veio do Brasil, obrigada!")[1] == "pt-PT"
    assert _thanks(playbook, "@voltix comprei em Portugal, uso aqui no Brasil")[1] == "pt-PT"
    # Likewise a place in Portugal does not outweigh Brazil's words.
    assert _thanks(playbook, "@voltix meu celular veio de Portugal, amei!")[1] == "pt"


def test_other_defaults_keep_brazils_portuguese_in_doubt() -> None:
    for default in ("en", "pt", "pt-BR"):
        playbook = load_playbook([], brand=_BRAND, default_lang=default)
        text, lang = _thanks(playbook, _PRAISE)
        assert lang == "pt" and "equipe" in text, default


def _complaint(playbook: Playbook, text: str) -> tuple[str, str]:
    late = _reading(Label.NEGATIVE, lang="pt", reason="delivery")
    actions = playbook.decide(mention(1, text), late, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.text is not None and dm.lang is not None
    return dm.text, dm.lang


@pytest.mark.parametrize("default", ["en", "pt", "pt-BR", "pt-PT"])
def test_a_teams_own_pt_br_folder_answers_brazil_and_never_portugal(
    tmp_path: Path, default: str
) -> None:
    # The shipped pt/ is Brazil's too: before the fix it won over the team's own pt-BR/.
    (tmp_path / "pt-BR").mkdir()
    (tmp_path / "pt-BR" / "complaint_dm.j2").write_text("PROPRIO {{ brand }}")
    playbook = load_playbook([], brand=_BRAND, template_dir=tmp_path, default_lang=default)
    assert _complaint(playbook, _BRAZILIAN) == ("PROPRIO Voltix", "pt-BR")
    text, lang = _complaint(playbook, "@voltix o meu telemóvel ainda não chegou")
    assert lang == "pt-PT" and "PROPRIO" not in text


def test_a_teams_own_pt_folder_still_answers_brazil(tmp_path: Path) -> None:
    (tmp_path / "pt").mkdir()
    (tmp_path / "pt" / "complaint_dm.j2").write_text("PROPRIO {{ brand }}")
    playbook = load_playbook([], brand=_BRAND, template_dir=tmp_path, default_lang="pt-BR")
    assert _complaint(playbook, _BRAZILIAN) == ("PROPRIO Voltix", "pt")
