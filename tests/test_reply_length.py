"""Approval holds a reply against its platform's limit as the platform counts it: links as 23
characters on X and Mastodon, and the @handle every Mastodon reply is sent with."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.config import load_config
from mentiondesk.fediverse_graphemes import grapheme_count
from mentiondesk.models import mastodon_reply_text
from mentiondesk.pipeline import App
from mentiondesk.reply_limits import mastodon_length, reply_length, x_length
from mentiondesk.tables import DRAFT, OUTBOX
from tests.helpers import COMPLAINT, mention, write_config, write_mentions
from tests.test_pipeline import recorders

# A complaint gets a public reply and a private message, both waiting for a person.
DRAFTS = """
[[rules]]
name = "answer"
when = { label = ["negative"] }
actions = [
  { type = "open_case" },
  { type = "draft_public", template = "thank_you" },
  { type = "draft_private", template = "complaint_dm" },
]
"""
POST = {"default": "console"}
LONG_LINK = "https://brand.example/help/orders/" + "a" * 100


@asynccontextmanager
async def desk_with_drafts(tmp_path: Path, db_url: str, platform: str) -> AsyncIterator[App]:
    (tmp_path / "rules.toml").write_text(DRAFTS)
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT, platform=platform)])
    extra = '\n[playbooks]\npaths = ["rules.toml"]\n'
    config = load_config(write_config(tmp_path, db_url=db_url, samples=samples, extra=extra))
    app = App(config, responders=recorders())
    async with app:
        await app.run_once()
        yield app


def draft_of(app: App, kind: str) -> int:
    with app.store.engine.connect() as conn:
        return int(conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.kind == kind)) or 0)


@pytest.mark.parametrize("kind", ["private", "public"])
async def test_a_mastodon_reply_that_fits_only_without_the_handle_is_refused(
    tmp_path: Path, db_url: str, kind: str
) -> None:
    """Public replies too start with the author's @handle (Mastodon notifies only the
    accounts a status mentions), so they are counted with it."""
    text = "x" * 497  # 500 with "@h_a1 " in front: 503 as sent
    async with desk_with_drafts(tmp_path, db_url, "mastodon") as app:
        draft = draft_of(app, kind)
        with pytest.raises(queue.ReplyTooLong) as refused:
            queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
        with app.store.engine.connect() as conn:
            queued = conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX))
            status = conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft))
    assert str(refused.value).startswith("the reply is 503 characters as mastodon counts it (")
    assert str(refused.value).endswith("; mastodon allows 500")
    assert (status, queued) == ("pending", 0)


async def test_an_x_reply_with_a_long_link_that_fits_as_23_is_accepted(
    tmp_path: Path, db_url: str
) -> None:
    text = "So sorry! Track it here: " + LONG_LINK + " " + "b" * 200
    assert len(text) > 280 and x_length(text) == 25 + 23 + 1 + 200
    async with desk_with_drafts(tmp_path, db_url, "x") as app:
        draft = draft_of(app, "public")
        key = queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
        with app.store.engine.connect() as conn:
            queued = conn.scalar(sa.select(OUTBOX.c.key).where(OUTBOX.c.key == key))
            sent = conn.scalar(sa.select(DRAFT.c.text).where(DRAFT.c.id == draft))
    assert queued == key and sent == text


def test_how_each_platform_counts() -> None:
    assert x_length("see https://x.co/a. " + "日本") == 4 + 23 + 2 + 4  # CJK weighs 2
    assert x_length("visit lumora.com or 3.50") == 6 + 23 + 8  # a bare domain: at least 23
    assert x_length("Olá, ação!") == 10  # Latin with accents weighs 1
    # A link ends where CJK begins (no space between), as twitter-text ends it: the text after
    # it counts, 2 a character (it was counted into the link's 23).
    assert x_length("https://a.jp/x。ありがとう") == 23 + 2 * 6
    assert x_length("a.jp/x。ありがとう") == 23 + 2 * 6
    assert mastodon_length("https://a.jp/x。ありがとう") == 23 + 6
    assert mastodon_length("@dan@remote.test hi " + LONG_LINK + "!") == 8 + 23 + 1
    assert reply_length("mastodon", " hi ", private=True, handle="dan@remote.test") == 7
    assert reply_length("mastodon", " hi ", handle="dan@remote.test") == 7  # public too
    assert (
        reply_length("mastodon", "@DAN@remote.test hi", private=True, handle="dan@remote.test") == 7
    )
    assert reply_length("x", LONG_LINK, private=True) == len(LONG_LINK)  # a DM: characters
    assert reply_length("bluesky", LONG_LINK) == len(LONG_LINK)


@pytest.mark.parametrize(
    "after",
    [
        "ขอบคุณครับ",  # Thai, Lao and Myanmar are written without spaces too
        "ขอบใจຫຼາຍ",
        "ကျေးဇူးပါ",
        "شكرا",
        "תודה",
        "धन्यवाद",
        "ευχαριστώ",
    ],
)
def test_a_link_ends_where_a_script_it_may_not_hold_begins(after: str) -> None:
    # twitter-text (and Mastodon) end a URL path at a character outside its path characters:
    # the text after it counts in full, not as part of the link's 23.
    assert x_length("https://a.co/x" + after) == 23 + x_length(after)
    assert x_length("lumora.com/x" + after) == 23 + x_length(after)
    assert mastodon_length("https://a.co/x" + after) == 23 + grapheme_count(after)  # graphemes


def test_what_a_link_may_hold_stays_in_it() -> None:
    # Latin accents, Cyrillic, the en dash and a query string are part of the link.
    for link in ("https://a.co/Ünïcødé–ação", "https://a.co/путь/x", "https://a.co/x?id=5&b=c"):
        assert x_length(link) == mastodon_length(link) == 23


@pytest.mark.parametrize(
    ("handle", "text"),
    [
        ("ana", "Our colleague @ana_souza will follow up"),  # a longer handle: another account
        ("ana", "Ask @ana.souza"),
        ("ana", "Ask @ana@other.example"),  # ana on another server
        ("bob", "Write to support@bob.example"),  # an address mentions no one
        ("bob", "See https://social.example/@bob"),  # a link to a profile
        ("dan@remote.test", "Ask @dan"),  # on our server, another account
        ("dan@remote.test", "Ask @dan@remote.test.example"),
    ],
)
def test_a_reply_that_only_seems_to_mention_the_author_gets_their_handle(
    handle: str, text: str
) -> None:
    assert mastodon_reply_text(handle, text) == f"@{handle} {text}"
    sent = mastodon_length(f"@{handle} {text}")  # the handle counted as Mastodon counts it
    assert reply_length("mastodon", text, handle=handle) == sent > mastodon_length(text)


@pytest.mark.parametrize(
    ("handle", "text"),
    [
        ("ana", "@ana thanks!"),
        ("ana", "Thanks, @ANA."),
        ("ana", "(cc @ana)"),
        ("ana", "hi @ana-"),
        ("dan@remote.test", "Thanks @Dan@Remote.test!"),
    ],
)
def test_a_reply_that_mentions_the_author_is_sent_as_written(handle: str, text: str) -> None:
    assert mastodon_reply_text(handle, text) == text
    assert reply_length("mastodon", text, handle=handle) == mastodon_length(text)
