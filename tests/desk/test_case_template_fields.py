"""Every attribute case.html reads of the case page's typed rows (data_case_rows) exists on
them: mypy checks the Python that builds the page, not the template, and a field renamed or
left out fails only on the pages a test happens to render (StrictUndefined)."""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from mentiondesk.held_replies import PostState
from mentiondesk.web.data_case import CaseDetail
from mentiondesk.web.data_case_rows import (
    AuditEntry,
    AuthorData,
    CaseData,
    CaseMention,
    DraftData,
    MentionData,
    NoteData,
    PastCase,
    PastReply,
    ThreadPost,
)
from mentiondesk.web.refusal import Refused

TEMPLATES = Path(__file__).parents[2] / "mentiondesk" / "web" / "templates"
# What each name holds where case.html and its include set or loop over it.
CASE_NAMES: dict[str, Any] = {
    "d": CaseDetail,
    "m": MentionData,
    "c": CaseData,
    "cm": CaseMention,
    "t": ThreadPost,
    "dr": DraftData,
    "n": NoteData,
    "a": AuthorData,
    "pc": PastCase,
    "r": PastReply,
    "edit": AuditEntry,
    "ended": AuditEntry,
    "answered": DraftData,
    "post": PostState,
}
_ROW_FILTERS = ("selectattr", "rejectattr", "list")  # a list of the same rows


def _unwrap(hint: Any) -> Any:
    """`X | None` as X; anything else as it is."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kept = [a for a in typing.get_args(hint) if a is not type(None)]
        return kept[0] if len(kept) == 1 else None
    return hint


def _member(owner: Any, attr: str, missing: list[str]) -> Any:
    """The type of `owner.attr` when owner is a row class (noting it missing if it has
    none); None for what this check does not follow (a dict's .get, a str's .split)."""
    if not (isinstance(owner, type) and dataclasses.is_dataclass(owner)):
        return None
    hints = typing.get_type_hints(owner)
    if attr in hints:
        return _unwrap(hints[attr])
    found = getattr(owner, attr, None)
    if isinstance(found, property) and found.fget is not None:
        return _unwrap(typing.get_type_hints(found.fget)["return"])
    missing.append(f"{owner.__name__}.{attr}")
    return None


def _type_of(node: nodes.Node, names: dict[str, Any], missing: list[str]) -> Any:
    if isinstance(node, nodes.Name):
        return names.get(node.name)
    if isinstance(node, nodes.Getattr):
        return _member(_type_of(node.node, names, missing), node.attr, missing)
    if isinstance(node, nodes.Filter) and node.name in _ROW_FILTERS and node.node is not None:
        return _type_of(node.node, names, missing)
    return None


def _check(tree: nodes.Node, names: dict[str, Any]) -> tuple[int, list[str]]:
    """(how many reads were checked, those of a field the row does not have)."""
    missing: list[str] = []
    checked = 0
    for got in tree.find_all(nodes.Getattr):  # d.case.status: its owner's type is followed
        owner = _type_of(got.node, names, missing)
        if isinstance(owner, type):
            checked += 1
            _member(owner, got.attr, missing)
    for f in tree.find_all(nodes.Filter):  # selectattr("id", …), map(attribute="url")
        rows = _type_of(f.node, names, missing) if f.node is not None else None
        if typing.get_origin(rows) is not list:
            continue
        named = [a for a in f.args[:1] if f.name in _ROW_FILTERS[:2]]
        named += [k.value for k in f.kwargs if k.key == "attribute" and f.name == "map"]
        attrs = [n.value for n in named if isinstance(n, nodes.Const)]
        for attr in attrs:
            checked += 1
            _member(typing.get_args(rows)[0], attr, missing)
    return checked, sorted(set(missing))


def _tree(name: str) -> nodes.Template:
    return jinja2.Environment().parse((TEMPLATES / name).read_text(encoding="utf-8"))


def test_case_html_reads_only_fields_its_rows_have() -> None:
    checked, missing = _check(_tree("case.html"), CASE_NAMES)
    assert missing == [] and checked > 100  # the check found the page's reads


def test_the_held_reply_include_reads_only_fields_its_rows_have() -> None:
    checked, missing = _check(_tree("_held_reply.html"), CASE_NAMES)
    assert missing == [] and checked > 5


def test_the_replied_hint_reads_only_a_drafts_fields() -> None:
    """_macros.html's replied_question gets a pending draft's reply by hand (replied_since)."""
    macro = next(
        m for m in _tree("_macros.html").find_all(nodes.Macro) if m.name == "replied_question"
    )
    checked, missing = _check(macro, {"r": DraftData})
    assert missing == [] and checked >= 3


def test_a_field_the_rows_lack_is_found() -> None:
    tree = jinja2.Environment().parse(
        "{{ d.case.ticket_link }}{{ d.drafts|map(attribute='body')|list }}"
    )
    assert _check(tree, CASE_NAMES)[1] == ["CaseData.ticket_link", "DraftData.body"]


def test_the_names_case_html_sets_from_a_refusal_are_its_rows() -> None:
    """`edit` (edits' values), `answered` and `ended` (since) are the rows CASE_NAMES says."""
    hints = typing.get_type_hints(Refused)
    edits, since = hints["edits"], hints["since"]
    assert _unwrap(typing.get_args(edits)[1]) is CASE_NAMES["edit"]
    answered, ended = (_unwrap(t) for t in typing.get_args(since))
    assert (answered, ended) == (CASE_NAMES["answered"], CASE_NAMES["ended"])
