"""A Reddit comment edited long after it was read, while it is still on the listing's first
page (a quiet subreddit's newest comments, a brand's few search hits): Reddit lists it with its
`edited` time, so the edit is read, though the comment is older than the look-back. An old
comment listed unedited is still not read again, and one from before the source started is
history, edited or not."""

from __future__ import annotations

from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.reddit_edits import edit_comment, lumora_source, read_one


async def test_an_edit_hours_later_is_read_while_the_comment_is_listed(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    source, item, first = await read_one(reddit_fake, clock, "my lumora lamp is brken")
    clock.advance(3 * 3600)
    reddit_fake.comment("lumora shipping is fast")  # the watermark moves hours past the first
    later = await once(source, first.cursor, clock=clock)
    clock.advance(60)
    edited = edit_comment(item, "my lumora lamp is broken, still no answer", clock)
    again = await once(source, later.cursor, clock=clock)
    repeat = await once(source, again.cursor, clock=clock)
    await source.close()
    assert [m.text for m in later.mentions] == ["lumora shipping is fast"]
    assert [(m.external_id, m.edit_id, m.text) for m in again.mentions] == [
        (item["data"]["name"], str(int(edited * 1000)), "my lumora lamp is broken, still no answer")
    ]
    assert repeat.mentions == []  # the same edit, listed again, is no news


async def test_an_edit_of_a_comment_from_before_the_start_is_history(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    """Also once the watermark has moved on past the look-back from the start."""
    old = reddit_fake.comment("my lumora lamp is brken")
    clock.advance(600)
    reddit_fake.comment("lumora, where is my order?")  # the newest at the start
    clock.advance(3 * 3600)
    source = lumora_source(reddit_fake, clock)
    cursor = await started(source, clock)
    clock.advance(3 * 3600)
    reddit_fake.comment("lumora shipping is fast")
    later = await once(source, cursor, clock=clock)
    clock.advance(60)
    edit_comment(old, "my lumora lamp is broken", clock)
    after = await once(source, later.cursor, clock=clock)
    await source.close()
    assert [m.text for m in later.mentions] == ["lumora shipping is fast"]
    assert after.mentions == []
