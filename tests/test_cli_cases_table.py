"""`cases list` at 80 columns: nothing cut to "negat…", no handle or reason code broken mid-word,
and the frustration shown is the case's highest, which a follow-up may have raised (as it raises
the priority)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.config import load_config
from mentiondesk.models import handle_shown
from mentiondesk.store import Store
from mentiondesk.tables import READING
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions
from tests.test_cli_held import _hold_the_reply_of_draft_1
from tests.test_follow_ups import ANGRY

BROKEN = "@lumora the screen is broken, poor quality, defective. Terrible, I am angry"
HANDLES = ("@ines@remote.test", "tiago.bsky.social", "someone.longer@mastodon.example.social")
# As `drafts list` and `authors list` write them: on X, "@" before each, as the alerts do.
SHOWN = tuple(handle_shown("x", h) for h in HANDLES)


def _cases(config: Path, columns: int) -> str:
    result = CliRunner().invoke(
        app, ["--config", str(config), "cases", "list"], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _ran(tmp_path: Path, db_url: str = "sqlite:///desk.db") -> Path:
    """A case opened by a complaint (mention 1) that a second one (mention 2) joined."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT), mention(2, ANGRY)])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def test_cases_list_at_80_columns_cuts_nothing(tmp_path: Path) -> None:
    shown = _cases(_ran(tmp_path), 80)
    assert "…" not in shown and max(len(line) for line in shown.splitlines()) <= 80
    assert "MD-000001 +1" in shown and "mention 1" in shown and "local:MD-000001" in shown
    assert "negative/" in shown and "2026-11-10" in shown and "times in UTC" in shown


def test_cases_list_shows_the_highest_frustration_of_the_case(tmp_path: Path, db_url: str) -> None:
    config = _ran(tmp_path, db_url)
    store = Store(load_config(config).store_url())
    with store.engine.begin() as conn:  # the opening mention calm, the follow-up furious
        conn.execute(sa.update(READING).where(READING.c.mention_id == 1).values(frustration=0))
        conn.execute(sa.update(READING).where(READING.c.mention_id == 2).values(frustration=3))
    store.dispose()
    row = next(line for line in _cases(config, 120).splitlines() if "MD-000001" in line)
    assert row.split()[4] == "3", row  # case, +1, priority, reading, frustration


@pytest.mark.parametrize("columns", [80, 100])
def test_cases_list_never_breaks_a_handle_or_a_reason_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """A handle copied from the list into `authors forget` is the author's: whole on a line,
    and so is the reason code. Only a handle too long for the room (the third) breaks,
    before an "@" or a "." and never at a letter; at 80 columns a held reply is said under
    its case, not in a column of its own that would leave the handles no room."""
    config = _long_handles(tmp_path)
    for held in (False, True):
        if held:
            _hold_the_reply_of_draft_1(config, monkeypatch)
        shown = _cases(config, columns)
        assert max(len(line) for line in shown.splitlines()) <= columns
        assert shown.split().count("product_quality") == 3, shown
        lines = _author_column(shown)
        whole = [f"x {h}" in lines for h in SHOWN[:2]]  # as `drafts list` writes them
        assert whole == [True, True], shown
        assert ("reply held" in shown) == (held and columns == 80), shown
        parts = [
            line.removeprefix("x ") for line in lines if line != "x" and "followers" not in line
        ]
        assert "".join(parts) == "".join(SHOWN), shown
        assert all(p[0] in "@." or any(h.startswith(p) for h in SHOWN) for p in parts), shown


def _author_column(shown: str) -> list[str]:
    """The lines of the author column, top to bottom, as the terminal shows them."""
    rows = shown.splitlines()
    header = next(row for row in rows if " author " in row)
    start, end = header.index(" author "), header.index(" opened ")
    table = rows[rows.index(header) + 2 :]  # under the rule; not the advice under the table
    return [cell for row in table if not row.startswith("MD-") and (cell := row[start:end].strip())]


def _long_handles(tmp_path: Path) -> Path:
    """Three cases with a drafted private reply each, from authors with `HANDLES`."""
    mentions = [mention(n, BROKEN, author=f"a{n}") for n in range(1, 4)]
    mentions = [
        dataclasses.replace(m, author=dataclasses.replace(m.author, handle=handle))
        for m, handle in zip(mentions, HANDLES, strict=True)
    ]
    samples = write_mentions(tmp_path / "m.jsonl", mentions)
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def test_drafts_list_at_80_columns_keeps_each_handle_whole(tmp_path: Path) -> None:
    """The text wraps, not the addressee: no "@ines@remote.t…". At 80 columns each draft's
    facts go on a line and its text under them (a column each left the text 12 cells)."""
    config = _long_handles(tmp_path)
    result = CliRunner().invoke(
        app, ["--config", str(config), "drafts", "list"], env={"COLUMNS": "80"}
    )
    assert all(h in result.output.split() for h in SHOWN), result.output
    assert "private · MD-000001 · mention 1 · to x @ines@remote.test · en" in result.output
    text = [line for line in result.output.splitlines() if "sorry" in line.lower()]
    assert text and all(len(line.strip("│ ")) > 40 for line in text[:1]), result.output
    wide = CliRunner().invoke(
        app, ["--config", str(config), "drafts", "list"], env={"COLUMNS": "160"}
    )
    assert "┃ id ┃ kind " in wide.output and all(h in wide.output.split() for h in SHOWN)


def test_authors_list_keeps_a_handle_whole_and_wraps_the_name(tmp_path: Path) -> None:
    """At 60 columns the author's name wraps; the handle, which `authors forget` takes, not."""
    config = _long_handles(tmp_path)
    assert run_cli(config, "authors", "do-not-contact", "x", HANDLES[2])[0] == 0
    result = CliRunner().invoke(
        app, ["--config", str(config), "authors", "list"], env={"COLUMNS": "60"}
    )
    assert SHOWN[2] in result.output.split(), result.output
