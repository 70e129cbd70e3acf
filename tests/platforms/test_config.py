"""The `[[sources]]` contract of each platform: exact keys, secrets by env-var name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import Brand, ConfigError
from mentiondesk.plugins import build_plugin
from tests.config_blocks import console_desk

BASE = f"""
[brand]
name = "Lumora"
handles = ["@lumora"]
keywords = ["Lumora+"]
{console_desk('{default = "console"}')}
"""

TABLES = {
    "x": 'bearer_token_env = "X_BEARER_TOKEN"',
    "reddit": 'client_id_env = "REDDIT_CLIENT_ID"\nclient_secret_env = "REDDIT_CLIENT_SECRET"',
    "mastodon": 'access_token_env = "MASTODON_ACCESS_TOKEN"',
    "bluesky": 'handle_env = "BLUESKY_HANDLE"\napp_password_env = "BLUESKY_APP_PASSWORD"',
    "hackernews": "",
}


def _write(tmp_path: Path, kind: str, extra: str) -> Path:
    table = f'[[sources]]\nkind = "{kind}"\nbase_url = "http://127.0.0.1:9"\n'
    table += f"poll_seconds = 15\n{extra}\n"
    path = tmp_path / "config.toml"
    path.write_text(BASE + table)
    return path


@pytest.mark.parametrize("kind", sorted(TABLES))
async def test_each_kind_builds_from_its_table(kind, tmp_path, secrets) -> None:
    config = load_config(_write(tmp_path, kind, TABLES[kind] + '\nquery = "lumora lamp"'))
    source = build_plugin("sources", config.sources[0], config.context)
    assert (source.name, source.poll_seconds, source.query) == (kind, 15, "lumora lamp")
    await source.close()


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("x", "bearer_token_env"),
        ("reddit", "client_secret_env"),
        ("mastodon", "access_token_env"),
        ("bluesky", "app_password_env"),
    ],
)
def test_missing_secret_names_the_key(kind, key, tmp_path, secrets, monkeypatch) -> None:
    variable = TABLES[kind].split(f'{key} = "')[1].split('"')[0]
    monkeypatch.delenv(variable)
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, kind, TABLES[kind]))
    assert f"sources[0].{key}" in str(caught.value)
    assert variable in str(caught.value)


def test_unknown_key_is_refused(tmp_path, secrets) -> None:
    with pytest.raises(ConfigError, match=r"sources\[0\]\.bearer_token"):
        load_config(_write(tmp_path, "x", 'bearer_token = "oops-a-secret"'))


async def test_brand_gives_the_default_query(tmp_path, secrets) -> None:
    config = load_config(_write(tmp_path, "x", ""))
    source = build_plugin("sources", config.sources[0], config.context)
    assert source.query == "(Lumora OR @lumora OR Lumora+) -is:retweet"  # X: no retweets
    assert source.username == "lumora"
    await source.close()


def test_a_brand_name_of_several_words_is_searched_as_a_phrase() -> None:
    brand = Brand(name="Lumora Home", handles=("@lumora",), keywords=("robot vac", "Lumora+"))
    assert brand.default_query() == '"Lumora Home" OR @lumora OR "robot vac" OR Lumora+'


def test_shipped_platform_examples_are_valid(tmp_path, secrets) -> None:
    shipped = (Path(__file__).parents[2] / "config.toml").read_text()
    examples = shipped.split("# --- Social platforms")[1]
    lines = [
        line[2:]
        for line in examples.splitlines()
        if line.startswith("# [[") or re.match(r"# [a-z_]+ = ", line)
    ]
    path = tmp_path / "config.toml"
    path.write_text(BASE + "\n".join(lines))
    config = load_config(path)
    assert sorted(s.kind for s in config.sources) == sorted(TABLES)
    assert {r.kind for r in config.responders} >= {
        "x-post",
        "reddit-post",
        "mastodon-post",
        "bluesky-post",
    }


def test_reddit_username_without_password_is_refused(tmp_path, secrets) -> None:
    extra = TABLES["reddit"] + '\nusername_env = "REDDIT_USERNAME"'
    with pytest.raises(ConfigError, match="password_env"):
        load_config(_write(tmp_path, "reddit", extra))
