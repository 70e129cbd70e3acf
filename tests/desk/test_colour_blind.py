"""Complaint and praise stay apart with red-green colour blindness: the walkthrough's red
#d64545 and green #2f9e5b simulated (deuteranopia) to 1.04:1, and the dashboard's legend
swatches looked alike. Simulated with Machado et al. (2009) at full severity, the two
sentiment colours must stay far apart (CIE76 ΔE), and text in their colours keep 4.5:1."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.desk_static import DESK_CSS
from tests.desk.seed import add

CSS = DESK_CSS  # all of the desk's stylesheets, in the order base.html links them
Login = Callable[[str], Awaitable[Desk]]
# Linear-RGB matrices of Machado, Oliveira & Fernandes (2009), severity 1.0.
SIMULATIONS = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}
FAR_APART = 40.0  # ΔE: red and green came to 15 (deuteranopia) and 22 (protanopia)


def _hex(pattern: str) -> str:
    found = re.search(pattern + r"\s*#([0-9a-fA-F]{6})\b", CSS)
    assert found, pattern
    return found[1]


def _linear(colour: str) -> list[float]:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(linear: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, float, float]:
    linear = _linear(colour)
    return _lab([sum(m * c for m, c in zip(row, linear, strict=True)) for row in matrix])


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b = _linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("kind", sorted(SIMULATIONS))
def test_complaint_and_praise_colours_stay_apart(kind: str) -> None:
    neg, pos = (_seen(_hex(rf"--{n}:"), SIMULATIONS[kind]) for n in ("neg", "pos"))
    distance = sum((a - b) ** 2 for a, b in zip(neg, pos, strict=True)) ** 0.5
    assert distance >= FAR_APART, f"{kind}: ΔE {distance:.1f}"


def test_text_in_a_sentiment_colour_keeps_4_5_to_1() -> None:
    """The chips' words on their tints, and --neg on a panel (a reply over its limit)."""
    pairs = [
        (
            _hex(rf"\.label-{label} \{{ background: #[0-9a-f]{{6}}; color:"),
            _hex(rf"\.label-{label} \{{ background:"),
        )
        for label in ("negative", "positive")
    ]
    pairs.append((_hex("--neg:"), "ffffff"))
    assert [_contrast(ink, paper) >= 4.5 for ink, paper in pairs] == [True] * 3, pairs


async def test_the_authors_history_says_what_its_colours_mean(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Colours: my order is late", handle="nina")
    add(
        store,
        "Colours: it arrived, thank you!",
        handle="nina",
        label="positive",
        case=False,
        draft=None,
    )
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    history = page.split('class="spark"', 1)[1]
    legend = history.split('<p class="legend">', 1)[1].split("</p>", 1)[0]
    for word in ("complaint", "neutral", "praise"):
        assert f"</span>{word}" in legend
    assert legend.count('<span class="swatch ') == 3
