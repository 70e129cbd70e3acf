"""The desk's own files (style, script, icon), served from the package's static folder.

Not aiohttp's `add_static`: since 3.10 it answers a missing file with an empty 404 while the
response is sent, past the error middleware, so a mistyped address downloaded an empty file
instead of showing the desk's "not found" page.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

FOLDER = Path(__file__).parent / "static"


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/static/{name:.+}", _file, name="static")
    router.add_get("/favicon.ico", _favicon)


async def _file(request: web.Request) -> web.FileResponse:
    try:
        path = (FOLDER / request.match_info["name"]).resolve()
        # A file of the folder only: "/static/../app.py", encoded or not, is not found.
        found = path.is_relative_to(FOLDER.resolve()) and path.is_file()
    except (ValueError, OSError):  # a NUL byte ("%00"), a name longer than the system takes
        found = False
    if not found:
        raise web.HTTPNotFound()
    return web.FileResponse(path)


async def _favicon(request: web.Request) -> web.FileResponse:
    """The desk's icon, for browsers and tools that ask /favicon.ico whatever a page links."""
    return web.FileResponse(FOLDER / "favicon.svg")
