"""Which chat sinks an alert goes to: the first matching `[[routing.alert_routes]]`, else
`routing.alert`. A route with `digest_minutes` feeds its digest (one message per period).

A route's `lang` is a language read ("pt": Portugal's and Brazil's alike) or Portuguese with its
region ("pt-PT", "pt-BR"), which the reading cannot tell (a detector reads both as "pt"): that
is the reply's locale, as the playbook decides it (`Playbook.locale`)."""

from __future__ import annotations

from mentiondesk.config import AlertRoute, RoutingSection
from mentiondesk.models import Mention, Reading
from playbooks import variants

DIGEST_PREFIX = "digest:"


def digest_name(route: AlertRoute) -> str:
    """The outbox target of a route's digest (a sink mentiondesk builds itself)."""
    return f"{DIGEST_PREFIX}{route.name}"


def matches(
    route: AlertRoute, mention: Mention, reading: Reading, rule: str, locale: str | None = None
) -> bool:
    """True when every condition the route gives holds (empty lists match anything);
    `locale`: the reply's ("pt-PT"), for a regional `lang` (None: told from the mention)."""
    checks = (
        (route.platform, mention.platform),
        (route.label, reading.label.value),
        (route.reason, reading.reason or ""),
        (route.rule, rule),
    )
    if any(wanted and value not in wanted for wanted, value in checks):
        return False
    if route.lang and not _speaks(route.lang, reading.lang, locale or _told(mention, reading)):
        return False
    return route.min_frustration is None or reading.frustration >= route.min_frustration


def _speaks(langs: list[str], lang: str, locale: str) -> bool:
    """A bare language matches the language read; a region matches the reply's locale ("pt"
    bare is Brazil's, as the shipped templates are), as a playbook rule's `lang` does."""
    region = variants.regional(locale)
    return lang in langs or any("-" in v and v == region for v in langs)


def _told(mention: Mention, reading: Reading) -> str:
    """The locale as the mention alone tells it, where the caller has no playbook's: the
    platform's regional tag, else the author's words or server; else the language read."""
    tag = variants.tag(mention.lang or "")
    if "-" in tag and tag.split("-")[0] == reading.lang:
        return tag
    if reading.lang == "pt" and variants.european(mention.text, mention.author.handle):
        return "pt-PT"
    return reading.lang


def alert_targets(
    routing: RoutingSection,
    mention: Mention,
    reading: Reading,
    rule: str,
    locale: str | None = None,
) -> list[str]:
    """The responder names (or digest) an alert for this mention goes to; `locale`: the
    reply's, as the playbook decides it (handle_locales, default_lang), for regional routes."""
    for route in routing.alert_routes:
        if matches(route, mention, reading, rule, locale):
            return [digest_name(route)] if route.digest_minutes else list(route.to)
    return list(routing.alert)
