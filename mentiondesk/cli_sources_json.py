"""`sources check --format json`, for a monitoring check (Nagios, Zabbix): each source with
its status ("ok" or "failed"), the problem and its fix; the stages that keep crashing; and the
exit status the command ends with (the same as the text's: 1 when anything failed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

from mentiondesk import cli_json, cli_json_errors
from mentiondesk.cli_json_admin import restart, split_fix
from mentiondesk.cli_sources_recorded import SourceRecord, recorded_each, store_failure
from mentiondesk.cli_sources_restarts import fix_words, read_restarts
from mentiondesk.cli_sources_words import NOTHING, connection_check, rate_limit_words
from mentiondesk.config import Config
from mentiondesk.models import ConfigError, SourceStatus

_UTC = ZoneInfo("UTC")  # the recorded words' times too, as every JSON output gives them


def checked(config: Config, statuses: list[SourceStatus]) -> dict[str, Any]:
    """The whole check: `ok` is false exactly when the command exits 1."""
    each = recorded_each(config, [s.name for s in statuses], _UTC)
    records = {} if isinstance(each, str) else {r.name: r for r in each}
    store = store_failure(each) if isinstance(each, str) else None
    sources = [_source(config, s, records.get(s.name)) for s in statuses]
    restarts = [restart(one, fix_words(one.stage)) for one in read_restarts(config)]
    failed = any(s["status"] == "failed" for s in sources) or store is not None
    failed = failed or any(r["crashing"] for r in restarts)
    return {
        "ok": not failed,
        "exit_status": 1 if failed else 0,
        # Where the store cannot be read: what workers recorded is unknown (fails the check).
        "store_problem": None if store is None else each,
        "sources": sources,
        "restarts": restarts,
    }


@contextmanager
def problems_as_json(path: str, as_json: bool) -> Iterator[None]:
    """With --format json, a config problem (nothing probed: exit 2) is one JSON object on
    stdout too, as check-config gives it, before config_errors says it on stderr: a script
    reading stdout got nothing to parse."""
    try:
        yield
    except ConfigError as exc:
        if as_json:
            cli_json.write(config_problem(path, str(exc)))
        raise


def config_problem(path: str, text: str) -> dict[str, Any]:
    """The check's shape, nothing checked: `ok` false, exit 2, each problem by its key (as
    every --format json command gives a config problem, with the check's keys empty)."""
    return {
        **cli_json_errors.config_problem(path, text),
        "store_problem": None,
        "sources": [],
        "restarts": [],
    }


def _source(config: Config, s: SourceStatus, record: SourceRecord | None) -> dict[str, Any]:
    kinds = {(c.name or c.kind): c.kind for c in config.sources}
    limit = rate_limit_words(s, _UTC)
    problem, fix = _problem(s, record)
    return {
        "name": s.name,
        "kind": kinds.get(s.name, ""),
        "status": "failed" if problem is not None else "ok",
        "probe_ok": s.ok,
        "detail": s.detail,
        "rate_limit": None if limit in ("", NOTHING) else limit,
        "recorded": [] if record is None else record.words,
        "problem": problem,
        "fix": fix,
    }


def _problem(s: SourceStatus, record: SourceRecord | None) -> tuple[str | None, str | None]:
    """What fails this source, and what to do: its probe first, then nothing reading it."""
    if not s.ok:
        where = connection_check(s.detail)
        return f"its probe failed: {s.detail}", None if where is None else f"check {where}"
    if record is None or record.unread is None:
        return None, None
    for line in record.words:  # the line that says so carries the fix, as the text shows it
        said, fix = split_fix(line)
        if fix is not None:
            return f"{record.unread}: {said}", fix
    return record.unread, None
