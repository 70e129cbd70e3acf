"""A followers-only or direct Mastodon post is no public conversation: the playbook drafts
its public reply as a private message, which a person approves."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label, Reading
from playbooks import load_playbook
from tests.helpers import mention

_PRAISE = Reading(label=Label.POSITIVE, score=0.9, lang="en")
_COMPLAINT = Reading(label=Label.NEGATIVE, score=0.9, lang="en", frustration=1)
SHIPPED = load_playbook([], brand=Brand(name="Lumora"))


def _on_mastodon(visibility: str | None):
    return replace(mention(1, "love the lamp @lumora", platform="mastodon"), visibility=visibility)


@pytest.mark.parametrize("visibility", ["direct", "private"])
def test_a_thank_you_to_a_private_post_is_drafted_as_a_private_message(visibility: str) -> None:
    (action,) = SHIPPED.decide(_on_mastodon(visibility), _PRAISE, History())
    (public,) = SHIPPED.decide(_on_mastodon("public"), _PRAISE, History())
    assert (action.kind, action.rule) == (ActionKind.DRAFT_PRIVATE, public.rule)
    assert action.text == public.text  # the same template, sent where only they see it
    assert action.instead_of_public and not public.instead_of_public


@pytest.mark.parametrize("visibility", [None, "public", "unlisted"])
def test_a_public_post_keeps_its_public_thank_you(visibility: str | None) -> None:
    (action,) = SHIPPED.decide(_on_mastodon(visibility), _PRAISE, History())
    assert action.kind is ActionKind.DRAFT_PUBLIC


def test_a_rule_drafting_both_kinds_drafts_its_own_private_message(tmp_path: Path) -> None:
    """One private draft per mention: the rule's own private message stands, and its public
    reply (perhaps `auto`) is neither posted nor sent beside it."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "dm.j2").write_text("Sorry, tell us more here")
    (tmp_path / "en" / "ack.j2").write_text("Thanks, we are on it")
    (tmp_path / "r.toml").write_text(  # the public reply first: it still yields
        '[[rules]]\nname = "both"\nactions = [\n'
        '  { type = "draft_public", template = "ack", auto = true },\n'
        '  { type = "draft_private", template = "dm" },\n]\n'
    )
    playbook = load_playbook([tmp_path / "r.toml"], brand=Brand(name="L"), template_dir=tmp_path)
    (direct,) = playbook.decide(_on_mastodon("direct"), _COMPLAINT, History())
    public = playbook.decide(_on_mastodon("public"), _COMPLAINT, History())
    assert not direct.instead_of_public  # the rule's own: it replaces as any private draft
    assert (direct.kind, direct.text, direct.auto) == (
        ActionKind.DRAFT_PRIVATE,
        "Sorry, tell us more here",
        False,
    )
    assert [(a.kind, a.auto) for a in public] == [
        (ActionKind.DRAFT_PUBLIC, True),
        (ActionKind.DRAFT_PRIVATE, False),
    ]
