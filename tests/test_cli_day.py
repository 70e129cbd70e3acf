"""A day on the command line (`report --since`) as the desk's people write it: 2026-11-30, or
day first as Brazil and Portugal do, 30/11/2026; never month first."""

from __future__ import annotations

from datetime import date

import pytest
import typer

from mentiondesk.cli_common import day


@pytest.mark.parametrize(
    "written",
    ["2026-11-30", " 2026-11-30 ", "2026/11/30", "30/11/2026", "30-11-2026", "30.11.2026"],
)
def test_a_day_is_taken_year_first_or_day_first(written: str) -> None:
    assert day(written) == date(2026, 11, 30)


def test_a_short_day_and_month_are_day_first() -> None:
    assert day("1/2/2026") == date(2026, 2, 1) and day("2026-2-1") == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        (
            "11/30/2026",  # month first: the 30th month
            "'11/30/2026' is not a day; write the day as YYYY-MM-DD, e.g. 2026-10-20, "
            "or day first, DD/MM/YYYY, e.g. 20/10/2026",
        ),
        ("31/11/2026", "'31/11/2026' is not a day"),
        ("30/11-2026", "'30/11-2026' is not a day"),
        ("30/11/26", "'30/11/26' has no year in full; write the year in full, e.g. 20/10/2026"),
        ("01/01/0206", "'01/01/0206' is before 1970; write the year in full, e.g. 20/10/2026"),
        ("0206-01-01", "'0206-01-01' is before 1970; write the year in full, e.g. 2026-10-20"),
        ("٣٠/١١/٢٠٢٦", "is not a day"),
    ],
)
def test_a_day_that_cannot_be_read_is_refused_in_words(written: str, says: str) -> None:
    with pytest.raises(typer.BadParameter) as refused:
        day(written)
    assert says in str(refused.value)
