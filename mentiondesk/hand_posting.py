"""Replies on a platform mentiondesk cannot post to: Hacker News's API is read-only.

Approving such a reply would hand it to a responder that cannot deliver it (or to the console,
which only prints it) while the case counted as answered. So Approve refuses it, everywhere
approval exists (desk, queue, CLI, Slack); a person posts the reply on the site and presses
Mark as posted, which approves the draft in their name (queue.approve_draft with `by_hand`:
the same locks, checks and audit as Approve) and answers the case at once, with nothing for
the outbox to send. Reply now on such a platform records a reply the person posted there.
"""

from __future__ import annotations

from mentiondesk.models import PLATFORM_NAMES, Mention, can_post, has_private_messages


class PostByHand(RuntimeError):
    """Not this way on this platform. `reason`: "by-hand" (it cannot be posted to: post it
    there, then Mark as posted), "no-private" (it has no private messages) or "postable"
    (Mark as posted where mentiondesk posts: Approve sends it)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_platform(mention: Mention, *, private: bool, by_hand: bool) -> None:
    """PostByHand unless a reply of this kind to `mention` can go this way: sent by the
    outbox, or (`by_hand`) posted by a person on a platform mentiondesk cannot post to."""
    name = PLATFORM_NAMES.get(mention.platform, mention.platform)
    if private and not has_private_messages(mention.platform):
        raise PostByHand("no-private", f"{name} has no private messages: reply publicly there")
    if can_post(mention.platform) and by_hand:
        raise PostByHand("postable", f"replies to {name} are sent by mentiondesk: approve it")
    if not can_post(mention.platform) and not by_hand:
        raise PostByHand(
            "by-hand",
            f"{name} cannot be posted to from mentiondesk: reply there yourself "
            f"({mention.url or 'the post'}), then mark the draft as posted (Mark as posted on "
            "its case page, or `mentiondesk drafts posted ID`)",
        )
