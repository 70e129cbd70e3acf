"""The real `mentiondesk` program under a reader that stops early (`| head -1`, a monitoring
check that read enough): exit status 141 (128 + SIGPIPE, as the shell reports `yes | head -1`'s
writer), nothing on stderr, whether the text or the JSON was being written, and whether the
pipe was found closed mid-write (a long listing) or at the last flush (a short one). Before,
1: the same as "not done", so a cron wrapper could not tell the two apart."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import COMPLAINT, mention, write_config, write_mentions

PROGRAM = Path(sys.executable).with_name("mentiondesk")
SIGPIPE_STATUS = 141


def _bare_env() -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C", "LC_ALL": "C"}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 open cases: `cases list` writes far more than a pipe's buffer in either format."""
    tmp_path = tmp_path_factory.mktemp("pipe")
    posts = [mention(i, COMPLAINT, author=f"cliente_{i}") for i in range(1, 41)]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    config = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)
    ran = subprocess.run(
        [str(PROGRAM), "-c", str(config), "run", "--once"], env=_bare_env(), capture_output=True
    )
    assert ran.returncode == 0, ran.stderr.decode()
    return config


def _closed_early(config: Path, *args: str) -> tuple[int, str]:
    command = [str(PROGRAM), "-c", str(config), *args]
    pipe = subprocess.PIPE
    with subprocess.Popen(command, stdout=pipe, stderr=pipe, env=_bare_env()) as started:
        assert started.stdout is not None and started.stderr is not None
        started.stdout.close()  # the reader gone before the command wrote a byte
        said = started.stderr.read().decode()
        return started.wait(timeout=120), said


@pytest.mark.parametrize(
    "args",
    [
        ("cases", "list", "--limit", "100"),  # long text: closed pipe found mid-write
        ("cases", "list", "--limit", "100", "-f", "json"),  # long JSON: the same
        ("authors", "list"),  # short text: found at the last flush
        ("users", "list", "-f", "json"),  # short JSON: the same
        ("check-config", "-f", "json"),
    ],
)
def test_a_reader_that_stops_early_gives_141_quietly(desk: Path, args: tuple[str, ...]) -> None:
    status, said = _closed_early(desk, *args)
    assert status == SIGPIPE_STATUS, said
    assert said == ""  # no traceback, no "Exception ignored", no "Broken pipe"


def test_a_reader_that_reads_it_all_still_gets_0(desk: Path) -> None:
    done = subprocess.run(
        [str(PROGRAM), "-c", str(desk), "cases", "list", "--limit", "100", "-f", "json"],
        capture_output=True,
        env=_bare_env(),
        timeout=120,
    )
    assert done.returncode == 0 and len(done.stdout) > io.DEFAULT_BUFFER_SIZE  # written mid-way
