"""`sources check` with one platform answering and one not: the one answering shows its
window, from its headers; the unreachable one's rate-limit cell says nothing ("—"), not
"no rate-limit headers seen", which sent on-call engineers chasing a rate limit."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from mentiondesk.cli_sources import _table, check_all
from mentiondesk.config import load_config
from tests.platforms.test_cli_sources import _closed_port, sources_config


async def test_the_unreachable_sources_rate_limit_cell_says_nothing(
    reddit_fake, tmp_path: Path, secrets: None
) -> None:
    sources = f"""
[[sources]]
kind = "reddit"
base_url = "{reddit_fake.base_url}"
query = "lumora"
[[sources]]
kind = "hackernews"
name = "hn"
base_url = "http://127.0.0.1:{_closed_port()}"
"""
    loaded = load_config(sources_config(tmp_path, sources), secrets=True)
    console = Console(record=True, width=300)
    console.print(_table(loaded, await check_all(loaded)))
    shown = console.export_text()
    rows = {r.split("│")[1].strip(): r for r in shown.splitlines() if "│" in r}
    assert "rate limit" in shown and "rate-limit headers" not in shown
    assert rows["reddit"].split("│")[3].strip() == "ok" and " left" in rows["reddit"]
    hn = [cell.strip() for cell in rows["hn"].split("│")]
    assert hn[3] == "FAIL" and "connection refused" in hn[4]
    assert hn[5] == "—", rows["hn"]
