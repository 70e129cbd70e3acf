"""Forgetting Sara, whose status Bia's complaint quoted: the Slack card posted about Bia's
complaint showed the quote line with the address of Sara's status (her handle). The erasure
rewrote the stored copy; the card in the channel is rewritten too (chat.update through the
outbox), still Bia's card with its buttons while her case is open, not listed "to delete by
hand". A later click on it builds Bia's card, not an erased author's. Real slack_sdk against
the fake Slack, on both backends."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.decisions import Decision, DraftPlan, OutboxPlan, record
from mentiondesk.erased_cards import erased_card
from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.erasure import erase
from mentiondesk.erasure_copies import described
from mentiondesk.models import Author, Mention
from mentiondesk.store import Store
from mentiondesk.tables import CASE, OUTBOX
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import reading
from tests.slack_cards_helpers import post_card, slack_on
from tests.test_forget_slack_cards import drain

SARAS = "https://remote.test/@sara/777"


def _toot(user: str, n: int, text: str) -> Mention:
    return Mention(
        platform="mastodon",
        external_id=str(n),
        author=Author(id=f"9{n}", handle=f"{user}@remote.test", name=user.title()),
        text=text,
        created_at=datetime.now(UTC) - timedelta(hours=1),
        url=f"https://remote.test/@{user}/{n}",
    )


BIA = _toot("bia", 2, f"@lumora my lamp died, like hers\n\n↪️ {SARAS}")


def _seed(store: Store, hers: Mention | None = None, bia: Mention = BIA) -> None:
    """Sara's post (her author row), and Bia's complaint (quoting another status of Sara's),
    decided into a case with a pending draft and a Slack alert."""
    store.ingest("test", [hers or _toot("sara", 1, "@lumora lovely lamp"), bia], None)
    pending = store.claim_unprocessed(10, timedelta(minutes=5))
    p = next(x for x in pending if x.mention.external_id == bia.external_id)
    record(
        store,
        [
            Decision(
                mention_id=p.id,
                author_id=p.author_id,
                mention=bia,
                reading=reading(),
                case_rule="complaint",
                drafts=(DraftPlan(kind="private", text="Sorry", lang="en", rule="complaint"),),
                outbox=(OutboxPlan("alert", "slack", "complaint"),),
            )
        ],
        post_route={"default": "console"},
    )


async def test_the_card_of_a_complaint_quoting_her_is_rewritten_in_slack(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    config = load_config(write_config(tmp_path, db_url))
    _seed(store)
    fake = SlackFake(fake_api)
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    assert "@sara/" in json.dumps(fake.messages[ts]["blocks"])
    erasure = erase(store, "mastodon", "sara@remote.test", by="dpo")
    assert erasure.elsewhere.others == (("slack", 1),) and erasure.elsewhere.shown == ()
    lines = described(erasure.elsewhere, {"slack": "slack"})
    assert lines == [
        "In Slack, the outbox rewrites 1 card about others' posts in slack that showed the "
        "title of a story or post of theirs or a link to one: shown again without it."
    ]
    assert not erasure.elsewhere.by_hand({"slack": "slack"})
    assert await drain(store, slack, config) == 1
    card = fake.messages[ts]
    said = json.dumps(card["blocks"], ensure_ascii=False)
    assert "@sara/" not in said and "remote.test/@sara" not in card["text"]
    assert UNQUOTED in said and "bia@remote.test" in said  # still Bia's card
    assert [b for b in card["blocks"] if b.get("type") == "actions"]  # her case is open
    assert erased_card(store, "C0TEAM", ts) is None  # a click builds Bia's card


async def test_the_card_of_an_ended_case_loses_its_buttons(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    config = load_config(write_config(tmp_path, db_url))
    _seed(store)
    fake = SlackFake(fake_api)
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).values(status="resolved"))
    erase(store, "mastodon", "sara@remote.test", by="dpo")
    assert await drain(store, slack, config) == 1
    card = fake.messages[ts]
    assert "@sara/" not in json.dumps(card["blocks"])
    assert not [b for b in card["blocks"] if b.get("type") == "actions"]
    erase_again = erase(store, "mastodon", "bia@remote.test", by="dpo")  # Bia herself later
    assert erase_again.elsewhere.rewritten == (("slack", 1),)
    with store.engine.connect() as conn:
        kinds = conn.scalars(sa.select(OUTBOX.c.key).where(OUTBOX.c.kind == "erase_card"))
        assert sorted(k.rsplit(":", 2)[0] for k in kinds) == ["erase_card", "erase_others"]


TITLE = "Ask HN: Sara's lamp shop, is Lumora down?"


async def test_the_card_of_a_comment_on_her_story_loses_its_title_in_slack(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Bia's comment on Sara's Hacker News story: its card said 'on "<Sara's title>"'."""
    story = replace(_toot("sara", 100, TITLE), platform="hackernews", thread_id="100")
    story = replace(story, author=Author(id="h_sara", handle="h_sara", name="Sara"))
    comment = replace(BIA, platform="hackernews", text="@lumora down again", external_id="101")
    comment = replace(comment, thread_id="100", parent_id="100", on_title=TITLE)
    config = load_config(write_config(tmp_path, db_url))
    _seed(store, story, comment)
    fake = SlackFake(fake_api)
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    assert "lamp shop" in json.dumps(fake.messages[ts]["blocks"])
    erasure = erase(store, "hackernews", "h_sara", by="dpo")
    assert erasure.elsewhere.others == (("slack", 1),) and erasure.elsewhere.shown == ()
    assert await drain(store, slack, config) == 1
    card = fake.messages[ts]
    assert "lamp shop" not in json.dumps(card["blocks"]) + card["text"]
    assert "down again" in json.dumps(card["blocks"])  # Bia's words stay


async def test_forgetting_bia_before_her_cards_rewrite_went_drops_it(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Sara forgotten, the rewrite of Bia's card waits (Slack down); then Bia asks too. The
    waiting rewrite held a copy of Bia's card: it goes, and her erased form is what Slack
    shows, whatever order the outbox would have sent them in."""
    config = load_config(write_config(tmp_path, db_url))
    _seed(store)
    fake = SlackFake(fake_api)
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    erase(store, "mastodon", "sara@remote.test", by="dpo")
    erase(store, "mastodon", "bia@remote.test", by="dpo")
    with store.engine.connect() as conn:
        keys = conn.scalars(sa.select(OUTBOX.c.key).where(OUTBOX.c.kind == "erase_card")).all()
        payloads = " ".join(conn.scalars(sa.select(OUTBOX.c.payload)))
    assert [k.rsplit(":", 2)[0] for k in keys] == ["erase_card"]
    assert "bia@remote.test" not in payloads and "@sara/" not in payloads
    assert await drain(store, slack, config) == 1
    said = json.dumps(fake.messages[ts]["blocks"], ensure_ascii=False)
    assert "bia@remote.test" not in said and "@sara/" not in said
