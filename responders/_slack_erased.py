"""A Slack card about an author erased on request (`authors forget`), as it is rewritten.

Built from the stored alert as erasure blanked it (no handle, name, link or text), never from
the card read back from Slack: a decided card keeps the drafted reply, which may greet them
by name. Its author line says "erased author", its quote a neutral line, and it has no
buttons (the case is gone: a click would only be refused). A digest is shown again with its
erased lines as the team reads them (_slack_text.erased_named).
"""

from __future__ import annotations

from mentiondesk.models import ERASED_ON_REQUEST, OutboxAction, Wording
from responders._escape import slack_mrkdwn
from responders.slack_blocks import ACTIONS_BLOCK, EDIT_NOTE_BLOCK, Block, alert_blocks

# Where the mention's text was: the words erasure writes in the stored digests' lines, in the
# team's language.
ERASED_QUOTE = ERASED_ON_REQUEST
# The outbox action that rewrites a card (`extra[CARD]`: its "channel:ts"), queued by erasure.
KIND = "erase_card"
CARD = "erased_card"


def erased_blocks(action: OutboxAction, wording: Wording) -> list[Block]:
    """The card of `action` (blanked by erasure) with nothing of its author left."""
    blocks = alert_blocks(action, wording)
    if action.text_only:
        return blocks
    quote = _section(f">_{slack_mrkdwn(wording.t(ERASED_QUOTE), 200)}_")
    kept: list[Block] = []
    for block in blocks:
        if block.get("block_id") in (ACTIONS_BLOCK, EDIT_NOTE_BLOCK):
            continue
        text = block.get("text") or {}
        kept.append(quote if str(text.get("text", "")).startswith(">") else block)
    return kept


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
