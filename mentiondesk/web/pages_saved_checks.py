"""What the Saved replies page checks a save against, and says about it: the file's check
(saved_replies.check_reply), then the editor's own: a placeholder in single braces ("{name}",
sent as written; the file's load refuses it too, saved_file), and a `{{ case }}` or
`{{ case_opened }}` written where a post may join no case (saved_case: "Your case , opened on ,
…"). The page's hint says how to write them."""

from __future__ import annotations

import asyncio

from jinja2 import Template

from mentiondesk.saved_braces import refuse_single_braces
from mentiondesk.saved_case import case_hole, text_hole
from mentiondesk.saved_desk import StoredReply, Taken
from mentiondesk.saved_replies import ReplyRefused, SavedReply, check_reply, placeholders
from mentiondesk.web.i18n import Locale
from mentiondesk.web.saved_words import Refusal, refused_reason

IF_CASE = "{% if case %}…{% endif %}"


async def checked(typed: dict[str, str]) -> tuple[SavedReply, Template]:
    """check_editor off the event loop: it compiles and renders the text (bounded by its small
    language, yet not the loop's work while the pipeline and Slack's 3-second acks share it)."""
    return await asyncio.to_thread(check_editor, typed)


def check_editor(typed: dict[str, str]) -> tuple[SavedReply, Template]:
    """The file's check, then the editor's own; ReplyRefused for the first problem."""
    result = check_reply(typed)
    refuse_single_braces(typed["text"])
    refuse_case_hole(typed["text"])
    return result


class CaseUnsure(ReplyRefused):
    """A text the case check cannot follow (playbooks/case_guard): it may leave the gap, and
    the page says so, naming the construct (`{% set c %}`, `{% call %}`) as the text writes it."""

    def __init__(self, message: str, *, name: str, construct: str) -> None:
        super().__init__(message, kind="case", detail=name)
        self.construct = construct


def refuse_case_hole(text: str) -> None:
    """ReplyRefused (kind "case", detail: "case" or "case_opened") for a text that writes a
    case value as it is where a post may join no case: it would leave a gap there; CaseUnsure
    where the check cannot tell."""
    hole = text_hole(text)
    if hole is None:
        return
    name = hole.name
    if hole.unsure:
        message = (
            f"cannot tell whether {{{{ {name} }}}} is written only on a post that joins a case: "
            f"it goes through {hole.unsure}, which the check does not follow; write "
            f"{{{{ {name} }}}} itself inside {IF_CASE}, or write {_or(name)}"
        )
        raise CaseUnsure(message, name=name, construct=hole.unsure)
    message = (
        f'{{{{ {name} }}}} is "" on a post that joins no case (the reply would read "your case '
        f' is…"): put it inside {IF_CASE}, or write {_or(name)}'
    )
    raise ReplyRefused(message, kind="case", detail=name)


def reason(loc: Locale, exc: ReplyRefused | Taken, *, reply_id: str, file: str) -> Refusal:
    """What the page says about a refused save, in `loc`'s language (saved_words, and the
    editor's case check here)."""
    if isinstance(exc, CaseUnsure):
        said = loc.t(
            "The check cannot tell whether {value} is written only on a post that joins a "
            "case: it goes through {construct}, which the check does not follow. {value} is "
            "empty on a post with no case: write it itself inside {if_case}, or write "
            "{value_or}.",
            value="{{ " + exc.detail + " }}",
            construct=exc.construct,
            if_case=IF_CASE,
            value_or=_or(exc.detail),
        )
        return Refusal(said, "", "text")
    if isinstance(exc, ReplyRefused) and exc.kind == "case":
        said = loc.t(
            "{value} is empty on a post that joins no case, so this text would leave a gap "
            "there (“your case  is…”). Put it inside {if_case}, or write {value_or}.",
            value="{{ " + exc.detail + " }}",
            if_case=IF_CASE,
            value_or=_or(exc.detail),
        )
        return Refusal(said, "", "text")
    return refused_reason(loc, exc, reply_id=reply_id, file=file)


def left_out(reply: StoredReply, file_ids: frozenset[str]) -> str | None:
    """Why the picker leaves a desk-made reply out: "file" (the file took its id since), or
    "check" (it no longer passes the check, after an upgrade); None: offered."""
    if reply.id in file_ids:
        return "file"
    try:
        check_reply(reply.values())
    except ValueError:
        return "check"
    return None


def no_case_fix(loc: Locale, text: str, file: str = "") -> str | None:
    """How to fix a reply the picker leaves out on a post that joins no case (it writes a case
    value where it may be "", saved_case), said under the page's "not offered on posts with no
    case"; `file`: where one of the file's is fixed. None: it is offered there too."""
    name = case_hole(text)
    if name is None:
        return None
    values = {"value": "{{ " + name + " }}", "if_case": IF_CASE, "value_or": _or(name)}
    if file:
        return loc.t(
            "In {file}, put {value} inside {if_case}, or write {value_or}: it is empty on a "
            "post with no case.",
            file=file,
            **values,
        )
    return loc.t(
        "Edit it: put {value} inside {if_case}, or write {value_or}: it is empty on a post "
        "with no case.",
        **values,
    )


def hint(loc: Locale) -> str:
    """The form's hint: the placeholders, and how to write those a post may leave empty."""
    names = loc.t(
        "Placeholders, filled in for the case: {list}. Use {name} only inside {if_name}: "
        "some authors have no readable name.",
        list=placeholders(),
        name="{{ name }}",
        if_name="{% if name %}…{% endif %}",
    )
    case = loc.t(
        "{case_opened} is the day the case was opened, written as the reply’s language "
        "writes dates ({pt_date} in Portuguese, {en_date} in English); it and {case} are "
        "empty on a post with no case.",
        case_opened="{{ case_opened }}",
        case="{{ case }}",
        pt_date="12/03/2026",
        en_date="12 March 2026",
    )
    guard = loc.t(
        "Write them inside {if_case}, or as {case_or}: a reply must read well on a post with "
        "no case too.",
        if_case=IF_CASE,
        case_or=_or("case"),
    )
    return f"{names} {case} {guard}"


def _or(name: str) -> str:
    """The value with a fallback, as a text writes it: `{{ case or "…" }}`."""
    return "{{ " + name + ' or "…" }}'
