"""What `sources check` says beside its own probe: how the running workers last recorded each
source in the store (source_states), e.g. "stopped by the running worker web-1:4242 since 14:02
(Europe/Lisbon): … — fix: …", times in `[desk] timezone` as every command shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from mentiondesk.config import Config
from mentiondesk.source_failing import down, failing_words
from mentiondesk.source_health import Held, held_in, held_whole_until
from mentiondesk.source_states import STALE_AFTER, RecordedSource, by_weight, recorded
from mentiondesk.source_vanished import latest, vanished_rows
from mentiondesk.store import Store

NOTHING = "no running worker has recorded it"
_NO_STORE = "no store yet: no worker has run with this config"
_FIX = "fix: correct the token (or the account), then restart that worker"
# A source no worker reads since the last one was killed (source_vanished): as /healthz says.
_RESTART = (
    "fix: restart the service that runs `mentiondesk run` (systemctl restart <its unit>), then "
    "see its log for why it died"
)


def recorded_by_source(config: Config) -> dict[str, list[RecordedSource]] | str:
    """Each source's rows; a sentence instead where the store cannot say. Read only: a store
    that is not there yet is not made (as a run would make it)."""
    if no_sqlite_file(config.store_url()):
        return _NO_STORE
    try:
        store = Store(
            config.store_url(), pooled=False, fingerprint_secret=config.fingerprint_secret()
        )
        try:
            rows = recorded(store)
        finally:
            store.dispose()
    except sa.exc.SQLAlchemyError as exc:  # its type only: the message may name the host
        return (
            f"the store could not be read ({type(exc).__name__}): what workers recorded is unknown"
        )
    grouped: dict[str, list[RecordedSource]] = {}
    for row in rows:
        grouped.setdefault(row.name, []).append(row)
    return grouped


@dataclass(frozen=True)
class Recorded:
    """What `sources check` prints under its table, and what of it fails the check."""

    lines: list[str]
    # "hn (no worker reads it)": each source the workers' records say nothing reads now,
    # as /healthz counts it "degraded"; "the store could not be read" where none can tell.
    unread: list[str]


@dataclass(frozen=True)
class SourceRecord:
    """What the workers recorded of one source: a line per worker, and why nothing reads
    it now (None: read, stopped cleanly, or no worker has run yet)."""

    name: str
    words: list[str]
    unread: str | None


def recorded_each(config: Config, names: list[str], zone: ZoneInfo) -> list[SourceRecord] | str:
    """Each source's record, or the one sentence saying why the store cannot tell."""
    found, now = recorded_by_source(config), datetime.now(UTC)
    if isinstance(found, str):
        return found
    each = []
    running = sorted({row.writer for rows in found.values() for row in rows if row.current()})
    for name in names:
        rows = found.get(name, [])
        if not rows and running:  # workers run, yet none polls it: nothing reads it
            each.append(SourceRecord(name, [_unpolled(running)], "no running worker polls it"))
            continue
        said = recorded_words(rows, now, zone).splitlines()
        each.append(SourceRecord(name, said, not_read(rows, now)))
    return each


def store_failure(said: str) -> str | None:
    """What fails the check where the store cannot tell: not a store still to be made."""
    return None if said == _NO_STORE else said.partition(":")[0]


def recorded_lines(config: Config, names: list[str], zone: ZoneInfo) -> Recorded:
    """`  name: what the workers recorded`, a line per source (more for one several workers
    read), or the one sentence saying why the store cannot tell."""
    each = recorded_each(config, names, zone)
    if isinstance(each, str):
        failure = store_failure(each)
        return Recorded([f"  {each}"], [] if failure is None else [failure])
    lines, unread = [], []
    for one in each:
        first, *more = one.words
        pad = " " * len(one.name)
        lines += [f"  {one.name}: {first}", *(f"  {pad}  {line}" for line in more)]
        if one.unread is not None:
            unread.append(f"{one.name} ({one.unread})")
    return Recorded(lines, unread)


def _unpolled(running: list[str]) -> str:
    """A configured source no row names while workers run: added to the config after they
    started (they read it at start), or left out by their `run --sources`."""
    workers = ", ".join(running)
    return (
        f"NO WORKER READS IT: the running workers ({workers}) do not poll it (started before it "
        "was added to the config, or their `run --sources` leaves it out) — fix: restart them "
        "with this config"
    )


