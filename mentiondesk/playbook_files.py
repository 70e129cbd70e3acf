"""`[playbooks] paths`: the rule files its patterns name, relative to the config or absolute."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from mentiondesk.models import ConfigError


def playbook_files(patterns: Sequence[str], base_dir: Path) -> list[Path]:
    """The files the patterns match, each pattern's sorted, each file once; ConfigError with
    a line for every pattern that matches none: a rule file that went missing unnoticed
    would leave its rules out of every decision."""
    files: list[Path] = []
    problems: list[str] = []
    for pattern in patterns:
        # glob.glob, not Path.glob: it takes absolute patterns ("/etc/mentiondesk/*.toml")
        # as well as relative ones, read from base_dir as root_dir, so that a folder named
        # "site[1]" is a name, not a pattern (an absolute match joined to it stays itself).
        where = str(base_dir / pattern)
        names = glob.glob(pattern, root_dir=base_dir, recursive=True, include_hidden=True)
        found = [base_dir / name for name in sorted(names)]
        matched = [f for f in found if f.is_file()]
        if not matched:
            looked = "" if where == pattern else f" (looked for {where})"
            problems.append(
                f"playbooks.paths: {pattern!r} matches no file{looked}; fix the path, or "
                "remove it to use the shipped playbook"
            )
        files += [f for f in matched if f not in files]
    if problems:
        raise ConfigError("\n".join(problems))
    return files
