"""Sources that no worker reads because the one that read them went without a clean stop
(kill -9, the out-of-memory killer, its host lost, a process hung): /healthz's "degraded",
and the same story on the managers' banner (web/source_banner_failing) and in `sources
check` (cli_sources_recorded): which source, since when nothing said it reads it, and that a
restart of the service is what brings a reader back.

Its rows are "unknown" (source_states' staleness rule), which alone degrades nothing: they
say what a gone process last saw, not how the source stands. But a source of the desk's
config that no current row speaks for, and whose latest writer was never marked ended, is
read by nobody, and nobody meant that: an uptime monitor must hear of it. The grace is the
staleness itself (STALE_AFTER without a refresh): a worker restarted at once (systemd's
Restart=) writes fresh rows within seconds and none of this is said.

Left out, on purpose: a writer marked ended (a clean stop: `systemctl stop` for an upgrade,
a catch-up `run` from cron that finished), as a person or a schedule meant it; a source the
desk's config does not name (dropped from the config, its old rows kept until pruned); and a
store where no worker has recorded a source (a desk with no worker yet)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from mentiondesk.models import SourceConfig
from mentiondesk.source_states import RecordedSource


def configured_names(sources: Iterable[SourceConfig]) -> set[str]:
    """The names a config's sources are recorded by: a table with no `name` is recorded by
    its kind ("x"), as each listener names itself and `sources check` lists it."""
    return {source.name or source.kind for source in sources}


def vanished_rows(
    rows: Iterable[RecordedSource], configured: Collection[str]
) -> dict[str, RecordedSource]:
    """Each configured source that no current row speaks for and whose latest writer (by the
    database's clock: a clean stop's mark is its latest refresh) vanished, with that writer's
    row: its `updated_at` is when a process last said it reads the source."""
    by_name: dict[str, list[RecordedSource]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    unread = {
        name: latest(named)
        for name, named in sorted(by_name.items())
        if name in configured and not any(row.current() for row in named)
    }
    return {name: row for name, row in unread.items() if row is not None and row.vanished()}


def vanished(rows: Iterable[RecordedSource], configured: Collection[str]) -> dict[str, str]:
    """vanished_rows as /healthz's `no_worker_since` shows them: since when, in UTC."""
    return {
        name: row.updated_at.isoformat(timespec="seconds")
        for name, row in vanished_rows(rows, configured).items()
    }


def latest(rows: Iterable[RecordedSource]) -> RecordedSource | None:
    """The row last refreshed (or marked ended): whose writer's fate says whether anyone
    meant the source to go unread, as vanished_rows judges it."""
    return max(rows, key=lambda row: row.updated_at, default=None)
