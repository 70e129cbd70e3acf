"""Saved replies: the team's ready texts, written in a TOML file (`[desk] saved_replies`) or
made in the desk (saved_desk.py), checked alike here and personalised for a case with the
playbook templates' syntax and sandbox (`{{ name }}`)."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from jinja2 import Template, TemplateError, TemplateSyntaxError, meta, nodes
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mentiondesk.config_problems import problems_of
from mentiondesk.saved_case import need_case
from mentiondesk.saved_meant import guess
from mentiondesk.saved_order import Filled, for_reply, in_order
from mentiondesk.saved_syntax import NotAllowed, TooDeep, check_small
from playbooks.placeholders import (
    LONGEST_TIME_GREETING,
    SAMPLE_MENTION,
    SAMPLE_NAMELESS,
    SAMPLE_OPENED_AT,
    case_opened,
    mention_values,
)
from playbooks.sandbox import sandbox
from playbooks.template_checks import joined_line
from playbooks.template_names import unknown_names
from playbooks.template_samples import RENDER_ERRORS, NamelessAuthor, check_samples
from playbooks.template_syntax import explain

_LOGGER = logging.getLogger(__name__)
# What a saved reply may say about the case: what a playbook draft says about the author and
# brand (`name`, `full_name`, `handle`, `platform`, `brand`, `time_greeting`) and the case
# (`case`, `case_opened`: "" on a page with no case), and the desk's own; a sample of each
# checks the texts at start-up (the longest greeting and date: any hour's and day's fit).
SAMPLE: dict[str, str] = {
    **mention_values(SAMPLE_MENTION, brand="Lumora"),
    "agent": "ana",  # the desk user who picks it
    "case": "MD-000001",
    "case_opened": case_opened(SAMPLE_OPENED_AT, "en", UTC),
    "time_greeting": LONGEST_TIME_GREETING,
}
# The same for an author with no readable name (name "", full_name "@@@"): a text that only
# renders for named authors is refused at start-up, not found on a case page.
NAMELESS: dict[str, str] = {**SAMPLE, **mention_values(SAMPLE_NAMELESS, brand="Lumora")}
_LANG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
_ENV = sandbox()
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


class ReplyRefused(ValueError):
    """Why one saved reply is refused, in the loader's words; `kind` lets the desk's editor
    say it in the page's language: a field's rule ("id", "title", "lang", "text", "kind"), or
    the text's "syntax", a "construct" saved replies do not allow, a text "nested" too deeply,
    an "unknown" placeholder, "nameless" or "sample" author that cannot be filled in, lines
    "joined" by a tag at a line's end (`detail`: the next line's word); `detail`
    is what it names (the placeholders, the construct as written, the template's error);
    `line`: the text's line at fault (the file's check names the file's line from it)."""

    def __init__(self, message: str, *, kind: str, detail: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.kind, self.detail, self.line = kind, detail, line


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


# Cached: the case page checks the desk's replies on each view (the same few texts), and a
# template, once compiled, renders from any thread.
@functools.lru_cache(maxsize=512)
def compile_text(text: str) -> Template:
    """The text as a template; ReplyRefused for a syntax error, a construct outside the
    saved replies' small language (saved_syntax: checked on the parsed text, before anything
    is compiled or rendered), an unknown placeholder (in any branch of an `{% if %}`, not
    only the one the sample takes), or a text that cannot be filled in for the sample author
    or for one with no readable name."""
    try:
        tree = _ENV.parse(text)
        check_small(tree)
        template = _ENV.from_string(tree)
        unknown = meta.find_undeclared_variables(tree) - set(SAMPLE)
    except NotAllowed as exc:
        at, why = _owner(tree, exc) or (1, str(exc))
        raise ReplyRefused(why, kind="construct", detail=exc.what, line=at) from None
    except (TooDeep, RecursionError):  # Jinja's parser recurses: deeper still, it gives up
        raise ReplyRefused(str(TooDeep()), kind="nested") from None
    except TemplateSyntaxError as exc:
        # In plain words with the fix, as a playbook template's (`detail` keeps Jinja's own:
        # the desk's editor words it in the page's language).
        line, said = explain(_ENV, text, exc)
        raise ReplyRefused(said, kind="syntax", detail=str(exc), line=line) from None
    except (TemplateError, SyntaxError, MemoryError) as exc:
        # SyntaxError, MemoryError: Python's compiler refusing the code Jinja made of it, a
        # limit check_small missed; the text is refused, never a 500 or a traceback.
        error = str(exc) if isinstance(exc, TemplateError | SyntaxError) else "too complex"
        message = f"{error}; fix the template syntax ({{{{ name }}}})"
        raise ReplyRefused(message, kind="syntax", detail=error) from None
    if unknown:
        raise _unknown(tree, unknown)
    if joined := joined_line(text):  # a tag at a line's end takes the break: "….Obrigado"
        said = f"line {joined.line} ends in {joined.tag}, which takes the line break with it"
        raise ReplyRefused(said, kind="joined", detail=joined.word, line=joined.line)
    try:
        check_samples(template, SAMPLE, NAMELESS)
    except NamelessAuthor as exc:
        raise ReplyRefused(str(exc), kind="nameless") from None
    except ValueError as exc:
        raise ReplyRefused(str(exc), kind="sample", detail=str(exc).split(";")[0]) from None
    return template


def _unknown(tree: nodes.Template, unknown: set[str]) -> ReplyRefused:
    """The first unknown placeholder, on its line, with the one meant (`nome`: `name`)."""
    found = unknown_names(tree, unknown, list(SAMPLE))
    first = min((n for n in tree.find_all(nodes.Name) if n.name in unknown), key=lambda n: n.lineno)
    meant = guess(first.name, SAMPLE)
    hint = f"did you mean {{{{ {meant} }}}}? " if meant else ""
    names = ", ".join(repr(v) for v in sorted(unknown))
    message = (
        f"{first.name!r} is not a placeholder (they are in English); {hint}use one of "
        f"{placeholders()}"
    )
    line = found[0] if found else first.lineno
    return ReplyRefused(message, kind="unknown", detail=names, line=line)


def _owner(tree: nodes.Template, exc: NotAllowed) -> tuple[int, str] | None:
    """`{{ author.name }}` (a value read from an object there is not): the placeholder to
    write, in template_names' words, rather than only "x.y is not allowed"."""
    if exc.what != "x.y":
        return None
    owners = {
        g.node.name
        for g in tree.find_all(nodes.Getattr)
        if isinstance(g.node, nodes.Name) and g.node.name not in SAMPLE
    }
    return unknown_names(tree, owners, list(SAMPLE)) if owners else None


def placeholders() -> str:
    """The placeholders a text may use, as the editor's refusals and hints list them."""
    return ", ".join("{{ " + v + " }}" for v in sorted(SAMPLE))


def from_config(base_dir: Path, setting: str | None) -> SavedReplies | None:
    """`[desk] saved_replies`, relative to the config file's folder; None when not set."""
    return load_saved_replies(base_dir / setting) if setting else None
