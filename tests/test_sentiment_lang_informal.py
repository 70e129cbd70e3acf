"""Short informal posts (pt-BR and pt-PT internet spelling, es and en look-alikes) get the
right language: "mto bom" read as `und` and "show de bola" as English meant an English draft
for a Brazilian, and the e5 classifier's Portuguese adapter went unused."""

from __future__ import annotations

import pytest

from sentiment import lang
from tests.lang_sets import tagged_rows

_ROWS = tagged_rows("lang_informal.tsv", lang.primary_code)


def test_the_set_is_big_enough_and_mixed() -> None:
    codes = [code for code, _ in _ROWS]
    assert len(_ROWS) >= 40
    assert {"pt", "es", "en"} <= set(codes)


@pytest.mark.parametrize("text", [text for code, text in _ROWS if code == "pt"])
def test_informal_portuguese_is_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


# A look-alike may stay `und` (the platform and the author's handle then decide), but it must
# never be made Portuguese, nor another language: "show", "top", "no", "q" decide nothing.
@pytest.mark.parametrize(("text", "code"), [(text, code) for code, text in _ROWS if code != "pt"])
def test_look_alikes_keep_their_language(text: str, code: str) -> None:
    assert lang.detect([text])[0] in (code, lang.UNDETERMINED)


def test_look_alikes_are_mostly_told() -> None:
    others = [(text, code) for code, text in _ROWS if code != "pt"]
    found = lang.detect([text for text, _ in others])
    right = sum(got == code for got, (_, code) in zip(found, others, strict=True))
    assert right >= len(others) - 3


# "to" and "so" are also Brazilian "tô" and "só" ("to puto com a lumora", "so da erro", in the
# set above); alone, or before English, they stay English or `und`, never Portuguese.
@pytest.mark.parametrize(
    "text",
    [
        "so sad",
        "I'm so done",
        "to be honest",
        "going to",
        "so what",
        "so da bomb",
        "ta bien",
        "flight to Orlando",
        "so proud of the team",
        "non lo so",
    ],
)
def test_to_and_so_alone_are_not_portuguese(text: str) -> None:
    assert lang.detect([text]) != ["pt"]
