"""One word per act in each Portuguese, as each law and its DPOs write it, in everything the
desk says about erasure and retention (the Privacy log, its audit lines, the retention's
Slack card): Brazil's LGPD "eliminação", "eliminados", "política de retenção"; Portugal's
RGPD "apagamento", "apagados", "política de conservação"; a blanked row "anonimizado" in
neither (its keys still lead to other rows: not anonymous data)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from mentiondesk import retention_words_pt
from mentiondesk.web import audit_erasures, pages_privacy
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE, PORTUGUESE, Locale

TEMPLATE = Path(pages_privacy.__file__).parent / "templates" / "privacy.html"
# What each variant never says for these acts: the other law's words, or a claim of
# anonymization the rows do not meet.
NEVER = {
    "pt-BR": re.compile(r"exclu|apag|anonim|pseudonim|conserva|registad", re.I),
    "pt-PT": re.compile(r"elimin|exclu|anonim|pseudonim|reten|registr", re.I),
}
SAYS = {"pt-BR": ("eliminação", "eliminados", "retenção"), "pt-PT": ("apagamento", "apagados")}


def _python_keys(path: str) -> set[str]:
    """The texts a module passes to `….t(…)` or `….tn(…)`."""
    found = set()
    for call in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
            said = {"t": call.args[:1], "tn": call.args[:2]}.get(call.func.attr, [])
            found |= {a.value for a in said if isinstance(a, ast.Constant)}
    return {text for text in found if isinstance(text, str)}


def _template_keys() -> set[str]:
    tree = jinja2.Environment().parse(TEMPLATE.read_text(encoding="utf-8"))
    calls = tree.find_all(nodes.Call)
    args = [
        a
        for c in calls
        if isinstance(c.node, nodes.Name) and c.node.name in ("_", "_n")
        for a in c.args[:2]
    ]
    return {a.value for a in args if isinstance(a, nodes.Const) and isinstance(a.value, str)}


KEYS = sorted(
    _python_keys(audit_erasures.__file__) | _python_keys(pages_privacy.__file__) | _template_keys()
)
VARIANTS = [(PORTUGUESE, retention_words_pt.MESSAGES)]
VARIANTS += [(EUROPEAN_PORTUGUESE, retention_words_pt.MESSAGES | retention_words_pt.PT_PT_MESSAGES)]


def test_the_scan_finds_the_privacy_texts() -> None:
    assert {"Erasure on request", "deleted: {counts}", "Privacy log"} <= set(KEYS)
    assert "blanked, the rows kept: {counts}" in KEYS and len(KEYS) > 40


@pytest.mark.parametrize(("loc", "card"), VARIANTS, ids=["pt-BR", "pt-PT"])
def test_one_word_per_act_in_each_variant(loc: Locale, card: dict[str, str]) -> None:
    texts = [loc.messages[key] for key in KEYS if key in loc.messages] + list(card.values())
    assert len(texts) == len(KEYS) + len(card)  # each one translated
    wrong = [text for text in texts if NEVER[loc.lang].search(text)]
    assert not wrong, wrong
    assert all(any(word in text for text in texts) for word in SAYS[loc.lang])
