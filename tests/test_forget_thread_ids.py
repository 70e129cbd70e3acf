"""Others' replies keep no id of an erased or purged post: on Bluesky a post's id holds its
author's account id, on X a status id leads to its author. `authors forget` and `store purge`
give the reply's thread and parent a marker instead, in the mention row and in the copies of
it in outbox actions and digest items; one per post, so the replies still group. On both
backends."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.erased_posts import MARK
from mentiondesk.models import Mention
from mentiondesk.tables import DIGEST_ITEM, MENTION, OUTBOX
from tests.helpers import COMPLAINT, PRAISE, mention, run_cli, write_config, write_mentions
from tests.test_retention import _age, _connect, _rows

LATER = "@lumora still waiting for my refund, awful"


def _post(n: int, text: str, **kw: Any) -> Mention:
    """Posted an hour ago (a post older than retain_days is not read)."""
    return replace(mention(n, text, **kw), created_at=datetime.now(UTC) - timedelta(hours=1))


# Ana (a1) complains (m1, MD-000001) and follows up (m3); Carl's neutral post m4 opens no
# case. Bia's praise answers Carl's post in Ana's thread; Dia's praise answers Ana's
# follow-up; Eva's Bluesky post has a thread id "m1" too: another platform's post.
POSTS = [
    _post(1, COMPLAINT),
    replace(_post(2, PRAISE, author="b", name="Bia Lima"), thread_id="m1", parent_id="m4"),
    _post(3, LATER),
    _post(4, "hello @lumora", author="c", name="Carl Reis"),
    replace(_post(5, PRAISE, author="d", name="Dia Melo"), thread_id="m1", parent_id="m3"),
    replace(
        _post(6, PRAISE, platform="bluesky", author="e", name="Eva Luz"),
        thread_id="m1",
        parent_id="m1",
    ),
]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    config.write_text(config.read_text().replace("[store]\n", "[store]\nretain_days = 30\n"))
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def _copies(desk: Path, db_url: str) -> None:
    """Bia's and Eva's thank-yous approved (waiting in the outbox, each with a copy of their
    post), and an alert about Bia's post collected for a digest (a copy of it too)."""
    for draft in ("2", "4"):
        assert run_cli(desk, "drafts", "approve", draft, "--no-send")[0] == 0
    [(payload,)] = _rows(db_url, sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == "post:draft:2"))
    context = json.loads(payload)["context"]
    item = {"key": "alert:digest:praise:x:m2:praise", "route": "praise", "platform": "x"}
    item |= {"external_id": "m2", "payload": json.dumps(context)}
    with _connect(db_url) as conn:
        conn.execute(sa.insert(DIGEST_ITEM).values(item))


def _threads(db_url: str) -> dict[str, tuple[str | None, str | None]]:
    query = sa.select(MENTION.c.external_id, MENTION.c.thread_id, MENTION.c.parent_id)
    return {e: (t, p) for e, t, p in _rows(db_url, query)}


def _copied(db_url: str) -> dict[str, tuple[Any, Any]]:
    """The thread and parent of each copy of a post in outbox and digest payloads, by the
    row's key."""
    found = {}
    for key, payload in _rows(db_url, sa.select(OUTBOX.c.key, OUTBOX.c.payload)):
        copy = (json.loads(payload).get("context") or {}).get("mention") or {}
        found[key] = (copy.get("thread_id"), copy.get("parent_id"))
    for key, payload in _rows(db_url, sa.select(DIGEST_ITEM.c.key, DIGEST_ITEM.c.payload)):
        copy = json.loads(payload).get("mention") or {}
        found[key] = (copy.get("thread_id"), copy.get("parent_id"))
    return found


def test_forget_leaves_no_id_of_their_posts_in_others_replies(desk: Path, db_url: str) -> None:
    _copies(desk, db_url)
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    threads = _threads(db_url)
    root, carl = threads["m2"]
    assert root.startswith(MARK) and carl == "m4"  # Carl's post is not erased
    assert threads["m5"][0] == root and threads["m5"][1].startswith(MARK)  # one thread still
    assert threads["m5"][1] != root  # her follow-up, another post
    assert threads["m6"] == ("m1", "m1")  # a Bluesky post's thread: not hers
    copied = _copied(db_url)
    assert copied["post:draft:2"] == copied["alert:digest:praise:x:m2:praise"] == (root, "m4")
    assert copied["post:draft:4"] == ("m1", "m1")
    ids = sa.select(MENTION.c.thread_id, MENTION.c.parent_id).where(MENTION.c.platform == "x")
    assert not {"m1", "m3"} & {i for row in _rows(db_url, ids) for i in row}


def test_purge_leaves_no_id_of_the_posts_it_blanks_in_replies_kept(desk: Path, db_url: str) -> None:
    """Ana's resolved case and Carl's loose post are blanked; the others' replies wait (Dia's
    draft for a person, Bia's and Eva's replies in the outbox) and keep their rows."""
    _copies(desk, db_url)
    assert run_cli(desk, "drafts", "reject", "5")[0] == 0
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    code, output = run_cli(desk, "store", "purge")
    assert code == 0, output
    threads = _threads(db_url)
    assert threads["purged:1"] == (None, None)
    root, carl = threads["m2"]
    assert root.startswith(MARK) and carl.startswith(MARK) and root != carl
    assert threads["m5"][0] == root and threads["m5"][1].startswith(MARK)
    assert threads["m6"] == ("m1", "m1")
    copied = _copied(db_url)
    assert copied["post:draft:2"] == copied["alert:digest:praise:x:m2:praise"] == (root, carl)
