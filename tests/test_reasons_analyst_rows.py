"""Complaint reasons as a CS analyst's monthly "recurring problems" view needs them.

Complaints written for these tests (none copied from the data sets), in pt-BR, pt-PT and English,
with shorthand ("n", "ngm", "vc"), no accents, several problems in one post and a problem denied
beside the real one. `reasons_analyst_fixed.tsv` holds the ones read wrong before: an app that
won't open read as no reason, "descontado da minha conta" as a sign-in, a defect nobody answered
about as a support problem. `reasons_analyst_kept.tsv` holds ones read right, kept so.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sentiment.reasons import complaint_reason

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [(r["reason"], r["text"]) for r in csv.DictReader(handle, delimiter="\t")]


@pytest.mark.parametrize(("reason", "text"), _rows("reasons_analyst_fixed.tsv"))
def test_misread_complaints_get_their_reason(reason: str, text: str) -> None:
    assert complaint_reason(text) == reason


@pytest.mark.parametrize(("reason", "text"), _rows("reasons_analyst_kept.tsv"))
def test_complaints_read_right_stay_right(reason: str, text: str) -> None:
    assert complaint_reason(text) == reason
