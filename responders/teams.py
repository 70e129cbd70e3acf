"""Microsoft Teams (Workflows webhook): an Adaptive Card; untrusted text only in TextRuns.

TextBlock renders Markdown, a RichTextBlock's TextRun does not, and with no `msteams.entities`
an `<at>` tag mentions nobody: so mention text goes in TextRuns only, never in a TextBlock.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from mentiondesk.models import (
    ENGLISH,
    OutboxAction,
    Pace,
    PluginContext,
    Receipt,
    TransientError,
    Wording,
    env_key,
    handle_shown,
)
from responders._chat_author import chat_followers, chat_name, erased_named
from responders._http import WEBHOOK_REFUSED, check
from responders._settled import delivered_line
from responders._text import case_title, impostor_warning, other_language_note, plain
from responders._webhook import WebhookConfig, WebhookSink, webhook_url


class TeamsResponderConfig(WebhookConfig):
    kind: Literal["teams"] = "teams"
    url_env: str = env_key("TEAMS_WEBHOOK_URL")
    https_only = "Teams"


class TeamsResponder(WebhookSink):
    """Posts an Adaptive Card message to a Teams Workflows (Power Automate) webhook."""

    Config = TeamsResponderConfig
    what = "teams"
    # Incoming webhooks: about 4 requests per second (Microsoft's documented throttle).
    pace = Pace(per=4, seconds=1.0)

    @classmethod
    def from_config(cls, config: TeamsResponderConfig, context: PluginContext) -> TeamsResponder:
        return cls(
            config.name or "teams",
            url=webhook_url(config),
            wording=context.wording,
            url_env=config.url_env,
        )

    def body(self, action: OutboxAction) -> dict[str, Any]:
        card: dict[str, Any] = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": card_body(action, self.wording),
        }
        if actions := card_actions(action, self.wording):  # none: the card as it always was
            card["actions"] = actions
        content_type = "application/vnd.microsoft.card.adaptive"
        return fitted(
            {
                "type": "message",
                "attachments": [{"contentType": content_type, "contentUrl": None, "content": card}],
            }
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        said = (await self.deliver_text(action)).strip()
        if said not in _POSTED and not said.startswith(("{", "[")):
            _refused_in_text(said, self._fix)
        return Receipt(detail="posted to teams")


# A Workflows webhook answers 202 with nothing; a legacy Office 365 connector answers 200 "1",
# or 200 with the failure as text ("Webhook message delivery failed with error: Microsoft Teams
# endpoint returned HTTP error 429 with ContextId …"): Microsoft keeps that 200 on purpose.
_POSTED = ("", "1")
_WRAPPED = re.compile(r"returned HTTP error (\d{3})")


def _refused_in_text(said: str, fix: str) -> None:
    """Raise what the status inside a 200's text means (429 waited for, 413 held, 5xx
    retried), as if Teams had answered it; text naming none is retried."""
    if found := _WRAPPED.search(said):
        check(int(found.group(1)), {}, "teams", whole=WEBHOOK_REFUSED, fix=fix)
    # Its words are not copied: a service's free text may echo what was sent (responders/
    # _refusal.py keeps errors to statuses and our own words).
    raise TransientError('teams answered 200 without posting (not its "1"); retried')


# Teams refuses a message over 28 KB, counted as sent: JSON escapes and all (an emoji is
# twelve bytes, "\ud83d\ude21"). A connector answers 413 inside its 200 (the alert held for
# good), a Workflows flow fails after its 202 (the alert lost): some room left for wrapping.
MAX_BYTES = 27 * 1024
_SHORTEST = 20  # no run is cut shorter: a card still too big goes as it is


def fitted(payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` within MAX_BYTES as aiohttp sends it (json.dumps): every TextRun longer than
    the longest length that fits is cut to it, so a flood of emoji is cut, short runs (the
    case, the author) stay whole and a digest's lines are cut alike."""
    card = payload["attachments"][0]["content"]
    runs = [run for block in card["body"] for run in block.get("inlines", [])]
    texts = [run["text"] for run in runs]
    if len(json.dumps(payload)) <= MAX_BYTES:
        return payload
    fits, over = _SHORTEST, max(map(len, texts), default=0)  # fits (or the least); too long
    while fits + 1 < over:
        cap = (fits + over) // 2
        _cap(runs, texts, cap)
        fits, over = (cap, over) if len(json.dumps(payload)) <= MAX_BYTES else (fits, cap)
    _cap(runs, texts, fits)
    return payload


def _cap(runs: list[dict[str, Any]], texts: list[str], cap: int) -> None:
    for run, text in zip(runs, texts, strict=True):
        run["text"] = text if len(text) <= cap else text[: cap - 1].rstrip() + "…"


def card_body(action: OutboxAction, wording: Wording = ENGLISH) -> list[dict[str, Any]]:
    w = wording
    if action.text_only:
        # One RichTextBlock a line: a TextRun shows no line breaks, so one item a block.
        head, *items = erased_named(action.text or "", w).split("\n")
        return [_runs((head, True)), *(_runs((item, False)) for item in items)]
    ctx = action.context
    m, r = ctx.mention, ctx.reading
    body = [
        _runs(
            (case_title(ctx, wording=w), True),
            (f" · {w.word('platform', m.platform)} · {w.word('lang', r.lang)}", False),
        ),
        _runs(
            (chat_name(m, w), True),  # "erased author" where erasure blanked both
            *(
                [(f" {handle_shown(m.platform, m.author.handle)}", False)]
                if m.author.handle
                else []
            ),
            *([(f" · {count}", False)] if (count := chat_followers(m, w)) else []),
        ),
        _runs((m.text, False)),
        {
            "type": "FactSet",
            "facts": [
                {"title": w.t("Label"), "value": w.word("label", r.label.value)},
                {"title": w.t("Reason"), "value": _safe_fact(w.word("reason", r.reason or "-"))},
                {"title": w.t("Frustration"), "value": f"{r.frustration}/3"},
            ],
        },
    ]
    if warning := impostor_warning(ctx, w):  # a possible fake support account
        body.insert(1, _runs((warning, True)))
    if note := other_language_note(ctx, w):  # a draft not in the author's language
        body.append(_runs((note, True)))
    if ctx.draft_text:
        body.append(_runs((w.t("Drafted reply: "), True), (ctx.draft_text, False)))
    if said := delivered_line(action, w, str):  # decided, or ended, before it was delivered
        body.append(_runs((said, False)))
    return body


def card_actions(action: OutboxAction, wording: Wording = ENGLISH) -> list[dict[str, Any]]:
    """A button opening the case's page on the desk, where there is one."""
    url = action.context.case_url
    if not url or action.text_only:
        return []
    return [{"type": "Action.OpenUrl", "title": wording.t("Open in desk"), "url": url}]


def _runs(*parts: tuple[str, bool]) -> dict[str, Any]:
    inlines = [
        {"type": "TextRun", "text": _spaced(text), "weight": "Bolder" if bold else "Default"}
        for text, bold in parts
    ]
    return {"type": "RichTextBlock", "inlines": inlines}


def _spaced(text: str) -> str:
    """plain() strips the spaces at the ends, but runs join with nothing between them: keep
    one where there was one, or "Ann" and "@ann" read as "Ann@ann"."""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return lead + plain(text, 3000) + tail


def _safe_fact(value: str) -> str:
    """FactSet values render Markdown: keep our own short words only (and the slash of a
    Portuguese reason's name: "reembolso/pagamento")."""
    return "".join(c for c in plain(value, 40) if c.isalnum() or c in " -_/")
