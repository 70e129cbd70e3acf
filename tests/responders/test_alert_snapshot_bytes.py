"""tests/data/alerts_en.json, byte for byte: the English alerts and tickets as written, every
text of every sink, so a deliberate change to one (Mattermost's handle, "@angry_ann" as Slack,
Teams and Discord write it) changes only what it meant to, and nothing else passes unseen."""

from __future__ import annotations

import json
from pathlib import Path

from tests.responders._snapshot import texts

SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "alerts_en.json"
ZWSP = "\u200b"


def test_the_snapshot_file_is_what_the_sinks_write_byte_for_byte() -> None:
    written = json.dumps(texts(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    assert written.encode("utf-8") == SNAPSHOT.read_bytes()


def test_mattermost_and_discord_name_the_author_alike() -> None:
    """Their head lines differ only in Mattermost's zero-width space after every `@` (there
    "@angry_ann" would ping a Mattermost user of that name); Slack's card says "@angry_ann"."""
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for case in ("alert", "again"):
        mattermost = snapshot[case]["mattermost"].split("\n")[0]
        assert mattermost.endswith(f" · @{ZWSP}angry\\_ann (12.3k)")
        assert mattermost.replace(ZWSP, "") == snapshot[case]["discord"].split("\n")[0]
        assert "* @angry_ann · " in snapshot[case]["slack"][0]["text"]["text"]
