"""One reading of a language tag for corrections and for detection (`lang.primary_code`)."""

from __future__ import annotations

import pytest

from mentiondesk.corrections import corrected, relabel
from mentiondesk.models import Label
from mentiondesk.store import Store
from sentiment import lang
from tests.helpers import mention


@pytest.mark.parametrize(
    ("tag", "code"),
    [("pt-BR", "pt"), ("PT_pt", "pt"), ("en", "en"), ("", "und"), (None, "und"), ("-x", "und")],
)
def test_a_tag_is_read_as_its_language_alone(tag: str | None, code: str) -> None:
    assert lang.primary_code(tag) == code


def test_detection_takes_a_platform_hint_as_its_language_alone() -> None:
    hints = ["pt-BR", "pt_PT", "EN-gb", "qme", None]
    # "x" says too little to be read: the hint decides, and "qme" (X's "mentions only") is none.
    assert lang.detect(["x"] * len(hints), hints) == ["pt", "pt", "en", "und", "und"]


def test_a_correction_learns_in_its_platforms_language_alone(store: Store) -> None:
    # Unread mentions (no reading): the platform's hint is all there is to go by.
    tags = ["pt-BR", "pt-PT", "en-GB", None]
    posts = [
        mention(n, f"@lumora post {n}", author=f"a{n}", lang=tag) for n, tag in enumerate(tags, 1)
    ]
    store.ingest("test", posts, None)
    for n in range(1, len(tags) + 1):
        relabel(store, n, Label.NEGATIVE)
    assert [code for _, _, code in corrected(store).examples] == ["pt", "pt", "en", "und"]
