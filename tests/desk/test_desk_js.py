"""The desk's script (desk-core.js and the parts base.html loads after it) parses in every
browser the desk supports and writes only the server's words: no regex lookbehind (a parse
error for the whole script in Safari before 16.4), no English copy of i18n.JS_STRINGS to
drift from it, and every word it uses is in each language."""

from __future__ import annotations

import re

import pytest

from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, JS_STRINGS, PORTUGUESE, Locale
from tests.desk.desk_static import DESK_JS, SCRIPTS, STATIC


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


def test_the_script_parts_share_one_namespace_and_no_other_global() -> None:
    # Each part is wrapped in its own function; what they share is window.mentiondesk, set by
    # the first one base.html loads, and a part written before it would find nothing there.
    assert SCRIPTS[0] == "desk-core.js" and len(SCRIPTS) >= 2
    assert DESK_JS.count("window.mentiondesk = {") == 1
    for name in SCRIPTS:
        text = (STATIC / name).read_text(encoding="utf-8")
        assert text.startswith("//") and '(function () {\n  "use strict";' in text, name
        assert text.rstrip().endswith("})();"), name
        sets = re.findall(r"window\.(\w+)\s*=", text)
        assert sets == (["mentiondesk"] if name == SCRIPTS[0] else []), name
