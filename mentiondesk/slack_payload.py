"""What a Slack interaction payload says: who clicked, where, the ids on the card, the text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from mentiondesk.slack_refusals import UnreadableCard
from mentiondesk.tables import MOST_ID, parse_case_number
from responders.slack_blocks import EDIT_BLOCK

# The ids each button needs on its value (responders.slack_blocks.button_value).
_NEEDS = {"approve": "draft", "edit": "draft", "reject": "draft"}  # the others, "case"


def slack_actor(user: Mapping[str, Any]) -> str:
    """Who clicked, as the draft, the case and the audit trail record them: "slack:" and the
    member ID, which stays when people rename themselves, then their username as it is now,
    for the reader: "slack:U42ANN (ann)"."""
    name = str(user.get("username") or user.get("name") or "")[:64]
    actor = f"slack:{user['id']}"
    return f"{actor} ({name})" if name else actor


def clicker(payload: Mapping[str, Any]) -> tuple[str, str] | None:
    """(channel, user) of a button click or an edit dialog's submission; None if not named."""
    try:
        user = str(payload["user"]["id"])
        if payload.get("type") == "view_submission":
            channel = str(json.loads(payload["view"]["private_metadata"])["channel"])
        else:
            channel = str(payload["channel"]["id"])
    except (KeyError, TypeError, ValueError):
        return None
    return channel, user


def button_ids(pressed: Mapping[str, Any]) -> dict[str, Any]:
    """The ids a pressed button carries, with the one its action needs (a draft's id, a case
    number) checked; UnreadableCard when they are not as this version writes them."""
    try:
        ids = json.loads(pressed["value"])
        _check(ids, _NEEDS.get(str(pressed["action_id"]), "case"))
    except (KeyError, TypeError, ValueError):  # JSONDecodeError too
        raise UnreadableCard from None
    return dict(ids)


def submitted(payload: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """An Edit submission's ids (the modal's private_metadata, checked as button_ids does)
    and the text in its box; UnreadableCard when either is missing or malformed."""
    try:
        view = payload["view"]
        meta = json.loads(view["private_metadata"])
        _check(meta, "draft")
        if not (isinstance(meta["channel"], str) and isinstance(meta["ts"], str)):
            raise ValueError("no card named")
        return dict(meta), str(view["state"]["values"][EDIT_BLOCK]["text"]["value"] or "")
    except (KeyError, TypeError, ValueError):
        raise UnreadableCard from None


def _check(ids: object, needed: str) -> None:
    """ValueError unless `ids` is an object whose `needed` is a draft id or case number."""
    if not isinstance(ids, dict):
        raise ValueError("not an object")
    if needed == "case":
        parse_case_number(str(ids["case"]) if ids.get("case") is not None else "")
        return
    draft = ids["draft"]
    text = str(draft) if isinstance(draft, int | str) and not isinstance(draft, bool) else ""
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= MOST_ID):
        raise ValueError("no draft id")  # past MOST_ID: no row's, and a database error
