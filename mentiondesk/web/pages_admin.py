"""Playbooks (read-only, with how often each rule fired this week) and People (admins)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from mentiondesk.web import rule_words
from mentiondesk.web.common import DESK, redirect, render, require
from mentiondesk.web.i18n import negotiate
from mentiondesk.web.users import Role, add_user, list_users


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/playbooks", playbooks)
    router.add_get("/people", people)
    router.add_post("/people", add_person)


def fired_this_week(store: Store, *, now: datetime) -> dict[str, Counter[str]]:
    """Per rule: cases opened, drafts written and alerts/tickets queued in the last 7 days."""
    since = now - timedelta(days=7)
    counts: dict[str, Counter[str]] = {}
    with store.engine.connect() as conn:
        for table, what in ((CASE, "cases"), (DRAFT, "drafts")):
            stamp = table.c.opened_at if table is CASE else table.c.created_at
            query = (
                sa.select(table.c.rule, sa.func.count())
                .where(stamp >= since)
                .group_by(table.c.rule)
            )
            for rule, n in conn.execute(query):
                counts.setdefault(rule, Counter())[what] += int(n)
        actions = conn.execute(
            sa.select(OUTBOX.c.kind, OUTBOX.c.payload).where(
                OUTBOX.c.created_at >= since, OUTBOX.c.kind.in_(["alert", "ticket"])
            )
        )
        for kind, payload in actions:
            # The rule is in the action's context (a ticket's key names its case, not the rule).
            rule = json.loads(payload)["context"]["rule"]
            counts.setdefault(rule, Counter())[f"{kind}s"] += 1
    return counts


@require(Role.MANAGER)
async def playbooks(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    fired = await desk.db(fired_this_week, desk.store, now=desk.clock())
    loc = negotiate(request)
    rules = [
        (r, rule_words.conditions(r.when, loc), rule_words.actions(r.actions, loc))
        for r in desk.playbook.rules
    ]
    return render(request, "playbooks.html", rules=rules, fired=fired)


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
