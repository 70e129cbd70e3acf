"""Where a template problem found by rendering or reading the file is: the file as it is on
disk (the folder the admin named in the config, then the template's path) and the line,
as the checks that read the parsed template say it, for a file that is not UTF-8 text and
for a value that fails when the samples are filled in."""

from __future__ import annotations

import os
from types import TracebackType

from jinja2 import Environment, FileSystemLoader


def on_disk(env: Environment, path: str) -> str:
    """The file `path` (`pt/obrigado.j2`) is read from, as the loader finds it: found without
    reading it, as one that is not UTF-8 cannot be; `path` itself when no folder holds it."""
    loader = env.loader
    folders = loader.searchpath if isinstance(loader, FileSystemLoader) else []
    for folder in folders:
        file = os.path.join(folder, *path.split("/"))
        if os.path.isfile(file):
            return file
    return path


def not_utf8(file: str, exc: UnicodeDecodeError) -> str:
    """`template FILE, line N: …` for a file saved in another encoding (Windows-1252:
    "situação" as bytes UTF-8 does not read), naming the line of the first such byte."""
    data = exc.object if isinstance(exc.object, bytes) else bytes(exc.object)
    line = data.count(b"\n", 0, exc.start) + 1
    return (
        f"template {file}, line {line}: not UTF-8 text (byte {data[exc.start]:#04x}, an "
        "accented letter saved by an editor in another encoding, e.g. Windows-1252); "
        "save the file as UTF-8"
    )


def render_line(exc: BaseException, file: str) -> int:
    """The line of `file` that rendering stopped at, from the traceback of `exc` or of the
    error it was raised from (Jinja gives a template's frames its file and line); 1 when none
    is in `file` (a failure the sample's values raise outside it)."""
    line = 1
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        line = _last_line(error.__traceback__, file) or line
        error = error.__cause__ or error.__context__
    return line


def _last_line(tb: TracebackType | None, file: str) -> int | None:
    """The last frame's line in `file`: the innermost, where the failing value is written."""
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == file:
            found = tb.tb_lineno
        tb = tb.tb_next
    return found
