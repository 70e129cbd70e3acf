"""An edited post (X) is answered by the id of its latest version, kept as its `edit_id`: a
reply naming that id leads to the author as the first id does. `authors forget` leaves it in
no reply, stored before the erasure or read after it. On both backends."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.erased_posts import MARK
from mentiondesk.tables import MENTION
from tests.helpers import COMPLAINT, PRAISE, read_as_root, run_cli, write_mentions
from tests.test_forget_thread_ids import _post, _threads
from tests.test_retention import _rows

# Ana's complaint m1, edited (its latest version is m1e); Bia answers that version.
POSTS = [
    replace(_post(1, COMPLAINT), edit_id="m1e"),
    replace(_post(2, PRAISE, author="b", name="Bia Lima"), thread_id="m1", parent_id="m1e"),
]
LATE = replace(_post(3, PRAISE, author="c", name="Carl Reis"), thread_id="m1", parent_id="m1e")


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    return read_as_root(tmp_path, db_url, monkeypatch, POSTS)


def test_no_reply_keeps_the_id_of_an_erased_posts_later_version(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    root, parent = _threads(db_url)["m2"]
    assert root.startswith(MARK) and parent.startswith(MARK)
    write_mentions(tmp_path / "m.jsonl", [*POSTS, LATE])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert _threads(db_url)["m3"] == (root, parent)  # the same markers: one thread still
    ids = sa.select(MENTION.c.thread_id, MENTION.c.parent_id, MENTION.c.edit_id)
    assert not {"m1", "m1e"} & {i for row in _rows(db_url, ids) for i in row}
