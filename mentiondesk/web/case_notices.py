"""Case-page notices whose words carry a value the redirect kept beside the notice code
(flash.py): how many drafts Resolve or Close withdrew, whom Assign gave the case to (or whose
it stayed). Written
here in the page's language; without the value the plain NOTICES text stands."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from mentiondesk.web.common import said, session
from mentiondesk.web.i18n import negotiate


def case_notice(request: web.Request) -> dict[str, Any]:
    """The page's notice where a counted or named one applies ({}: the plain one stands)."""
    return ended_notice(request) or assigned_notice(request) or reassigned_notice(request)


def ended_notice(request: web.Request) -> dict[str, Any]:
    """After Resolve or Close that withdrew drafts, the notice counts them ("Case closed; 1
    pending draft withdrawn."); without any, the plain NOTICES one ("Case closed.") stands."""
    code, count = said(request).get("notice"), str(said(request).get("withdrawn", ""))
    if code not in ("closed", "resolved") or not (count.isascii() and count.isdigit()):
        return {}
    loc, n = negotiate(request), int(count)
    if n == 0:
        return {}
    if code == "resolved":
        text = loc.tn(
            "Case resolved; {n} pending draft withdrawn.",
            "Case resolved; {n} pending drafts withdrawn.",
            n,
        )
    else:
        text = loc.tn(
            "Case closed; {n} pending draft withdrawn.",
            "Case closed; {n} pending drafts withdrawn.",
            n,
        )
    # Already in the page's language: base.html's _() leaves a text it has no entry for as is.
    return {"notice": ("ok", text)}


def assigned_notice(request: web.Request) -> dict[str, Any]:
    """After Assign, whom the case went to ("Case assigned to rafael."): a manager's choice
    from a list is easy to miss by one line. The name is a desk user's, escaped as any text."""
    who = str(said(request).get("assignee", ""))
    if said(request).get("notice") != "assigned" or not who:
        return {}
    loc = negotiate(request)
    if who == session(request).user.name:
        return {"notice": ("ok", loc.t("Case assigned to you."))}
    return {"notice": ("ok", loc.t("Case assigned to {who}.", who=loc.person(who)))}


def reassigned_notice(request: web.Request) -> dict[str, Any]:
    """After Assign from a page that showed the case as someone else's than it is now: whose
    it stays (a colleague took it, or let it go, meanwhile)."""
    if said(request).get("notice") != "reassigned":
        return {}
    loc, holder = negotiate(request), str(said(request).get("holder", ""))
    if holder == session(request).user.name:
        text = loc.t("Someone gave you this case meanwhile: nothing changed.")
    elif holder:
        text = loc.t(
            "{who} took this case meanwhile: nothing changed. Ask them before taking it over.",
            who=loc.person(holder),
        )
    else:  # let go: the page showed whose it was
        text = loc.t(
            "Someone unassigned this case from {who} meanwhile: nothing changed. It is "
            "nobody's now.",
            who=loc.person(str(said(request).get("seen", ""))),
        )
    return {"notice": ("warn", text)}
