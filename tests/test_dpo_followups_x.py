"""An X post read after Sara's erasure quotes her erased post at "x.com/i/status/ID": X sent
no author for it (the listener writes "i"), so her profile's address cannot find it. Its id
can: the erasure kept a fingerprint of each post it erased. The quote line is rewritten and
the quoted post's words (its title) go; a quote of another post by id stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk import cli_common
from mentiondesk.erased_quote_lines import UNQUOTED
from tests.helpers import COMPLAINT, run_cli, write_config, write_mentions
from tests.test_dpo_later_quotes_x import FIRST, HERS, _stored, _tweet, desk
from tests.test_retention import _holding

__all__ = ["desk"]  # the fixture: Sara (post 1) read, then forgotten


def test_a_later_quote_of_her_post_by_id_alone_is_stored_rewritten(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    later = [
        _tweet("ivy", 1009, f"{COMPLAINT}\n↪️ https://x.com/i/status/1", on_title=HERS),
        # Not hers: post 10 (whose id starts as hers does) and post 2.
        _tweet("jo", 1010, f"{COMPLAINT}\n↪️ https://x.com/i/status/10", on_title="not hers"),
        _tweet("kit", 1011, f"{COMPLAINT}\n↪️ https://x.com/i/status/2", on_title=None),
    ]
    write_mentions(tmp_path / "m.jsonl", [*FIRST, *later])
    assert run_cli(desk, "run", "--once")[0] == 0
    stored = _stored(db_url)
    assert stored["1009"] == (f"{COMPLAINT}\n{UNQUOTED}", None)
    assert stored["1010"] == (later[1].text, "not hers")
    assert stored["1011"] == (later[2].text, None)
    assert _holding(db_url, HERS) == []  # nor in the alert made from Ivy's complaint


def test_a_quote_of_her_post_by_id_stored_before_is_rewritten_by_the_erasure(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lia's quote, read before the erasure, shows Sara's post with no author: the erasure
    finds it by the post's id, in the row and in the alert's copy."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    lia = _tweet("lia", 1012, f"{COMPLAINT}\n↪️ https://x.com/i/status/1", on_title=HERS)
    moe = _tweet("moe", 1013, f"{COMPLAINT}\n↪️ https://x.com/i/status/10", on_title="not hers")
    samples = write_mentions(tmp_path / "m.jsonl", [FIRST[0], lia, moe])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    assert "outbox.payload" in _holding(db_url, HERS)  # the alert's copy of Lia's quote
    code, output = run_cli(config, "authors", "forget", "x", "sara_x", "--yes")
    assert code == 0, output
    stored = _stored(db_url)
    assert stored["1012"] == (f"{COMPLAINT}\n{UNQUOTED}", None)
    assert stored["1013"] == (moe.text, "not hers")
    assert _holding(db_url, HERS) == [] and _holding(db_url, 'i/status/1"') == []
