"""What a decision is made of, shared by the pipeline (processing) and the decisions made
again on a stored mention (corrected_drafts, edited_posts): a draft's plan, a queue's urgency."""

from __future__ import annotations

import math

from mentiondesk.decisions import DraftPlan
from mentiondesk.models import Action, ActionKind, Author, Label, Reading, has_followers

OPT_OUT = "opt_out"  # the topic of "stop messaging me": the author goes on do-not-contact


def draft_plan(action: Action, default_lang: str) -> DraftPlan:
    """The draft a playbook's draft action asks for (also when a corrected reading is decided
    again: corrected_drafts)."""
    kind = "private" if action.kind is ActionKind.DRAFT_PRIVATE else "public"
    lang = action.lang or default_lang
    return DraftPlan(
        kind=kind,
        text=action.text or "",
        lang=lang,
        rule=action.rule,
        auto=action.auto,
        instead_of_public=action.instead_of_public,
    )


def priority(reading: Reading, author: Author, platform: str) -> int:
    """Queue urgency: frustration counts most, then a complaint, then the author's reach."""
    return urgency(reading.frustration, reading.label, author.followers, platform)


def urgency(frustration: int, label: Label | str, followers: int, platform: str) -> int:
    """priority() from a stored reading: no reach where the platform has no followers."""
    reach = int(math.log10(followers + 1)) if has_followers(platform) else 0  # 0 … 6 (a million)
    complaint = 5 if Label(label) is Label.NEGATIVE else 0
    return frustration * 10 + complaint + reach
