"""Replays mentions from a JSON Lines file: the embedded default and the demo's source."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Literal

from pydantic import Field

from mentiondesk.models import Batch, Mention, PluginContext, SourceConfig

_LOGGER = logging.getLogger(__name__)


class ReplaySourceConfig(SourceConfig):
    kind: Literal["replay"] = "replay"
    path: Path
    page_size: int = Field(default=200, ge=1, le=10_000)
    poll_seconds: float = Field(default=5.0, gt=0)


class ReplaySource:
    """Reads a JSONL file of mentions page by page; the cursor is `byte offset:line number`."""

    Config = ReplaySourceConfig

    def __init__(
        self, path: Path, *, name: str = "replay", page_size: int = 200, poll_seconds: float = 5.0
    ) -> None:
        self.name = name
        self.path = path
        self.page_size = page_size
        self.poll_seconds = poll_seconds

    @classmethod
    def from_config(cls, config: ReplaySourceConfig, context: PluginContext) -> ReplaySource:
        path = config.path if config.path.is_absolute() else context.base_dir / config.path
        return cls(
            path,
            name=config.name or "replay",
            page_size=config.page_size,
            poll_seconds=config.poll_seconds,
        )

    async def poll(self, cursor: str | None) -> Batch:
        return await asyncio.to_thread(self._read_page, cursor)

    async def close(self) -> None:
        return None

    def _read_page(self, cursor: str | None) -> Batch:
        offset, line_no = _parse_cursor(cursor)
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
                    mentions.append(mention)
            handle.seek(offset)
            has_more = not caught_up and bool(handle.read(1))
        return Batch(mentions=mentions, cursor=f"{offset}:{line_no}", has_more=has_more)

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


def _parse_cursor(cursor: str | None) -> tuple[int, int]:
    if not cursor:
        return 0, 0
    offset, _, line = cursor.partition(":")
    return int(offset), int(line or 0)
