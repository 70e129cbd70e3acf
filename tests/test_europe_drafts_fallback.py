"""A Lisbon team (`default_lang = "pt-PT"`, templates in en, pt and pt-PT only) hears Italian,
Spanish, French, German and Dutch too. A post in a language with no templates is answered from
`[playbooks] fallback_lang` where set (English reads across Europe: a Portuguese reply to an
Italian does not), else from default_lang's, as before; Portuguese and posts too short to tell
(`und`) keep the team's own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, ConfigError, History, Label
from mentiondesk.playbook_build import build_playbook
from playbooks import load_playbook
from playbooks.engine import Playbook
from tests.helpers import config_for, mention
from tests.test_playbooks import _reading

_BRAND = Brand(name="Voltix", handles=("@voltix",))
_ITALIAN = "@voltix il mio ordine non è ancora arrivato, sono passate due settimane"


def _dm(playbook: Playbook, text: str, lang: str) -> tuple[str, str]:
    late = _reading(Label.NEGATIVE, lang=lang, reason="delivery")
    actions = playbook.decide(mention(1, text, name="Giulia"), late, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.text is not None and dm.lang is not None
    return dm.text, dm.lang


def test_without_a_fallback_a_language_with_no_templates_gets_default_langs() -> None:
    playbook = load_playbook([], brand=_BRAND, default_lang="pt-PT")
    assert _dm(playbook, _ITALIAN, "it")[1] == "pt-PT"  # as before: the desk marks it


def test_a_fallback_answers_languages_without_templates_in_it() -> None:
    playbook = load_playbook([], brand=_BRAND, default_lang="pt-PT", fallback_lang="en")
    for text, lang in ((_ITALIAN, "it"), ("@voltix mi pedido no ha llegado", "es")):
        written, folder = _dm(playbook, text, lang)
        assert folder == "en", lang
        assert "Giulia" in written
    # The team's own Portuguese, and a post too short to tell, are not the fallback's.
    assert _dm(playbook, "@voltix a encomenda não chegou, estou à espera", "pt")[1] == "pt-PT"
    assert _dm(playbook, "@voltix ???", "und")[1] == "pt-PT"
    # A Brazilian still gets Brazil's templates.
    assert _dm(playbook, "@voltix vc não entregou meu celular", "pt")[1] == "pt"


def test_the_fallback_is_read_from_the_config(tmp_path: Path) -> None:
    extra = '\n[playbooks]\ndefault_lang = "pt-PT"\nfallback_lang = "EN"\n'
    playbook = build_playbook(config_for(tmp_path, "sqlite:///d.db", [mention(1)], extra=extra))
    assert _dm(playbook, _ITALIAN, "it")[1] == "en"


def test_a_fallback_with_no_templates_is_refused_naming_the_key() -> None:
    with pytest.raises(ConfigError, match=r"playbooks\.fallback_lang: no templates for 'it'"):
        load_playbook([], brand=_BRAND, default_lang="pt-PT", fallback_lang="it")
