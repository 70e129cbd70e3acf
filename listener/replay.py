"""Replays mentions from a JSON Lines file: the embedded default and the demo's source."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field

from mentiondesk.models import (
    Batch,
    FatalError,
    Mention,
    PluginContext,
    SourceConfig,
    SourceStatus,
)

_LOGGER = logging.getLogger(__name__)


class ReplaySourceConfig(SourceConfig):
    kind: Literal["replay"] = "replay"
    path: Path
    page_size: int = Field(default=200, ge=1, le=10_000)
    poll_seconds: float = Field(default=5.0, gt=0, le=24 * 3600)
    # Replay as if the file's newest post were written when the replay began (the gaps
    # between posts kept): a demo's week of mentions then reads as this week's.
    shift_to_now: bool = False


class ReplaySource:
    """Reads a JSONL file of mentions page by page; the cursor is `byte offset:line number`."""

    Config = ReplaySourceConfig

    def __init__(
        self,
        path: Path,
        *,
        name: str = "replay",
        page_size: int = 200,
        poll_seconds: float = 5.0,
        shift_to_now: bool = False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.name = name
        self.path = path
        self.page_size = page_size
        self.poll_seconds = poll_seconds
        self.shift_to_now = shift_to_now
        self._clock = clock

    @classmethod
    def from_config(cls, config: ReplaySourceConfig, context: PluginContext) -> ReplaySource:
        path = config.path if config.path.is_absolute() else context.base_dir / config.path
        return cls(
            path,
            name=config.name or "replay",
            page_size=config.page_size,
            poll_seconds=config.poll_seconds,
            shift_to_now=config.shift_to_now,
        )

    async def poll(self, cursor: str | None) -> Batch:
        try:
            return await asyncio.to_thread(self._read_page, cursor)
        except FileNotFoundError:
            raise FatalError(f"replay file {self.path} not found; fix the source's path") from None

    async def check(self) -> SourceStatus:
        if not self.path.is_file():
            return SourceStatus(self.name, False, f"file not found: {self.path}")
        size = self.path.stat().st_size
        return SourceStatus(self.name, True, f"{self.path.name}, {size:,} bytes")

    async def close(self) -> None:
        return None

    def _read_page(self, cursor: str | None) -> Batch:
        offset, line_no, shift = _parse_cursor(cursor)
        if self.shift_to_now and shift is None:
            shift = self._shift()  # once, kept in the cursor: a restart keeps the same times
        mentions: list[Mention] = []
        caught_up = False
        with self.path.open("rb") as handle:
            handle.seek(offset)
            while len(mentions) < self.page_size:
                raw = handle.readline()
                if not raw or (not raw.endswith(b"\n") and not _complete(raw)):
                    caught_up = True  # end of file, or a last line still being written
                    break
                offset += len(raw)
                line_no += 1
                mention = self._parse(raw, line_no)
                if mention is not None:
                    mentions.append(_shifted(mention, shift))
            handle.seek(offset)
            has_more = not caught_up and bool(handle.read(1))
        cursor = f"{offset}:{line_no}" + (f":{shift}" if shift is not None else "")
        return Batch(mentions=mentions, cursor=cursor, has_more=has_more)

    def _shift(self) -> int:
        """Seconds from the file's newest post to now (0 for a file with none)."""
        newest = None
        with self.path.open("rb") as handle:
            for raw in handle:
                try:  # quietly: a malformed line is reported when it is read
                    created = Mention.from_dict(json.loads(raw)).created_at
                except (ValueError, KeyError, TypeError):
                    continue
                newest = created if newest is None else max(newest, created)
        return int((self._clock() - newest).total_seconds()) if newest else 0

    def _parse(self, raw: bytes, line_no: int) -> Mention | None:
        if not raw.strip():
            return None
        try:
            return Mention.from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError) as exc:
            _LOGGER.warning(
                "%s:%d: skipped a malformed mention (%s)", self.path, line_no, type(exc).__name__
            )
            return None


def _complete(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except ValueError:
        return False
    return True


def _shifted(mention: Mention, seconds: int | None) -> Mention:
    if not seconds:
        return mention
    return replace(mention, created_at=mention.created_at + timedelta(seconds=seconds))


def _parse_cursor(cursor: str | None) -> tuple[int, int, int | None]:
    """`offset:line[:shift seconds]`."""
    if not cursor:
        return 0, 0, None
    offset, line, *shift = cursor.split(":")
    return int(offset), int(line or 0), int(shift[0]) if shift else None