def not_read(rows: list[RecordedSource], now: datetime) -> str | None:
    """Why nothing reads the source now, by /healthz's rule for "degraded": a running worker
    stopped it (until restart) or has failed it past its grace, or no worker reads it since
    the last went without a clean stop (source_vanished); None where it is read, was
    stopped cleanly (meant), or no worker ever recorded it (none has run yet)."""
    current = [row for row in rows if row.current()]
    if any(row.stopped() for row in current):
        return "stopped by a running worker"
    if any(down(row, now) for row in current):
        return "failing: /healthz says degraded"
    last = latest(rows)
    if not current and last is not None and vanished_rows(rows, {last.name}):
        return "no worker reads it"
    return None


def no_sqlite_file(url: str) -> bool:
    """A SQLite store whose file is not there: opening it would make an empty one."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return False
    return parsed.database in (None, "", ":memory:") or not Path(parsed.database).exists()


def recorded_words(rows: list[RecordedSource], now: datetime, zone: ZoneInfo) -> str:
    """One line per worker that runs and reads the source, the worst first; where none runs,
    the latest row (by the database's clock, as /healthz judges it), said as what a gone
    process last recorded: read by nobody, where that one went without a clean stop."""
    ordered = sorted(rows, key=lambda row: by_weight(row, now), reverse=True)
    current = [row for row in ordered if row.current()]
    if current:
        return "\n".join(_current(row, now, zone) for row in current)
    last = latest(rows)
    if last is None:
        return NOTHING
    said = _state(last, now, zone)
    if vanished_rows(rows, {last.name}):  # the same rule as /healthz's `no_worker_since`
        return _vanished(last, said, now, zone)
    ended = _at(last.ended_at or last.updated_at, now, zone)  # its clean stop's mark
    return f"not running: worker {last.writer} stopped at {ended}; it last recorded: {said}"


def _vanished(last: RecordedSource, said: str, now: datetime, zone: ZoneInfo) -> str:
    """'NO WORKER READS IT since 14:02 (…): …': nothing reads it until the service restarts."""
    minutes = int(STALE_AFTER.total_seconds() // 60)
    return (
        f"NO WORKER READS IT since {_at(last.updated_at, now, zone)}: worker {last.writer} "
        f"has not refreshed it for over {minutes} minutes and was never stopped cleanly "
        f"(killed, out of memory, hung, or cut off from the store); it last recorded: {said}; "
        f"/healthz says degraded — {_RESTART}"
    )


def _current(row: RecordedSource, now: datetime, zone: ZoneInfo) -> str:
    who = f"the running worker {row.writer}"
    if row.state == "stopped":
        return f"stopped by {who} since {_at(row.since, now, zone)}: {row.reason} — {_FIX}"
    if row.state == "failing":  # as /healthz says it: failing, down once past its grace
        return f"{failing_words(row, now)} in {who} since {_at(row.since, now, zone)}: {row.reason}"
    if row.state_at(now) == "limited" and row.until is not None:
        if held := held_in(row, now):  # some endpoints (X's search): name them, as /healthz
            said = f"rate limited in {who}: {_held_words(held, now, zone)}"
            if (whole := held_whole_until(row, held, now)) is not None:  # the poller waits
                said += (
                    f"; its others refused too: nothing read from it until {_at(whole, now, zone)}"
                )
            return said
        return f"rate limited in {who} until {_at(row.until, now, zone)}"
    return f"read by {who} since {_at(row.since, now, zone)}"


def _held_words(held: Held, now: datetime, zone: ZoneInfo) -> str:
    """'endpoint search held until 10:14 (Europe/Lisbon)', each further one ', mentions until …'."""
    (first, at), *others = held
    said = [f"{first} held until {_at(at, now, zone)}"]
    said += [f"{endpoint} until {_at(until, now, zone)}" for endpoint, until in others]
    return f"{'endpoints' if others else 'endpoint'} {', '.join(said)}"


def _state(row: RecordedSource, now: datetime, zone: ZoneInfo) -> str:
    if row.state == "stopped":
        return f"stopped since {_at(row.since, now, zone)}: {row.reason}"
    if row.state == "failing":
        return f"{failing_words(row, now)} since {_at(row.since, now, zone)}: {row.reason}"
    if row.state == "limited" and row.until is not None:
        return f"rate limited until {_at(row.until, now, zone)}"
    return f"reading it since {_at(row.since, now, zone)}"


def _at(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """14:02 (Europe/Lisbon) today in the team's zone, else with the day."""
    local = moment.astimezone(zone)
    shown = f"{local:%H:%M}" if local.date() == now.astimezone(zone).date() else f"{local:%F %H:%M}"
    return f"{shown} ({zone})"


at_words = _at  # the same times under the stages restarted (cli_sources_restarts)
