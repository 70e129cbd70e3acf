"""`--format json` of the admin commands a monitoring check or BI job reads (`authors list`,
`users list`, `sources check`, `check-config`), in cli_json's style: stable English keys,
numbers and booleans as such, times ISO-8601 in UTC, `null` where there is nothing. A check's
JSON names, for each source or key, its status, the problem and where known its fix."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mentiondesk.cli_json import iso
from mentiondesk.stage_restarts import StageRestarts

# A login as `users list` shows it: name, role, active, added, last login (None: never).
Login = tuple[str, str, bool, datetime, datetime | None]

# How a problem in our words carries its fix ("stopped … — fix: restart that worker").
_FIX_MARK = " — fix: "


def authors(rows: list[tuple[str, str, str]]) -> dict[str, Any]:
    """`authors list --format json`: the do-not-contact list, the handle as stored (as
    `cases list` gives it), by platform then handle."""
    listed = [{"platform": p, "handle": h, "name": n} for p, h, n in rows]
    return {"total": len(listed), "authors": listed}


def users(rows: list[Login]) -> dict[str, Any]:
    """`users list --format json`: built key by key from what the listing shows, so that no
    password hash or session token can ever reach a BI tool's copy."""
    listed = [
        {
            "name": name,
            "role": role,
            "active": bool(active),
            "added_at": iso(added),
            "last_login_at": iso(last),  # null: never logged in
        }
        for name, role, active, added, last in rows
    ]
    return {"total": len(listed), "users": listed}


def split_fix(said: str) -> tuple[str, str | None]:
    """'stopped …: 401 — fix: correct the token' as (the problem, its fix)."""
    problem, mark, fix = said.partition(_FIX_MARK)
    return (problem, fix) if mark else (said, None)


def key_problem(line: str, path: str) -> dict[str, str | None]:
    """One configuration problem as check-config says it ('config.toml: store.bogus: unknown
    key; use one of: url, …'): the key it names where it names one, the problem, and its fix
    where the message gives one after it ('; use one of …', '— fix: …'); `message` the line
    whole, as stderr says it. A TOML syntax error names a line, not a key: key null."""
    message = line
    line = line.removeprefix(f"{path}: ")
    head, colon, rest = line.partition(": ")
    syntax = head.startswith("line ")  # its '; ' parts say where, not what to do
    key = head if colon and head and " " not in head and not syntax else None
    problem, fix = split_fix(rest if key else line)
    if fix is None and not syntax:
        problem, semi, after = problem.partition("; ")
        fix = after if semi else None
    return {"key": key, "problem": problem, "fix": fix, "message": message}


def restart(one: StageRestarts, fix: str) -> dict[str, Any]:
    """A stage a running process restarted after a crash in the last hour."""
    return {
        "stage": one.stage,
        "worker": one.writer,
        "restarts": one.count,
        "last_at": iso(one.last),
        "crashing": one.crashing(),  # fails the check, as /healthz says "degraded"
        "fix": fix if one.crashing() else None,
    }
