"""The config file that is not there: said as the person ran the command. With no --config
(nor MENTIONDESK_CONFIG) they gave no path to check; they ran it in a folder without a
config.toml, and need to know which folder and how to start one."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

# The default path the command line used when none was given; None when one was.
_DEFAULTED: ContextVar[Path | None] = ContextVar("config_defaulted", default=None)
# The config.toml beside the source (a checkout, an editable install); a wheel has none.
_SHIPPED = Path(__file__).resolve().parent.parent / "config.toml"


def note_config_path(path: Path, *, given: bool) -> None:
    """The command line's config path, and whether the person gave it (option or variable)."""
    _DEFAULTED.set(None if given else path)


def missing_config(path: Path) -> str:
    """Why `path` is not there and how to go on, for load_config's problem."""
    if _DEFAULTED.get() != path:
        return (
            f"{path}: file not found; check the path given by --config (or MENTIONDESK_CONFIG), "
            "or create the file from the shipped config.toml"
        )
    folder = (Path.cwd() / path).parent.resolve()  # an absolute path stays as it is
    copy = (
        f"cp {_SHIPPED} {folder}/"
        if _SHIPPED.is_file()
        else "copy config.toml from mentiondesk's source (README: Make it yours)"
    )
    return (
        f"{path}: there is no {path.name} in this folder ({folder}) and no --config "
        f"was given; run mentiondesk in the folder that holds your config, or name it: "
        f"mentiondesk --config PATH COMMAND (or set MENTIONDESK_CONFIG); to start one, copy the "
        f"shipped config.toml here ({copy}) and edit it"
    )
