"""A Mastodon status edited after the desk read it: Mastodon keeps its id and tells only those
who boosted it (an `update` notification). One the brand's account boosted is read again at
its new text, as an X edit is (edited_posts); a boosted post that does not name the brand is
no mention. Its version is a snowflake of `edited_at`, so a later edit is newer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.tables import AUDIT, DRAFT, MENTION, READING
from tests.fakes.mastodon import NOTIFICATIONS, MastodonFake
from tests.platforms.helpers import once, platform_config, started
from tests.platforms.test_mastodon import _source

PRAISE = "@lumora the new lamp is lovely, thank you so much, great support!"
COMPLAINT = "@lumora update: the lamp died after a day, terrible, awful, broken junk"


@asynccontextmanager
async def _app(tmp_path: Path, db_url: str, fake: MastodonFake) -> AsyncIterator[App]:
    path = platform_config(tmp_path, "mastodon", fake.base_url, 'query = ""', db_url)
    async with App(load_config(path)) as app:
        await app.run_once()  # the first run finds where "now" is
        yield app


def _rows(app: App, table: sa.Table, *columns: str) -> list[Any]:
    with app.store.engine.connect() as conn:
        return list(conn.execute(sa.select(*(table.c[c] for c in columns))).all())


async def test_an_edit_of_a_boosted_mention_is_read_again(
    tmp_path, secrets, mastodon_fake, clock, db_url
) -> None:
    async with _app(tmp_path, db_url, mastodon_fake) as app:
        status = mastodon_fake.mention(PRAISE, author="bob")
        await app.run_once()
        first = _rows(app, READING, "label")
        clock.advance(120)
        mastodon_fake.edit(status, COMPLAINT, boosted=True)  # the brand had boosted it
        await app.run_once()
        mentions = _rows(app, MENTION, "external_id", "text", "first_text")
        readings = _rows(app, READING, "label")
        actions = [a for (a,) in _rows(app, AUDIT, "action")]
        drafts = _rows(app, DRAFT, "kind", "status")
    assert first == [("positive",)]
    assert mentions == [(status["id"], COMPLAINT, PRAISE)]  # one mention, not two
    assert readings == [("negative",)]
    assert "post-edited" in actions
    assert ("private", "pending") in drafts
    types = mastodon_fake.api.calls(NOTIFICATIONS)[-1].query.getall("types[]")
    assert "update" in types


async def test_later_edits_are_newer_versions_and_unnamed_boosts_are_no_mentions(
    mastodon_fake, clock
) -> None:
    source = _source(mastodon_fake, clock, query="")
    cursor = await started(source, clock)
    status = mastodon_fake.mention(PRAISE, author="bob")
    run = await once(source, cursor, clock=clock)
    other = mastodon_fake.status("a lamp we like", author="dan")
    other["mentions"] = []  # boosted by the brand, naming no one
    edits = []
    for text in (COMPLAINT, COMPLAINT + " Still."):
        clock.advance(60)
        mastodon_fake.edit(status, text, boosted=True)
        mastodon_fake.edit(other, text, boosted=True)
        run = await once(source, run.cursor, clock=clock)
        edits += run.mentions
    await source.close()
    assert [(m.external_id, m.text) for m in edits] == [
        (status["id"], COMPLAINT),
        (status["id"], COMPLAINT + " Still."),
    ]
    versions = [int(m.version) for m in edits]
    assert int(status["id"]) < versions[0] < versions[1]


async def test_a_hashtag_post_edited_within_the_look_back_is_handed_over_again(
    mastodon_fake, clock
) -> None:
    # The timeline is read OVERLAP back each poll: an edit seen there is a new version.
    source = _source(mastodon_fake, clock, query="#lumora")
    cursor = await started(source, clock)
    hit = mastodon_fake.hit("#lumora lamp is fine")
    first = await once(source, cursor, clock=clock)
    clock.advance(60)
    mastodon_fake.edit(hit, "#lumora lamp broke, awful")  # no boost: no notification
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert [(m.external_id, m.edit_id) for m in first.mentions] == [(hit["id"], None)]
    assert [(m.external_id, m.text) for m in again.mentions] == [
        (hit["id"], "#lumora lamp broke, awful")
    ]


async def test_an_edited_at_that_is_no_time_still_reads_the_status(mastodon_fake, clock) -> None:
    source = _source(mastodon_fake, clock, query="")
    cursor = await started(source, clock)
    status = mastodon_fake.mention(PRAISE, author="bob")
    status["edited_at"] = "soon"
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [(m.external_id, m.edit_id) for m in run.mentions] == [(status["id"], None)]
