"""The desk's word to the Slack cards of a draft or case it changed (slack_actions), so a
card does not go on offering what was done here: a background task that never fails the
desk's answer; nothing where no Slack app is mounted."""

from __future__ import annotations

from aiohttp import web

from mentiondesk.slack_actions import SLACK_ACTIONS


def draft_changed(request: web.Request, draft_id: int, *, edited: bool = False) -> None:
    """Draft `draft_id` was decided, restored or (`edited`) given a new text."""
    if (slack := request.app.get(SLACK_ACTIONS)) is not None:
        if edited:
            slack.draft_edited(draft_id)
        else:
            slack.draft_decided(draft_id)


def case_changed(request: web.Request, case_id: int) -> None:
    """Case `case_id` was assigned, escalated, resolved or closed."""
    if (slack := request.app.get(SLACK_ACTIONS)) is not None:
        slack.case_changed(case_id)
