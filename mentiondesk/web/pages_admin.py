"""Playbooks (read-only, with how often each rule fired this week) and People (admins)."""

from __future__ import annotations

from aiohttp import web

from mentiondesk.web import rule_words
from mentiondesk.web.common import DESK, redirect, render, require
from mentiondesk.web.data_rules import fired_this_week, matched_this_week
from mentiondesk.web.i18n import negotiate, regional
from mentiondesk.web.users import Role, add_user, list_users


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/playbooks", playbooks)
    router.add_get("/people", people)
    router.add_post("/people", add_person)


@require(Role.MANAGER)
async def playbooks(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    rules, now = desk.playbook.rules, desk.clock()
    fired = await desk.db(fired_this_week, desk.store, now=now)
    matched = await desk.db(
        matched_this_week, desk.store, rules, now=now, locale=desk.playbook.locale
    )
    loc = negotiate(request)
    reader = regional(request, loc)  # a playbook may describe its rules in pt-PT and pt-BR
    rows = [
        (
            r,
            r.describe(reader),
            rule_words.conditions(r.when, loc),
            rule_words.actions(r.actions, loc),
            rule_words.this_week(fired.get(r.name, {}), matched, r.name, loc),
        )
        for r in rules
    ]
    return render(request, "playbooks.html", rules=rows, matched=matched)


@require(Role.ADMIN)
async def people(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    users = await desk.db(list_users, desk.store)
    return render(request, "people.html", users=users, roles=list(Role))


@require(Role.ADMIN)
async def add_person(request: web.Request) -> web.StreamResponse:
    desk = request.app[DESK]
    form = await request.post()
    try:
        role = Role.parse(str(form.get("role", "")))
        await desk.db(
            add_user,
            desk.store,
            str(form.get("name", "")),
            role=role,
            password=str(form.get("password", "")),
        )
    except ValueError:
        raise redirect("/people", "bad-user") from None
    raise redirect("/people", "user-added")
