"""A platform's names now and before, shared by the do-not-contact list, erasure and look-ups:
older releases stored X's authors as "twitter", a row per name for one account."""

from __future__ import annotations

import pytest

from mentiondesk import models
from mentiondesk.models import BESIDE, FORMER_PLATFORMS, REUSED, current_platform, named_as


def test_a_platform_is_named_as_itself_then_its_former_names() -> None:
    assert named_as("x") == ("x", "twitter")


@pytest.mark.parametrize("platform", ["reddit", "mastodon", "hackernews", "twitter", "unheard"])
def test_a_platform_without_former_names_is_named_as_itself_only(platform: str) -> None:
    assert named_as(platform) == (platform,)


@pytest.mark.parametrize(
    ("platform", "now"),
    [("twitter", "x"), ("x", "x"), ("reddit", "reddit"), ("unheard", "unheard")],
)
def test_a_former_name_reads_as_the_platform_now(platform: str, now: str) -> None:
    assert current_platform(platform) == now


def test_every_former_name_is_among_the_names_of_the_platform_it_became() -> None:
    for old, now in FORMER_PLATFORMS.items():
        assert current_platform(old) == now
        assert old in named_as(current_platform(old))


def test_the_reused_numbers_contract_is_kept_where_the_glue_and_help_desks_meet() -> None:
    # `outbox retry --reused-numbers` finds holds by REUSED and marks releases with BESIDE;
    # the help-desk responders write and read the same values from mentiondesk.models.
    from responders import _helpdesk

    assert (REUSED, BESIDE) == ("case numbers were reused", "beside_reused")
    assert _helpdesk.REUSED is models.REUSED and _helpdesk.BESIDE is models.BESIDE
