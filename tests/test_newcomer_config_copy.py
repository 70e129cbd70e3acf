"""A newcomer's first site config is the shipped config.toml copied elsewhere, as the README's
"Running in production" suggests: `check-config` then names the files the copy left behind,
each with what to do (the replay source's had said only "not found")."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_a_copied_shipped_config_says_what_to_do_about_the_demo_samples(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    shutil.copy(ROOT / "config.toml", site)
    code, output = run_cli(site, "check-config")
    said = " ".join(output.split())
    assert code == 2, output
    assert "sources[0].path: file" in said and "not found" in said
    assert "a relative path is read from the config file's folder" in said
    assert "copy samples/ with it, or delete this [[sources]] table" in said
    # The saved replies file, left behind as well, already said what to do.
    assert "copy the shipped saved_replies.toml there" in said
