"""Shared steps of the Reddit edit tests: a source listening to r/lumora and searching
"lumora" on the fake, a comment read by it, and an edit of that comment as Reddit lists one
(the new body and its `edited` time)."""

from __future__ import annotations

from typing import Any

from listener.reddit import RedditSource
from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock, Run, once, reddit_source, started


def lumora_source(fake: RedditFake, clock: FakeClock) -> RedditSource:
    """A source searching "lumora" and listing r/lumora's comments, no inbox."""
    return reddit_source(fake.base_url, clock, query="lumora", subreddits=["lumora"], inbox=False)


async def read_one(
    fake: RedditFake, clock: FakeClock, body: str
) -> tuple[RedditSource, dict[str, Any], Run]:
    """A source started on the fake, then `body` commented 30 s later and read: the source,
    the comment and the run that read it."""
    source = lumora_source(fake, clock)
    cursor = await started(source, clock)
    clock.advance(30)
    item = fake.comment(body)
    return source, item, await once(source, cursor, clock=clock)


def edit_comment(item: dict[str, Any], body: str, clock: FakeClock) -> float:
    """The comment `item` edited to `body` now: the `edited` time Reddit lists."""
    edited = clock().timestamp()
    item["data"] |= {"body": body, "edited": edited}
    return edited
