"""One post a listener cannot read (a field of another type than the platform documents) is
skipped and logged by its id: the page is still read, its cursor moves, later posts arrive."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from tests.platforms.helpers import once, started
from tests.platforms.test_bluesky import _source as bluesky_source
from tests.platforms.test_hackernews import _source as hn_source
from tests.platforms.test_mastodon import _source as mastodon_source
from tests.platforms.test_reddit import _source as reddit_source
from tests.platforms.test_x import _source as x_source

ODD = "odd body"  # never logged
Post = dict[str, Any]


def _skipped(caplog: pytest.LogCaptureFixture, post_id: str) -> None:
    """The warning names the post and not its text."""
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(post_id in w and "cannot be read" in w for w in warnings), warnings
    assert not any(ODD in w for w in warnings)


async def _reads_past_a_bad_post(
    source: Any,
    clock: Any,
    caplog: pytest.LogCaptureFixture,
    post: Callable[[str], Post],
    key: Callable[[Post], str],
    field: str,
    value: object,
    *,
    holder: Callable[[Post], dict[str, Any]] = lambda post: post,
    tick: float = 0,
) -> None:
    """A post whose `field` (in its `holder`: the post, or a part of it) is set to `value`,
    then a good one: the run reads the good one only and logs the bad one's `key`; one made
    later comes on the next run (the cursor moved). `tick`: seconds the clock moves before each
    page is posted."""
    cursor = await started(source, clock)
    clock.advance(tick)
    bad = post(f"lumora {ODD}")
    holder(bad)[field] = value
    good = post("lumora good")
    run = await once(source, cursor, clock=clock)
    clock.advance(tick)
    later = post("lumora later")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == [key(good)] and again.ids == [key(later)]
    _skipped(caplog, key(bad))


@pytest.mark.parametrize(("field", "value"), [("text", 12), ("reply", "x"), ("langs", 5)])
@pytest.mark.parametrize("where", ["search", "notifications"])
async def test_bluesky_skips_an_unreadable_post(
    bluesky_fake: Any,
    clock: Any,
    caplog: pytest.LogCaptureFixture,
    field: str,
    value: object,
    where: str,
) -> None:
    post = bluesky_fake.hit if where == "search" else bluesky_fake.mention
    await _reads_past_a_bad_post(
        bluesky_source(bluesky_fake, clock),
        clock,
        caplog,
        post,
        lambda p: str(p["uri"]),
        field,
        value,
        holder=lambda bad: bad["record"],
    )


@pytest.mark.parametrize(
    ("field", "value"), [("name", 12), ("public_metrics", {"followers_count": "many"})]
)
async def test_x_skips_an_unreadable_post(
    x_fake: Any, clock: Any, caplog: pytest.LogCaptureFixture, field: str, value: object
) -> None:
    """The author's fields spoilt: X sends them apart from the post (`includes.users`)."""
    authors = iter(["odd", "carol", "carol"])
    await _reads_past_a_bad_post(
        x_source(x_fake, clock),
        clock,
        caplog,
        lambda text: x_fake.publish(text, author=next(authors)),
        lambda p: str(p["id"]),
        field,
        value,
        holder=lambda bad: x_fake.users[bad["author_id"]],
    )


# Search lists submissions (title, selftext), the inbox comments (body).
@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        ("search", "selftext", 12),
        ("search", "created_utc", "soon"),
        ("mentions", "body", ["x"]),
        ("mentions", "created_utc", None),
    ],
)
async def test_reddit_skips_an_unreadable_post(
    reddit_fake: Any,
    clock: Any,
    caplog: pytest.LogCaptureFixture,
    field: str,
    value: object,
    where: str,
) -> None:
    def post(text: str) -> Post:
        if where == "search":
            return reddit_fake.submit(text)  # type: ignore[no-any-return]
        return reddit_fake.mention(f"u/lumora_bot {text}")  # type: ignore[no-any-return]

    await _reads_past_a_bad_post(
        reddit_source(reddit_fake, clock),
        clock,
        caplog,
        post,
        lambda p: str(p["data"]["name"]),
        field,
        value,
        holder=lambda bad: bad["data"],
    )


@pytest.mark.parametrize(("field", "value"), [("comment_text", 12), ("_tags", 5)])
async def test_hackernews_skips_an_unreadable_post(
    hn_fake: Any, clock: Any, caplog: pytest.LogCaptureFixture, field: str, value: object
) -> None:
    await _reads_past_a_bad_post(
        hn_source(hn_fake, clock),
        clock,
        caplog,
        hn_fake.comment,
        lambda p: str(p["objectID"]),
        field,
        value,
        tick=5,  # Algolia's search is by the second
    )


@pytest.mark.parametrize(("field", "value"), [("created_at", "soon"), ("account", "x")])
@pytest.mark.parametrize("where", ["search", "mentions"])
async def test_mastodon_skips_an_unreadable_post(
    mastodon_fake: Any,
    clock: Any,
    caplog: pytest.LogCaptureFixture,
    field: str,
    value: object,
    where: str,
) -> None:
    post = mastodon_fake.hit if where == "search" else mastodon_fake.mention
    await _reads_past_a_bad_post(
        mastodon_source(mastodon_fake, clock),
        clock,
        caplog,
        lambda text: post(f"#{text}"),  # the tag timeline lists it by its hashtag
        lambda p: str(p["id"]),
        field,
        value,
    )
