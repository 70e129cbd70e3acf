"""Saved replies (managers): the file's, read-only, and those made in the desk, which a manager
adds, edits and deletes here without a restart. A save is checked exactly as the file is; a
refused one redirects (Post/Redirect/Get) to the form, shown once with the typed values and
the reason (kept with the session, flash.py: a reload shows the form afresh and resends
nothing). An edit or delete acts only on the version the page showed: a colleague's change
since is never overwritten unread, and the page saying so (with the typed text) is reached
by a redirect too."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from aiohttp import web

from mentiondesk import saved_desk
from mentiondesk.audit import latest
from mentiondesk.saved_desk import Changed, StoredReply, Taken
from mentiondesk.saved_replies import ReplyRefused
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.common import DESK, redirect, render, require, said, session
from mentiondesk.web.flash import Said
from mentiondesk.web.form_values import typed
from mentiondesk.web.i18n import ZONE, negotiate
from mentiondesk.web.pages_saved_checks import checked, hint, left_out, no_case_fix, reason
from mentiondesk.web.saved_landing import landing, next_after
from mentiondesk.web.saved_picker import SAVED
from mentiondesk.web.saved_preview import previews, sample
from mentiondesk.web.saved_words import FIELDS, Refusal
from mentiondesk.web.users import Role

PAGE = "/saved-replies"
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_LANG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")  # as SavedReply's: "en", "pt-BR"
_FIELDS = ("id", "title", "lang", "text", "kind")
_KEPT = "saved-refused"  # what a refused save keeps for the form's page (flash.py)
_CHANGED = "saved-changed"  # what a save or delete over a colleague's change keeps (flash.py)


@dataclass(frozen=True)
class Form:
    """The page's form: adding (`seen` ""), editing or confirming the delete of a reply as it
    stood (`seen`: its version then), with the values to show (as stored, or as typed)."""

    mode: str  # "add" | "edit" | "delete"
    values: dict[str, str] = field(default_factory=dict)
    seen: str = ""


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get(PAGE, page)
    router.add_post(PAGE, add)
    router.add_get(PAGE + "/{id}", edit_form)
    router.add_post(PAGE + "/{id}", edit)
    router.add_get(PAGE + "/{id}/delete", delete_form)
    router.add_post(PAGE + "/{id}/delete", delete)


@require(Role.MANAGER)
async def page(request: web.Request) -> web.Response:
    typed = _typed_over(request, "edit")  # deleted meanwhile: the text to add again
    if typed:
        return await _changed(request, typed)
    kept = _kept(request, "add")
    if kept:
        return await _page(request, kept[0], refused=kept[1])
    return await _page(request, Form("add", {"lang": _lang(request)}))


@require(Role.MANAGER)
async def edit_form(request: web.Request) -> web.Response:
    typed = _typed_over(request, "edit")
    if typed and typed.get("id") == _reply_id(request):
        return await _changed(request, typed)
    reply = await _stored(request)
    kept = _kept(request, "edit")
    if kept and kept[0].values.get("id") == reply.id:
        return await _page(request, kept[0], refused=kept[1])
    return await _page(request, Form("edit", reply.values(), reply.version))


@require(Role.MANAGER)
async def delete_form(request: web.Request) -> web.Response:
    """The confirmation step (a page of its own, so it works without JavaScript)."""
    changed = _typed_over(request, "delete") is not None
    reply = await _stored(request)
    form = Form("delete", reply.values(), reply.version)
    return await _page(request, form, changed=changed)


@require(Role.MANAGER)
async def add(request: web.Request) -> web.StreamResponse:
    desk, typed = request.app[DESK], await _typed(request)
    try:
        reply, _ = await checked(typed)
        reserved = _file_ids(request)
        who = session(request).user.name
        await desk.db(saved_desk.add_reply, desk.store, reply, by=who, reserved=reserved)
    except (ReplyRefused, Taken) as exc:
        raise _refused(request, Form("add", typed), exc) from None
    raise redirect(PAGE, "saved-reply-added", reply=reply.id)


@require(Role.MANAGER)
async def edit(request: web.Request) -> web.StreamResponse:
    desk, reply_id = request.app[DESK], _reply_id(request)
    typed = {**await _typed(request), "id": reply_id}  # the id stays: links name it
    seen = await _seen(request)
    try:
        reply, _ = await checked(typed)
        who = session(request).user.name
        await desk.db(saved_desk.edit_reply, desk.store, reply, seen=seen, by=who)
    except ReplyRefused as exc:
        raise _refused(request, Form("edit", typed, seen), exc) from None
    except Changed as exc:  # theirs is shown beside the typed text (_changed)
        where = f"{PAGE}/{reply_id}" if exc.now else PAGE
        raise Said(where, {_CHANGED: {"mode": "edit", "values": typed}}) from None
    raise redirect(PAGE, "saved-reply-edited", reply=reply.id)


@require(Role.MANAGER)
async def delete(request: web.Request) -> web.StreamResponse:
    desk, reply_id = request.app[DESK], _reply_id(request)
    seen = await _seen(request)
    listed = [r.id for r in await desk.db(saved_desk.stored_replies, desk.store)]
    try:
        who = session(request).user.name
        await desk.db(saved_desk.delete_reply, desk.store, reply_id, seen=seen, by=who)
    except Changed as exc:
        if exc.now is None:
            raise redirect(PAGE, "saved-reply-gone") from None
        where = f"{PAGE}/{reply_id}/delete"  # the confirmation again, of their version
        raise Said(where, {_CHANGED: {"mode": "delete"}}) from None
    # Focus lands on the reply now in its place (saved_landing).
    raise redirect(PAGE, "saved-reply-deleted", reply=next_after(listed, reply_id))


async def _page(
    request: web.Request,
    form: Form,
    *,
    refused: Refusal | None = None,
    theirs: StoredReply | None = None,
    changed: bool = False,
) -> web.Response:
    """The page: the file's replies, the desk's, the form, the latest changes."""
    desk, loc = request.app[DESK], negotiate(request)
    made = await desk.db(saved_desk.stored_replies, desk.store)
    changes = await desk.db(latest, desk.store, saved_desk.ACTIONS)
    file = request.app[SAVED]
    file_ids = _file_ids(request)
    why_not = await asyncio.to_thread(lambda: [left_out(r, file_ids) for r in made])
    file_name = _file_name(request)
    # Offered only on posts that join a case (the picker leaves them out elsewhere): why, and how
    # to fix it; a desk-made reply left out everywhere ("file", "check") already says so.
    file_texts = [r.text for r in file.replies] if file else []
    no_case = await asyncio.to_thread(
        lambda: (
            [no_case_fix(loc, text, file_name) for text in file_texts],
            [
                None if why else no_case_fix(loc, r.text)
                for r, why in zip(made, why_not, strict=True)
            ],
        )
    )
    brand, agent = desk.config.brand.name, session(request).user.name
    now = desk.clock().astimezone(request.app[ZONE])  # a preview greets for the desk's hour
    shown = await asyncio.to_thread(previews, file, made, brand=brand, agent=agent, now=now)
    return render(
        request,
        "saved.html",
        file_name=file_name,
        file_replies=list(zip(file.replies, shown[0], no_case[0], strict=True)) if file else [],
        made=list(zip(made, why_not, shown[1], no_case[1], strict=True)),
        sample=sample(),
        form=form,
        refused=refused,
        theirs=theirs,
        changed=changed,
        changes=[(entry.at, audit_line(loc, entry)) for entry in changes],
        land=landing(said(request), [r.id for r in made]),
        hint=hint(loc),
        # The text box read in the reply's language, where the form holds a valid one.
        text_lang=lang if _LANG.fullmatch(lang := form.values.get("lang", "")) else "",
        path=PAGE if form.mode == "add" else request.path,
        path_qs=PAGE if form.mode == "add" else request.path,
    )


def _refused(request: web.Request, form: Form, exc: ReplyRefused | Taken) -> Said:
    """The redirect to the form, which shows it once as typed with the reason, in the page's
    language: the typed values kept with the session (flash.py), never in the URL."""
    file = _file_name(request)
    said = reason(negotiate(request), exc, reply_id=form.values["id"], file=file)
    where = PAGE if form.mode == "add" else f"{PAGE}/{form.values['id']}"
    kept = {"mode": form.mode, "values": form.values, "seen": form.seen, "why": list(said)}
    return Said(where, {_KEPT: kept})


def _kept(request: web.Request, mode: str) -> tuple[Form, Refusal] | None:
    """The refused form its redirect kept for this page (`mode`'s), as typed; None: none."""
    kept = said(request).get(_KEPT)
    if not isinstance(kept, dict) or kept.get("mode") != mode:
        return None
    values = {name: str(kept["values"].get(name, "")) for name in _FIELDS}
    reason, detail, at = (str(part) for part in kept["why"])
    field_at = at if at in FIELDS else "text"
    return Form(mode, values, str(kept.get("seen", ""))), Refusal(reason, detail, field_at)


def _typed_over(request: web.Request, mode: str) -> dict[str, str] | None:
    """What an edit (`mode` "edit": the typed values) or a delete ("delete": {}) that met a
    colleague's change kept for this page (Post/Redirect/Get); None: nothing."""
    kept = said(request).get(_CHANGED)
    if not isinstance(kept, dict) or kept.get("mode") != mode:
        return None
    values = kept.get("values") or {}
    return {name: str(values.get(name, "")) for name in _FIELDS} if mode == "edit" else {}


async def _changed(request: web.Request, typed: dict[str, str]) -> web.Response:
    """The typed text beside the reply as it stands now: saving again (its version) replaces
    it knowingly; deleted (or deleted since the redirect), the form adds the text again."""
    desk = request.app[DESK]
    theirs = await desk.db(saved_desk.stored_reply, desk.store, typed["id"])
    form = Form("edit", typed, theirs.version) if theirs else Form("add", typed)
    return await _page(request, form, theirs=theirs, changed=True)


async def _typed(request: web.Request) -> dict[str, str]:
    """The form's fields as typed (ends of lines as the file has them; a title's and an
    id's spaces at the ends dropped: nobody means them)."""
    form = await request.post()
    values = {name: typed(form.get(name)) for name in _FIELDS}  # no NUL: PostgreSQL keeps none
    return {k: v if k == "text" else v.strip() for k, v in values.items()}


async def _seen(request: web.Request) -> str:
    return str((await request.post()).get("seen", ""))


async def _stored(request: web.Request) -> StoredReply:
    """The reply the URL names; one deleted since (the back button after Delete lands on its
    pages) goes back to the list saying so, rather than to a "Not found" page."""
    desk = request.app[DESK]
    reply = await desk.db(saved_desk.stored_reply, desk.store, _reply_id(request))
    if reply is None:
        raise redirect(PAGE, "saved-reply-missing")
    return reply


def _reply_id(request: web.Request) -> str:
    reply_id = request.match_info["id"]
    if not _ID.fullmatch(reply_id):
        raise web.HTTPNotFound(text="There is no saved reply with that id made in the desk.")
    return reply_id


def _file_ids(request: web.Request) -> frozenset[str]:
    file = request.app[SAVED]
    return frozenset(file.compiled) if file else frozenset()


def _file_name(request: web.Request) -> str:
    """The file as the config names it (`[desk] saved_replies`, relative to the config):
    what to edit there. An absolute path shows only its name: the server's folders are not
    the page's business."""
    setting = request.app[DESK].config.settings.desk.saved_replies or "saved_replies.toml"
    return PurePath(setting).name if PurePath(setting).is_absolute() else setting


def _lang(request: web.Request) -> str:
    """A new reply's language to start with: the page's."""
    return negotiate(request).lang
