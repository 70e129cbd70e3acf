"""`outbox list` after `outbox retry` released an action a person held: its line under "Last
errors" read "held by cli:ana: legal" beside status "pending", as if it were still held (the
release keeps the row's last error until the next try writes its own)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli
from tests.test_cli_outbox_hold import _add, _said
from tests.test_cli_outbox_hold import config as config  # the fixture


def test_a_released_hold_reads_as_released_not_held(config: Path) -> None:
    first, second = _add(config, 1), _add(config, 2)
    assert run_cli(config, "outbox", "hold", str(first), str(second), "--reason", "legal")[0] == 0
    assert run_cli(config, "outbox", "retry", str(first))[0] == 0
    code, listed = run_cli(config, "outbox", "list")
    line = _said(listed)
    assert code == 0 and "1 waiting, 1 held" in line, listed
    assert f"{first}: released, waiting for its try (it was held by cli:" in line, listed
    assert f"{second}: held by cli:" in line and f"{second}: released" not in line, listed
