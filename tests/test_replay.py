"""The replay source: pages, cursor resume, malformed and half-written lines."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from listener.replay import ReplaySource
from mentiondesk.models import FatalError
from tests.helpers import mention, write_mentions


async def test_pages_until_caught_up_and_resumes(tmp_path: Path) -> None:
    path = write_mentions(tmp_path / "m.jsonl", [mention(i) for i in range(5)])
    source = ReplaySource(path, page_size=2)
    first = await source.poll(None)
    assert [m.external_id for m in first.mentions] == ["m0", "m1"] and first.has_more
    second = await source.poll(first.cursor)
    third = await source.poll(second.cursor)
    assert [m.external_id for m in third.mentions] == ["m4"] and not third.has_more
    assert (await source.poll(third.cursor)).mentions == []


async def test_shift_to_now_moves_the_newest_post_to_the_start_keeping_the_gaps(
    tmp_path: Path,
) -> None:
    posts = [mention(i) for i in (1, 5, 3)]  # one minute apart per number, out of order
    path = write_mentions(tmp_path / "m.jsonl", posts, ["not json"])
    start = posts[1].created_at + timedelta(days=20)
    source = ReplaySource(path, page_size=2, shift_to_now=True, clock=lambda: start)
    first = await source.poll(None)
    rest = await ReplaySource(
        path, shift_to_now=True, clock=lambda: start + timedelta(hours=1)
    ).poll(
        first.cursor  # a restart an hour later keeps the times of the first run
    )
    times = [m.created_at for m in first.mentions + rest.mentions]
    assert times == [start - timedelta(minutes=4), start, start - timedelta(minutes=2)]
    unshifted = await ReplaySource(path).poll(None)
    assert [m.created_at for m in unshifted.mentions] == [p.created_at for p in posts]


async def test_malformed_line_is_skipped_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_mentions(tmp_path / "m.jsonl", [mention(1)], ['{"platform": "x"', "[1, 2]"])
    with path.open("a") as f:
        f.write(write_mentions(tmp_path / "n.jsonl", [mention(2)]).read_text())
    with caplog.at_level(logging.WARNING):
        batch = await ReplaySource(path).poll(None)
    assert [m.external_id for m in batch.mentions] == ["m1", "m2"]
    assert f"{path}:2: skipped a malformed mention" in caplog.text
    assert f"{path}:3: skipped a malformed mention" in caplog.text


async def test_half_written_last_line_waits_for_the_next_poll(tmp_path: Path) -> None:
    path = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    full = write_mentions(tmp_path / "n.jsonl", [mention(2)]).read_text()
    with path.open("a") as f:
        f.write(full[:30])
    source = ReplaySource(path)
    batch = await source.poll(None)
    assert [m.external_id for m in batch.mentions] == ["m1"] and not batch.has_more
    with path.open("a") as f:
        f.write(full[30:])
    assert [m.external_id for m in (await source.poll(batch.cursor)).mentions] == ["m2"]


async def test_shipped_samples_are_all_valid(caplog: pytest.LogCaptureFixture) -> None:
    path = Path(__file__).parent.parent / "samples" / "mentions.jsonl"
    with caplog.at_level(logging.WARNING):
        batch = await ReplaySource(path, page_size=10_000).poll(None)
    assert len(batch.mentions) >= 180 and "malformed" not in caplog.text
    assert {m.platform for m in batch.mentions} >= {"x", "reddit", "mastodon", "bluesky"}


async def test_half_an_emoji_in_a_post_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    line = write_mentions(tmp_path / "n.jsonl", [mention(1)]).read_text()
    path.write_text(line.replace("hello @lumora", "hello \\ud83d @lumora"))  # JSON escape
    (read,) = (await ReplaySource(path).poll(None)).mentions
    assert read.text == "hello \ufffd @lumora"
    read.text.encode("utf-8")  # storable, detectable, sendable


async def test_a_missing_file_stops_the_source_naming_it(tmp_path: Path) -> None:
    source = ReplaySource(tmp_path / "gone.jsonl", name="samples")
    status = await source.check()
    assert not status.ok and status.detail == f"file not found: {tmp_path / 'gone.jsonl'}"
    with pytest.raises(FatalError, match=r"gone\.jsonl not found"):
        await source.poll(None)
    write_mentions(tmp_path / "gone.jsonl", [mention(1)])
    assert (await source.check()).ok
