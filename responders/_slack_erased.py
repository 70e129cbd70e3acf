"""A Slack card about an author erased on request (`authors forget`), or about a post the
retention blanked (`[store] retain_days`), as it is rewritten.

Built from the stored alert as erasure or retention blanked it (no handle, name, link or
text), never from the card read back from Slack: a decided card keeps the drafted reply, which
may greet them by name. Its author line says "erased author", its quote a neutral line (why
the text is gone), and it has no buttons (the case is gone or long finished: a click would
only be refused). A digest is shown again with its erased lines as the team reads them
(responders._chat_author.erased_named); one the retention blanked says only that.
"""

from __future__ import annotations

from mentiondesk.models import ERASED_ON_REQUEST, OutboxAction, Wording
from responders._escape import slack_mrkdwn
from responders._slack_text import text_only_blocks
from responders.slack_blocks import (
    ACTIONS_BLOCK,
    EDIT_NOTE_BLOCK,
    Block,
    alert_blocks,
    fallback_text,
)

# Where the mention's text was: the words erasure writes in the stored digests' lines, in the
# team's language.
ERASED_QUOTE = ERASED_ON_REQUEST
# Where the retention blanked it (not a request of the author's: a policy of the brand's).
RETENTION_QUOTE = "(removed by the retention policy)"
# The outbox action that rewrites a card (`extra[CARD]`: its "channel:ts"), queued by erasure
# or by the retention (`extra[BY_RETENTION]` true).
KIND = "erase_card"
CARD = "erased_card"
BY_RETENTION = "by_retention"
# A card about someone else's post that showed an erased author's story title or a link to
# their post (erased_cards.queue_others): shown again from its copy the erasure rewrote, as
# posted, its buttons gone where its case ended (`extra[SETTLED]`).
OTHERS = "others_card"
SETTLED = "settled"


def erased_blocks(action: OutboxAction, wording: Wording) -> list[Block]:
    """The card of `action` (blanked by erasure or retention) with nothing of its author
    left."""
    purged = bool(action.extra.get(BY_RETENTION))
    if action.extra.get(OTHERS):
        return _others(action, wording)
    if action.text_only and purged:  # a digest the retention blanked whole
        return text_only_blocks(wording.t(RETENTION_QUOTE))
    if action.text_only:  # a digest an erasure blanked their lines in
        return alert_blocks(action, wording)
    said = wording.t(RETENTION_QUOTE if purged else ERASED_QUOTE)
    quote = _section(f">_{slack_mrkdwn(said, 200)}_")
    kept: list[Block] = []
    for block in alert_blocks(action, wording):
        if block.get("block_id") in (ACTIONS_BLOCK, EDIT_NOTE_BLOCK):
            continue
        text = block.get("text") or {}
        kept.append(quote if str(text.get("text", "")).startswith(">") else block)
    return kept


def erased_text(action: OutboxAction, wording: Wording) -> str:
    """The rewritten card's notification text: the alert's, or for a digest the retention
    blanked (its text, and so its first line, gone) why it is empty."""
    if action.text_only and action.extra.get(BY_RETENTION):
        return slack_mrkdwn(wording.t(RETENTION_QUOTE), 300)
    return fallback_text(action, wording)


def _others(action: OutboxAction, wording: Wording) -> list[Block]:
    blocks = alert_blocks(action, wording)
    if not action.extra.get(SETTLED):
        return blocks
    return [b for b in blocks if b.get("block_id") not in (ACTIONS_BLOCK, EDIT_NOTE_BLOCK)]


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
