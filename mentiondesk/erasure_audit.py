"""The words an erasure's and a retention run's audit lines add to their counts: what this
erasure found blank already, and what happens to the Slack cards about the people erased.

The audit line is the proof shown to a regulator, so it is exact: a delivered action the
retention had blanked held nothing of the person any more, and is said apart from those the
erasure blanked; and the team's channel is part of what was erased (a card rewritten through
the outbox, or left as the retention rewrote it). Counts only, naming nobody. The desk reads
these words back in its reader's language (web/audit_erasures.py): change both together.
"""

from __future__ import annotations

from mentiondesk.wording import counted

# The heads of the sections, as the desk finds them again.
SLACK_HEAD = "Slack cards: "
ALREADY_TAIL = " already blank (blanked by the retention): left unchanged"
QUEUED = "to rewrite (queued in the outbox)"
WAITING = "left to the retention's rewrite (waiting in the outbox)"
CLEARED = "already rewritten by the retention (left unchanged)"


def already_said(n: int) -> str:
    """ "; 1 delivered action already blank …", or "" for none."""
    return f"; {counted(n, 'delivered action')}{ALREADY_TAIL}" if n else ""


def slack_said(*, queued: int = 0, waiting: int = 0, cleared: int = 0) -> str:
    """ "; Slack cards: 2 to rewrite (queued in the outbox), …", or "" where no Slack card was
    met (a desk without Slack reads no Slack words). `queued`: rewrites this run queued."""
    parts = [
        f"{n} {words}"
        for n, words in ((queued, QUEUED), (waiting, WAITING), (cleared, CLEARED))
        if n
    ]
    return f"; {SLACK_HEAD}{', '.join(parts)}" if parts else ""
