"""A follow-up on an open case that says the problem is solved is decided as praise, however
the classifier reads it: no apology, the case suggested for resolving, the reading kept."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk import queue_views
from mentiondesk.cases import withdrawn_for_praise
from mentiondesk.corrected_drafts import correct_reading
from mentiondesk.models import Label
from mentiondesk.pipeline import App
from mentiondesk.playbook_build import build_playbook
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DIGEST_ITEM, DRAFT, FOLLOW_UP, READING
from mentiondesk.web.data_queue import praised_latest
from tests.helpers import COMPLAINT, config_for, mention, table_rows
from tests.test_pipeline import recorders
from tests.test_pipeline import run_once as _run

# Both name the problem in angry words: the classifier reads both as complaints.
SOLVED = "@lumora three weeks of awful, terrible service for a lost parcel, but solved now"
NOT_SOLVED = "@lumora three weeks of awful, terrible service for a lost parcel, still not solved"


def _drafts(db_url: str) -> list[tuple[object, ...]]:
    query = sa.select(DRAFT.c.mention_id, DRAFT.c.kind, DRAFT.c.status, DRAFT.c.decided_by)
    return table_rows(db_url, query.order_by(DRAFT.c.id))


def _praised(db_url: str) -> str | None:
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            return conn.scalar(sa.select(praised_latest()).select_from(CASE))
    finally:
        store.engine.dispose()


async def test_a_solved_follow_up_is_handled_as_praise(tmp_path: Path, db_url: str) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    ((before,),) = table_rows(db_url, sa.select(CASE.c.priority))
    await _run(tmp_path, db_url, [*first, mention(2, SOLVED)])
    # The classifier's reading is stored as it read it: a complaint.
    labels = table_rows(db_url, sa.select(READING.c.mention_id, READING.c.label))
    assert labels == [(1, "negative"), (2, "negative")]
    (apology, thanks) = _drafts(db_url)
    # No apology for it; the first one is withdrawn naming it, as praise withdraws it.
    assert apology[:3] == (1, "private", "withdrawn") and withdrawn_for_praise(apology[3]) == 2
    assert thanks[:3] == (2, "public", "pending")  # a thank-you, for a person to approve
    assert table_rows(db_url, sa.select(CASE.c.status, CASE.c.priority)) == [("open", before)]
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.mention_id, FOLLOW_UP.c.resolves)) == [
        (2, True)
    ]
    # The queue suggests resolving the case, saying why: not praise, a post that says it is solved.
    assert _praised(db_url) == queue_views.SOLVED
    store = Store(db_url)
    (case,) = queue_views.list_cases(store)
    store.engine.dispose()
    assert case.follow_ups == 1


async def test_still_not_solved_gets_the_apology(tmp_path: Path, db_url: str) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(2, NOT_SOLVED)])
    drafts = _drafts(db_url)
    assert [d[:3] for d in drafts] == [(1, "private", "withdrawn"), (2, "private", "pending")]
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.resolves)) == [(False,)]
    assert not _praised(db_url)


async def test_arrived_but_broken_is_no_resolution(tmp_path: Path, db_url: str) -> None:
    """ "Arrived" says the parcel problem is over; the "but" after it takes that back. Read as
    solved, the threat in it went unescalated and a public 'glad to hear it' was drafted."""
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    broken = "@lumora the package arrived but it's broken and I want a refund. I'm going to sue"
    await _run(tmp_path, db_url, [*first, mention(2, broken)])
    drafts = _drafts(db_url)
    assert [d[:3] for d in drafts] == [(1, "private", "withdrawn"), (2, "private", "pending")]
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.resolves)) == [(False,)]
    assert not _praised(db_url)


RULES = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "alert" }]
stop = true
[[rules]]
name = "praise"
when = { label = ["positive"] }
actions = [{ type = "alert" }]
"""
PRAISE_DIGEST = """
[playbooks]
paths = ["rules.toml"]
[[routing.alert_routes]]
name = "praise"
to = ["console"]
label = ["positive"]
digest_minutes = 60
"""


async def test_a_solved_follow_ups_alert_is_routed_as_the_praise_it_is(
    tmp_path: Path, db_url: str
) -> None:
    """Its rule is chosen on the praise it was decided as; its alert went by the angry reading
    to the complaints' channel, not to the praise route."""
    (tmp_path / "rules.toml").write_text(RULES)
    first = [mention(1, COMPLAINT)]
    config = config_for(tmp_path, db_url, [*first, mention(2, SOLVED)], extra=PRAISE_DIGEST)
    async with App(config, responders=recorders()) as app:
        await app.run_once()
    items = table_rows(db_url, sa.select(DIGEST_ITEM.c.route, DIGEST_ITEM.c.key))
    assert [(route, key.split(":")[4]) for route, key in items] == [("praise", "m2")]


async def test_solved_in_a_first_post_is_unaffected(tmp_path: Path, db_url: str) -> None:
    # No open case: nothing is solved for us to know of; the playbook reads it as it is.
    await _run(tmp_path, db_url, [mention(1, SOLVED)])
    assert [d[:3] for d in _drafts(db_url)] == [(1, "private", "pending")]
    assert table_rows(db_url, sa.select(CASE.c.mention_id)) == [(1,)]


async def test_a_correction_ranks_the_solved_follow_up_as_praise(
    tmp_path: Path, db_url: str
) -> None:
    # The opening complaint corrected to neutral: the case's priority is worked out again,
    # and the follow-up that says it is solved lifts it no more than praise would.
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(2, SOLVED)])
    config = config_for(tmp_path, db_url, first)
    store = Store(db_url)
    try:
        correct_reading(store, build_playbook(config), 1, Label.NEUTRAL, by="ana")
    finally:
        store.engine.dispose()
    # The opening mention's own: frustration 1 (× 10) and reach 1 (10 followers); the solved
    # follow-up's complaint reading would make it 16 (+ 5 for a complaint).
    assert table_rows(db_url, sa.select(CASE.c.priority)) == [(11,)]
