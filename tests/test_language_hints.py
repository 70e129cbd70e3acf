"""A platform's language hint is kept only when it is shaped as a language tag, and a language
is printed to a terminal (console alerts, `drafts list`) as safely as the text beside it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.hand_reply import write_reply
from mentiondesk.models import CaseContext, Label, Mention, OutboxAction, Reading, short_lang
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION
from responders.console import ConsoleResponder
from sentiment.lang import detect
from tests.helpers import mention, run_cli, write_config, write_mentions

# Each fits the 16-character column: OSC 0 retitles the terminal window, SGR 8 hides all that
# is printed after it, and rich reads "[blink]" as markup (the table cell comes out empty).
RETITLE = "\x1b]0;pwned\x07"
CONCEAL = "\x1b[8m"
HOSTILE = [RETITLE, CONCEAL, "[blink]", "pt BR", "pt\x1b", "ptç", "x-klingon", "-pt", "pt-"]


@pytest.mark.parametrize("tag", HOSTILE)
def test_a_hint_not_shaped_as_a_language_tag_is_no_hint(tag: str) -> None:
    assert short_lang(tag) is None
    assert mention(1, lang=tag).lang is None
    assert detect(["my order is late again"], [tag]) == ["en"]  # the text decides


def test_a_hint_of_no_text_type_is_no_hint() -> None:
    data = mention(1).to_dict() | {"lang": {"x": 1}}  # a replay file's line, say
    assert Mention.from_dict(data).lang is None


# Spaces around a tag and "_" for "-" (as in locale names) are read as the tag they mean.
@pytest.mark.parametrize(
    ("tag", "kept"), [(" en ", "en"), ("pt_BR", "pt-BR"), ("zh_Hant_TW", "zh-Hant-TW")]
)
def test_a_well_formed_hint_is_kept(tag: str, kept: str) -> None:
    assert mention(1, lang=tag).lang == kept
    assert detect(["x"], [tag]) == [kept[:2].lower()]


async def test_console_alert_strips_escapes_from_the_language() -> None:
    # A reading's language stored before hints were checked still prints safely.
    context = CaseContext(
        mention=mention(1, "my order is late again", platform="bluesky"),
        reading=Reading(label=Label.NEGATIVE, score=0.9, lang=RETITLE, frustration=2),
        case_number="MD-000001",
    )
    out = io.StringIO()
    action = OutboxAction(key="alert:k", kind="alert", target="console", context=context)
    await ConsoleResponder(out=out).deliver(action)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue(), repr(out.getvalue())
    assert "[]0;pwned]" in out.getvalue()


def test_drafts_list_escapes_the_language(tmp_path: Path, db_url: str) -> None:
    posts = [
        mention(1, "@lumora my order is late, terrible", platform="bluesky"),
        mention(2, "@lumora broken again, awful", platform="bluesky", author="a2"),
    ]
    config = write_config(
        tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m.jsonl", posts)
    )
    assert run_cli(config, "run", "--once")[0] == 0
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            ids = conn.scalars(sa.select(MENTION.c.id).order_by(MENTION.c.id)).all()
        for mention_id in ids:  # the desk's "Reply now": the draft takes the reading's language
            write_reply(
                store,
                mention_id,
                by="agent",
                kind="public",
                text="On it.",
                seen=0,
                post_route={"default": "console"},
            )
        # As a hand reply to a mention read before hints were checked would have it.
        with store.engine.begin() as conn:
            for mention_id, lang in zip(ids, [CONCEAL, "[blink]"], strict=True):
                where = DRAFT.c.mention_id == mention_id
                conn.execute(sa.update(DRAFT).where(where).values(lang=lang))
    finally:
        store.dispose()
    code, output = run_cli(config, "drafts", "list", "--status", "approved")
    assert code == 0
    assert "\x1b" not in output, repr(output)
    assert "[blink]" in output  # shown as written, not read as markup
