"""`authors forget` of someone whose handle was put on do-not-contact before they ever posted:
the handle's fingerprint goes (a handle is easy to guess), and only their account id's is
kept, which keeps them on the list when they post again. On both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.forgotten import fingerprint, fingerprint_keys, handle_fingerprint
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, FORGOTTEN
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions


@pytest.fixture
def config(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Bia has posted; Ana (h_a1, account a1) asked by email not to be contacted, then posts."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora hi", author="b")])
    path = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(path, "run", "--once")[0] == 0
    assert run_cli(path, "authors", "do-not-contact", "x", "H_A1")[0] == 0  # X ignores case
    write_mentions(samples, [mention(1, "@lumora hi", author="b"), mention(2, COMPLAINT)])
    assert run_cli(path, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    assert table_rows(db_url, listed) == [("h_a1",)]
    return path


def _kept(db_url: str) -> tuple[set[str], set[str], set[str]]:
    """(kept digests, Ana's handle's in every form, her account's in every form)."""
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            keys = [*fingerprint_keys(conn), None]
            kept = set(conn.scalars(sa.select(FORGOTTEN.c.digest)))
    finally:
        store.dispose()
    handles = {handle_fingerprint("x", h, k) for h in ("h_a1", "H_A1") for k in keys}
    return kept, handles, {fingerprint("x", "a1", k) for k in keys}


@pytest.mark.parametrize("by", [["h_a1"], ["--id", "a1"]], ids=["handle", "account-id"])
def test_forget_keeps_the_account_fingerprint_not_the_handle(
    config: Path, db_url: str, tmp_path: Path, by: list[str]
) -> None:
    kept, handles, account = _kept(db_url)
    assert kept & handles and not kept & account  # listed by her handle only, so far
    code, output = run_cli(config, "authors", "forget", "x", *by, "--yes")
    assert code == 0, output
    kept, handles, account = _kept(db_url)
    assert not kept & handles
    assert len(kept) == 1 and kept <= account
    # She posts again: her account's fingerprint puts her back on the list.
    posts = [mention(1, "@lumora hi", author="b"), mention(2, COMPLAINT), mention(3, COMPLAINT)]
    write_mentions(tmp_path / "m.jsonl", posts)
    assert run_cli(config, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.handle, AUTHOR.c.do_not_contact).order_by(AUTHOR.c.handle)
    assert table_rows(db_url, listed) == [("h_a1", True), ("h_b", False)]


def test_a_dry_run_drops_nothing(config: Path, db_url: str) -> None:
    before = _kept(db_url)[0]
    code, output = run_cli(config, "authors", "forget", "x", "h_a1", stdin="n\n")
    assert code == 1, output
    assert _kept(db_url)[0] == before
