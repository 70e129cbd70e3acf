"""The words an erasure's and a retention run's audit lines add to their counts: what this
erasure found blank already, and what happens to the Slack cards about the people erased.

The audit line is the proof shown to a regulator, so it is exact: a delivered action the
retention had blanked held nothing of the person any more, and is said apart from those the
erasure blanked; and the team's channel is part of what was erased (a card rewritten through
the outbox, or left as the retention rewrote it). Counts only, naming nobody. The desk reads
these words back in its reader's language (web/audit_erasures.py): change both together.

The trail keeps 512 characters of detail (tables_desk.AuditRow). An erasure's line of every
count in words passes that once the counts reach thousands ("1,234 mentions, …"), and a cut
line loses the last counts, the Slack cards' first: such a line is written in a compact form
instead ("deleted mention=1234 case=…"), every count kept, which the desk reads back as the
long one (expanded). Its keys are the nouns the long line counts, so that a regulator reads
both alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from mentiondesk.wording import counted

# An erasure's line: in words where it fits the trail's detail, else compact (erase_detail).
ERASED_HEAD = "an author's data was erased on request: "
COMPACT_HEAD = "an author's data was erased on request (compact): "
DETAIL_LIMIT = 512  # the audit's detail column
# A compact line's sections: the long line's, in its order ("deleted" … "slack").
_DELETED, _BLANKED, _ALREADY, _SLACK = "deleted", "blanked", "already_blank", "slack_cards"
# The keys of the sections whose nouns the reader does not check itself (web/audit_erasures).
_KEYS = {_ALREADY: {"delivered action"}, _SLACK: {"queued", "waiting", "cleared", "others"}}
Counts = Sequence[tuple[str, int]]  # ("mention", 3): a noun as `counted` takes it, its count

# The heads of the sections, as the desk finds them again.
SLACK_HEAD = "Slack cards: "
ALREADY_TAIL = " already blank (blanked by the retention): left unchanged"
QUEUED = "to rewrite (queued in the outbox)"
WAITING = "left to the retention's rewrite (waiting in the outbox)"
CLEARED = "already rewritten by the retention (left unchanged)"
# Cards about others' posts that showed the person erased (a link to their post, their
# story's title): the outbox shows them again without it (erased_cards.queue_others).
OTHERS = "about others' posts that showed them (rewrite queued in the outbox)"


def already_said(n: int) -> str:
    """ "; 1 delivered action already blank …", or "" for none."""
    return f"; {counted(n, 'delivered action')}{ALREADY_TAIL}" if n else ""


def slack_said(*, queued: int = 0, waiting: int = 0, cleared: int = 0, others: int = 0) -> str:
    """ "; Slack cards: 2 to rewrite (queued in the outbox), …", or "" where no Slack card was
    met (a desk without Slack reads no Slack words). `queued`: rewrites this run queued of
    cards about the person; `others`: of cards about others' posts that showed them."""
    said = ((queued, QUEUED), (waiting, WAITING), (cleared, CLEARED), (others, OTHERS))
    parts = [f"{n} {words}" for n, words in said if n]
    return f"; {SLACK_HEAD}{', '.join(parts)}" if parts else ""


def erase_detail(
    summary: str, deleted: Counts, blanked: Counts, already: int, slack: Counts
) -> str:
    """An erasure's audit detail: `summary` (Erasure.summary) where it fits, else every count
    in the compact form. `slack`: ("queued", n), ("waiting", n), ("cleared", n), ("others", n)."""
    full = ERASED_HEAD + summary
    if len(full) <= DETAIL_LIMIT:
        return full
    sections = [(_DELETED, deleted), (_BLANKED, blanked)]
    sections += [(_ALREADY, [("delivered action", already)])] if already else []
    sections += [(_SLACK, [(k, n) for k, n in slack if n])] if any(n for _, n in slack) else []
    return COMPACT_HEAD + "; ".join(f"{head} {_pairs(counts)}" for head, counts in sections)


def _pairs(counts: Counts) -> str:
    """ "mention=1234 outbox_action=0": digits only, no thousands' commas."""
    return " ".join(f"{noun.replace(' ', '_')}={n}" for noun, n in counts)


def expanded(compact: str) -> str | None:
    """A compact line's counts (after COMPACT_HEAD) as Erasure.summary writes them, for the
    desk's reader; None where it is not one."""
    said = []
    for section in compact.split("; "):
        head, _, pairs = section.partition(" ")
        counts = _read_pairs(pairs)
        keys = _KEYS.get(head)
        if counts is None or (keys is not None and not {k for k, _ in counts} <= keys):
            return None
        if head not in (_DELETED, _BLANKED, _ALREADY, _SLACK):
            return None
        said.append(_worded(head, counts))
    return "".join(said).removeprefix("; ") or None


def _read_pairs(text: str) -> list[tuple[str, int]] | None:
    pairs = [pair.partition("=") for pair in text.split(" ")]
    if not all(sep and n.isascii() and n.isdigit() for _, sep, n in pairs):
        return None
    return [(noun.replace("_", " "), int(n)) for noun, _, n in pairs]


def _worded(head: str, counts: list[tuple[str, int]]) -> str:
    """One section as the long line says it, with the "; " before it."""
    if head == _SLACK:
        found = dict(counts)
        return slack_said(
            queued=found.get("queued", 0),
            waiting=found.get("waiting", 0),
            cleared=found.get("cleared", 0),
            others=found.get("others", 0),
        )
    if head == _ALREADY:
        return already_said(sum(n for _, n in counts))
    tail = " deleted" if head == _DELETED else " blanked (rows kept)"
    return "; " + ", ".join(counted(n, noun) for noun, n in counts) + tail
