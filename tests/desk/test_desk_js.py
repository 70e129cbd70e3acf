"""desk.js parses in every browser the desk supports and writes only the server's words:
no regex lookbehind (a parse error for the whole script in Safari before 16.4), no English
copy of i18n.JS_STRINGS to drift from it, and every word it uses is in each language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentiondesk.web import i18n
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, JS_STRINGS, PORTUGUESE, Locale

DESK_JS = (Path(i18n.__file__).parent / "static" / "desk.js").read_text(encoding="utf-8")


def test_desk_js_has_no_lookbehind() -> None:
    # "(?<!" and "(?<=", in a regex literal or a string built into one; named groups "(?<n>"
    # are as new (Safari 16.4), so none of those either.
    assert "(?<" not in DESK_JS


def test_desk_js_keeps_no_copy_of_the_servers_words() -> None:
    quoted = set(re.findall(r'"((?:[^"\\]|\\.)*)"', DESK_JS))  # its string literals
    copied = [text for text in JS_STRINGS.values() if text in quoted]
    assert copied == []


@pytest.mark.parametrize("locale", [ENGLISH, PORTUGUESE, EUROPEAN_PORTUGUESE], ids=str)
def test_every_word_desk_js_uses_is_sent_in_each_language(locale: Locale) -> None:
    used = set(re.findall(r"\bSTRINGS\.(\w+)", DESK_JS))
    assert len(used) >= 8  # the pattern still finds them
    sent = locale.template_context()["js_strings"]
    assert isinstance(sent, dict)
    assert used <= sent.keys()
    assert all(isinstance(sent[key], str) and sent[key] for key in used)
