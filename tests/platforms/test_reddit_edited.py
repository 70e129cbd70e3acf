"""A Reddit comment its author edits keeps its id and says when (`edited`): listed again
within the look-back, it reaches the store as an edit of the mention read before (read again
at its new text), not dropped as a repeat of it."""

from __future__ import annotations

import pytest

from listener._reddit_wire import edit_version
from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock, once
from tests.platforms.reddit_edits import edit_comment, read_one


async def test_a_comment_edited_after_it_was_read_comes_back_as_an_edit(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    source, item, first = await read_one(reddit_fake, clock, "my lumora lamp is brken")
    clock.advance(120)
    edited = edit_comment(item, "my lumora lamp is broken, stop messaging me", clock)
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert [(m.external_id, m.edit_id) for m in first.mentions] == [(item["data"]["name"], None)]
    (edit,) = again.mentions
    assert edit.external_id == item["data"]["name"]  # the same mention, read again
    assert edit.text == "my lumora lamp is broken, stop messaging me"
    assert edit.edit_id == str(int(edited * 1000))


@pytest.mark.parametrize("edited", [False, None, True, "soon", 0])
def test_a_post_never_edited_has_no_edit_version(edited: object) -> None:
    assert edit_version({"edited": edited}) is None


def test_a_later_edit_is_a_later_version() -> None:
    assert int(edit_version({"edited": 1700000100.5}) or 0) > int(
        edit_version({"edited": 1700000100.0}) or 0
    )
