"""Handles in the CLI's lists as their platforms write them, as the alerts and the desk's
words do: "@ana" on X, Bluesky and Mastodon, "u/ana" on Reddit, "ana" on Hacker News; and a
handle copied from a list finds its author again."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.models import handle_shown, handle_typed
from tests.helpers import COMPLAINT, mention, write_config, write_mentions

PLATFORMS = ("x", "mastodon", "bluesky", "reddit", "hackernews")


def md(config: Path, *args: str) -> tuple[int, str]:
    """The CLI at a width where a handle is never broken over lines."""
    result = CliRunner().invoke(app, ["--config", str(config), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture
def ran(tmp_path: Path) -> Path:
    """One complaint on each platform, each by its own author ("h_<platform>"), read."""
    said = [mention(n, COMPLAINT, platform=p, author=p) for n, p in enumerate(PLATFORMS, start=1)]
    samples = write_mentions(tmp_path / "m.jsonl", said)
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    assert md(config, "run", "--once")[0] == 0
    return config


@pytest.mark.parametrize(
    ("platform", "handle", "shown"),
    [
        ("x", "ana", "@ana"),
        ("bluesky", "ana.bsky.social", "@ana.bsky.social"),
        ("mastodon", "ana@social.example", "@ana@social.example"),
        ("reddit", "ana", "u/ana"),
        ("hackernews", "ana", "ana"),
        ("x", "@ana", "@ana"),  # written with its "@" already: not twice
        ("reddit", "", ""),  # an erased author's blanked handle stays blank
    ],
)
def test_a_handle_is_shown_as_its_platform_writes_it(
    platform: str, handle: str, shown: str
) -> None:
    assert handle_shown(platform, handle) == shown


def test_drafts_list_writes_each_handle_as_its_platform_does(ran: Path) -> None:
    code, output = md(ran, "drafts", "list")
    assert code == 0, output
    for to in ("x @h_x", "mastodon @h_mastodon", "bluesky @h_bluesky", "reddit u/h_reddit"):
        assert to in output, output
    assert "x h_x" not in output


def test_authors_list_writes_handles_as_drafts_list_does(ran: Path) -> None:
    for platform in ("x", "reddit", "hackernews"):
        assert md(ran, "authors", "do-not-contact", platform, f"h_{platform}")[0] == 0
    _, output = md(ran, "authors", "list")
    rows = {" ".join(line.strip("│ ").split()) for line in output.splitlines()}
    assert {"x │ @h_x │ Ana Souza", "reddit │ u/h_reddit │ Ana Souza"} <= rows, output
    assert "hackernews │ h_hackernews │ Ana Souza" in rows, output


def test_a_reddit_handle_copied_from_the_list_finds_its_author(ran: Path) -> None:
    code, output = md(ran, "authors", "do-not-contact", "reddit", "u/h_reddit")
    assert code == 0 and "h_reddit on reddit is on the do-not-contact list" in output, output
    assert handle_typed(" /u/ana") == "ana" and handle_typed("ana") == "ana"
