"""Block Kit for Slack alerts: the case card, its buttons, and the card after someone acted."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from datetime import datetime
from typing import Any

from mentiondesk.models import (
    ENGLISH,
    PLATFORM_NAMES,
    OutboxAction,
    Wording,
    can_post,
    handle_prefix,
    text_digest,
)
from responders._chat_author import erased_named
from responders._escape import slack_chunks, slack_handle, slack_mrkdwn, units
from responders._settled import delivered_line, isolated, settled_buttons
from responders._slack_author import author_line
from responders._slack_text import SECTION_LIMIT, language_note, on_title_context, text_only_blocks
from responders._text import case_title, impostor_warning, plain

Block = dict[str, Any]

BUTTONS: tuple[tuple[str, str, str | None], ...] = (
    ("approve", "Approve", "primary"),
    ("edit", "Edit", None),
    ("reject", "Reject", "danger"),
    ("assign", "Assign to me", None),
    ("escalate", "Escalate", None),
)
ACTIONS_BLOCK = "md_actions"
# The URL button to the case's page: Slack still sends its click, acknowledged, ignored.
OPEN_DESK = "open_desk"
EDIT_BLOCK = "reply"  # the Edit modal's text box: where Slack shows what is wrong with it
EDIT_NOTE_BLOCK = "md_edit_note"  # says why there is no Edit button; goes once Edit would
# What each button settles: those buttons disappear once it was pressed.
SETTLES = {
    "approve": {"approve", "edit", "reject"},
    "edit": {"approve", "edit", "reject"},
    "reject": {"approve", "edit", "reject"},
    "escalate": {"escalate"},
    "assign": {"assign"},
}
_SLACK_ID = re.compile(r"^[A-Z0-9]{2,20}$")
_SLACK_ACTOR = re.compile(r"^slack:([A-Z0-9]{2,20})\b")  # slack_payload.slack_actor's form
# Slack's plain_text_input takes at most 3,000 characters: a longer draft is edited on the
# desk, never cut to fit (Approve would post the cut text).
EDIT_LIMIT = 3000
TOO_LONG_TO_EDIT = (
    "This draft is longer than Slack's edit box takes (3,000 characters): "
    "edit it on the desk, or approve it as it is."
)
# The most of a draft a card shows: Slack refuses blocks holding more than about 13,000
# characters in all (msg_blocks_too_long, slackapi/bolt-js#2509), and the rest of the card
# (the mention's 2,800, the author, a warning, the notes) takes up to about 4,500.
DRAFT_LIMIT = 8000
# A longer draft has no Approve on the card: it would post words no approver was shown.
TOO_LONG_TO_SHOW = "This draft is too long to show here: open it in the desk."


def button_value(action: OutboxAction) -> str:
    """What a button carries back: case number, draft id and the text_digest() of the draft
    the card shows (no text, no secrets), so Approve is refused once it was edited since."""
    ctx = action.context
    value: dict[str, Any] = {"case": ctx.case_number, "draft": ctx.draft_id}
    if ctx.draft_text is not None:
        value["seen"] = text_digest(ctx.draft_text)
    return json.dumps(value, separators=(",", ":"))


def alert_blocks(action: OutboxAction, wording: Wording = ENGLISH) -> list[Block]:
    """The case card: who, what they said, how it reads, the drafted reply, the buttons.
    Every word from `wording` (our own text, no markup to escape); mention data escaped."""
    w = wording
    if action.text_only:
        return text_only_blocks(erased_named(action.text or "", w))
    ctx = action.context
    m, r = ctx.mention, ctx.reading
    author = author_line(m, w)  # name, handle as its platform writes it, followers
    reading = [f"*{w.word('label', r.label.value)}*", w.t("frustration {n}/3", n=r.frustration)]
    if r.reason:
        reading.insert(1, slack_mrkdwn(w.word("reason", r.reason), 40))
    platform, lang = w.word("platform", m.platform), w.word("lang", r.lang)
    facts = f"{slack_mrkdwn(platform, 32)} · {slack_mrkdwn(lang, 32)} · " + " · ".join(reading)
    blocks: list[Block] = [
        _section(f"{_case(action, w)} {author}"),
        _section(">" + _fitted(plain(m.text), 2800)),  # folded: one quoted line
        *on_title_context(m, w),  # what a comment answers: its story's or post's title
        {"type": "context", "elements": [{"type": "mrkdwn", "text": facts}]},
    ]
    if warning := impostor_warning(ctx, w):  # a possible fake support account
        blocks.insert(1, _section(f"*{slack_mrkdwn(warning, 500)}*"))
    if ctx.draft_text:  # said above it where it is not in the author's language
        blocks += language_note(ctx, w) + _draft_blocks(ctx.draft_text, m.platform, w)
    buttons = _buttons(action, w)
    if buttons["elements"]:  # Slack rejects an actions block without elements
        blocks.append(buttons)
    if line := delivered_line(action, w, who_is):  # decided before it was delivered
        blocks.append(_note(line))
    return blocks


def fallback_text(action: OutboxAction, wording: Wording = ENGLISH) -> str:
    """The notification text (mrkdwn, so escaped, even where the blocks are plain_text); a
    notice's or a digest's first line (a digest is about many mentions, not its first one's).
    The author as the card writes them: "@ana", "u/ana" (Reddit), "ana" (Hacker News), the
    prefix outside a handle's code span ("u/`_bob_`"); an erased author's blank handle
    (`authors forget`) as words, never a "by" with nothing after it."""
    if action.text_only:
        return slack_mrkdwn((action.text or "").split("\n")[0], 300, lines=True)
    ctx, m = action.context, action.context.mention
    case, label = case_title(ctx, wording=wording), wording.word("label", ctx.reading.label.value)
    if not m.author.handle:
        return wording.t("{case}: {label} mention by an erased author", case=case, label=label)
    who = handle_prefix(m.platform, m.author.handle) + slack_handle(m.author.handle)
    return wording.t("{case}: {label} mention by {who}", case=case, label=label, who=who)


def decided_blocks(
    blocks: list[Block],
    *,
    verb: str,
    pressed: str,
    user: str,
    when: datetime,
    wording: Wording = ENGLISH,
) -> list[Block]:
    """The card after an action: settled buttons removed, a line saying who did what, when
    (`verb` already in the card's language: the caller words it)."""
    out = without_buttons(blocks, SETTLES.get(pressed, set()))
    line = wording.t(
        "{verb} by {user} at {when}",
        verb=slack_mrkdwn(verb, 200),
        user=mention_user(user),
        when=wording.when(when),
    )
    out.append({"type": "context", "elements": [{"type": "mrkdwn", "text": line}]})
    return out


def without_buttons(blocks: list[Block], gone: Collection[str]) -> list[Block]:
    """`blocks` less the buttons in `gone` (Edit's note with Edit; an emptied actions block
    goes whole: Slack rejects one without elements)."""
    out: list[Block] = []
    for block in blocks:
        if block.get("block_id") == EDIT_NOTE_BLOCK and "edit" in gone:
            continue
        if block.get("block_id") == ACTIONS_BLOCK:
            left = [e for e in block.get("elements", []) if e.get("action_id") not in gone]
            if not left:
                continue
            block = {**block, "elements": left}
        out.append(block)
    return out


def draft_sections(text: str, wording: Wording = ENGLISH) -> tuple[list[str], bool]:
    """The drafted reply's section texts, its heading first, and whether they hold all of it:
    split where Slack needs it (SECTION_LIMIT), or, past DRAFT_LIMIT, only its beginning."""
    heading = f"*{wording.t('Drafted reply:')}*\n"
    parts = slack_chunks(text, SECTION_LIMIT, first=units(heading)) or [""]
    whole = units(heading) + sum(units(part) for part in parts) <= DRAFT_LIMIT
    if not whole:  # room left for the "…"
        parts = [slack_chunks(text, SECTION_LIMIT - 1, first=units(heading))[0] + "…"]
    return [heading + parts[0], *parts[1:]], whole


def mention_user(user_id: str) -> str:
    """`<@U…>` for a real Slack user id (from the signed payload), else the escaped text."""
    # A name we write is isolated (a right-to-left one would reorder the line); Slack shows a
    # mention's name itself.
    return f"<@{user_id}>" if _SLACK_ID.match(user_id) else isolated(slack_mrkdwn(user_id, 80))


def who_is(actor: str) -> str:
    """A decider as the card names people: a Slack clicker by mention, anyone else (a desk
    user, "cli:ana") as escaped text, never taken for a member ID."""
    found = _SLACK_ACTOR.match(actor)
    return mention_user(found.group(1)) if found else isolated(slack_mrkdwn(actor, 80))


def fits_edit_box(text: str) -> bool:
    """Whether Slack's edit box takes the whole draft. Counted in UTF-16 units, as Slack's
    clients count: an emoji is two."""
    return units(text) <= EDIT_LIMIT


def edit_modal(*, draft_text: str, metadata: dict[str, Any], wording: Wording = ENGLISH) -> Block:
    """The modal the Edit button opens: the draft, paragraphs and all, in a text box (plain
    text: nothing to escape), ids in private_metadata. Only for a draft that fits_edit_box()."""
    return {
        "type": "modal",
        "callback_id": "md_edit",
        "private_metadata": json.dumps(metadata, separators=(",", ":")),
        "title": {"type": "plain_text", "text": wording.t("Edit reply")},
        "submit": {"type": "plain_text", "text": wording.t("Approve")},
        "close": {"type": "plain_text", "text": wording.t("Cancel")},
        "blocks": [
            {
                "type": "input",
                "block_id": EDIT_BLOCK,
                "label": {"type": "plain_text", "text": wording.t("Reply")},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "multiline": True,
                    "initial_value": draft_text,
                    "max_length": EDIT_LIMIT,
                },
            }
        ],
    }


def _fitted(text: str, limit: int) -> str:
    """`text` escaped as slack_mrkdwn(lines=True) escapes it, within `limit` UTF-16 units:
    cut, with "…", at a line or word in its second half."""
    parts = slack_chunks(text, limit)
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return slack_chunks(text, limit - 1)[0] + "…"


def _case(action: OutboxAction, wording: Wording) -> str:
    return f"*{slack_mrkdwn(case_title(action.context, wording=wording), 48)}* ·"


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _draft_blocks(text: str, platform: str, wording: Wording) -> list[Block]:
    """The draft, and the notes on the buttons it leaves off the card: no Approve where it is
    too long to show whole or a person posts it there; no Edit past Slack's edit box."""
    sections, whole = draft_sections(text, wording)
    blocks = [_section(section) for section in sections]
    if not whole:
        blocks.append(_note(wording.t(TOO_LONG_TO_SHOW)))
    if not can_post(platform):
        blocks.append(_note(_by_hand(platform, wording)))
    elif whole and not fits_edit_box(text):
        blocks.append({**_note(wording.t(TOO_LONG_TO_EDIT)), "block_id": EDIT_NOTE_BLOCK})
    return blocks


def _by_hand(platform: str, wording: Wording) -> str:
    return wording.t(
        "{platform} cannot be posted to from mentiondesk: reply there yourself, then press "
        "*Mark as posted* on the case page in the desk.",
        platform=PLATFORM_NAMES.get(platform, platform),
    )


def _open_desk(url: str, wording: Wording) -> Block:
    text = {"type": "plain_text", "text": wording.t("Open in desk")}
    return {"type": "button", "action_id": OPEN_DESK, "text": text, "url": url}


def _note(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _buttons(action: OutboxAction, wording: Wording) -> Block:
    """The card's buttons: only their visible text is worded; action ids and values stay."""
    value = button_value(action)
    has_draft = action.context.draft_id is not None
    postable = can_post(action.context.mention.platform)
    draft = action.context.draft_text or ""
    editable = fits_edit_box(draft)
    shown = draft_sections(draft, wording)[1]  # Approve posts only what the card shows
    has_case = action.context.case_number is not None
    settled = settled_buttons(action)  # done before the alert was delivered
    elements = []
    for action_id, label, style in BUTTONS:
        if (
            action_id in settled
            or (action_id in {"approve", "edit", "reject"} and not has_draft)
            or (action_id in {"assign", "escalate"} and not has_case)
            or (action_id == "edit" and not editable)
            or (action_id in {"approve", "edit"} and not (postable and shown))
        ):
            continue
        button: Block = {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": wording.t(label)},
            "value": value,
        }
        if style:
            button["style"] = style
        elements.append(button)
    if action.context.case_url:
        elements.append(_open_desk(action.context.case_url, wording))
    return {"type": "actions", "block_id": ACTIONS_BLOCK, "elements": elements}
