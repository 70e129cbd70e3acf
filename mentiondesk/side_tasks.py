"""Periodic work beside the flow: polling help desks for solved tickets, digests, and the
daily retention."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mentiondesk.contacts import mastodon_homes
from mentiondesk.digest import digest_loop
from mentiondesk.digest_rerouted import pinned_rules, reroute_to_digests
from mentiondesk.helpdesk_sync import SolvedSource, sync_loop
from mentiondesk.retention import retention_loop
from mentiondesk.supervision import Start

if TYPE_CHECKING:
    from mentiondesk.pipeline import App


def side_tasks(app: App) -> list[tuple[str, Start]]:
    """The periodic tasks the config asks for, by name, each a way to start it (again, after
    a crash); they end when `app.stop_event` is set. The digests' runs with no digest route
    too: alerts a removed route left are sent."""
    tasks: list[tuple[str, Start]] = []
    if any(isinstance(r, SolvedSource) for r in app.responders.values()):
        seconds = app.config.settings.helpdesk.sync_seconds
        sync = partial(sync_loop, app.store, app.responders, app.stop_event, seconds)
        tasks.append(("helpdesk-sync", sync))
    routing, wording = app.config.settings.routing, app.config.context.wording
    playbook = app.processor.playbook
    # Alerts queued before a digest route was added (a crisis day's flood) join its digest.
    reroute = partial(
        reroute_to_digests,
        app.store,
        routing,
        pinned=pinned_rules(playbook),
        locale=playbook.locale,
    )
    digests = partial(
        digest_loop,
        app.store,
        routing,
        app.stop_event,
        wake=app.wake_outbox,
        wording=wording,
        reroute=reroute,
    )
    tasks.append(("digests", digests))
    days = app.config.settings.store.retain_days
    if days is not None:
        home = mastodon_homes(app.config.sources)
        retention = partial(retention_loop, app.store, days, app.stop_event, home=home)
        tasks.append(("retention", retention))
    return tasks
