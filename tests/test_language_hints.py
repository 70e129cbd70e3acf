"""A platform's language hint is kept only when it is shaped as a language tag."""

from __future__ import annotations

import pytest

from mentiondesk.models import Mention, short_lang
from sentiment.lang import detect
from tests.helpers import mention

# Each fits the 16-character column: OSC 0 retitles the terminal window, SGR 8 hides all that
# is printed after it, and rich reads "[blink]" as markup (the table cell comes out empty).
RETITLE = "\x1b]0;pwned\x07"
CONCEAL = "\x1b[8m"
HOSTILE = [RETITLE, CONCEAL, "[blink]", "pt BR", "pt\x1b", "ptç", "x-klingon", "-pt", "pt-"]


@pytest.mark.parametrize("tag", HOSTILE)
def test_a_hint_not_shaped_as_a_language_tag_is_no_hint(tag: str) -> None:
    assert short_lang(tag) is None
    assert mention(1, lang=tag).lang is None
    assert detect(["my order is late again"], [tag]) == ["en"]  # the text decides


def test_a_hint_of_no_text_type_is_no_hint() -> None:
    data = mention(1).to_dict() | {"lang": {"x": 1}}  # a replay file's line, say
    assert Mention.from_dict(data).lang is None


# Spaces around a tag and "_" for "-" (as in locale names) are read as the tag they mean.
@pytest.mark.parametrize(
    ("tag", "kept"), [(" en ", "en"), ("pt_BR", "pt-BR"), ("zh_Hant_TW", "zh-Hant-TW")]
)
def test_a_well_formed_hint_is_kept(tag: str, kept: str) -> None:
    assert mention(1, lang=tag).lang == kept
    assert detect(["x"], [tag]) == [kept[:2].lower()]
