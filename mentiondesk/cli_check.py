"""`mentiondesk check-config`: the config file read as a start would read it, and what it
will do (store, sources, responders, rules), with its warnings."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from mentiondesk import cli_json, schema
from mentiondesk.assignees import configured_users, unknown_assignees
from mentiondesk.cli_common import config_errors, say
from mentiondesk.cli_json_admin import key_problem
from mentiondesk.cli_values import FormatOption
from mentiondesk.config import Config, load_config
from mentiondesk.config_clear import tokens_in_clear
from mentiondesk.config_hours_notes import hours_read, long_night_shifts
from mentiondesk.config_routing import open_approvals, posted_by_hand, unposted
from mentiondesk.config_store import inline_password, new_sqlite_file, store_errors
from mentiondesk.models import ConfigError
from mentiondesk.playbook_build import build_playbook
from mentiondesk.slack_setup import buttons_off
from mentiondesk.store import Store


def register(app: typer.Typer) -> None:
    """Add `check-config` to the main CLI."""
    app.command("check-config")(check_config)


def check_config(ctx: typer.Context, format: FormatOption = "text") -> None:
    """Check the config file, its playbooks and the store; say what a start would use.

    The config is read as `mentiondesk run` reads it, secrets included; the playbooks are built
    (rules, templates, assignees among the configured users); the store must be reachable, its
    tables there or creatable by its user, or be a SQLite file the first run will create. It
    prints the store (and what the next start will make there), sources, responders,
    classifier and rule count, with warnings on stderr; a problem that would stop a start is
    named and the exit status is 2. With --format json, all of it as one JSON object on
    stdout (`valid`, `problems`, `warnings`, …), the same exit status.
    """
    as_json = format == "json"
    with config_errors(), _problems_as_json(ctx, as_json):
        config = load_config(ctx.obj, secrets=True)
        playbook = build_playbook(config)
        store_state = _store_state(config)
        if unknown := unknown_assignees(playbook, configured_users(config)):
            raise ConfigError("\n".join(unknown))
    warnings = inline_password(config.settings.store) + unposted(config) + open_approvals(config)
    warnings += long_night_shifts(config.settings.desk.business_hours) + tokens_in_clear(config)
    warnings += buttons_off(config)  # Slack alerts without a signing secret
    if as_json:  # the warnings in it, and on stderr as ever (a cron's mail)
        cli_json.write(_valid(config, playbook.rules, store_state, warnings))
    else:
        _print_valid(config, playbook.rules, store_state)
    for warning in warnings:  # with JSON logs: a record each
        styled = f"[yellow]![/] warning: {escape(warning)}"
        say(f"warning: {warning}", styled=styled, level=logging.WARNING)


def _print_valid(config: Config, rules: Sized, store_state: tuple[str, list[str]]) -> None:
    names = ", ".join(f"{s.name} ({s.kind})" for s in config.sources)
    # The result is the command's output (stdout: `check-config > check.txt` keeps it); the
    # warnings go to stderr, with the problems that stop it.
    out = Console(soft_wrap=True, emoji=False)
    out.print(f"[green]✓[/] {escape(str(config.path))} is valid")
    out.print(f"  store: {store_state[0]}", markup=False)
    for note in store_state[1]:
        out.print(f"  note: {note}", markup=False)
    out.print(f"  sources: {names}", markup=False)
    out.print(f"  desk: {desk_read(config)}", markup=False)
    out.print(f"  languages: {languages_read(config)}", markup=False)
    if hours := hours_read(config.settings.desk):  # as read: a slip (18:00-09:00) shows
        out.print(f"  business hours: {hours}", markup=False)
    out.print(
        f"  responders: {', '.join(r.name or r.kind for r in config.responders)}", markup=False
    )
    out.print(f"  classifier: {config.settings.sentiment.classifier}; playbook rules: {len(rules)}")
    for note in posted_by_hand(config):
        out.print(f"  note: {escape(note)}")


@contextmanager
def _problems_as_json(ctx: typer.Context, as_json: bool) -> Iterator[None]:
    """With --format json, a problem that stops a start is on stdout too, per key, before
    config_errors says it on stderr and exits 2."""
    try:
        yield
    except ConfigError as exc:
        if as_json:
            path = str(ctx.obj)
            problems = [key_problem(line, path) for line in str(exc).splitlines()]
            cli_json.write({"config": path, "valid": False, "problems": problems})
        raise


def _valid(config: Config, rules: Sized, store: tuple[str, list[str]], warnings: list[str]) -> Any:
    """What a start would use, as the text says it; `valid` true, `problems` empty."""
    return {
        "config": str(config.path),
        "valid": True,
        "problems": [],
        "warnings": warnings,
        "store": {"status": store[0], "notes": store[1]},
        "sources": [{"name": s.name or s.kind, "kind": s.kind} for s in config.sources],
        "responders": [{"name": r.name or r.kind, "kind": r.kind} for r in config.responders],
        "business_hours": hours_read(config.settings.desk) or None,
        "classifier": config.settings.sentiment.classifier,
        "playbook_rules": len(rules),
        "notes": posted_by_hand(config),
    }


def desk_read(config: Config) -> str:
    """Where `run` serves the desk, in which language and time zone, as read: a first-timer
    who wrote language = "pt_BR" or timezone = "America/Sao_Paulo" sees it taken."""
    desk = config.settings.desk
    if not desk.enabled:
        return "not served ([desk] enabled = false)"
    host = "127.0.0.1" if desk.host in ("0.0.0.0", "") else desk.host
    host = f"[{host}]" if ":" in host else host
    where = f"http://{host}:{desk.port}/" if desk.port else f"http://{host}, on a free port"
    language = desk.language or "each browser's language"
    return f"{where} in {language} (each person may switch), times in {desk.timezone}"


def languages_read(config: Config) -> str:
    """What the team gets in which language: chat alerts and tickets, and the replies to
    posts whose language has no templates ([playbooks] default_lang)."""
    settings = config.settings
    return (
        f"alerts and tickets in {settings.routing.language}; replies to posts in a language "
        f"with no templates in {settings.playbooks.default_lang}"
    )


def _store_state(config: Config) -> tuple[str, list[str]]:
    """Whether a start can use the store, and what it will make there; or where the first run
    will create it: connecting to a SQLite file that is not there would create it, empty (a
    typo'd path looking fine)."""
    new = new_sqlite_file(config.settings.store, config.store_url())
    if new is not None:
        return f"a new, empty store will be created at {new} on first run", []
    store = Store(config.store_url(), pooled=False, fingerprint_secret=config.fingerprint_secret())
    try:
        with store_errors(config.settings.store):
            shown, notes = schema.check_ready(store.engine)
    finally:
        store.dispose()
    return f"{shown} ({'reachable' if notes else 'reachable, ready'})", notes
