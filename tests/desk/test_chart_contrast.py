"""The chart's colours hold against what they meet: each part of a day's stacked bar meets the
panel's white (a white line between parts), and each colour has 3:1 against it (WCAG 1.4.11)."""

from __future__ import annotations

import re

from tests.desk.desk_static import DESK_CSS

CSS = DESK_CSS  # all of the desk's stylesheets, in the order base.html links them


def _variable(name: str) -> str:
    found = re.search(rf"--{name}:\s*#([0-9a-fA-F]{{6}}|[0-9a-fA-F]{{3}})\b", CSS)
    assert found, name
    digits = found[1] if len(found[1]) == 6 else "".join(c * 2 for c in found[1])  # #fff
    return "#" + digits


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_each_sentiment_colour_has_3_to_1_against_the_panel() -> None:
    panel = _variable("panel")
    for name in ("neg", "neu", "pos"):
        assert _contrast(_variable(name), panel) >= 3, name


def test_a_days_stacked_parts_are_parted_by_the_panels_colour() -> None:
    rule = re.search(r"\.chart rect\.negative, \.chart rect\.neutral[^{]*\{([^}]*)\}", CSS)
    assert rule and "stroke: var(--panel)" in rule[1]
