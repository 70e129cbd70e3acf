"""A Bluesky reply to a Lisbon brand's account is answered in pt-PT. Its text names no @handle
(Bluesky replies do not), so `[playbooks] handle_locales` never saw it, and its app tags it only
"pt": an ambiguous one was answered in Brazil's Portuguese ("sua equipe"). The account's
`[[sources]]` table now says its variant, `locale = "pt-PT"`, and what is written to it takes it
where the post itself does not say otherwise."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from mentiondesk.config import Config, load_config
from mentiondesk.models import ActionKind, ConfigError, History, Label, Mention, Reading
from mentiondesk.playbook_build import build_playbook
from mentiondesk.plugins import build_plugin
from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.bluesky_session import DID
from tests.helpers import write_config, write_mentions
from tests.platforms.helpers import FakeClock, once, started

AMBIGUOUS = "Ainda não recebi o pedido, podem verificar?"  # either side of the Atlantic
OURS = f"at://{DID}/app.bsky.feed.post/3lours0000001"  # a post of the signed-in account
REPLY = {"text": AMBIGUOUS, "reason": "reply", "lang": "pt", "reply_to": OURS}  # tagged as apps do


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BlueskyFake]:
    monkeypatch.setenv("BLUESKY_HANDLE", "lumora.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "app-pw")
    async with FakeAPI() as api:
        yield BlueskyFake(api, clock=clock)


def _config(tmp_path: Path, fake: BlueskyFake, table: str) -> Config:
    source = f'\n[[sources]]\nkind = "bluesky"\nname = "bsky"\nbase_url = "{fake.base_url}"\n'
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=source + table)
    return load_config(path)


async def _read(config: Config, fake: BlueskyFake, clock: FakeClock, **post: str) -> Mention:
    """The post as the configured source reads it (searchPosts and notifications)."""
    source = build_plugin("sources", config.sources[1], config.context)
    cursor = await started(source, clock)
    clock.advance(60)
    if post.pop("endpoint", "mentions") == "search":
        fake.hit(**post)  # type: ignore[arg-type]
    else:
        fake.mention(**post)  # type: ignore[arg-type]
    run = await once(source, cursor, clock=clock)
    await source.close()
    (found,) = run.mentions
    return found


def _reply_lang(config: Config, post: Mention) -> str:
    """The language the configured playbook drafts its private reply in."""
    read = Reading(label=Label.NEGATIVE, score=-0.8, lang="pt", reason="delivery", frustration=1)
    actions = build_playbook(config).decide(post, read, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.lang is not None
    return dm.lang


async def test_a_reply_to_portugals_account_is_answered_in_pt_pt(
    tmp_path: Path, fake: BlueskyFake, clock: FakeClock
) -> None:
    config = _config(tmp_path, fake, 'locale = "pt-PT"\n')
    post = await _read(config, fake, clock, **REPLY)
    assert post.lang == "pt-PT"
    assert _reply_lang(config, post) == "pt-PT"


async def test_without_the_accounts_locale_the_reply_is_brazils(
    tmp_path: Path, fake: BlueskyFake, clock: FakeClock
) -> None:
    """What the bug was, and still is where the account's variant is not written: the shipped
    `pt` templates are Brazil's."""
    config = _config(tmp_path, fake, "")
    post = await _read(config, fake, clock, **REPLY)
    assert _reply_lang(config, post) == "pt"


async def test_a_search_hit_takes_the_locale_only_when_written_to_the_account(
    tmp_path: Path, fake: BlueskyFake, clock: FakeClock
) -> None:
    config = _config(tmp_path, fake, 'query = "pedido"\nlocale = "pt_pt"\n')
    about = await _read(
        config, fake, clock, endpoint="search", text=f"lumora {AMBIGUOUS}", lang="pt"
    )
    assert about.lang == "pt"  # about the brand: anyone's, as before
    to_us = await _read(
        config, fake, clock, endpoint="search", text=AMBIGUOUS, lang="pt", reply_to=OURS
    )
    assert to_us.lang == "pt-PT"


async def test_the_apps_own_region_and_other_languages_are_kept(
    tmp_path: Path, fake: BlueskyFake, clock: FakeClock
) -> None:
    config = _config(tmp_path, fake, 'locale = "pt-PT"\n')
    brazil = await _read(config, fake, clock, text=AMBIGUOUS, lang="pt-BR", reply_to=OURS)
    english = await _read(config, fake, clock, text="where is my order?", lang="en")
    assert (brazil.lang, english.lang) == ("pt-BR", "en")
    assert _reply_lang(config, brazil) == "pt"


@pytest.mark.parametrize("written", ["pt", "en-GB", "portugal"])
def test_a_locale_that_is_no_portuguese_variant_stops_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.setenv("BLUESKY_HANDLE", "lumora.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "app-pw")
    table = f'\n[[sources]]\nkind = "bluesky"\nlocale = "{written}"\n'
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=table)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    said = str(info.value)
    assert f"sources[1].locale: {written!r}: write the variant the account is answered in" in said
    assert "'pt-PT' or 'pt-BR'" in said
