"""BlueskySource through atproto against the fake PDS: what a post's own record and author
say (language tags, createdAt dates any app can write, unverified handles), as read and kept."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from listener._bluesky_wire import created_at_of
from mentiondesk.models import short_lang
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.platforms.helpers import once, started
from tests.platforms.test_bluesky import MINUTE, _source


async def test_an_over_long_language_tag_keeps_its_primary_subtags(
    bluesky_fake, clock, pg_url: str
) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    long = bluesky_fake.hit("lumora, tagged at length", lang="en-x-aaaaaaaa-bbbbbbbb")
    brazil = bluesky_fake.hit("lumora quebrou", lang="pt-BR")
    run = await once(source, cursor, clock=clock)
    await source.close()
    store = Store(pg_url)  # PostgreSQL holds mention.lang to 16 characters
    store.create_all()
    stored = store.ingest("bluesky", run.mentions, run.cursor)
    with store.engine.connect() as conn:
        langs = dict(conn.execute(sa.select(MENTION.c.external_id, MENTION.c.lang)).all())
    store.dispose()
    assert stored.new == 2
    assert langs == {long["uri"]: "en", brazil["uri"]: "pt-BR"}


def test_short_lang_keeps_whole_subtags_that_fit() -> None:
    assert short_lang("zh-Hant-TW") == "zh-Hant-TW"
    assert short_lang("pt") == "pt" and short_lang("pt-BR") == "pt-BR"
    assert short_lang("sr-Latn-RS-u-nu-latn") == "sr-Latn-RS"
    assert short_lang("de-DE-1996-x-something") == "de-DE-1996"
    assert short_lang("en-GB-oxendict-x-long") == "en-GB-oxendict"
    assert short_lang("abcdefghijklmnopqrstu") is None
    assert short_lang("  ") is None and short_lang(None) is None


@pytest.mark.parametrize(
    "created", ["9999-12-31T23:59:59-01:00", "2024-02-30T12:00:00Z", "yesterday"]
)
async def test_a_post_whose_created_at_is_no_time_keeps_its_page(
    bluesky_fake, clock, caplog: pytest.LogCaptureFixture, created: str
) -> None:
    """Any app can write createdAt; one out of datetime's range (once in UTC) or no date at
    all is dated by its indexing, and the posts around it are still read."""
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    clock.advance(60)
    before = bluesky_fake.hit("lumora first")
    odd = bluesky_fake.hit("lumora secret words")
    odd["record"]["createdAt"] = created
    note = bluesky_fake.mention("@lumora.bsky.social also secret", author="gus")
    note["record"]["createdAt"] = created  # the notification shares the record
    after = bluesky_fake.hit("lumora last")
    with caplog.at_level(logging.INFO, logger="listener.bluesky"):
        run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert set(by_id) == {before["uri"], odd["uri"], note["uri"], after["uri"]}
    for view in (odd, note):
        assert by_id[view["uri"]].created_at == datetime.fromisoformat(view["indexedAt"])
    logged = [r.getMessage() for r in caplog.records if "createdAt" in r.getMessage()]
    assert any(f"…/{odd['uri'].rsplit('/', 1)[-1]}:" in line for line in logged)
    assert not any("secret" in line or "did:" in line for line in logged)  # no author's DID


@pytest.mark.parametrize("ahead", [timedelta(hours=2), timedelta(days=1200)])
async def test_a_post_dated_to_come_is_dated_by_its_indexing(
    bluesky_fake, clock, caplog: pytest.LogCaptureFixture, ahead: timedelta
) -> None:
    """An app's clock ahead, or a year to come written by hand: the post counted on a day in
    no chart and waited a negative time; it is dated when Bluesky indexed it."""
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    clock.advance(60)
    odd = bluesky_fake.hit("lumora, from the future")
    odd["record"]["createdAt"] = (clock() + ahead).strftime("%Y-%m-%dT%H:%M:%SZ")
    near = bluesky_fake.hit("lumora, a phone a minute ahead")
    near["record"]["createdAt"] = (clock() + MINUTE).strftime("%Y-%m-%dT%H:%M:%SZ")
    with caplog.at_level(logging.INFO, logger="listener.bluesky"):
        run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert by_id[odd["uri"]].created_at == datetime.fromisoformat(odd["indexedAt"])
    assert by_id[near["uri"]].created_at == clock().replace(microsecond=0) + MINUTE  # as written
    assert any("createdAt far from its indexing" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("created", ["0001-01-01T00:00:00Z", "2019-03-01T12:00:00Z"])
def test_an_imported_post_is_dated_by_its_indexing(created: str) -> None:
    """An archive imported with its old dates (or year 1): listed by these dates, it is read
    only where nothing was read before (a first run); its wait counts from the indexing, not
    years (year 1 also stopped the figures: the day before it is no date)."""
    view = {"uri": "at://did:plc:x/app.bsky.feed.post/3l1", "indexedAt": "2026-12-05T10:00:00.000Z"}
    view["record"] = {"createdAt": created}  # type: ignore[assignment]
    assert created_at_of(view) == datetime(2026, 12, 5, 10, tzinfo=UTC)
    view["record"] = {"createdAt": "2026-12-05T09:00:00Z"}  # type: ignore[assignment]
    assert created_at_of(view) == datetime(2026, 12, 5, 9, tzinfo=UTC)  # a relay's hour


async def test_a_post_by_an_unverified_handle_links_by_its_did(bluesky_fake, clock) -> None:
    # The AppView shows "handle.invalid" for a handle it could not verify: bsky.app/profile/
    # handle.invalid/… leads nowhere, bsky.app/profile/did:plc:…/… to the post.
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    hit = bluesky_fake.hit("lumora lost my parcel")
    hit["author"]["handle"] = "handle.invalid"
    run = await once(source, cursor, clock=clock)
    await source.close()
    did, rkey = hit["author"]["did"], hit["uri"].rsplit("/", 1)[-1]
    assert [m.url for m in run.mentions] == [f"https://bsky.app/profile/{did}/post/{rkey}"]
