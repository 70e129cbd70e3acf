"""A first-timer's `kind`: the platform's other name, a typo or a capital gets "did you mean"
naming the key; a platform mentiondesk does not read is said so plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError

_SOURCE = '[brand]\nname = "L"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'


def _problems(tmp_path: Path, text: str) -> str:
    (tmp_path / "m.jsonl").write_text("")
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, secrets=False)
    return str(caught.value)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("twitter", "x"),
        ("tweeter", "x"),
        ("bsky", "bluesky"),
        ("reddit ", "reddit"),
        ("Mastodon", "mastodon"),
        ("hacker news", "hackernews"),
        ("x-post", "x"),
    ],
)
def test_a_source_kind_written_otherwise_gets_did_you_mean(
    tmp_path: Path, written: str, meant: str
) -> None:
    text = _SOURCE + f'[[sources]]\nkind = "{written}"\n'
    problems = _problems(tmp_path, text)
    assert f"sources[1].kind: {written!r} is not a known kind; did you mean {meant!r}?" in problems
    assert "bluesky, hackernews, mastodon, reddit, replay, x" in problems  # the kinds, listed


@pytest.mark.parametrize(
    ("written", "meant"),
    [("twitter", "x-post"), ("bsky", "bluesky-post"), ("Slack", "slack"), ("zendek", "zendesk")],
)
def test_a_responder_kind_written_otherwise_gets_did_you_mean(
    tmp_path: Path, written: str, meant: str
) -> None:
    problems = _problems(tmp_path, _SOURCE + f'[[responders]]\nkind = "{written}"\n')
    assert f"responders[0].kind: {written!r} is not a known kind; did you mean {meant!r}?" in (
        problems
    )


@pytest.mark.parametrize(
    ("written", "platform"),
    [
        ("instagram", "Instagram"),
        ("Facebook", "Facebook"),
        ("tiktok", "TikTok"),
        ("linkedin", "LinkedIn"),
        ("threads", "Threads"),
    ],
)
def test_a_platform_not_read_is_said_plainly(tmp_path: Path, written: str, platform: str) -> None:
    problems = _problems(tmp_path, _SOURCE + f'[[sources]]\nkind = "{written}"\n')
    assert f"sources[1].kind: {written!r}: mentiondesk does not read {platform} (yet)" in problems
    assert "it reads: bluesky, hackernews, mastodon, reddit, x" in problems
    assert "not a known kind" not in problems


def test_a_responder_for_a_platform_not_served_is_said_plainly(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _SOURCE + '[[responders]]\nkind = "instagram"\n')
    assert "responders[0].kind: 'instagram': mentiondesk does not post to or alert on " in problems
    assert "Instagram (yet)" in problems and "x-post" in problems


def test_a_kind_unlike_any_still_lists_the_kinds(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _SOURCE + '[[sources]]\nkind = "myspace"\n')
    assert "sources[1].kind: 'myspace' is not a known kind; use one of: bluesky," in problems
    assert "did you mean" not in problems
