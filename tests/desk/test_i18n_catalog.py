"""The Portuguese catalog covers every text the desk shows; no template text escapes it.
European Portuguese's overrides (i18n_pt_pt) are held to the same keys and placeholders."""

from __future__ import annotations

import ast
import re
import string
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from mentiondesk.web import i18n, i18n_pt_pt, login_limits, rule_words
from mentiondesk.web.common import CASE_NOTICES, NO_SUCH_NUMBER, NOTICES
from mentiondesk.web.errors import FORM_EXPIRED
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, JS_STRINGS, PORTUGUESE, Locale
from mentiondesk.web.i18n_pt import MESSAGES
from mentiondesk.web.i18n_pt_words import WORDS
from mentiondesk.web.users import Role

WEB = Path(i18n.__file__).parent
TEMPLATES = sorted((WEB / "templates").glob("*.html"))
# Attributes people read (or hear, with a screen reader).
_SHOWN_ATTRS = re.compile(r'\b(?:title|aria-label|placeholder|data-confirm|alt)="([^"]*)"')
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


# The translating calls in templates, and how many of their first arguments are texts:
# `_(text)`, and `_n(one, many, n)` for a count.
_CALLS = {"_": 1, "_n": 2}


def _template_texts() -> set[str]:
    """Every constant string inside a `_(…)` or `_n(…)` call in the templates (both sides of
    an `if`)."""
    env, found = jinja2.Environment(), set()
    for path in TEMPLATES:
        for call in env.parse(path.read_text()).find_all(nodes.Call):
            if not isinstance(call.node, nodes.Name) or call.node.name not in _CALLS:
                continue
            for arg in call.args[: _CALLS[call.node.name]]:
                consts = [arg] if isinstance(arg, nodes.Const) else arg.find_all(nodes.Const)
                found |= {c.value for c in consts if isinstance(c.value, str)}
    return found


def _python_texts() -> set[str]:
    """Every constant string the desk's Python passes to `….t(…)` or `….tn(…)`, and the
    messages of the errors that the desk shows as a page (404, 403: `_errors` in app.py);
    written in full, or by the name of a text its module sets (errors.FORM_EXPIRED)."""
    found = set()
    for path in WEB.glob("*.py"):
        tree = ast.parse(path.read_text())
        named = _module_texts(tree)
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
                continue
            said = {"t": call.args[:1], "tn": call.args[:2]}.get(call.func.attr, [])
            if call.func.attr in ("HTTPNotFound", "HTTPForbidden"):
                said = [k.value for k in call.keywords if k.arg == "text"]
            found |= {text for a in said if (text := _text(a, named)) is not None}
    return found


def _module_texts(tree: ast.Module) -> dict[str, str]:
    """The module's own texts by name: `NAME = "…"` at its top level."""
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        if isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _text(arg: ast.expr, named: dict[str, str]) -> str | None:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return named.get(arg.id) if isinstance(arg, ast.Name) else None


def _shown_texts() -> set[str]:
    notices = {text for _, text in [*NOTICES.values(), *CASE_NOTICES.values(), NO_SUCH_NUMBER]}
    roles = {f"This page needs the {role.title} role." for role in Role}
    shown = _template_texts() | _python_texts() | notices | roles | set(JS_STRINGS.values())
    shown |= set(login_limits.REFUSALS)  # passed to t() by name
    return shown | rule_words.TEXTS  # the Playbooks page's, by key


def test_the_scan_finds_the_desk_texts() -> None:
    texts = _shown_texts()
    assert {"Approve and send", "Wrong name or password.", "… more"} <= texts
    assert "There is no such mention." in texts
    assert FORM_EXPIRED in texts  # passed to t() by its name
    assert len(texts) > 150


def test_every_shown_text_has_a_portuguese_translation() -> None:
    missing = sorted(_shown_texts() - MESSAGES.keys())
    assert not missing, f"no pt-BR translation in mentiondesk/web/i18n_pt.py for: {missing}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("catalog", [MESSAGES, i18n_pt_pt.MESSAGES], ids=["pt-BR", "pt-PT"])
def test_translations_keep_their_placeholders(catalog: dict[str, str]) -> None:
    wrong = [en for en, pt in catalog.items() if _fields(en) != _fields(pt)]
    assert not wrong


@pytest.mark.parametrize("catalog", [MESSAGES, i18n_pt_pt.MESSAGES], ids=["pt-BR", "pt-PT"])
def test_no_stale_translations(catalog: dict[str, str]) -> None:
    """Each key is an English text the desk shows: an override of a text reworded in
    English since would never be read."""
    assert not sorted(catalog.keys() - _shown_texts())


