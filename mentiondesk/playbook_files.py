"""`[playbooks] paths`: the rule files its patterns name, relative to the config or absolute;
and a rule file's TOML syntax error worded as config.toml's are."""

from __future__ import annotations

import glob
import logging
import tomllib
from collections.abc import Sequence
from pathlib import Path

from mentiondesk.config_toml_errors import toml_problem
from mentiondesk.models import ConfigError
from playbooks.problems import accented_key
from playbooks.rules import ActionSpec, Rule, RuleFile, When

_LOGGER = logging.getLogger(__name__)


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
            problems.append(_no_file(pattern, where, found, alone=len(patterns) == 1))
        files += [f for f in matched if f not in files]
    if problems:
        raise ConfigError("\n".join(problems))
    # Read once, at start: an edit changes nothing until a restart, which this says.
    named = ", ".join(str(f) for f in files) or "the shipped playbook"
    _LOGGER.info("playbooks: rules read from %s (restart to apply changes)", named)
    return files


def _no_file(pattern: str, where: str, found: list[Path], *, alone: bool) -> str:
    """Why `pattern` reads no rule file, and the fix: a folder of rule files ("regras") is
    read through a pattern for the files in it, which this names."""
    if any(f.is_dir() for f in found):
        inside = f"{pattern.rstrip('/')}/*.toml"
        return (
            f"playbooks.paths: {pattern!r} is a folder, not a rule file; write {inside!r} "
            "to read the rule files in it"
        )
    looked = "" if where == pattern else f" (looked for {where})"
    # Removing it brings back the shipped playbook only when no other pattern is left.
    rest = "to use the shipped playbook" if alone else "from the list"
    return (
        f"playbooks.paths: {pattern!r} matches no file{looked}; fix the path, or remove it {rest}"
    )


# A rule file's tables and keys, for one written with a space or an accent (`stop true`).
_RULE_KEYS = [*RuleFile.model_fields, *Rule.model_fields, *When.model_fields]
_RULE_KEYS += [*ActionSpec.model_fields]


def rule_file_problem(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> str:
    """`exc`, raised reading the rule file `path`, in words: the line, what is wrong (a quote
    pasted from Word, text without quotes, a list left open…) and the line as it should read.
    An accented key is named by the playbook's own check, which knows its condition words."""
    accented = accented_key(text, str(exc))
    if accented:
        return f"{path}: {accented}"
    return toml_problem(path, text, exc, _RULE_KEYS, secrets_here=False)
