"""`authors do-not-contact --id ID --undo` for someone erased (or blanked by the retention)
while on the list: only a fingerprint of their account is left, and it is what --undo must
drop, or they stay listed when they post again although they asked to be contactable."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.tables import AUDIT, AUTHOR, FORGOTTEN
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions

LISTED = sa.select(AUTHOR.c.handle, AUTHOR.c.do_not_contact)


@pytest.fixture
def config(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana (account a1) posted, went on the list, then was erased on request."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    path = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(path, "run", "--once")[0] == 0
    assert run_cli(path, "authors", "do-not-contact", "x", "h_a1")[0] == 0
    assert run_cli(path, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    assert len(table_rows(db_url, sa.select(FORGOTTEN.c.digest))) == 1
    return path


def test_undo_by_account_id_drops_an_erased_authors_fingerprint(
    config: Path, db_url: str, tmp_path: Path
) -> None:
    code, output = run_cli(config, "authors", "do-not-contact", "x", "--id", "a1", "--undo")
    assert code == 0, output
    assert "may be contacted again" in output
    assert table_rows(db_url, sa.select(FORGOTTEN.c.digest)) == []
    line = sa.select(AUDIT.c.action, AUDIT.c.detail).where(AUDIT.c.action == "allow-contact")
    assert table_rows(db_url, line) == [("allow-contact", "x: an account no longer stored")]
    # When they post again, they are not put back on the list.
    write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT), mention(2, "@lumora hi")])
    assert run_cli(config, "run", "--once")[0] == 0
    assert table_rows(db_url, LISTED) == [("h_a1", False)]


def test_undo_of_an_account_never_listed_is_still_not_found(config: Path, db_url: str) -> None:
    code, output = run_cli(config, "authors", "do-not-contact", "x", "--id", "zz", "--undo")
    assert code == 1 and "no author" in output
    assert len(table_rows(db_url, sa.select(FORGOTTEN.c.digest))) == 1
