"""Playbooks (read-only, with how often each rule fired this week) and People (admins: add,
disable, enable, a new password; when each last logged in)."""

from __future__ import annotations

from aiohttp import web

from mentiondesk.audit import LOGIN_ACTIONS, latest
from mentiondesk.web import rule_words
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.common import DESK, redirect, render, require, said, session
from mentiondesk.web.data_rules import fired_this_week, matched_this_week
from mentiondesk.web.flash import Said
from mentiondesk.web.i18n import ZONE, negotiate, regional
from mentiondesk.web.people_refused import (
    PersonRefused,
    kept_refusal,
    refusal,
    refused_field,
    refused_role,
)
from mentiondesk.web.users import (
    BadField,
    Refused,
    Role,
    add_user,
    list_users,
    random_password,
    set_active,
    set_password,
)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/playbooks", playbooks)
    router.add_get("/people", people)
    router.add_post("/people", add_person)
    router.add_post("/people/disable", disable_person)
    router.add_post("/people/enable", enable_person)
    router.add_post("/people/password", reset_password)


@require(Role.MANAGER)
async def playbooks(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    rules, now = desk.playbook.rules, desk.clock()
    zone = request.app[ZONE]  # the dashboard's calendar days: the same cases counted
    fired = await desk.db(fired_this_week, desk.store, now=now, zone=zone)
    matched = await desk.db(
        matched_this_week,
        *(desk.store, rules),
        now=now,
        locale=desk.playbook.locale,
        zone=zone,
        brand=desk.playbook.brand,  # its possible impostors, for `author_impostor`
    )
    loc = negotiate(request)
    reader = regional(request, loc)  # a playbook may describe its rules in pt-PT and pt-BR
    rows = [
        (
            r,
            r.describe(reader) or rule_words.humanised(r.name),
            rule_words.conditions(r.when, loc),
            rule_words.actions(r.actions, loc),
            rule_words.this_week(fired.get(r.name, {}), matched, r.name, loc),
        )
        for r in rules
    ]
    return render(request, "playbooks.html", rules=rows, matched=matched)


@require(Role.ADMIN)
async def people(request: web.Request) -> web.Response:
    told = said(request)  # what a redirect kept for this page (flash.py), shown once
    made = (str(told["name"]), str(told["password"])) if "password" in told else None
    refused, typed = kept_refusal(told)  # Add a person's, with the name and role typed
    return await _people_page(request, made, refused=refused, typed=typed)


async def _people_page(
    request: web.Request,
    new_password: tuple[str, str] | None = None,
    *,
    refused: PersonRefused | None = None,
    typed: dict[str, str] | None = None,
) -> web.Response:
    """The page; `new_password` (name, password) is shown on it this once; `refused`: why a
    person was not added, with the name and role they `typed` back in the form."""
    desk = request.app[DESK]
    users = await desk.db(list_users, desk.store)
    changes = await desk.db(latest, desk.store, LOGIN_ACTIONS)
    loc, now = negotiate(request), desk.clock()
    # Each person with how long ago they last logged in ("3 days ago"), or None: never.
    rows = [(*row, loc.ago(row[3], now) if row[3] else None) for row in users]
    # A new password for someone disabled works only once they are enabled: the page says so.
    named = new_password[0] if new_password else None
    resting = any(u.name == named and not active for u, active, _, _ in users)
    lines = [(entry.at, audit_line(loc, entry)) for entry in changes]
    return render(
        request,
        "people.html",
        refused=refused,
        typed=typed or {},
        users=rows,
        roles=list(Role),
        changes=lines,
        new_password=new_password,
        new_password_resting=resting,
    )


@require(Role.ADMIN)
async def add_person(request: web.Request) -> web.StreamResponse:
    desk, form, loc = request.app[DESK], await request.post(), negotiate(request)
    typed = {"name": str(form.get("name", "")), "role": str(form.get("role", ""))}
    try:
        role = Role.parse(typed["role"])
    except ValueError:
        raise refusal(refused_role(loc), typed) from None
    try:
        await desk.db(
            add_user,
            desk.store,
            typed["name"],
            role=role,
            password=str(form.get("password", "")),
            by=session(request).user.name,
        )
    except BadField as exc:  # to the page (Post/Redirect/Get), saying which field and why
        raise refusal(refused_field(loc, exc), typed) from None
    raise redirect("/people", "user-added")


@require(Role.ADMIN)
async def disable_person(request: web.Request) -> web.StreamResponse:
    """Someone leaves: no more logins, and their open tabs are logged out at the next click."""
    await _set_active(request, active=False)
    raise redirect("/people", "user-disabled")


@require(Role.ADMIN)
async def enable_person(request: web.Request) -> web.StreamResponse:
    await _set_active(request, active=True)
    raise redirect("/people", "user-enabled")


async def _set_active(request: web.Request, *, active: bool) -> None:
    desk, me = request.app[DESK], session(request).user
    name = str((await request.post()).get("name", ""))
    try:
        await desk.db(set_active, desk.store, name, active=active, by=me.name, acting=me.id)
    except LookupError:
        raise redirect("/people", "no-user") from None
    except Refused as exc:
        raise redirect("/people", exc.reason) from None


@require(Role.ADMIN)
async def reset_password(request: web.Request) -> web.StreamResponse:
    """A new random password, kept for this session (flash.py) and shown once on the page the
    redirect lands on (Post/Redirect/Get: a reload resets nothing); never in a URL (the
    history and the access log would keep it) and never logged."""
    desk, me = request.app[DESK], session(request)
    name = str((await request.post()).get("name", ""))
    if name.strip().lower() == me.user.name.lower():  # it would log them out mid-way
        raise redirect("/people", "own-password")
    password = random_password()
    try:
        stored = await desk.db(set_password, desk.store, name, password, by=me.user.name)
    except LookupError:
        raise redirect("/people", "no-user") from None
    raise Said("/people", {"name": stored, "password": password})
