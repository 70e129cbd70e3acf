"""What the case page marks about posts that are not public (Mastodon's followers-only and
direct ones): which of the case's mentions are, and which private drafts are a rule's public
reply drafted as the private message it is sent as (models.Action.instead_of_public)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mentiondesk.models import ActionKind, is_private_post
from mentiondesk.web.data_case import CaseDetail
from mentiondesk.web.data_case_rows import CaseMention, DraftData, MentionData


def private_context(detail: CaseDetail, rules: Iterable[Any]) -> dict[str, Any]:
    """The page's `private_posts` (mention id: visibility, of those not public) and
    `converted` (draft id: the visibility of the post that made it private)."""
    shown: list[CaseMention | MentionData] = [*detail.case_mentions, detail.mention]
    posts = {m.id: str(m.visibility) for m in shown if is_private_post(m.visibility)}
    return {"private_posts": posts, "converted": _converted(detail.drafts, posts, rules)}


def _converted(
    drafts: list[DraftData], posts: dict[int, str], rules: Iterable[Any]
) -> dict[int, str]:
    """The draft row keeps no flag of it: a private draft by a rule that drafts only public
    replies, answering a post that is not public, is that reply as the playbook converts it
    (playbooks.engine._as_sent); the rule's name alone still says "a public thank-you"."""
    public_only = {r.name for r in rules if _kinds(r) == {ActionKind.DRAFT_PUBLIC}}
    return {
        d.id: posts[d.mention_id]
        for d in drafts
        if d.kind == "private" and d.rule in public_only and d.mention_id in posts
    }


def _kinds(rule: Any) -> set[ActionKind]:
    drafts = (ActionKind.DRAFT_PUBLIC, ActionKind.DRAFT_PRIVATE)
    return {a.type for a in rule.actions if a.type in drafts}
