"""Bluesky (300 graphemes) and Mastodon (500, `grapheme_length`) count what a person sees as
one character as one: a Portuguese flag, a family emoji, a thumbs-up with a skin tone. A
reply a Lisbon brand writes with 🇵🇹 and 👨‍👩‍👧 in it was refused (and its Approve button
disabled) at code points, well under the platforms' limits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.fediverse_graphemes import grapheme_count
from mentiondesk.reply_limits import (
    counting_rule,
    mastodon_length,
    reply_length,
    too_long,
)
from mentiondesk.tables import OUTBOX
from tests.test_reply_length import desk_with_drafts, draft_of

FAMILY = "👨\u200d👩\u200d👧"  # five code points, one grapheme
FLAG = "🇵🇹"  # two regional indicators


@pytest.mark.parametrize(
    "text",
    [
        FLAG,
        FAMILY,
        "👍🏽",
        "e\u0301",  # e + combining acute, as some keyboards write "é"
        "1\ufe0f\u20e3",  # keycap
        "❤\ufe0f\u200d🔥",
        "👩🏽\u200d💻",
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
        "\r\n",
    ],
)
def test_one_seen_character_is_one_grapheme(text: str) -> None:
    assert grapheme_count(text) == 1


def test_graphemes_in_a_sentence() -> None:
    assert grapheme_count(f"Obrigado {FLAG}{FLAG}{FLAG}!") == 13
    assert grapheme_count("a\u200db") == 2  # a ZWJ joins emoji, not letters
    assert grapheme_count(f"{FLAG[0]}\u0301{FLAG[1]}") == 2  # a flag's halves side by side only
    assert grapheme_count("") == 0
    assert grapheme_count("\t\u0301") == 2  # nothing joins after a control character


def test_never_fewer_than_unicode_segmentation_finds() -> None:
    """Counted the other way, a reply the desk lets through could be one the platform
    refuses: against `regex`'s UAX #29 clusters (\\X), over mixes of what joins and breaks."""
    regex = pytest.importorskip("regex")
    pool = [*"aé ", "\u0301", "\u200d", "👨", "👩", "🇵", "🇹", "\ufe0f", "🏽", "\r", "\n"]
    pool += ["க", "ி", "्", "\U000e0067", "#", "\u20e3", "가", "\u1100", "❤", "\t", "\u200b"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert grapheme_count(text) >= len(regex.findall(r"\X", text)), ascii(text)


def test_bluesky_and_mastodon_count_graphemes() -> None:
    reply = "Obrigado! " + FAMILY * 150  # 10 + 150 graphemes, 760 code points
    assert reply_length("bluesky", reply) == 160
    assert too_long("bluesky", reply, private=False, handle="ana.bsky.social") is None
    assert counting_rule("bluesky") == "graphemes"
    assert counting_rule("bluesky", private=True) == "graphemes"  # chat: 1,000 graphemes
    assert mastodon_length(f"Obrigada {FLAG} https://lumora.pt/" + "a" * 80) == 11 + 23
    text = FLAG * 480  # 960 code points, 480 + "@ana " = 485 as Mastodon counts
    assert too_long("mastodon", text, private=False, handle="ana") is None
    assert reply_length("mastodon", text, handle="ana@masto.pt") == 485


def test_a_bluesky_reply_over_its_limit_still_says_so() -> None:
    said = too_long("bluesky", "é" * 301, private=False, handle="ana.bsky.social")
    assert said == "the reply is 301 characters; bluesky allows 300"
    said = too_long("bluesky", FLAG * 301, private=False, handle="")
    assert said is not None and said.startswith("the reply is 301 characters as bluesky counts")
    # 300 graphemes but 5,400 bytes: the record's text is over Bluesky's byte limit.
    said = too_long("bluesky", "👨\u200d👩\u200d👧\u200d👦" * 300, private=False, handle="")
    assert said is not None and "3000 bytes" in said


@pytest.mark.parametrize("platform", ["bluesky", "mastodon"])
async def test_a_reply_full_of_flags_under_the_limit_is_approved(
    tmp_path: Path, db_url: str, platform: str
) -> None:
    # 226 graphemes, 726 code points, 2,633 bytes
    text = f"Obrigado pela paciência {FLAG} " + FAMILY * 100 + FLAG * 100
    async with desk_with_drafts(tmp_path, db_url, platform) as app:
        draft = draft_of(app, "public")
        key = queue.approve_draft(
            app.store, draft, by="ana", post_route={"default": "console"}, text=text
        )
        with app.store.engine.connect() as conn:
            queued = conn.scalar(sa.select(OUTBOX.c.key).where(OUTBOX.c.key == key))
    assert queued == key
