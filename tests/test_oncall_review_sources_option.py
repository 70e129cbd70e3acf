"""The on-call review of `run --sources`: 'none' (poll nothing, only read, decide and
deliver) given beside source names is refused saying that it goes alone, not that there is
"no source named none" while the same line offers 'none'."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli, write_config, write_mentions


def test_none_beside_source_names_is_refused_as_going_alone(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    code, output = run_cli(config, "run", "--once", "--sources", "none,samples")
    said = " ".join(output.split())
    assert code == 2, output
    assert "no source named none" not in said
    assert "--sources: 'none' polls no source, so it goes alone" in said
    assert not (tmp_path / "run.db").exists()  # refused before anything ran
