"""What a comment is on (the title of the conversation it was in) goes where the thread's ids
go: `store purge` blanks it with the post, and `authors forget` blanks it in the copies of
the case the outbox keeps."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mentiondesk import cli_common
from mentiondesk.erasure_payloads import blank_context
from tests.helpers import COMPLAINT, run_cli, write_config, write_mentions
from tests.responders._data import action
from tests.test_retention import _age, _holding, post

TITLE = "Ask HN: which CI do you trust?"


def test_purge_blanks_what_a_comment_was_on(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", [replace(post(1, COMPLAINT), on_title=TITLE)])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    config.write_text(config.read_text().replace("[store]\n", "[store]\nretain_days = 30\n"))
    assert run_cli(config, "run", "--once")[0] == 0
    assert "mention.on_title" in _holding(db_url, TITLE)
    assert run_cli(config, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    code, output = run_cli(config, "store", "purge")
    assert code == 0, output
    assert _holding(db_url, TITLE) == []


def test_an_erased_authors_case_copy_keeps_no_title() -> None:
    alert = action()
    context = replace(alert.context, mention=replace(alert.context.mention, on_title=TITLE))
    blanked = blank_context(context.to_dict())
    assert blanked["mention"]["on_title"] is None
