"""A saved reply's text checked and compiled: the playbook templates' syntax in their sandbox,
cut down to saved_syntax's small language, with only the placeholders a reply may fill in
(SAMPLE), each problem a ReplyRefused that names its line, what it found and the fix. The
file's check (saved_file) and the desk's editor (saved_replies.check_reply) both come here."""

from __future__ import annotations

import functools
from datetime import UTC

from jinja2 import Template, TemplateError, TemplateSyntaxError, meta, nodes

from mentiondesk.saved_meant import guess
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
from playbooks.template_samples import NamelessAuthor, check_samples
from playbooks.template_syntax import explain

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
_ENV = sandbox()


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
