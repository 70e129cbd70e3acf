"""The documentation as the tests read it: README.md is the front page, docs/*.md the rest.

A test that checks that something is documented somewhere reads `docs_text()`; one that
checks a claim of one page reads `page("docs/desk.md")`."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page(name: str) -> str:
    """One page's text, by its path from the repository root ("README.md", "docs/cli.md")."""
    return (ROOT / name).read_text(encoding="utf-8")


def docs_text() -> str:
    """README.md and every docs/*.md page, one after another (the pages in name order)."""
    pages = ["README.md", *(f"docs/{p.name}" for p in sorted((ROOT / "docs").glob("*.md")))]
    return "\n\n".join(page(name) for name in pages)
