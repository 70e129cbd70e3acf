"""A Mastodon source reading from social.example (never polled in these tests), for the tests
of how a Mastodon author is found however their handle is written: the listener stores an
account of that instance as "bea", another server's as "ana@instance.social"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mentiondesk.models import Author, Mention
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions

TOKEN_ENV = "MD_TEST_MASTODON_TOKEN"
TOOTS = f"""
[[sources]]
kind = "mastodon"
name = "toots"
base_url = "https://Social.Example"
access_token_env = "{TOKEN_ENV}"
"""


def toots_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """The token TOOTS names, so a config with it loads."""
    monkeypatch.setenv(TOKEN_ENV, "t")


def add_toots(config: Path) -> Path:
    """The config file `config`, with TOOTS added at its end."""
    with config.open("a", encoding="utf-8") as handle:
        handle.write(TOOTS)
    return config


def by(n: int, handle: str) -> Mention:
    """Post m`n`, a complaint on Mastodon by account 10`n` stored under `handle`."""
    post = mention(n, COMPLAINT, platform="mastodon", author=f"10{n}")
    return replace(post, author=Author(id=f"10{n}", handle=handle, name="Someone"))


def ana_and_bea() -> list[Mention]:
    """Ana of another server (m1) and Bea of social.example (m2), as the listener stores them."""
    return [by(1, "Ana@instance.social"), by(2, "Bea")]


def db_url(config: Path) -> str:
    """The SQLite database `listening_config` wrote its config for."""
    return f"sqlite:///{config.parent}/desk.db"


def listening_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana's and Bea's posts stored by a `run --once` (no Mastodon source yet), then a config
    whose Mastodon source reads from social.example."""
    toots_token(monkeypatch)
    samples = write_mentions(tmp_path / "m.jsonl", ana_and_bea())
    url = f"sqlite:///{tmp_path}/desk.db"
    assert run_cli(write_config(tmp_path, db_url=url, samples=samples), "run", "--once")[0] == 0
    return write_config(tmp_path, db_url=url, samples=samples, extra=TOOTS)
