"""An alert about a post that opened no case names the handle its author had then: after a
rename, `authors forget` and `authors export` still find it, by the post it is about."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.models import Author, Mention
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import BASE_TIME, run_cli, table_rows, write_config, write_mentions

RULES = '[[rules]]\nname = "watch"\nwhen = { label = ["negative", "neutral", "positive"] }\n'
RULES += 'actions = [{ type = "alert" }]\n'
SECRET = "my secret order 4242 never arrived @lumora"


def _post(n: int, handle: str, text: str) -> Mention:
    author = Author(id="a1", handle=handle, name="Ana Souza", followers=10)
    return Mention("x", f"m{n}", author, text, BASE_TIME + timedelta(minutes=n))


@pytest.mark.parametrize("old_row", [False, True], ids=["row", "row-before-post-columns"])
def test_an_alert_written_under_an_old_handle_is_found(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, old_row: bool
) -> None:
    """A row an earlier release wrote names no post in its columns: `export` missed it (only
    `forget` filled them first), so it erased what it had not shown."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    (tmp_path / "rules.toml").write_text(RULES)
    samples = write_mentions(tmp_path / "m.jsonl", [_post(1, "old_ana", SECRET)])
    extra = '\n[playbooks]\npaths = ["rules.toml"]\n'
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=extra)
    assert run_cli(config, "run", "--once")[0] == 0
    store = Store(db_url)
    with store.engine.begin() as conn:  # the chat refused it: it waits for a person
        conn.execute(sa.update(OUTBOX).values(status="held"))
        if old_row:
            conn.execute(sa.update(OUTBOX).values(platform=None, external_id=None))
    store.dispose()
    write_mentions(samples, [_post(1, "old_ana", SECRET), _post(2, "ana_new", "hi @lumora")])
    assert run_cli(config, "run", "--once")[0] == 0  # her new post brings her new handle
    code, out = run_cli(config, "authors", "export", "x", "ana_new", "--format", "json")
    assert code == 0 and SECRET in json.dumps(json.loads(out)["outbox"], ensure_ascii=False)
    assert run_cli(config, "authors", "forget", "x", "ana_new", "--yes")[0] == 0
    left = table_rows(db_url, sa.select(OUTBOX.c.payload))
    assert not [p for (p,) in left if "secret order" in p or "old_ana" in p]
