"""The real `mentiondesk` program, as a cron job or shell script runs it: a reader that stops
early (`| head -1`) ends it quietly (141), and with no locale at all (LANG=C, no PYTHONIOENCODING) a
pt-BR name and an emoji still come out in both formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import COMPLAINT, mention, write_config, write_mentions

PROGRAM = Path(sys.executable).with_name("mentiondesk")


def _bare_env() -> dict[str, str]:
    """What cron gives: a PATH and LANG=C, no PYTHONIOENCODING, no terminal."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C", "LC_ALL": "C"}


def _desk(tmp_path: Path) -> Path:
    posts = [mention(1, COMPLAINT + " 😡", author="joão", name="João Conceição")]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    desk = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)
    _md(desk, "run", "--once")
    return desk


def _md(config: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(PROGRAM), "-c", str(config), *args], capture_output=True, env=_bare_env(), timeout=120
    )


def test_a_reader_that_stops_early_ends_it_quietly(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    for args in (("report", "--format", "json"), ("cases", "list", "--format", "json")):
        command = [str(PROGRAM), "-c", str(desk), *args]
        pipe = subprocess.PIPE
        with subprocess.Popen(command, stdout=pipe, stderr=pipe, env=_bare_env()) as started:
            assert started.stdout is not None and started.stderr is not None
            started.stdout.close()  # `| head -1` gone before the command wrote a byte
            said = started.stderr.read().decode()
            status = started.wait(timeout=120)
        assert status == 141, said  # 128 + SIGPIPE (was 120, then 1: "not done")
        assert "Exception" not in said and "Traceback" not in said and "Broken" not in said


def test_no_locale_keeps_a_portuguese_name_and_emoji(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    listed = _md(desk, "cases", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr.decode()
    assert json.loads(listed.stdout.decode("utf-8"))["cases"][0]["handle"] == "h_joão"
    table = _md(desk, "cases", "list")
    assert table.returncode == 0 and "h_joão" in table.stdout.decode("utf-8")
    exported = _md(desk, "authors", "export", "x", "h_joão")
    assert "João Conceição" in exported.stdout.decode("utf-8")
    assert "😡" in exported.stdout.decode("utf-8")


def test_a_latin1_stdout_gets_whole_json_and_a_listing_that_does_not_stop(
    tmp_path: Path,
) -> None:
    desk = _desk(tmp_path)
    latin1 = {**_bare_env(), "PYTHONIOENCODING": "latin-1"}  # as an old server's pt_PT locale
    command = [str(PROGRAM), "-c", str(desk)]
    exported = subprocess.run(
        [*command, "authors", "export", "x", "h_joão", "--format", "json"],
        capture_output=True,
        env=latin1,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr.decode()
    assert exported.stdout.isascii()  # every non-ASCII character \u-escaped, none lost
    (post,) = json.loads(exported.stdout)["mentions"]
    assert post["text"] == COMPLAINT + " 😡"
    shown = subprocess.run(
        [*command, "authors", "export", "x", "h_joão"], capture_output=True, env=latin1, timeout=120
    )
    assert shown.returncode == 0, shown.stderr.decode()  # was a UnicodeEncodeError on the 😡
    assert "João Conceição" in shown.stdout.decode("latin-1")
