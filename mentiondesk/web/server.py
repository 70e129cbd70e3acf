"""Serve the desk on a host and port inside the running event loop."""

from __future__ import annotations

from aiohttp import web


async def serve(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Start serving `app`; call `await runner.cleanup()` to stop."""
    runner = web.AppRunner(app, access_log=None)  # access logs would carry query strings
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    """The port actually bound (useful with port 0)."""
    for site in runner.sites:
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            return int(server.sockets[0].getsockname()[1])
    raise RuntimeError("the desk is not serving")
