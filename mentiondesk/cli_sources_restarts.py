"""What `sources check` says of the stages the running processes restarted after a crash in
the last hour (stage_restarts), by process ("host:pid") and stage, with /healthz's rule: one
that keeps crashing fails the check, as /healthz says "degraded". A worker serving no desk
records its restarts too, so the cron watching this sees them. Never an exception's message:
the store holds none (it may quote a post)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from mentiondesk.cli_sources_recorded import at_words, no_sqlite_file
from mentiondesk.config import Config
from mentiondesk.stage_restarts import StageRestarts, recent
from mentiondesk.store import Store
from mentiondesk.wording import counted

HEADING = "Stages restarted after a crash in the last hour:"
_FIX = (
    "fix: its log says why (`task {stage} failed (…)`); restart that worker once fixed, and "
    "report a plugin's bug"
)


@dataclass(frozen=True)
class Restarted:
    """The lines under HEADING (none: no heading), and which stages fail the check."""

    lines: list[str]
    crashing: list[str]  # "outbox in worker web-1:4242 (keeps crashing)"


def restarted_lines(config: Config, zone: ZoneInfo) -> Restarted:
    """A line per process and stage restarted in the last hour; none where the store cannot
    say (the recorded sources' line already says the store could not be read)."""
    found = read_restarts(config)
    now = datetime.now(UTC)
    lines = [_line(one, now, zone) for one in found]
    crashing = [
        f"{one.stage} in worker {one.writer} (keeps crashing)" for one in found if one.crashing()
    ]
    return Restarted(lines, crashing)


def read_restarts(config: Config) -> list[StageRestarts]:
    if no_sqlite_file(config.store_url()):
        return []
    try:
        store = Store(
            config.store_url(), pooled=False, fingerprint_secret=config.fingerprint_secret()
        )
        try:
            return recent(store)
        finally:
            store.dispose()
    except sa.exc.SQLAlchemyError:
        return []


def fix_words(stage: str) -> str:
    """What to do about a stage that keeps crashing."""
    return _FIX.removeprefix("fix: ").format(stage=stage)


def _line(one: StageRestarts, now: datetime, zone: ZoneInfo) -> str:
    times = counted(one.count, "restart", "restarts")
    latest = at_words(one.last, now, zone)
    said = f"  {one.stage} in worker {one.writer}: {times}, the latest at {latest}"
    if one.crashing():
        return f"{said}: KEEPS CRASHING (/healthz says degraded) — {_FIX.format(stage=one.stage)}"
    if one.crashed_often():
        return f"{said}: none since, working again"
    return said
