"""Bluesky posts quoting or answering an erased author's post: the Bluesky source stores the
post quoted, else answered, as on_title ("@sara7.bsky.social: her words",
listener/_bluesky_context), as X's does. Forgetting Sara blanks those titles on others' posts
stored before, and a post read after the erasure is stored without them, whether her post
was stored or not: none of her words. Titles showing others' posts stay."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.models import Mention
from mentiondesk.tables import MENTION
from tests.helpers import COMPLAINT, bluesky_post, read_as_root, run_cli, write_mentions
from tests.test_retention import _holding, _rows

SARA, EVA, BOB = "did:plc:sara7", "did:plc:eva2", "did:plc:bob"
HERS = "my lamp from Lumora glows blue"  # Sara's words, in her posts
ALSO_HERS = "Lumora shipped it in a week"  # a post of hers never stored


def _uri(did: str, rkey: str) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"


def _reply(did: str, rkey: str, parent: str, title: str, text: str = COMPLAINT) -> Mention:
    """A reply in Bob's thread to `parent`, the desk showing that post as `title`."""
    post = bluesky_post(did, rkey, text)
    return replace(post, thread_id=_uri(BOB, "root"), parent_id=parent, on_title=title)


def _quote(did: str, rkey: str, quoted: tuple[str, str], title: str) -> Mention:
    line = f"↪️ https://bsky.app/profile/{quoted[0]}/post/{quoted[1]}"
    return replace(bluesky_post(did, rkey, f"{COMPLAINT}\n\n{line}"), on_title=title)


FIRST = [
    bluesky_post(SARA, "p1", f"@lumora {HERS}"),
    _reply("did:plc:bia", "b1", _uri(SARA, "p9"), f"@sara7.bsky.social: {ALSO_HERS}"),
    _quote("did:plc:cy", "c1", (SARA, "p9"), f"@sara7.bsky.social: {ALSO_HERS}"),
    _reply("did:plc:dia", "d1", _uri(EVA, "e1"), "@eva2.bsky.social: not hers"),
    _quote("did:plc:ed", "e1", (EVA, "e1"), "@eva2.bsky.social: not hers"),
]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = read_as_root(tmp_path, db_url, monkeypatch, FIRST)
    assert _holding(db_url, ALSO_HERS)  # the titles, before
    code, output = run_cli(config, "authors", "forget", "bluesky", "sara7.bsky.social", "--yes")
    assert code == 0, output
    return config


def _titles(db_url: str) -> dict[str, str | None]:
    query = sa.select(MENTION.c.external_id, MENTION.c.on_title)
    return {e.rsplit("/", 1)[-1]: t for e, t in _rows(db_url, query)}


def test_forget_takes_her_words_out_of_others_titles(desk: Path, db_url: str) -> None:
    titles = _titles(db_url)
    assert titles["b1"] is None  # a reply to a post of hers never stored, deep in a thread
    assert titles["c1"] is None  # a quote of it
    assert titles["d1"] == titles["e1"] == "@eva2.bsky.social: not hers"
    assert _holding(db_url, ALSO_HERS) == [] and _holding(db_url, HERS) == []


def test_posts_read_later_come_without_her_words(desk: Path, db_url: str, tmp_path: Path) -> None:
    later = [
        # Replies to posts of hers never stored: by her handle, or by the DID answered.
        _reply("did:plc:fay", "f1", _uri(SARA, "p8"), f"@Sara7.Bsky.Social: {ALSO_HERS}"),
        _reply("did:plc:gus", "g1", _uri(SARA, "p7"), ALSO_HERS),
        # A reply to her erased post, and a quote of it: by the post.
        _reply("did:plc:hal", "h1", _uri(SARA, "p1"), f"@sara7.bsky.social: {HERS}"),
        _quote("did:plc:ivy", "i1", (SARA, "p1"), HERS),
        # A quote of a post of hers never stored, the title naming no handle.
        _quote("did:plc:jo", "j1", (SARA, "p6"), ALSO_HERS),
        _reply("did:plc:kai", "k1", _uri(EVA, "e2"), "@eva2.bsky.social: not hers"),
        _quote("did:plc:lu", "l1", (EVA, "e2"), "@eva2.bsky.social: not hers"),
    ]
    write_mentions(tmp_path / "m.jsonl", [*FIRST, *later])
    assert run_cli(desk, "run", "--once")[0] == 0
    titles = _titles(db_url)
    assert [titles[k] for k in ("f1", "g1", "h1", "i1", "j1")] == [None] * 5
    assert titles["k1"] == titles["l1"] == "@eva2.bsky.social: not hers"
    assert _holding(db_url, ALSO_HERS) == [] and _holding(db_url, HERS) == []
    texts = dict(_rows(db_url, sa.select(MENTION.c.external_id, MENTION.c.text)))
    assert texts[_uri("did:plc:ivy", "i1")] == f"{COMPLAINT}\n\n{UNQUOTED}"


def test_a_later_reply_showing_her_post_alone_comes_without_her_words(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    """Nothing else read with it is hers: the post it answers is found by its address."""
    fay = _reply("did:plc:fay", "f1", _uri(SARA, "p5"), f"@sara7.bsky.social: {ALSO_HERS}")
    write_mentions(tmp_path / "m.jsonl", [*FIRST, fay])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert _titles(db_url)["f1"] is None
    assert _holding(db_url, ALSO_HERS) == []
