"""`[store] fingerprint_secret_env` from the config to the commands and the run, on both
backends: a missing variable stops them naming the key, and turning the secret on keeps
everyone listed before it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.fingerprint_keys import CHECK
from mentiondesk.forgotten import handle_fingerprint
from mentiondesk.tables import AUTHOR, DRAFT, FINGERPRINT_KEY, FORGOTTEN
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    mention,
    run_cli,
    table_rows,
    write_config,
    write_mentions,
)

VARIABLE = "MD_TEST_FINGERPRINT_SECRET"
SECRET = "0f3c9a7e52d14b8e9c6a1d2e3f4b5c6d"
_LINE = f'fingerprint_secret_env = "{VARIABLE}"\n'


def _config(tmp_path: Path, db_url: str) -> Path:
    posts = [mention(1, COMPLAINT), mention(2, PRAISE, author="b"), mention(3, author="c")]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    return write_config(tmp_path, db_url=db_url, samples=samples)


def _with_secret(config: Path) -> None:
    text = config.read_text()
    config.write_text(text.replace("[store]\n", f"[store]\n{_LINE}", 1))


def test_an_unset_secret_stops_a_store_command_naming_the_key(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    config = _config(tmp_path, db_url)
    _with_secret(config)
    code, output = run_cli(config, "authors", "do-not-contact", "x", "h_a1")
    assert code == 2
    said = " ".join(output.split())
    assert f"store.fingerprint_secret_env: environment variable {VARIABLE} is not set" in said


def test_listed_before_and_after_the_secret_get_no_private_draft(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, db_url)
    assert run_cli(config, "authors", "do-not-contact", "x", "h_a1")[0] == 0  # store's key
    _with_secret(config)
    monkeypatch.setenv(VARIABLE, SECRET)
    assert run_cli(config, "authors", "do-not-contact", "x", "h_c")[0] == 0  # under the secret
    keys = sa.select(FINGERPRINT_KEY.c.value).where(FINGERPRINT_KEY.c.name != CHECK)
    [(db_key,)] = table_rows(db_url, keys)  # none made for the secret
    kept = {d for (d,) in table_rows(db_url, sa.select(FORGOTTEN.c.digest))}
    assert len(kept) == 2
    assert handle_fingerprint("x", "h_c", bytes.fromhex(db_key)) not in kept
    assert run_cli(config, "run", "--once")[0] == 0
    listed = table_rows(db_url, sa.select(AUTHOR.c.external_id, AUTHOR.c.do_not_contact))
    assert sorted((e, bool(d)) for e, d in listed) == [("a1", True), ("b", False), ("c", True)]
    # Unlisted, the complaint would get a private apology (test_cli_forget's desk).
    assert "private" not in {k for (k,) in table_rows(db_url, sa.select(DRAFT.c.kind))}


def test_another_secret_or_none_stops_the_store_naming_the_key(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fingerprints kept under one secret are missed under another: someone listed would be
    messaged again, so the store is not opened."""
    config = _config(tmp_path, db_url)
    plain = config.read_text()
    _with_secret(config)
    monkeypatch.setenv(VARIABLE, SECRET)
    assert run_cli(config, "authors", "do-not-contact", "x", "h_a1")[0] == 0
    monkeypatch.setenv(VARIABLE, SECRET[::-1])
    code, output = run_cli(config, "run", "--once")
    said = " ".join(output.split())
    assert code == 2
    assert "store.fingerprint_secret_env: the secret in the environment is not" in said
    assert SECRET[::-1] not in output and SECRET not in output
    config.write_text(plain)  # the secret's line taken out
    code, output = run_cli(config, "authors", "list")
    said = " ".join(output.split())
    assert code == 2 and "were kept under a secret; set fingerprint_secret_env" in said
    assert table_rows(db_url, sa.select(DRAFT.c.id)) == []  # nothing ran
    monkeypatch.setenv(VARIABLE, SECRET)
    _with_secret(config)
    assert run_cli(config, "run", "--once")[0] == 0
