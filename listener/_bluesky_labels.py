"""Bluesky's moderation labels as the desk needs them.

A post (or its author's account) that Bluesky's moderation hides from everyone ("!hide",
"!takedown") is spam or abuse nobody sees: answering it in public puts the brand's reply
under a post no one can read, so it is left out (logged by its record key). A post labelled
for its content ("porn", "graphic-media"…, by its author or a labeler) is kept, its labels on
a first line of its own as a Mastodon content warning reads ("⚠️ porn"), so the agent and
the classifier know before they answer it. Other "!" values ("!no-unauthenticated": shown to
signed-in readers only) say nothing of the content. A label with `neg` takes one back.
"""

from __future__ import annotations

from typing import Any

HIDDEN = frozenset({"!hide", "!takedown"})
WARNING = "\u26a0\ufe0f "  # as the Mastodon source marks a content warning
_WARNS = "!warn"


def labels_of(view: dict[str, Any]) -> list[str]:
    """The post's labels in force: the AppView's (labelers') and the record's own."""
    record = view.get("record") or {}
    own = (record.get("labels") or {}) if isinstance(record, dict) else {}
    values = own.get("values") if isinstance(own, dict) else None
    found = (
        [v.get("val") for v in values if isinstance(v, dict)] if isinstance(values, list) else []
    )
    return _in_force([*_vals(view.get("labels"), positive=True), *found], view.get("labels"))


def hidden(view: dict[str, Any]) -> bool:
    """Whether Bluesky's moderation hides the post, or its author's account, from everyone."""
    author = view.get("author") or {}
    author_labels = author.get("labels") if isinstance(author, dict) else None
    in_force = [*labels_of(view), *_in_force(_vals(author_labels, positive=True), author_labels)]
    return any(v in HIDDEN for v in in_force)


def warned(view: dict[str, Any], text: str) -> str:
    """`text` after a line naming the post's content labels; `text` when there are none."""
    said = [v for v in dict.fromkeys(labels_of(view)) if v == _WARNS or not v.startswith("!")]
    return f"{WARNING}{', '.join(said)}\n\n{text}" if said else text


def _vals(labels: Any, *, positive: bool) -> list[str]:
    """The `val` of each label (those with `neg` when not `positive`)."""
    if not isinstance(labels, list):
        return []
    return [
        str(label["val"])
        for label in labels
        if isinstance(label, dict)
        and isinstance(label.get("val"), str)
        and bool(label.get("neg")) != positive
    ]


def _in_force(values: list[Any], labels: Any) -> list[str]:
    """`values` less those a negating label takes back."""
    taken_back = set(_vals(labels, positive=False))
    return [v for v in values if isinstance(v, str) and v and v not in taken_back]
