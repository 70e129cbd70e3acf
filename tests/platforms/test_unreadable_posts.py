"""One post a listener cannot read (a field of another type than the platform documents) is
skipped and logged by its id: the page is still read, its cursor moves, later posts arrive."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.platforms.helpers import once, started
from tests.platforms.test_bluesky import _source as bluesky_source
from tests.platforms.test_hackernews import _source as hn_source
from tests.platforms.test_mastodon import _source as mastodon_source
from tests.platforms.test_reddit import _source as reddit_source
from tests.platforms.test_x import _source as x_source

ODD = "odd body"  # never logged


def _skipped(caplog: pytest.LogCaptureFixture, post_id: str) -> None:
    """The warning names the post and not its text."""
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(post_id in w and "cannot be read" in w for w in warnings), warnings
    assert not any(ODD in w for w in warnings)


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
    source = bluesky_source(bluesky_fake, clock)
    cursor = await started(source, clock)
    post = bluesky_fake.hit if where == "search" else bluesky_fake.mention
    bad = post(f"lumora {ODD}")
    bad["record"][field] = value
    good = post("lumora good")
    run = await once(source, cursor, clock=clock)
    later = post("lumora later")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == [good["uri"]] and again.ids == [later["uri"]]
    _skipped(caplog, bad["uri"])


@pytest.mark.parametrize(
    ("field", "value"), [("name", 12), ("public_metrics", {"followers_count": "many"})]
)
async def test_x_skips_an_unreadable_post(
    x_fake: Any, clock: Any, caplog: pytest.LogCaptureFixture, field: str, value: object
) -> None:
    source = x_source(x_fake, clock)
    cursor = await started(source, clock)
    bad = x_fake.publish(f"lumora {ODD}", author="odd")
    x_fake.users[bad["author_id"]][field] = value
    good = x_fake.publish("lumora good", author="carol")
    run = await once(source, cursor, clock=clock)
    later = x_fake.publish("lumora later", author="carol")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert set(run.ids) == {good["id"]} and set(again.ids) == {later["id"]}
    _skipped(caplog, bad["id"])


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
    source = reddit_source(reddit_fake, clock)
    cursor = await started(source, clock)

    def post(text: str) -> dict[str, Any]:
        if where == "search":
            return reddit_fake.submit(text)  # type: ignore[no-any-return]
        return reddit_fake.mention(f"u/lumora_bot {text}")  # type: ignore[no-any-return]

    bad = post(f"lumora {ODD}")
    bad["data"][field] = value
    good = post("lumora good")
    run = await once(source, cursor, clock=clock)
    later = post("lumora later")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == [good["data"]["name"]] and again.ids == [later["data"]["name"]]
    _skipped(caplog, bad["data"]["name"])


@pytest.mark.parametrize(("field", "value"), [("comment_text", 12), ("_tags", 5)])
async def test_hackernews_skips_an_unreadable_post(
    hn_fake: Any, clock: Any, caplog: pytest.LogCaptureFixture, field: str, value: object
) -> None:
    source = hn_source(hn_fake, clock)
    cursor = await started(source, clock)
    clock.advance(5)
    bad = hn_fake.comment(f"lumora {ODD}")
    bad[field] = value
    good = hn_fake.comment("lumora good")
    run = await once(source, cursor, clock=clock)
    clock.advance(5)
    later = hn_fake.comment("lumora later")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == [good["objectID"]] and again.ids == [later["objectID"]]
    _skipped(caplog, bad["objectID"])


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
    source = mastodon_source(mastodon_fake, clock)
    cursor = await started(source, clock)
    post = mastodon_fake.hit if where == "search" else mastodon_fake.mention
    bad = post(f"#lumora {ODD}")
    bad[field] = value
    good = post("#lumora good")
    run = await once(source, cursor, clock=clock)
    later = post("#lumora later")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == [good["id"]] and again.ids == [later["id"]]
    _skipped(caplog, bad["id"])