def test_european_portuguese_overrides_only_what_differs() -> None:
    same = [en for en, pt in i18n_pt_pt.MESSAGES.items() if MESSAGES.get(en) == pt]
    assert not same, f"these read as in pt-BR already: {same}"
    for kind, words in i18n_pt_pt.WORDS.items():
        assert words.keys() <= WORDS[kind].keys(), kind
        assert not [v for v, w in words.items() if WORDS[kind][v] == w], kind


def test_european_portuguese_covers_every_shown_text() -> None:
    """pt-PT is pt-BR with the overrides laid over it: a text it lacks would show in English."""
    missing = sorted(_shown_texts() - EUROPEAN_PORTUGUESE.messages.keys())
    assert not missing


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_show_no_text_outside_the_catalog(path: Path) -> None:
    source = _JINJA.sub(" ", path.read_text())
    attrs = [value for value in _SHOWN_ATTRS.findall(source) if re.search(r"[A-Za-z]", value)]
    assert not attrs, attrs
    text = re.sub(r"<[^>]*>", " ", source)
    words = set(re.findall(r"[A-Za-z]{2,}", text))
    assert not words, f"{path.name}: wrap these in _(…): {sorted(words)}"


def test_every_stored_value_shown_has_a_portuguese_word() -> None:
    from mentiondesk.web.pages_case import LABELS
    from sentiment.reasons import REASONS
    from sentiment.topics import _TOPIC_WORDS

    expected = {
        "label": set(LABELS),
        "status": {"open", "resolved", "closed", "pending", "approved", "rejected", "withdrawn"},
        "reply_status": {"pending", "approved", "rejected", "withdrawn"},
        "kind": {"public", "private"},
        "reason": set(_TOPIC_WORDS) | set(REASONS),  # "other" is a reason, never a topic
        "role": {role.title for role in Role},
        "action": {"approve", "reject", "edit", "assign", "escalate", "resolved", "closed"}
        | {"note", "relabel", "restore", "do-not-contact", "allow-contact", "retry"},
        "held": {"setup", "opted-out", "too-long", "dms-closed", "deleted", "refused"}
        | {"by-person", "as-recorded"},
    }
    for kind, values in expected.items():
        assert values <= WORDS[kind].keys(), kind


def test_a_missing_translation_falls_back_to_english() -> None:
    half_done = Locale("pt-BR", messages={"Queue": "Fila"})
    assert half_done.t("Queue") == "Fila"
    assert half_done.t("Approve") == "Approve"
    assert half_done.t("{n} followers", n=3) == "3 followers"
    assert half_done.word("label", "negative") == "negative"
    assert PORTUGUESE.word("label", "sarcastic") == "sarcastic"


def test_formats_per_language() -> None:
    assert (ENGLISH.number(1234567), PORTUGUESE.number(1234567)) == ("1,234,567", "1.234.567")
    assert (ENGLISH.decimal(0.85), PORTUGUESE.decimal(0.85)) == ("0.85", "0,85")
    assert (ENGLISH.day("2026-11-12"), PORTUGUESE.day("2026-11-12")) == ("11-12", "12/11")
    assert (ENGLISH.number(1234), PORTUGUESE.number(1234)) == ("1,234", "1.234")


def test_european_portuguese_formats_follow_cldr() -> None:
    """CLDR's pt-PT: a no-break space between groups, none below five digits; the rest as
    Brazil writes it."""
    pt = EUROPEAN_PORTUGUESE
    assert (pt.number(999), pt.number(1024), pt.number(-1024)) == ("999", "1024", "-1024")
    assert (pt.number(12345), pt.number(1234567)) == ("12\u00a0345", "1\u00a0234\u00a0567")
    assert (pt.decimal(0.85), pt.day("2026-11-12")) == ("0,85", "12/11")
    assert pt.date(datetime(2026, 11, 12, tzinfo=UTC)) == "12/11/2026"


def test_portuguese_never_assumes_the_authors_gender() -> None:
    """The desk does not know who wrote a mention: "a pessoa pediu para não ser contatada",
    never "o autor pediu para não ser contatado"."""
    texts = [*MESSAGES.values(), *(w for words in WORDS.values() for w in words.values())]
    texts += [
        *i18n_pt_pt.MESSAGES.values(),
        *(w for d in i18n_pt_pt.WORDS.values() for w in d.values()),
    ]
    gendered = re.compile(r"\b(?:o|ao|do|este|O|Este) autor(?:es)?\b|\bautor\b|contac?tado\b")
    assert not [t for t in texts if gendered.search(t)]
    assert PORTUGUESE.word("held", "opted-out") == "a pessoa pediu para não ser contatada"
