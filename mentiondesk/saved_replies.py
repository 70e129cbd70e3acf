"""Saved replies: the team's ready texts, written in a TOML file (`[desk] saved_replies`) or
made in the desk (saved_desk.py), checked alike here (their text by saved_text) and personalised
for a case with the playbook templates' syntax and sandbox (`{{ name }}`)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from jinja2 import Template
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mentiondesk.config_problems import problems_of
from mentiondesk.saved_case import need_case
from mentiondesk.saved_order import Filled, for_reply, in_order
from mentiondesk.saved_text import NAMELESS as NAMELESS  # the tests and the desk read them here
from mentiondesk.saved_text import SAMPLE as SAMPLE
from mentiondesk.saved_text import ReplyRefused as ReplyRefused
from mentiondesk.saved_text import compile_text as compile_text
from mentiondesk.saved_text import placeholders as placeholders
from playbooks.template_samples import RENDER_ERRORS

_LOGGER = logging.getLogger(__name__)
_LANG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
# The longest text a reply may fill in to (its own limit, with room for the placeholders'
# values); a longer one is left out of the picker.
MAX_FILLED = 10_000


class SavedReply(BaseModel):
    """One ready text: `id` (in links), `title` (in the picker), `lang`, `text`, and `kind`:
    offered by public reply boxes only, by private-message ones only, or (None) by both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    title: str = Field(min_length=1, max_length=120)
    lang: str
    text: str = Field(min_length=1, max_length=5000)
    # "…send us your order number by DM" reads oddly inside a private message.
    kind: Literal["public", "private"] | None = None

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str) -> str:
        if not _LANG.fullmatch(value):
            raise ValueError(
                f'{value!r}: write a language ("en", "pt") or language-REGION ("pt-BR", "pt-PT")'
            )
        return value

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> object:
        if value not in ("public", "private", None):
            raise ValueError(
                f'{value!r}: write "public" or "private", or leave kind out for both kinds of reply'
            )
        return value


class SavedRepliesFile(BaseModel):
    """The file: a list of `[[replies]]` tables."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    replies: list[SavedReply] = Field(min_length=1)


@dataclass(frozen=True)
class SavedReplies:
    """The validated replies, compiled once; `for_case` fills them in for one case."""

    replies: tuple[SavedReply, ...]
    compiled: Mapping[str, Template]
    # Those that write `{{ case }}` or `{{ case_opened }}` where a post may join no case
    # (saved_case): left out of such a post's picker rather than offered with a hole.
    need_case: frozenset[str] = frozenset()

    def for_case(
        self,
        lang: str,
        values: Mapping[str, str],
        now: datetime | None = None,
        opened: datetime | None = None,
    ) -> list[Filled]:
        """Every reply filled with `values`, in `lang`'s order (`in_order`); with `now` (the
        desk's time, in its zone) its `{{ time_greeting }}` in its own language (`greeted`),
        and its `{{ case_opened }}` the day the case was `opened` (None: no case, ""); with no
        `case`, those that would write it as "" are left out."""
        caseless = not values.get("case")
        filled = (
            (r, self._fill(r.id, for_reply(values, now, opened, r.lang or lang)))
            for r in self.replies
            if not (caseless and r.id in self.need_case)
        )
        return in_order(
            [
                Filled(r.id, r.title, r.lang, text, False, r.kind)
                for r, text in filled
                if text is not None
            ],
            lang,
        )

    def _fill(self, reply_id: str, values: Mapping[str, str]) -> str | None:
        """The reply filled in; None (and a log line naming only its id: the values are the
        author's) when it cannot be for this case: the picker leaves it out, the page shows."""
        try:
            return fill(self.compiled[reply_id], values)
        except Unfilled as exc:
            _LOGGER.warning("saved reply %r left out of a case's picker: %s", reply_id, exc.why)
            return None


class Unfilled(Exception):
    """A reply that cannot be filled in; `why` says so for the log, naming only the template's
    error type (never the values: they are the author's)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def fill(template: Template, values: Mapping[str, str]) -> str:
    """A reply's text filled with `values`, in the sandbox; Unfilled when it fails, or makes
    over MAX_FILLED characters. The picker's and the Saved replies page's preview alike."""
    try:
        text = template.render(**values).strip()
    except RENDER_ERRORS as exc:
        raise Unfilled(f"it cannot be filled in ({type(exc).__name__})") from None
    if len(text) > MAX_FILLED:
        raise Unfilled(f"filled in, it is over {MAX_FILLED} characters")
    return text


def load_saved_replies(path: Path, *, key: str = "desk.saved_replies") -> SavedReplies:
    """Read and check `path`; ConfigError naming the key, the file's line, the entry, the
    problem and the fix (saved_file)."""
    # Here, not at the top: saved_file builds on this module.
    from mentiondesk.saved_file import load

    return load(path, key=key)


def check_reply(values: Mapping[str, str]) -> tuple[SavedReply, Template]:
    """One reply as the desk's editor sends it (id, title, lang, text, kind: "" for both),
    checked exactly as the file's entries are; ReplyRefused for its first problem."""
    try:
        reply = SavedReply.model_validate({k: v for k, v in values.items() if v or k != "kind"})
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        raise ReplyRefused(problems_of(exc, SavedReply)[0], kind=str(loc[0])) from None
    return reply, compile_text(reply.text)


def with_desk(file: SavedReplies | None, made: Iterable[Mapping[str, str]]) -> SavedReplies | None:
    """The file's replies, then those made in the desk, for the picker; None when there are
    none. A desk reply whose id the file now uses, or that no longer passes the check (a
    newer release's), is left out: the Saved replies page shows it."""
    replies = list(file.replies) if file else []
    compiled = dict(file.compiled) if file else {}
    for values in made:
        if values["id"] in compiled:
            continue
        try:
            reply, compiled[values["id"]] = check_reply(values)
        except ValueError as exc:
            _LOGGER.warning("saved reply %r left out of the picker: %s", values["id"], exc)
            continue
        replies.append(reply)
    return (
        SavedReplies(tuple(replies), compiled, need_case({r.id: r.text for r in replies}))
        if replies
        else None
    )


def from_config(base_dir: Path, setting: str | None) -> SavedReplies | None:
    """`[desk] saved_replies`, relative to the config file's folder; None when not set."""
    return load_saved_replies(base_dir / setting) if setting else None
