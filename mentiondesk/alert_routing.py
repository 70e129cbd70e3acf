"""Which chat sinks an alert goes to: the first matching `[[routing.alert_routes]]`, else
`routing.alert`. A route with `digest_minutes` feeds its digest (one message per period)."""

from __future__ import annotations

from mentiondesk.config import AlertRoute, RoutingSection
from mentiondesk.models import Mention, Reading

DIGEST_PREFIX = "digest:"


def digest_name(route: AlertRoute) -> str:
    """The outbox target of a route's digest (a sink mentiondesk builds itself)."""
    return f"{DIGEST_PREFIX}{route.name}"


def matches(route: AlertRoute, mention: Mention, reading: Reading, rule: str) -> bool:
    """True when every condition the route gives holds (empty lists match anything)."""
    checks = (
        (route.platform, mention.platform),
        (route.lang, reading.lang),
        (route.label, reading.label.value),
        (route.reason, reading.reason or ""),
        (route.rule, rule),
    )
    if any(wanted and value not in wanted for wanted, value in checks):
        return False
    return route.min_frustration is None or reading.frustration >= route.min_frustration


def alert_targets(
    routing: RoutingSection, mention: Mention, reading: Reading, rule: str
) -> list[str]:
    """The responder names (or digest) an alert for this mention goes to."""
    for route in routing.alert_routes:
        if matches(route, mention, reading, rule):
            return [digest_name(route)] if route.digest_minutes else list(route.to)
    return list(routing.alert)
