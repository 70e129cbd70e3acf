"""X posts quoting or answering an erased author's post: the X source stores the quoted
post's address as a quote line and the post quoted or answered as on_title ("@sara_x: her
words", listener/_x_wire). Forgetting Sara rewrites those on others' posts stored before,
and a post read after the erasure is stored without them: no address, none of her words.
Quotes and replies of others stay."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.models import Author, Mention
from mentiondesk.tables import MENTION
from tests.helpers import COMPLAINT, run_cli, write_config, write_mentions
from tests.test_retention import _holding, _rows

HERS = "my lamp from Lumora glows"  # Sara's words


def _tweet(handle: str, n: int, text: str, **kw: object) -> Mention:
    post = Mention(
        platform="x",
        external_id=str(n),
        author=Author(id=f"u{handle}", handle=handle, name=handle.title()),
        text=text,
        created_at=datetime.now(UTC) - timedelta(hours=1),
        url=f"https://x.com/{handle}/status/{n}",
        thread_id=str(n),
    )
    return replace(post, **kw)  # type: ignore[arg-type]


def _quoting(handle: str, n: int, text: str, quoted: str, title: str | None) -> Mention:
    line = f"\n↪️ https://x.com/{quoted}/status/{n - 1000}"
    return _tweet(handle, n, text + line, on_title=title)


SARA = _tweet("sara_x", 1, f"@lumora {HERS}")
FIRST = [
    SARA,
    _quoting("bia", 1002, COMPLAINT, "Sara_X", f"@Sara_X: {HERS}"),  # a quote of hers
    _tweet("cy", 1003, COMPLAINT, thread_id="1", parent_id="1", on_title=f"@sara_x: {HERS}"),
    _quoting("dia", 1004, COMPLAINT, "bob", "@bob: not hers"),
]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    config = write_config(
        tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m.jsonl", FIRST)
    )
    assert run_cli(config, "run", "--once")[0] == 0
    assert "outbox.payload" in _holding(db_url, HERS)  # an alert's copy of Bia's quote
    code, output = run_cli(config, "authors", "forget", "x", "sara_x", "--yes")
    assert code == 0, output
    return config


def _stored(db_url: str) -> dict[str, tuple[str, str | None]]:
    query = sa.select(MENTION.c.external_id, MENTION.c.text, MENTION.c.on_title)
    return {e: (t, o) for e, t, o in _rows(db_url, query)}


def test_forget_takes_her_address_and_words_out_of_others_posts(desk: Path, db_url: str) -> None:
    stored = _stored(db_url)
    assert stored["1002"] == (f"{COMPLAINT}\n{UNQUOTED}", None)
    assert stored["1003"] == (COMPLAINT, None)
    assert stored["1004"] == (FIRST[3].text, "@bob: not hers")
    assert _holding(db_url, HERS) == [] and _holding(db_url, "x.com/sara_x") == []


def test_posts_read_later_come_without_her_address_or_words(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    later = [
        _quoting("eve", 1005, COMPLAINT, "SARA_X", f"@SARA_X: {HERS}"),
        # A reply to her erased post (itself a reply in Bob's thread 900), X sending no
        # author for it: found by the post's fingerprint.
        _tweet("fay", 1006, COMPLAINT, thread_id="900", parent_id="1", on_title=HERS),
        _quoting("gus", 1007, COMPLAINT, "bob", "@bob: not hers"),
        # A reply to a post of hers never stored: found by her address.
        _tweet(
            "hal", 1008, COMPLAINT, thread_id="900", parent_id="77", on_title=f"@sara_x: {HERS}"
        ),
    ]
    write_mentions(tmp_path / "m.jsonl", [*FIRST, *later])
    assert run_cli(desk, "run", "--once")[0] == 0
    stored = _stored(db_url)
    assert stored["1005"] == (f"{COMPLAINT}\n{UNQUOTED}", None)
    assert stored["1006"][1] is None and stored["1008"] == (COMPLAINT, None)
    assert stored["1007"] == (later[2].text, "@bob: not hers")
    assert _holding(db_url, HERS) == [] and _holding(db_url, "x.com/sara_x") == []


def test_a_later_reply_showing_her_post_alone_comes_without_her_words(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    """Nothing else read with it quotes her: her address is found from on_title alone."""
    hal = _tweet(
        "hal", 1008, COMPLAINT, thread_id="900", parent_id="77", on_title=f"@sara_x: {HERS}"
    )
    write_mentions(tmp_path / "m.jsonl", [*FIRST, hal])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert _stored(db_url)["1008"] == (COMPLAINT, None)
    assert _holding(db_url, HERS) == []
