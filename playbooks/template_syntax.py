"""Jinja's syntax errors in plain words with their fix, for people who write reply templates
and do not program: an `{% if %}` left open (named by the line it opens on, not the file's
end), `{% end if %}` or `{% elseif %}` for a tag Jinja has, curly quotes a phone or word
processor typed, a `{# comment` left open, a filter that does not exist, `=` for `==`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from jinja2 import Environment, TemplateSyntaxError

# Tags that open a block, and the tag that closes it.
_BLOCKS = {
    "if": "endif",
    "for": "endfor",
    "macro": "endmacro",
    "call": "endcall",
    "filter": "endfilter",
    "with": "endwith",
    "block": "endblock",
    "raw": "endraw",
}
# What people write for Jinja's tags.
_TAG_FIXES = {"elseif": "elif", "elsif": "elif", "else if": "elif", "senao": "else", "se": "if"}
# Filters written in Portuguese: the one to write.
_FILTER_FIXES = {
    "maiusculas": "upper",
    "maiúsculas": "upper",
    "minusculas": "lower",
    "minúsculas": "lower",
    "capitalizar": "capitalize",
    "titulo": "title",
    "padrao": "default",
    "padrão": "default",
    "tamanho": "length",
    "juntar": "join",
    "primeiro": "first",
    "ultimo": "last",
}
_CURLY = "“”‘’«»„"


def explain(env: Environment, source: str, exc: TemplateSyntaxError) -> tuple[int, str]:
    """(the line to look at, what is wrong and the fix) for `exc`, raised parsing `source`."""
    message, line = exc.message or "", exc.lineno
    if char := re.match(r"unexpected char '(.)'", message):
        if char.group(1) in _CURLY:
            return line, (
                f"{char.group(1)} is a curly quote (phones and word processors type them), "
                "which Jinja does not read as one: write straight quotes, \"…\" or '…'"
            )
        return line, f"{char.group(1)!r} cannot stand inside {{{{ … }}}} or {{% … %}}; " + _BASICS
    if message.startswith("Missing end of comment tag"):
        return line, "a comment opened with {# is never closed: end it with #}"
    if filtered := re.match(r"No filter named '([^']*)'", message):
        return line, _no_filter(filtered.group(1), env.filters)
    if tag := re.match(r"Encountered unknown tag '([^']*)'", message):
        return _unknown_tag(env, source, tag.group(1), message, line)
    if message.startswith("Unexpected end of template"):
        return _left_open(env, source, line)
    if message.startswith("unexpected end of template, expected 'end of print"):
        return line, "a {{ is never closed: end the value with }}, as in {{ name }}"
    if message.startswith("unexpected end of template, expected 'end of statement"):
        return line, "a {% is never closed: end it with %}, as in {% if name %}"
    if message == "unexpected '}'":
        return line, "a {{ … }} ends with two braces, }}: write {{ brand }}, not {{ brand }"
    if "got '='" in message:
        return line, 'to compare, write == (one = sets nothing here): {% if reason == "delivery" %}'
    return line, f"Jinja cannot read it ({message}); " + _BASICS


_BASICS = 'write a value as {{ name }}, a test as {% if name %}…{% endif %}, text as "…"'


def _no_filter(name: str, filters: Collection[str]) -> str:
    meant = _FILTER_FIXES.get(name.lower()) or next(
        iter(difflib.get_close_matches(name, list(filters), n=1)), None
    )
    hint = f"did you mean |{meant}? " if meant else ""
    return (
        f"there is no filter |{name} (filter names are Jinja's, in English); {hint}"
        'e.g. |upper, |lower, |title, |default("…", true), |length, |join(", ")'
    )


def _unknown_tag(
    env: Environment, source: str, tag: str, message: str, line: int
) -> tuple[int, str]:
    looking = message.split("looking for", 1)[1] if "looking for" in message else ""
    expected = re.findall(r"'(\w+)'", looking)
    if tag.startswith("end") and tag not in expected and any(e.startswith("end") for e in expected):
        closing = next(e for e in expected if e.startswith("end"))
        opened = _opened(env, source)
        where = f" (opened on line {opened[1]})" if opened else ""
        return line, (
            f"{{% {tag} %}} closes nothing open here: the block open is "
            f"{{% {closing.removeprefix('end')} %}}{where}; close it with {{% {closing} %}} first"
        )
    if tag in _BLOCKS.values() or tag in ("elif", "else"):
        return line, f"{{% {tag} %}} has no {{% if %}} or {{% for %}} open before it to belong to"
    fix = _TAG_FIXES.get(tag) or next(
        iter(difflib.get_close_matches(tag, [*expected, *_BLOCKS, *_BLOCKS.values()], n=1)), None
    )
    if fix:
        return line, f"{{% {tag} %}} is not a Jinja tag; did you mean {{% {fix} %}}?"
    return line, (
        f"{{% {tag} %}} is not a Jinja tag: {{% … %}} is for if, elif, else, endif, for, set; "
        f"to write a value, write {{{{ {tag} }}}}"
    )


def _left_open(env: Environment, source: str, line: int) -> tuple[int, str]:
    opened = _opened(env, source)
    if opened is None:
        return line, "the template ends inside a {% … %} or {{ … }}: close it with %} or }}"
    tag, at = opened
    return at, (
        f"the {{% {tag} %}} on line {at} is never closed: add {{% {_BLOCKS[tag]} %}} where "
        "the text it covers ends"
    )


def _opened(env: Environment, source: str) -> tuple[str, int] | None:
    """The innermost block tag left open at the end of `source`, and its line."""
    stack: list[tuple[str, int]] = []
    previous = ""
    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError:
        return None
    for line, kind, value in tokens:
        if kind == "name" and previous == "block_begin":
            if value in _BLOCKS:
                stack.append((value, line))
            elif stack and _BLOCKS[stack[-1][0]] == value:
                stack.pop()
        previous = kind if kind != "whitespace" else previous
    return stack[-1] if stack else None
