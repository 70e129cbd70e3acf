"""Start the desk inside `mentiondesk run`: serve it, say where, and make a first login."""

from __future__ import annotations

import errno
import logging
import secrets
import socket
from dataclasses import replace
from typing import Annotated

import typer
from aiohttp import web
from rich.markup import escape

from mentiondesk.cli_common import err, say, who
from mentiondesk.cli_values import bounded
from mentiondesk.config import Config
from mentiondesk.pipeline import App
from mentiondesk.slack_actions import add_slack_routes
from mentiondesk.web import create_app, serve
from mentiondesk.web.server import bound_port
from mentiondesk.web.users import Role, add_user, user_count

_LOGGER = logging.getLogger(__name__)
DEMO_USER = "demo"


def ensure_first_user(app: App) -> str | None:
    """With no users at all, create the admin `demo` with a fresh password and return it."""
    if user_count(app.store) > 0:
        return None
    password = secrets.token_urlsafe(12)
    try:
        add_user(app.store, DEMO_USER, role=Role.ADMIN, password=password, by=who())
    except ValueError:  # a worker starting beside this one made it (and printed its password)
        return None
    return password


def no_login_hint(app: App) -> None:
    """Without the desk served (`run --once`, or [desk] off) no first login is made: with
    none at all, say how to make one, or the desk later opens on a login nobody has."""
    if user_count(app.store) == 0:
        say("No one can log in to the desk yet: mentiondesk users add NAME --role admin")


async def start_desk(config: Config, app: App) -> web.AppRunner | None:
    """Serve the desk on [desk] host/port; None (and a message) when the port is taken."""
    section = config.settings.desk

    async def wake(_key: str) -> None:
        app.wake_outbox()  # the running outbox worker delivers the approved reply now

    playbook = app.processor.playbook
    # Its /healthz and banner read the sources' states and the stages' restarts from the
    # store, this worker's with them (stage_restarts).
    desk = create_app(config, app.store, playbook=playbook, on_queued=wake)
    # Slack buttons post back to the same server (mounted only when Slack is configured).
    add_slack_routes(
        desk, store=app.store, config=config, responders=app.responders, wake=app.wake_outbox
    )
    try:
        runner = await serve(desk, section.host, section.port)
    except OSError as exc:
        why = _not_listening(section.host, section.port, exc)
        say(why, styled=f"[red]{escape(why)}[/]", level=logging.ERROR)
        return None
    host = "127.0.0.1" if section.host in ("0.0.0.0", "") else section.host
    # The port bound, not the configured one: with port = 0 the system picks a free one.
    url = f"http://{_address(host, bound_port(runner))}/"
    say(f"Desk: {url}", styled=f"[bold]Desk:[/] {escape(url)}")
    return runner


# `run --desk-port`, declared here beside with_desk_port, so run's signature stays short.
DeskPortOption = Annotated[
    int | None,
    typer.Option(
        "--desk-port",
        help="Serve the desk on this port instead of \\[desk] port: one each for several "
        "workers on one machine.",
        envvar="MENTIONDESK_DESK_PORT",
        # In the CLI's words ("'oito' is not a port number …"), not pydantic's.
        **bounded("a port number", 0, 65535),
        metavar="<port>",
        show_default=False,
    ),
]


def with_desk_port(config: Config, port: int | None) -> Config:
    """`config` with the desk on `port` (`run --desk-port`, $MENTIONDESK_DESK_PORT), if given:
    workers sharing one config file each need a port of their own."""
    if port is None:
        return config
    desk = config.settings.desk.model_copy(update={"port": port})
    return replace(config, settings=config.settings.model_copy(update={"desk": desk}))


def _not_listening(host: str, port: int, exc: OSError) -> str:
    """Why the desk is not served, naming what to change: the host where it is not an
    address of this machine, the port otherwise (taken, or below 1024 without the right)."""
    where = f"The desk could not listen on {_address(host, port)} ({exc.strerror})."
    goes_on = "; listening goes on without the desk."
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"{where} {host!r} is not a name or address of this machine: set [desk] host to "
            f'one (e.g. "127.0.0.1", or "0.0.0.0" for every interface){goes_on}'
        )
    port_elsewhere = (
        "set another port with run --desk-port (or MENTIONDESK_DESK_PORT), or under [desk]"
    )
    if exc.errno == errno.EADDRINUSE:
        # Several workers are by design, but on one box the likely cause is a forgotten run,
        # and each run polls every source: say so, or it goes unnoticed.
        return (
            f"{where} Another mentiondesk may already be running with this config (two runs "
            f"each poll every source); stop it, or {port_elsewhere} in the config{goes_on}"
        )
    return f"{where} S{port_elsewhere[1:]} in the config{goes_on}"


def _address(host: str, port: int) -> str:
    """host:port as a URL writes it (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def announce_first_user(app: App, *, on_terminal: bool) -> None:
    """Make the first login, if there is none, and print its password (once).

    Only to a terminal: under systemd or a pipe, standard error is kept in the journal or a
    log file, where a password would stay for anyone who can read them. There no login is
    made, and the log says how to make one. Called after the catch-up's summary, so the
    password is not scrolled away by the alerts printed while the backlog is read."""
    if not on_terminal:
        if user_count(app.store) == 0:
            _LOGGER.warning(
                "desk: no one can log in yet, and no first admin was created (standard error "
                "is not a terminal: its password would stay in the log); create one with "
                "`mentiondesk users add NAME --role admin`"
            )
        return
    password = ensure_first_user(app)
    if password:
        err.print(
            f"  First login created: user [bold]{DEMO_USER}[/], password [bold]{escape(password)}"
            "[/] (admin). Note it now: it is shown only once. Add people with "
            "`mentiondesk users add NAME --role agent`.",
            highlight=False,
        )
