"""`drafts approve` refuses a reply to Hacker News (read-only: nothing could post it);
`drafts posted` records it as posted by hand, answering the case with nothing sent."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import DRAFT, OUTBOX
from tests.helpers import PRAISE, mention, run_cli, table_rows, write_config, write_mentions


def _ran(tmp_path: Path, db_url: str) -> Path:
    hn = mention(1, PRAISE, platform="hackernews")
    config = write_config(
        tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m.jsonl", [hn])
    )
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def test_approve_is_refused_and_posted_records_it(tmp_path: Path, db_url: str) -> None:
    config = _ran(tmp_path, db_url)
    ((draft,),) = table_rows(db_url, sa.select(DRAFT.c.id))
    code, output = run_cli(config, "drafts", "approve", str(draft))
    assert code == 1 and "Hacker News cannot be posted to from mentiondesk" in output
    assert "https://example.test/1" in output and "mentiondesk drafts posted" in output
    code, output = run_cli(config, "drafts", "posted", str(draft), "--text", "Thanks!")
    assert code == 0 and "marked as posted" in output
    assert table_rows(db_url, sa.select(DRAFT.c.status, DRAFT.c.text)) == [("approved", "Thanks!")]
    assert table_rows(db_url, sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "post")) == []


def test_posted_on_a_rejected_draft_says_it_was_rejected(tmp_path: Path, db_url: str) -> None:
    # It told the agent to approve a rejected draft (a platform mentiondesk posts to), which
    # then said "already rejected".
    x = mention(1, PRAISE, platform="x")
    config = write_config(
        tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m.jsonl", [x])
    )
    assert run_cli(config, "run", "--once")[0] == 0
    ((draft,),) = table_rows(db_url, sa.select(DRAFT.c.id))
    assert run_cli(config, "drafts", "reject", str(draft))[0] == 0
    code, output = run_cli(config, "drafts", "posted", str(draft))
    assert code == 1 and f"draft {draft} was already rejected" in output, output
    assert "approve it" not in output
