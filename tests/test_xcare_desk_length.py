"""An airline's X care agent approving replies: the desk counts an X reply as X does and as
the X responder checks it before posting (one count). What hurt: 138 "👍🏽" (280 to X) refused
at approval as 552, a family emoji counted as 8, a flag as 4, and a long link without its
scheme ("lumora.com.br/ajuda/...") counted at its full length where X counts 23."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.reply_limits import reply_length, too_long
from mentiondesk.tables import DRAFT, OUTBOX
from responders import _x_text
from tests.test_reply_length import POST, desk_with_drafts, draft_of

_BARE_LINK = "lumora.com.br/ajuda/voos-cancelados-dezembro-2026"  # 50 typed, 23 to X

# Each fits X's 280 exactly as X counts it (twitter-text v3): one more weight unit is over.
FITS = [
    "Oi! " + "👍🏽" * 138,  # an emoji with its skin tone is one emoji: 4 + 276
    "👨‍👩‍👧" * 140,  # a family joined by ZWJ: 2 each
    "Boa viagem! " + "🇧🇷" * 134,  # a flag, two regional indicators: 12 + 268
    "Ligue " + "1️⃣" * 137,  # a keycap digit is an emoji: 6 + 274
    "a" * 256 + " " + _BARE_LINK,  # 257 + 23
    "Olá, João! " + "東京" * 67,  # accented Latin 1, CJK 2: 11 + 268 = 279
    "Ação " * 56,  # NFC: "ç" and "ã" weigh 1 (280 with the last space stripped: 279)
]


@pytest.mark.parametrize("text", FITS)
def test_the_desk_counts_an_x_reply_as_the_responder_and_x_do(text: str) -> None:
    length = reply_length("x", text)
    assert length <= 280
    assert too_long("x", text, private=False, handle="joao") is None
    assert length == _x_text.x_length(text.strip())  # the responder's count, the same
    # One more emoji (2) goes over, in the desk and in the responder alike.
    over = text.strip() + "🙏"
    assert reply_length("x", over) == length + 2
    assert too_long("x", over, private=False, handle="joao") is not None
    assert (_x_text.too_long(over) is None) == (length + 2 <= 280)


def test_emoji_sequences_and_links_weigh_as_on_x() -> None:
    assert reply_length("x", "👍🏽") == 2
    assert reply_length("x", "👩🏽‍✈️") == 2  # a pilot with her skin tone
    assert reply_length("x", "🏴󠁧󠁢󠁳󠁣󠁴󠁿") == 2  # Scotland: a flag of tag characters
    assert reply_length("x", "🇵🇹🇧🇷") == 4
    assert reply_length("x", "#️⃣ 1") == 2 + 1 + 1
    assert reply_length("x", "veja " + _BARE_LINK) == 5 + 23
    assert reply_length("x", "https://a.co") == 23  # a link is 23 however short
    # The link ends where CJK starts: the text after it counts (the responder agrees).
    text = "https://a.jp/x。ありがとう"
    assert reply_length("x", text) == _x_text.x_length(text) == 23 + 2 * 6


async def test_approval_takes_138_thumbs_with_a_skin_tone(tmp_path: Path, db_url: str) -> None:
    text = "Oi! " + "👍🏽" * 138
    async with desk_with_drafts(tmp_path, db_url, "x") as app:
        draft = draft_of(app, "public")
        with pytest.raises(queue.ReplyTooLong) as refused:  # one more emoji: 282
            queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text + "🙏")
        key = queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
        with app.store.engine.connect() as conn:
            queued = conn.scalar(sa.select(OUTBOX.c.key).where(OUTBOX.c.key == key))
            sent = conn.scalar(sa.select(DRAFT.c.text).where(DRAFT.c.id == draft))
    assert queued == key and sent == text
    said = str(refused.value)
    assert said.startswith("the reply is 282 characters as x counts it (")
    assert "an emoji (a skin tone, a family, a flag: one emoji)" in said
