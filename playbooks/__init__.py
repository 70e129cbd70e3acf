"""Playbooks: rules in TOML that decide, for each read mention, what should happen."""

from playbooks.engine import Playbook
from playbooks.loading import load_playbook
from playbooks.rules import Rule

__all__ = ["Playbook", "Rule", "load_playbook"]
