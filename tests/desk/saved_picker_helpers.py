"""Set-ups the saved-reply tests share: the desk's config with a file of saved replies
(`[desk] saved_replies`), and the login the `as_role` fixture hands out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from mentiondesk.config import Config, load_config
from tests.desk.conftest import Desk
from tests.desk.seed import write_config

# A file of one saved reply (a file needs one at least): read-only on the page, listed after
# the desk's own, for tests about those.
BOM_DIA = """
[[replies]]
id = "bom-dia"
title = "Bom dia"
lang = "pt-BR"
text = "Bom dia! Como podemos ajudar?"
"""
# `as_role("manager")`: a desk session signed in with that role (tests/desk/conftest.py).
Login = Callable[[str], Awaitable[Desk]]


def saved_config(
    folder: Path, db_url: str, saved: str, *, file: str = "saved.toml", absolute: bool = False
) -> Config:
    """The desk's test config whose saved replies are `saved` (TOML), kept in `folder/file`
    and named relative to the config (or, `absolute`, by its absolute path)."""
    path = write_config(folder, db_url)
    (folder / file).write_text(saved, encoding="utf-8")
    where = str(folder / file) if absolute else file
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n[desk]\nsaved_replies = {where!r}\n")
    return load_config(path)
