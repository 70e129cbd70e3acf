"""The parts one mentiondesk process is built from, opened in order and closed in reverse.

`AppParts.initialize()` opens the store and builds the classifier, playbook, plugins and
outbox worker; `shutdown()` closes them. `pipeline.App` runs the flow through them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from listener._outage import StoreOutage
from listener._poll import Poller
from mentiondesk import contacts
from mentiondesk.config import Config
from mentiondesk.config_store import store_errors
from mentiondesk.digest import digest_sinks
from mentiondesk.lifecycle import close_all, retry_wait
from mentiondesk.models import Classifier, Responder, Source
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_pace import paces
from mentiondesk.playbook_build import build_playbook
from mentiondesk.plugins import build_classifier, build_plugin
from mentiondesk.processing import Processor
from mentiondesk.schema import shown_url
from mentiondesk.source_health import SourceHealth, source_health
from mentiondesk.source_lease import SourceLeases
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.store import Store
from mentiondesk.store_engine import from_store, store_failure, unreachable

# The App's logger: what it says while opening keeps the name it has always had.
_LOGGER = logging.getLogger("mentiondesk.pipeline")
STORE_WAIT_CAP = 60.0  # the longest wait between looks for a database not reachable at start
_sleep = asyncio.sleep  # tests wait no real seconds


class AppParts:
    """The store, plugins, processor and outbox worker of one process, and its pollers."""

    store: Store
    recorder: SourceRecorder
    leases: SourceLeases
    sources: list[Source]
    responders: dict[str, Responder]
    processor: Processor
    outbox: OutboxWorker

    def __init__(
        self,
        config: Config,
        *,
        classifier: Classifier | None = None,
        responders: Mapping[str, Responder] | None = None,
        sources: list[Source] | None = None,
        wait_for_store: bool = False,
    ) -> None:
        """`wait_for_store`: a database not reachable yet is waited for (a listening `run`)."""
        self.config = config
        self._wait_for_store = wait_for_store
        self._classifier = classifier
        self._responders = responders
        self._sources = sources
        self.pollers: list[Poller] = []
        # The store failing the pollers (a database restarting): said once for all sources.
        self.store_outage = StoreOutage(owns=from_store, words=store_failure)

    async def initialize(self) -> None:
        self.store = Store(
            self.config.store_url(), fingerprint_secret=self.config.fingerprint_secret()
        )
        self.recorder = SourceRecorder(self.store)  # for the desk and `sources check`, anywhere
        self.leases = SourceLeases(self.store)  # one worker polls a source at a time
        # The App owns what it is handed as well as what it builds: a refused start (the GRANT
        # to run, a bad playbook, a plugin that cannot be built) closes both, and the store.
        self.sources = [self.leases.wrap(s) for s in self._sources or []]
        self.responders = dict(self._responders or {})
        try:
            await self._open()
        except BaseException:
            with contextlib.suppress(Exception):  # the refusal is the error worth reporting
                await self.shutdown()
            raise

    async def _open(self) -> None:
        if self._wait_for_store:
            await self._reach_store()
        with store_errors(self.config.settings.store):  # said under url_env where it is used
            await asyncio.to_thread(self.store.create_all)
        # Drafts are checked against the list as they are written, under the lock listing
        # takes; this sweep is for the DMs an older release left waiting for listed authors.
        stale = await asyncio.to_thread(contacts.withdraw_stale_drafts, self.store)
        if stale:
            _LOGGER.warning("withdrew %d private draft(s) to do-not-contact authors", stale)
        classifier = self._classifier
        if classifier is None:
            classifier = await asyncio.to_thread(build_classifier, self.config)
        self.processor = Processor(self.config, self.store, classifier, build_playbook(self.config))
        self._build_plugins()
        settings = self.config.settings
        self.outbox = OutboxWorker(
            *(self.store, self.responders, settings.outbox),
            desk_url=settings.desk.public_url,
            brand=self.config.brand,
            pace=paces(self.responders, self.config.responders),
        )

    async def _reach_store(self) -> None:
        """Wait, saying so, until PostgreSQL can be reached: started with the host, or while it
        restarts, a `run` refused as a config error (exit 2) was never restarted by systemd
        (RestartPreventExitStatus=2), and read nothing until a person came."""
        engine, tries = self.store.engine, 0
        while (why := await asyncio.to_thread(unreachable, engine)) is not None:
            tries += 1
            wait = retry_wait(tries, 1.0, STORE_WAIT_CAP)
            where = shown_url(engine.url.render_as_string(hide_password=True))
            said = "store: cannot reach %s yet (%s); trying again in %.0f s"
            _LOGGER.warning(said, where, why, wait)
            await _sleep(wait)
        if tries:
            _LOGGER.warning("store: reached the database after %d failed tries", tries)

    def _build_plugins(self) -> None:
        """The sources and responders the config names, unless handed in: one by one into the
        App's own, so that one failing to build leaves those before it to be closed."""
        context = self.config.context
        if not self._sources:
            for source in self.config.sources:
                self.sources.append(self.leases.wrap(build_plugin("sources", source, context)))
        if not self._responders:
            for responder in self.config.responders:
                name = responder.name or responder.kind
                self.responders[name] = build_plugin("responders", responder, context)
        self.responders.update(digest_sinks(self.config, self.store))

    async def shutdown(self) -> None:
        # Reverse order of initialize: plugins first (each, even if one fails), the database
        # last whatever happened; the sources' last states before it, marked ended.
        responders = [(f"responder {name}", r) for name, r in self.responders.items()]
        sources = [(f"source {s.name}", s) for s in self.sources]
        try:
            await self.recorder.close(self.source_health())
            await close_all([*responders, *sources])
        finally:
            self.store.dispose()

    def source_health(self) -> list[SourceHealth]:
        """How each source's poller stands now (stopped for good, rate limited)."""
        return source_health(self.pollers, datetime.now(UTC))
