"""Security review: a stranger's words printed through rich (a platform's error in `run --once`'s
summary, an author's name or handle) are shown as written. rich's `escape` stops `[markup]`
only: an emoji shortcode (":white_check_mark: Lumora Support", a Mastodon display name's
custom emoji, a hostile error body) became a real emoji, a "verified" tick the text never had,
and a text ending in three backslashes turned the summary's own closing tag into text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from listener.replay import ReplaySource
from mentiondesk.cli_text import shown
from mentiondesk.models import Batch, FatalError
from tests.helpers import mention, run_cli, write_config, write_mentions
from tests.test_cli_outbox_hold import _add

HOSTILE = (
    "401 :white_check_mark: verified by :police_car_light: [/][bold red]PWNED[/] "
    "\x1b]8;;http://evil.test\x1b\\click\x1b]8;;\x1b\\ ends \\\\\\"
)


def _printed(markup: str) -> str:
    """`markup` as a terminal would get it, colours and all."""
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="truecolor", width=300).print(markup)
    return out.getvalue()


def _plain(markup: str) -> str:
    out = io.StringIO()
    Console(file=out, width=300).print(markup, highlight=False)
    return out.getvalue().rstrip("\n")


@pytest.mark.parametrize("backslashes", [1, 2, 3, 4, 5])
def test_trailing_backslashes_never_swallow_the_tag_after_them(backslashes: int) -> None:
    text = "ends " + "\\" * backslashes
    assert _plain(f"[red]{shown(text)}[/] → fix it").replace("\u200b", "") == f"{text} → fix it"
    assert _plain(shown(text)).replace("\u200b", "") == text  # and at the end of a line


def test_words_without_shortcodes_or_backslashes_are_untouched() -> None:
    """A URL's colons, a time, a Mastodon handle: nothing to break, nothing added."""
    for text in ["https://a.test:8080/x:y", "10:15:00 UTC", "@ana@remote.test", "ratio 3:2"]:
        assert shown(text) == text


def test_a_stopped_sources_hostile_reason_in_run_once_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through `run --once` itself: the platform's words in the summary, no emoji, no
    escape sequence, no markup of theirs, and the line's own red closed where it ends."""

    async def revoked(self: object, cursor: str | None) -> Batch:
        raise FatalError(HOSTILE)

    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    monkeypatch.setattr(ReplaySource, "poll", revoked)
    code, output = run_cli(config, "run", "--once")
    assert code == 1, output
    line = next(ln for ln in output.splitlines() if ln.startswith("  Source samples"))
    assert "\x1b" not in line and "✅" not in line and "🚨" not in line, line
    assert ":white_check_mark:" in line.replace("\u200b", ""), line
    assert "[/][bold red]PWNED[/]" in line, line
    assert line.replace("\u200b", "").endswith("ends \\\\\\ → fix it, then restart mentiondesk")


def test_every_console_of_the_commands_prints_shortcodes_as_written() -> None:
    """rich turns ":name:" into an emoji, markup or not, unless its console says emoji=False:
    each console a command prints with (a stranger's name, a platform's error) says so."""
    root = Path(__file__).resolve().parents[1] / "mentiondesk"
    made = [
        (path.name, call)
        for path in sorted(root.rglob("*.py"))
        for call in re.findall(r"\bConsole\([^()]*\)", path.read_text(encoding="utf-8"))
    ]
    assert len(made) >= 10, made  # the commands' consoles were found
    assert [m for m in made if "emoji=False" not in m[1]] == []


def test_outbox_lists_a_servers_error_as_written(tmp_path: Path) -> None:
    """`outbox list`'s last errors (a chat's or help desk's words, a person's hold reason):
    printed without markup, yet rich still turned ":white_check_mark:" into an emoji."""
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    error = "zendesk 422: :white_check_mark: approved by :police_car_light: [b]x[/b]"
    held = _add(config, 1, status="held", last_error=error)
    code, output = run_cli(config, "outbox", "list", "--held")
    assert code == 0, output
    assert f"  {held}: {error}" in output.splitlines(), output
