"""TOML that many tests' configs share: alerts to the console, tickets to a local case list."""

from __future__ import annotations


def console_desk(post: str = "") -> str:
    """The `[routing]` table and its two responders; `post`, a TOML value, routes replies."""
    routed = f"post = {post}\n" if post else ""
    return f"""[routing]
alert = ["console"]
ticket = "cases"
{routed}[[responders]]
kind = "console"
[[responders]]
kind = "local"
name = "cases"
"""
