"""What a Slack interaction payload says: who clicked, where, and an Edit dialog's text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from responders.slack_blocks import EDIT_BLOCK


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


def submitted(payload: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """An Edit submission's ids (the modal's private_metadata) and the text in its box."""
    view = payload["view"]
    meta = json.loads(view["private_metadata"])
    return meta, str(view["state"]["values"][EDIT_BLOCK]["text"]["value"] or "")
