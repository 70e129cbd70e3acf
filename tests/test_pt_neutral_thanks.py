"""The brand's Portuguese words are gender-neutral: "Obrigado"/"Obrigada" is the speaker's
gender, so the shipped drafts and saved replies thank with "Agradecemos" instead (STYLE)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentiondesk.models import Brand, History, Label
from mentiondesk.saved_replies import load_saved_replies
from playbooks import load_playbook
from tests.helpers import mention
from tests.test_playbooks import _reading

ROOT = Path(__file__).resolve().parents[1]
GENDERED = re.compile(r"\bobrigad[oa]s?\b", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["pt", "pt-PT"])
@pytest.mark.parametrize("open_cases", [(), ("MD-000010",)])
def test_portuguese_thank_you_drafts_are_neutral(lang: str, open_cases: tuple[str, ...]) -> None:
    playbook = load_playbook([], brand=Brand(name="Bazar"), handle_locales={"@b_pt": "pt-PT"})
    text = "@b_pt chegou, adorei" if lang == "pt-PT" else "chegou, adorei"
    history = History(past_cases=open_cases, open_cases=open_cases, mentions_before=2)
    (draft,) = playbook.decide(mention(1, text), _reading(Label.POSITIVE, lang="pt"), history)
    assert draft.lang == lang and draft.text and "Agradecemos" in draft.text
    assert not GENDERED.search(draft.text), draft.text


def test_shipped_portuguese_saved_replies_are_neutral() -> None:
    saved = load_saved_replies(ROOT / "saved_replies.toml")
    portuguese = [r for r in saved.replies if r.lang.startswith("pt")]
    assert portuguese
    for reply in portuguese:
        assert not GENDERED.search(reply.text), reply.id


def test_shipped_saved_replies_name_a_case_as_the_customer_is_told_it() -> None:
    """As the drafts do: Brazil's "atendimento (protocolo …)", Portugal's "pedido de apoio
    (referência …)"; a private message by its name, not "DM"."""
    saved = load_saved_replies(ROOT / "saved_replies.toml")
    said = {"pt-BR": "atendimento (protocolo {{ case }})", "pt-PT": "(referência {{ case }})"}
    for reply in saved.replies:
        if reply.lang in said and "{{ case }}" in reply.text:
            assert said[reply.lang] in reply.text, reply.id
        assert not (reply.lang.startswith("pt") and re.search(r"\bDM\b", reply.text)), reply.id


@pytest.mark.parametrize("lang", ["pt", "pt-PT"])
@pytest.mark.parametrize("name", ["Ana Souza", ""])
def test_a_thank_you_on_an_open_case_reads_well_with_or_without_a_name(
    lang: str, name: str
) -> None:
    """No name to greet: "Agradecemos o aviso e a sua paciência!", with no comma left over."""
    playbook = load_playbook([], brand=Brand(name="Bazar"), handle_locales={"@b_pt": "pt-PT"})
    text = "@b_pt chegou, adorei" if lang == "pt-PT" else "chegou, adorei"
    history = History(past_cases=("MD-000010",), open_cases=("MD-000010",), mentions_before=2)
    post = mention(1, text, name=name)
    (draft,) = playbook.decide(post, _reading(Label.POSITIVE, lang="pt"), history)
    assert ", e " not in draft.text if not name else ", Ana, e " in draft.text, draft.text
    assert " e " in draft.text.split("!")[0], draft.text
