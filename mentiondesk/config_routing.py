"""`[routing]` checked against what exists when the config loads: responders by name and by what
they take, the platforms a source listens to, the labels a classifier gives.

A misspelt platform key silently sent every reply to `default` (a console records it
delivered: no customer gets it); a help desk routed to a chat sink held every ticket. Both now
stop start-up naming the key and the fix.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from mentiondesk import registry
from mentiondesk.models import PLATFORM_NAMES, REASONS, Label, can_post
from playbooks import variants

if TYPE_CHECKING:
    from mentiondesk.config import Config, RoutingSection

# What a route sends: a help desk gets the case's ticket, then its follow-ups as comments.
SENDS = {"alert": ("alert",), "ticket": ("ticket", "comment"), "post": ("post",)}
LABELS = [label.value for label in Label]


class Routed(NamedTuple):
    key: str  # where the config names it, e.g. routing.post.x
    name: str  # the responder
    sends: str  # alert | ticket | post
    platform: str | None = None  # a post route's platform


def refusal(kind: str, action: str, platform: str | None = None) -> str | None:
    """Why a responder of `kind` cannot take an `action` (for a `platform` mention), or None.

    A plugin that declares no `takes` is trusted with anything: it says so when it delivers."""
    cls = registry.load("responders", kind)
    takes = getattr(cls, "takes", None)
    if takes is not None and action not in takes:
        return f"takes {', '.join(sorted(takes))}, not {action}"
    posts_on = getattr(cls, "platform", None)
    if action == "post" and platform and posts_on and posts_on != platform:
        return f"posts only on {posts_on}, not {platform}"
    return None


def able(kinds: Mapping[str, str], action: str, platform: str | None = None) -> list[str]:
    """The responders among `kinds` (name → kind) that can take `action`, sorted."""
    return sorted(n for n, k in kinds.items() if refusal(k, action, platform) is None)


def routing_problems(config: Config) -> list[str]:
    """Every routing problem, one line each: `key: problem; fix`."""
    routing = config.settings.routing
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    # A responder whose own table is wrong is reported there; naming it is not a second error.
    declared = set(kinds) | {t.get("name") or t.get("kind") for t in config.settings.responders}
    routed = _routed(routing)
    unknown = [_unnamed(r, routing, kinds) for r in routed if r.name not in declared]
    problems = unknown + _wrong_kinds(routed, kinds) + _conditions(routing) + _duplicates(routing)
    return problems + _unready_for(config)


# A key left out of [routing] routes to one of these (RoutingSection's defaults): their kinds,
# and how to write the key instead, for the fix.
_DEFAULT_KINDS = {"console": "console", "cases": "local"}
_WRITE = {
    "alert": 'alert = ["{}"]',
    "ticket": 'ticket = "{}"',
    "post": 'post = {{ default = "{}" }}',
}
_WHAT = {"alert": "alerts", "ticket": "tickets", "post": "replies"}


def _unnamed(r: Routed, routing: RoutingSection, kinds: Mapping[str, str]) -> str:
    """A route to no configured responder, with the fix: only responders that can take what
    it sends are offered (a chat sink never for replies). A key not written in the file says
    so: the default it fell back to is no name the operator ever typed."""
    fit = sorted(n for n, k in kinds.items() if not cannot(k, r.sends, r.platform))
    key = r.key.split(".")[1]  # alert, post, ticket or alert_routes[i]
    if key in _WRITE and key not in routing.model_fields_set:
        write = _WRITE[key].format(fit[0] if fit else "NAME")
        able = f"it can take them: {', '.join(fit)}" if fit else "add one that can take them"
        return (
            f"{r.key}: not written, so {_WHAT[key]} go to {r.name!r} (the default), and no "
            f"responder is named {r.name!r}; write {write} under [routing] ({able}), or add a "
            f'[[responders]] table with kind = "{_DEFAULT_KINDS.get(r.name, r.name)}", '
            f'name = "{r.name}"'
        )
    return (
        f"{r.key}: no responder is named {r.name!r}; add a [[responders]] table with name = "
        f"{r.name!r} or use one of: {', '.join(fit) or '(none that can take it)'}"
    )


def _unready_for(config: Config) -> list[str]:
    """What a responder lacks for the platforms listened to (its config's `unready_for`): a
    help desk that cannot name an author off X would hold every such ticket."""
    kinds = {s.kind for s in config.sources}
    # A replay file may hold any platform's posts.
    platforms = set(registry.platforms()) if "replay" in kinds else kinds
    problems = []
    for i, responder in enumerate(config.responders):
        unready = getattr(responder, "unready_for", None)
        problems += [f"responders[{i}].{p}" for p in (unready(platforms) if unready else [])]
    return problems


def _routed(routing: RoutingSection) -> list[Routed]:
    found = [Routed("routing.alert", n, "alert") for n in routing.alert]
    for platform, name in routing.post.items():
        known = platform if platform in registry.platforms() else None  # unknown: said apart
        found.append(Routed(f"routing.post.{platform}", name, "post", known))
    if routing.ticket:
        found.append(Routed("routing.ticket", routing.ticket, "ticket"))
    for i, route in enumerate(routing.alert_routes):
        found += [Routed(f"routing.alert_routes[{i}].to", n, "alert") for n in route.to]
    return found


def _wrong_kinds(routed: list[Routed], kinds: Mapping[str, str]) -> list[str]:
    """A route to a responder that cannot take what it sends would hold every such action."""
    problems = []
    for r in routed:
        why = cannot(kinds[r.name], r.sends, r.platform) if r.name in kinds else None
        if why:
            fit = sorted(n for n, k in kinds.items() if not cannot(k, r.sends, r.platform))
            use = f"use one of: {', '.join(fit)}" if fit else "add a [[responders]] table that can"
            problems.append(f"{r.key}: {r.name!r} (kind {kinds[r.name]}) {why}; {use}")
    return problems


def cannot(kind: str, sends: str, platform: str | None = None) -> str | None:
    """Why a responder of `kind` cannot take what a route that `sends` sends, or None."""
    return next((w for a in SENDS[sends] if (w := refusal(kind, a, platform))), None)


def _conditions(routing: RoutingSection) -> list[str]:
    """Platform keys and route conditions that no mention could ever match."""
    platforms = registry.platforms()
    keys = [(f"routing.post.{p}", p) for p in routing.post if p != "default"]
    problems = _unknown("platform", platforms, keys)
    for i, route in enumerate(routing.alert_routes):
        at = f"routing.alert_routes[{i}]"
        problems += _unknown("platform", platforms, [(f"{at}.platform", p) for p in route.platform])
        problems += _unknown("label", LABELS, [(f"{at}.label", v) for v in route.label])
        problems += _unknown("reason", list(REASONS), [(f"{at}.reason", v) for v in route.reason])
        problems += [f"{at}.lang: {why}" for v in route.lang if (why := _not_read(v))]
    return problems


# A language with a two-letter code is read by it: its three-letter codes never match.
_TWO_LETTER = {
    "ara": "ar", "chi": "zh", "deu": "de", "dut": "nl", "eng": "en", "fra": "fr", "fre": "fr",
    "ger": "de", "hin": "hi", "ita": "it", "jpn": "ja", "kor": "ko", "nld": "nl", "pol": "pl",
    "por": "pt", "rus": "ru", "spa": "es", "tur": "tr", "zho": "zh",
}  # fmt: skip


# The regions a route's `lang` tells apart: the reply's locale (Playbook.locale) has one for
# Portuguese, which a reading never has ("pt" is both).
_REGIONS = ("pt-PT", "pt-BR")


def _not_read(lang: str) -> str | None:
    """Why no mention is ever routed by `lang`: the language read is a code of two letters
    (three for a platform's hint such as "fil"), or Portuguese with its region ("pt-PT")."""
    if two := _TWO_LETTER.get(lang):
        return f"{lang!r}: the language read is written with two letters; write {two!r}"
    if re.fullmatch(r"[a-z]{2,3}|und", lang) or lang in _REGIONS:
        return None
    code = re.split(r"[-_]", lang.strip())[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        return f"{lang!r} is no language code; write one such as 'pt' or 'en'"
    if code == lang.strip().lower():
        return f"{lang!r}: write {code!r} (languages are read in lower case)"
    tag = variants.tag(lang)
    if tag in _REGIONS:
        return f"{lang!r}: write {tag!r} (a region as locales write it)"
    return (
        f"{lang!r}: only Portuguese's regions are told apart ({', '.join(_REGIONS)}); "
        f"write {code!r}"
    )


def _unknown(what: str, known: list[str], given: Iterable[tuple[str, str]]) -> list[str]:
    return [
        f"{key}: no {what} {value!r}; {_hint(value, known)}"
        for key, value in given
        if value not in known
    ]


def _hint(value: str, known: list[str]) -> str:
    wanted = registry.FORMER_NAMES.get(value.lower(), value.lower())
    close = difflib.get_close_matches(wanted, known, n=1)
    return f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(known)}"


def _duplicates(routing: RoutingSection) -> list[str]:
    names = [r.name for r in routing.alert_routes]
    return [
        f"routing.alert_routes: the name {n!r} is used twice; give each route a unique name"
        for n in sorted({n for n in names if names.count(n) > 1})
    ]


def unposted(config: Config) -> list[str]:
    """Platforms listened to whose approved replies go to the console: it records each one
    delivered and no customer gets it. A warning, not a refusal: a team may evaluate the desk
    before it has posting rights."""
    routing = config.settings.routing.post
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    warnings = []
    for platform in sorted({s.kind for s in config.sources} & set(registry.platforms())):
        key = platform if platform in routing else "default"
        name = routing[key]
        poster = _poster_of(platform) if kinds.get(name) == "console" else None
        if poster:
            warnings.append(
                f"routing.post.{key}: approved replies to {platform} mentions go to {name!r} "
                f"(kind console), which only prints them: no one on {platform} gets them; "
                f'route {platform} to its poster, e.g. {platform} = "{poster}" under [routing] '
                f'post, with a [[responders]] table of kind = "{poster}" (not refused: a team '
                "may evaluate without posting rights)"
            )
    return warnings


def posted_by_hand(config: Config) -> list[str]:
    """A note (not a warning: nothing to fix) for the read-only platforms listened to: no
    responder can post there, so their replies are posted by a person and marked in the desk."""
    listened = sorted({s.kind for s in config.sources if not can_post(s.kind)})
    return [
        f"{PLATFORM_NAMES.get(p, p)} replies are posted by hand from the desk: its API is "
        "read-only, so an agent copies the reply, posts it on the site and presses Mark as "
        "posted (Approve is refused for them; no private messages are drafted there)"
        for p in listened
    ]


def _poster_of(platform: str) -> str | None:
    """The responder kind that posts on `platform`, or None (Hacker News: no poster)."""
    return next(
        (
            kind
            for kind in registry.kinds("responders")
            if getattr(registry.load("responders", kind), "platform", None) == platform
        ),
        None,
    )


def open_approvals(config: Config) -> list[str]:
    """Slack responders with no `approvers`: anyone who can see the channel (guests too) may
    press Approve, and the reply goes out to the customer. A warning, not a refusal: a small
    team's private channel may be meant that way."""
    warnings = []
    for responder in config.responders:
        if responder.kind != "slack" or getattr(responder, "approvers", None):
            continue
        secret = getattr(responder, "signing_secret_env", "")
        if not os.environ.get(secret, "").strip():  # no buttons: nothing to approve from
            continue
        name, channel = responder.name or responder.kind, getattr(responder, "channel", "?")
        warnings.append(
            f"responders: the slack responder {name!r} (channel {channel}) has no approvers, "
            "so anyone who can see the channel can approve, edit or send replies from its "
            'cards; list who may, e.g. approvers = ["U024BE7LH"] (member IDs: a profile → ⋮ → '
            "Copy member ID) in its [[responders]] table (not refused: a private channel may "
            "be meant for everyone in it)"
        )
    return warnings
