"""Sources that no worker reads because the one that read them went without a clean stop
(kill -9, the out-of-memory killer, its host lost, a process hung): /healthz's "degraded".

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

from mentiondesk.source_states import RecordedSource


def vanished(rows: Iterable[RecordedSource], configured: Collection[str]) -> dict[str, str]:
    """Each configured source that no current row speaks for and whose latest writer (by the
    database's clock: a clean stop's mark is its latest refresh) vanished, with when that one
    last refreshed it, as /healthz shows it: from then on no process said it reads it."""
    latest: dict[str, RecordedSource] = {}
    read: set[str] = set()
    for row in rows:
        if row.current():
            read.add(row.name)
        held = latest.get(row.name)
        if held is None or row.updated_at > held.updated_at:
            latest[row.name] = row
    return {
        name: row.updated_at.isoformat(timespec="seconds")
        for name, row in sorted(latest.items())
        if name in configured and name not in read and row.vanished()
    }
