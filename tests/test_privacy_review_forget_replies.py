"""A reply read after `authors forget` names the erased post by its id, as the replies stored
before did until the erasure gave them the post's marker. It is stored with that marker
too: the erased post's id (on Bluesky it holds the author's account id) does not come back
into the store, and the reply still joins the others in the thread. On both backends."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.erased_posts import MARK
from mentiondesk.tables import MENTION
from tests.helpers import PRAISE, run_cli, write_mentions
from tests.test_forget_thread_ids import POSTS, _post, _threads, desk  # noqa: F401 (fixture)
from tests.test_retention import _rows

# After the erasure: Gil answers Ana's first post, Hugo her follow-up in the same thread,
# Ivo answers Carl's post in her thread; Jo's Bluesky post names "m1" too (another platform's).
LATE = [
    replace(_post(7, PRAISE, author="g", name="Gil Sá"), thread_id="m1", parent_id="m1"),
    replace(_post(8, PRAISE, author="h", name="Hugo Paz"), thread_id="m1", parent_id="m3"),
    replace(_post(9, PRAISE, author="i", name="Ivo Rio"), thread_id="m1", parent_id="m4"),
    replace(
        _post(10, PRAISE, platform="bluesky", author="j", name="Jo Luz"),
        thread_id="m1",
        parent_id="m1",
    ),
]


def test_a_reply_read_after_forget_keeps_no_id_of_the_erased_post(
    desk: Path,  # noqa: F811
    db_url: str,
    tmp_path: Path,
) -> None:
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    root, _ = _threads(db_url)["m2"]  # Bia's reply, given the marker of Ana's first post
    assert root.startswith(MARK)
    write_mentions(tmp_path / "m.jsonl", [*POSTS, *LATE])
    code, output = run_cli(desk, "run", "--once")
    assert code == 0, output
    threads = _threads(db_url)
    assert threads["m7"] == (root, root)  # the same marker: one thread still
    assert threads["m8"][0] == root and threads["m8"][1] == threads["m5"][1]
    assert threads["m8"][1].startswith(MARK) and threads["m8"][1] != root
    assert threads["m9"] == (root, "m4")  # Carl's post is not erased
    assert threads["m10"] == ("m1", "m1")  # a Bluesky post's thread: not hers
    assert "m1" not in threads and "m3" not in threads  # her posts are not read back
    ids = sa.select(MENTION.c.thread_id, MENTION.c.parent_id).where(MENTION.c.platform == "x")
    assert not {"m1", "m3"} & {i for row in _rows(db_url, ids) for i in row}
