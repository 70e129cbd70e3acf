"""A long case's page (a Black Friday week: hundreds of follow-ups, drafts, notes and audit
entries): each list keeps its newest rows, the page says how many older ones it left out.

Pending drafts are never cut: an agent must see every draft waiting to be acted on.
"""

from __future__ import annotations

from typing import TypeVar

from mentiondesk.web.data_case_rows import DraftData

DRAFT_LIMIT = 20  # drafts already decided (sent, rejected, withdrawn): the newest
NOTE_LIMIT = 50
AUDIT_LIMIT = 50
ALL_MENTIONS = 1000  # the case page's ?all=1: every mention of a case, up to this many

_Row = TypeVar("_Row")


def newest(rows: list[_Row], limit: int) -> tuple[list[_Row], int]:
    """The last `limit` of `rows` (oldest first, as the page lists them) and how many older
    ones were left out."""
    cut = max(len(rows) - limit, 0)
    return rows[cut:], cut


def capped_drafts(drafts: list[DraftData]) -> tuple[list[DraftData], int]:
    """Every pending draft and the newest DRAFT_LIMIT decided ones, in the order `drafts`
    has, and how many decided ones were left out."""
    decided, older = newest([d for d in drafts if d.status != "pending"], DRAFT_LIMIT)
    kept = {id(d) for d in decided}
    return [d for d in drafts if d.status == "pending" or id(d) in kept], older
