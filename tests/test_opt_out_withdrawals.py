"""An author who goes on do-not-contact no longer has a private draft waiting in the queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import queue, queue_views
from mentiondesk.config import load_config
from mentiondesk.models import Mention
from mentiondesk.opt_outs import OptOut, already_listed, withdrawn_for_opt_out
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DRAFT
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions
from tests.test_pipeline import Recorder

STOP = "@lumora still no parcel, this is awful. Stop messaging me"
# A complaint gets an apology by DM and a public reply, both waiting for a person.
RULES = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [
  { type = "open_case" },
  { type = "draft_private", template = "complaint_dm" },
  { type = "draft_public", template = "on_it" },
]
"""
EXTRA = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
DRAFTS = sa.select(DRAFT.c.id, DRAFT.c.mention_id, DRAFT.c.kind, DRAFT.c.status, DRAFT.c.decided_by)


def _config(tmp_path: Path, db_url: str, mentions: list[Mention]) -> Path:
    (tmp_path / "rules.toml").write_text(RULES)
    (tmp_path / "tpl" / "en").mkdir(parents=True, exist_ok=True)
    (tmp_path / "tpl" / "en" / "on_it.j2").write_text("Sorry about this, we are on it.")
    samples = write_mentions(tmp_path / "mentions.jsonl", mentions)
    return write_config(tmp_path, db_url=db_url, samples=samples, extra=EXTRA)


async def _run(config: Path) -> None:
    """One pass of the pipeline (the store keeps what earlier passes did)."""
    responders: Any = {"console": Recorder("console"), "cases": Recorder("cases")}
    async with App(load_config(config), responders=responders) as app:
        await app.run_once()


def _drafts(db_url: str) -> list[tuple[Any, ...]]:
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(DRAFTS.order_by(DRAFT.c.id))]
    finally:
        store.engine.dispose()


def _approve(db_url: str, draft_id: int) -> None:
    store = Store(db_url)
    try:
        queue.approve_draft(store, draft_id, by="ana", post_route={"default": "console"})
    finally:
        store.engine.dispose()


async def test_asking_to_stop_withdraws_the_earlier_dm_and_keeps_the_public_reply(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(_config(tmp_path, db_url, first))
    await _run(_config(tmp_path, db_url, [*first, mention(2, STOP)]))
    apology, public, public_again = _drafts(db_url)
    assert apology[1:4] == (1, "private", "withdrawn")
    assert withdrawn_for_opt_out(apology[4]) == OptOut(mention_id=2)  # the desk links the post
    assert public[1:4] == (1, "public", "pending")  # a public reply is still allowed
    assert public_again[1:4] == (2, "public", "pending")  # and no new DM was drafted
    store = Store(db_url)
    pending = [d.id for d in queue_views.list_drafts(store)]
    store.engine.dispose()
    assert pending == [public[0], public_again[0]]
    with pytest.raises(queue.DoNotContact, match="withdrawn: the author asked not to be contacted"):
        _approve(db_url, apology[0])


async def test_the_cli_withdraws_pending_dms_and_undo_restores_none(
    tmp_path: Path, db_url: str
) -> None:
    config = _config(tmp_path, db_url, [mention(1, COMPLAINT)])
    await _run(config)
    code, output = run_cli(config, "authors", "do-not-contact", "x", "@h_a1")
    assert code == 0 and "1 pending private draft withdrawn." in output
    apology, public = _drafts(db_url)
    assert apology[2:4] == ("private", "withdrawn") and public[2:4] == ("public", "pending")
    reason = withdrawn_for_opt_out(apology[4])
    assert reason is not None and (reason.by or "").startswith("cli")  # who listed them
    assert run_cli(config, "authors", "do-not-contact", "x", "h_a1", "--undo")[0] == 0
    assert _drafts(db_url) == [apology, public]  # off the list: nothing comes back by itself
    with pytest.raises(queue.DoNotContact, match="withdrawn: the author asked not to be contacted"):
        _approve(db_url, apology[0])


def _list_directly(db_url: str) -> None:
    """Put every author on the list the way older versions did: nothing withdrawn."""
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.update(AUTHOR).values(do_not_contact=True))
    finally:
        store.engine.dispose()


async def test_start_up_withdraws_dms_left_waiting_for_authors_already_listed(
    tmp_path: Path, db_url: str
) -> None:
    config = _config(tmp_path, db_url, [mention(1, COMPLAINT)])
    await _run(config)
    _list_directly(db_url)
    await _run(config)  # the next start
    apology, public = _drafts(db_url)
    assert apology[2:4] == ("private", "withdrawn") and public[2:4] == ("public", "pending")
    assert withdrawn_for_opt_out(apology[4]) == OptOut()  # neither their post nor a person


async def test_approving_a_dm_to_a_listed_author_withdraws_it(tmp_path: Path, db_url: str) -> None:
    await _run(_config(tmp_path, db_url, [mention(1, COMPLAINT)]))
    _list_directly(db_url)  # listed since start-up: the DM still waits
    apology, public = _drafts(db_url)
    with pytest.raises(queue.DoNotContact, match="withdrawn: the author asked not to be contacted"):
        _approve(db_url, apology[0])
    assert _drafts(db_url)[0][3:] == ("withdrawn", already_listed())  # no longer pending
    with pytest.raises(queue.DoNotContact, match="withdrawn: the author asked not to be contacted"):
        _approve(db_url, apology[0])  # asked again, it says the same
    _approve(db_url, public[0])  # a public reply is still allowed
