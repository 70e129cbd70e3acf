"""Every link between the documentation pages leads somewhere: README.md is a front page and
the reference lives in docs/, so a link to a section (`#playbooks`) must name the page that
holds it (`docs/playbooks.md#…`), and a link from docs/ to a file must climb out of it."""

from __future__ import annotations

import re

import pytest

from tests.docs_text import ROOT, page

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PAGES = [
    "README.md",
    "CONTRIBUTING.md",
    "samples/README.md",
    "sentiment/MODEL_CARD.md",
    *(f"docs/{p.name}" for p in sorted((ROOT / "docs").glob("*.md"))),
]


def _slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    found, fenced = set(), False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (heading := re.match(r"#{1,6} (.*)", line)):
            found.add(_slug(heading.group(1)))
    return found


def _broken(name: str) -> list[str]:
    broken = []
    for target in LINK.findall(page(name)):
        if re.match(r"[a-z]+:", target) or target.startswith("<") or target in ("url",):
            continue  # a web address, or a sample of chat markup in code
        path, _, anchor = target.partition("#")
        dest = (ROOT / name).parent / path if path else ROOT / name
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest.read_text("utf-8")):
            broken.append(f"{target}: no such section")
    return broken


@pytest.mark.parametrize("name", PAGES)
def test_every_link_leads_to_a_file_and_a_section(name: str) -> None:
    assert _broken(name) == [], name


def test_the_front_page_links_every_docs_page() -> None:
    front = page("README.md")
    for p in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{p.name})" in front, p.name


def test_each_docs_page_opens_with_its_title_and_a_summary() -> None:
    for p in sorted((ROOT / "docs").glob("*.md")):
        title, blank, summary = p.read_text("utf-8").splitlines()[:3]
        assert title.startswith("# ") and blank == "" and summary.strip(), p.name
