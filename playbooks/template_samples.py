"""What a reply template must survive before it is used: the sample author, and one with no
readable name. Playbook templates and saved replies share it, and so the wording."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Template, TemplateError

# What rendering a reply text can raise besides TemplateError: the sandbox lets plain Python
# errors through (`{{ 1 / name|length }}`, `{{ full_name.split()[1] }}`).
RENDER_ERRORS = (TemplateError, ArithmeticError, LookupError, TypeError, ValueError)


class NamelessAuthor(ValueError):
    """A text that renders for the sample author but not for one with no readable name (the
    desk's saved-reply editor words this failure on its own)."""


class _NoName:
    """`{{ name }}` for the nameless sample. The real value, "", writes nothing without an
    error ("Hi , thanks…"); this one is as false and as empty as "" when tested (`{% if name
    %}`, `name or "there"`, `name|default("there", true)`, `name|length`, `name == ""`) but
    an error wherever it would be written, cut or changed (`name|upper`, `name[:1]`)."""

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str | _NoName) and not other

    def __hash__(self) -> int:
        return hash("")

    def _written(self, *_: object) -> str:
        raise ValueError('{{ name }} would be written as nothing ("Hi , thanks…")')

    __str__ = __format__ = __add__ = __radd__ = __mod__ = __getitem__ = __iter__ = _written


def check_samples(
    template: Template, sample: Mapping[str, Any], nameless: Mapping[str, Any]
) -> None:
    """Render `template` for the sample author and for one with no readable name (`name` "",
    standing in as `_NoName`; `full_name` one word: "@@@", common on Hacker News and Reddit);
    ValueError saying which failed and the fix. Playbook templates and saved replies share
    it, and so the wording."""
    try:
        template.render(**sample)
    except RENDER_ERRORS as exc:
        raise ValueError(f"{exc}; fix the template syntax ({{{{ name }}}})") from None
    try:
        template.render(**{**nameless, "name": _NoName()})
    except RENDER_ERRORS as exc:
        raise NamelessAuthor(
            f'cannot be filled in for an author with no readable name ({{{{ name }}}} is "" '
            f'and {{{{ full_name }}}} one word, e.g. "@@@"): {exc}; put {{{{ name }}}} inside '
            '{% if name %}…{% endif %} or write {{ name or "there" }}, and use {{ full_name }} '
            "as it is, without splitting it"
        ) from None
