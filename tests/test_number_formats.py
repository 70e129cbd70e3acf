"""How the desk (Locale) and alerts and drafts (Wording) write figures in en, pt-BR and
pt-PT, character for character: grouping (CLDR's no-break space and minimum grouping of 2
in Portugal), decimals, percents and waits. Both read one language's numbers alike."""

from __future__ import annotations

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.web.i18n import LOCALES

NUMBERS = (0, 7, -7, 999, 1000, 1234, -1234, 12345, -12345, 1_000_000, -1_000_000)
DECIMALS = (0.0, 0.05, 1234.5, -1234.5, -0.005, 1_000_000.0)
SHARES = (None, 0, 0.05, 0.5, 12.5, 99.5, 100, 2600, -3)
CHANGES = (0, 0.4, -0.5, 12.5, -2600, 1234.5)
WAITS = (None, 0, 45, 750, 11100, 360000, 188000)
TARGETS = (2700, 14400, 5400, 3600 * 1234)
REACH = (950, 1234, 12300, 3_400_000)
# A reading's score, the probability of its label (a plugin's may come signed, or past 1).
SCORES = (0.8, -0.8, 0.335, 0.845, 0.996, 1.0, 1.7, 0.004, 0.0)
NB = "\u00a0"  # CLDR's pt-PT group separator (its percent sign takes no space: "13%")

EXPECTED = {
    "en": {
        "number": "0 7 -7 999 1,000 1,234 -1,234 12,345 -12,345 1,000,000 -1,000,000",
        "decimal": "0.00 0.05 1234.50 -1234.50 -0.01 1000000.00",
        "decimal1": "0.0 0.1 1234.5 -1234.5 -0.0 1000000.0",
        "percent": "— 0% <1% <1% 13% >99% 100% 2,600% -3%",
        "signed_percent": "0% 0% -1% +13% -2,600% +1,235%",
        "duration": "—|0s|45s|13m|3h 05m|4d 4h|2d 4h",
        "business": "1,000h 00m",
        "target": "45 min|4 h|1 h 30 min|1,234 h",
        "reach": "950 1.2k 12.3k 3.4M",
        "certainty": "80% 80% 34% 85% >99% 100% 100% <1% 0%",
    },
    "pt-BR": {
        "number": "0 7 -7 999 1.000 1.234 -1.234 12.345 -12.345 1.000.000 -1.000.000",
        "decimal": "0,00 0,05 1234,50 -1234,50 -0,01 1000000,00",
        "decimal1": "0,0 0,1 1234,5 -1234,5 -0,0 1000000,0",
        "percent": "— 0% <1% <1% 13% >99% 100% 2.600% -3%",
        "signed_percent": "0% 0% -1% +13% -2.600% +1.235%",
        "duration": "—|0 s|45 s|13 min|3 h 05 min|4 d 4 h|2 d 4 h",
        "business": "1.000 h 00 min",
        "target": "45 min|4 h|1 h 30 min|1.234 h",
        "reach": "950 1.234 12.300 3.400.000",
        "certainty": "80% 80% 34% 85% >99% 100% 100% <1% 0%",
    },
    "pt-PT": {
        "number": f"0 7 -7 999 1000 1234 -1234 12{NB}345 -12{NB}345 1{NB}000{NB}000 "
        f"-1{NB}000{NB}000",
        "decimal": "0,00 0,05 1234,50 -1234,50 -0,01 1000000,00",
        "decimal1": "0,0 0,1 1234,5 -1234,5 -0,0 1000000,0",
        "percent": "— 0% <1% <1% 13% >99% 100% 2600% -3%",
        "signed_percent": "0% 0% -1% +13% -2600% +1235%",
        "duration": "—|0 s|45 s|13 min|3 h 05 min|4 d 4 h|2 d 4 h",
        "business": "1000 h 00 min",
        "target": "45 min|4 h|1 h 30 min|1234 h",
        "reach": f"950 1234 12{NB}300 3{NB}400{NB}000",
        "certainty": "80% 80% 34% 85% >99% 100% 100% <1% 0%",
    },
}


def _split(joined: str) -> list[str]:
    """A row of EXPECTED as its values: "|" separates them where values hold spaces."""
    return joined.split("|") if "|" in joined else joined.split(" ")


@pytest.mark.parametrize("lang", ["en", "pt-BR", "pt-PT"])
def test_desk_figures(lang: str) -> None:
    loc, expected = LOCALES[lang], EXPECTED[lang]
    assert [loc.number(n) for n in NUMBERS] == _split(expected["number"])
    assert [loc.decimal(v) for v in DECIMALS] == _split(expected["decimal"])
    assert [loc.decimal(v, 1) for v in DECIMALS] == _split(expected["decimal1"])
    assert [loc.percent(v) for v in SHARES] == _split(expected["percent"])
    assert [loc.signed_percent(v) for v in CHANGES] == _split(expected["signed_percent"])
    assert [loc.duration(s) for s in WAITS] == _split(expected["duration"])
    assert [loc.target(s) for s in TARGETS] == _split(expected["target"])
    assert loc.duration(3_600_000, days=False) == expected["business"]
    assert [loc.certainty(v) for v in SCORES] == _split(expected["certainty"])


@pytest.mark.parametrize("lang", ["en", "pt-BR", "pt-PT"])
def test_alert_figures_match_the_desk(lang: str) -> None:
    """Alerts, tickets and drafts in `[routing] language` write numbers as the desk does."""
    wording, expected = wording_for(lang, "UTC"), EXPECTED[lang]
    assert [wording.number(n) for n in NUMBERS] == _split(expected["number"])
    assert [wording.decimal(v) for v in DECIMALS] == _split(expected["decimal"])
    assert [wording.decimal(v, 1) for v in DECIMALS] == _split(expected["decimal1"])
    assert [wording.reach(n) for n in REACH] == _split(expected["reach"])
    assert [wording.certainty(v) for v in SCORES] == _split(expected["certainty"])
