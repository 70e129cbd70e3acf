"""The application: builds every part from config and runs the flow, with a clean lifecycle.

`initialize()` (`AppParts`) opens the store and builds plugins; `start()` launches pollers, the
processor and the outbox worker, each started again after a wait if it crashes (supervision);
`stop()` lets them finish the batch in hand and drain the outbox; `shutdown()` closes
everything in reverse order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Callable, Coroutine, Mapping, Sequence
from datetime import datetime
from functools import partial
from types import TracebackType
from typing import Any

from listener._poll import Poller
from mentiondesk import contacts, retention, stage_restarts
from mentiondesk.app_parts import AppParts
from mentiondesk.catch_up_crashes import Crash, catch_up, with_crashes
from mentiondesk.config import Config
from mentiondesk.lifecycle import retry_wait, watch
from mentiondesk.models import Batch, Classifier, FatalError, Responder, Source, scrubbed
from mentiondesk.outage_wait import OutageWait
from mentiondesk.side_tasks import side_tasks
from mentiondesk.source_alert import ONCE_TRIES, alert_stop
from mentiondesk.source_health import SourceHealth
from mentiondesk.supervision import Start, supervise

_LOGGER = logging.getLogger(__name__)
RECHECK = 30.0  # seconds between looks for lapsed claims when no new mention arrives
RETRY = 1.0  # seconds before processing (or a crashed stage) is tried again; doubling after that
RETRY_CAP = 60.0  # the longest wait between tries: the outbox waits as long (outbox.py)

Progress = Callable[[int, int | None], None]  # (advance by, new total or None)


class App(AppParts):
    """One mentiondesk process. Use `async with App(config) as app:`; its parts are built
    and closed by `AppParts`, the flow through them is run here."""

    def __init__(
        self,
        config: Config,
        *,
        classifier: Classifier | None = None,
        responders: Mapping[str, Responder] | None = None,
        sources: list[Source] | None = None,
        wait_for_store: bool = False,
    ) -> None:
        super().__init__(
            config,
            classifier=classifier,
            responders=responders,
            sources=sources,
            wait_for_store=wait_for_store,
        )
        self.stop_event = asyncio.Event()  # pollers stop taking new pages
        self._inputs_done = asyncio.Event()  # pollers have stopped: processor may finish
        self._outbox_stop = asyncio.Event()  # processor has finished: outbox may drain and end
        self._work = asyncio.Event()
        self._outbox_wake = asyncio.Event()
        # Each stage's task by name: stop() ends them in flow order.
        self._poll_tasks: list[asyncio.Task[None]] = []
        self._processor_task: asyncio.Task[None] | None = None
        self._outbox_task: asyncio.Task[None] | None = None
        self._side_tasks: list[asyncio.Task[None]] = []  # help-desk sync, digests
        self._failures = 0  # processing's failed tries in a row
        # Processing waits out an outage: the pollers' store answering again ends the wait.
        self._outage = OutageWait()
        self.store_outage.on_answer = self._store_answered
        self.restarts: Counter[str] = Counter()  # each stage's restarts after a crash, by task
        self._crashed: dict[str, Crash] = {}  # sources whose catch-up crashed (a plugin's bug)

    # --- lifecycle ------------------------------------------------------------------

    async def run_once(
        self, *, on_progress: Progress | None = None, listening_next: bool = False
    ) -> None:
        """Poll every source until caught up, process everything, drain the outbox
        (`listening_next`: `start()` follows, so a source given up on is retried there)."""
        self.pollers = [self._poller(s, then_listens=listening_next) for s in self.sources]
        self.recorder.start(self.source_health)
        await catch_up(self.pollers, self._crashed)  # one crashing: the others read on
        if on_progress:
            on_progress(0, await asyncio.to_thread(self.store.pending_count))
        # Deliver while reading: after an outage the first complaint's alert goes out now,
        # not after the whole backlog has been read.
        processed = asyncio.Event()
        # The read backlog ends this pass, not the process: only a stop asked for says stopping.
        delivering = self.outbox.run(processed, self._outbox_wake, stopping=self.stop_event)
        outbox = asyncio.create_task(delivering, name="outbox")
        try:
            await self.process_all(on_progress)
        finally:
            processed.set()
            await outbox  # drains what is due, for at most stop_grace_seconds
        if not self.stop_event.is_set():  # not asked to stop: deliver everything, or until one
            # Listening next: its outbox worker sends the paced rest; polling starts now.
            await self.outbox.drain(stop=self.stop_event, paced_too=not listening_next)
        if not listening_next:  # a run that listens next has start()'s daily retention
            days = self.config.settings.store.retain_days
            home = contacts.mastodon_homes(self.config.sources)
            await retention.purge_after_run(self.store, days, self.stop_event, home=home)

    async def start(self) -> None:
        # The catch-up's pollers go on: a source it stopped (a revoked token) stays stopped,
        # said once, and an outage it saw begin is not announced again.
        caught_up = {id(p.source): p for p in self.pollers}
        self.pollers = [caught_up.get(id(s)) or self._poller(s) for s in self.sources]
        self._crashed.clear()  # each is read again now, supervised: a crash is a restart
        for poller in self.pollers:
            poller.listen()
        self.recorder.start(self.source_health)
        self._poll_tasks = [
            self._supervise(f"poll:{p.source.name}", p.run)
            for p in self.pollers
            if p.stopped is None
        ]
        self._processor_task = self._supervise("processor", self._processing)
        delivering = partial(self.outbox.run, self._outbox_stop, self._outbox_wake)
        self._outbox_task = self._supervise("outbox", delivering)
        self._side_tasks = [self._supervise(name, start) for name, start in side_tasks(self)]
        for task in (*self._poll_tasks, self._processor_task, self._outbox_task, *self._side_tasks):
            watch(task, stopping=self.stop_event)

    async def stop(self) -> None:
        """Stop in flow order: pollers finish their page, the processor its batches, the outbox
        drains. Each stage stops only after the one feeding it, so nothing is left half done."""
        self.stop_event.set()
        await self._join(self._side_tasks)  # they watch stop_event; done before the outbox drains
        await self._join(self._poll_tasks)
        self._inputs_done.set()
        self._work.set()
        await self._join([self._processor_task])
        self._outbox_stop.set()
        await self._join([self._outbox_task])
        self._poll_tasks, self._processor_task, self._outbox_task = [], None, None

    def source_health(self) -> list[SourceHealth]:
        """How each source stands; one whose catch-up crashed, as failing (catch_up_crashes)."""
        return with_crashes(super().source_health(), self._crashed)

    def _supervise(self, name: str, start: Start) -> asyncio.Task[None]:
        """A stage's task, started again after a wait when it crashes while the process runs."""
        stop, restarts = self.stop_event, self.restarts
        record = partial(stage_restarts.record, self.store)  # for /healthz in any process
        return supervise(
            name, start, stopping=stop, restarts=restarts, first=RETRY, cap=RETRY_CAP, record=record
        )

    async def _join(self, started: Sequence[asyncio.Task[None] | None]) -> None:
        tasks = [task for task in started if task is not None]
        results = await asyncio.gather(*tasks, return_exceptions=True)
        for task, result in zip(tasks, results, strict=True):
            if isinstance(result, BaseException):
                # Not repr: a database error's message may quote a mention's text.
                _LOGGER.error("task %s ended with %s", task.get_name(), scrubbed(result))

    async def __aenter__(self) -> App:
        await self.initialize()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._processor_task is not None:  # started and not stopped yet
            await self.stop()
        await self.shutdown()

    # --- the flow -------------------------------------------------------------------

    def _poller(self, source: Source, *, then_listens: bool = False) -> Poller:
        """A catch-up poller (`once`); `start()` has it `listen()` on."""
        return Poller(
            source,
            load_cursor=self.leases.load_cursor,
            on_batch=self._on_batch,
            stop=self.stop_event,
            once=True,
            then_listens=then_listens,
            # A run that listens after its catch-up keeps trying to queue the notice.
            on_stop=partial(self._source_stopped, once=not then_listens),
            store_outage=self.store_outage,
        )

    async def _source_stopped(
        self, name: str, error: FatalError, at: datetime, *, once: bool
    ) -> None:
        """Stop-and-alert: one notice to the team chat (routing.alert) per stop; a single
        run gives up queuing it after a few tries rather than hang on a store that is down."""
        await self.recorder.record(self.source_health())  # the desk shows it from now on
        targets, wording = self.config.settings.routing.alert, self.config.context.wording
        tries = ONCE_TRIES if once else None
        stop, args = self.stop_event, (self.store, targets, wording)
        if await alert_stop(*args, source=name, error=error, at=at, stop=stop, tries=tries):
            self._outbox_wake.set()

    async def _on_batch(self, name: str, batch: Batch) -> None:
        days = self.config.settings.store.retain_days
        mentions = retention.recent(batch.mentions, days)
        if skipped := len(batch.mentions) - len(mentions):  # counts only: no text in the log
            said = "source %s: %d mention(s) older than retain_days (%s days) skipped"
            _LOGGER.info(said, name, skipped, days)
        taken = await self.leases.ingest(name, mentions, batch.cursor)  # if still its lease
        if taken:  # "3 new mention(s), 1 edited": an edit is no new mention
            _LOGGER.info("source %s: %s", name, taken)
            self._work.set()

    async def process_all(self, on_progress: Progress | None = None) -> int:
        """Process stored mentions batch by batch until none is left or a stop is asked for
        (the batch in hand is finished; the rest stays stored for the next start)."""
        total = 0
        while (
            not self.stop_event.is_set()
            and (done := await asyncio.to_thread(self.processor.process_batch)) > 0
        ):
            total += done
            self._outbox_wake.set()
            if on_progress:
                on_progress(done, None)
        return total

    def _processing(self) -> Coroutine[Any, Any, None]:
        """The processor's loop, looking at once: mentions left by an earlier run, or stored
        while a crashed loop waited to start again (their wake went with it)."""
        self._work.set()
        return self._process_loop()

    async def _process_loop(self) -> None:
        while True:
            # Also every RECHECK without news: a claim a dead worker left, or a mention that
            # failed to record, is taken again once its lease lapses, not at the next post.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._work.wait(), RECHECK)
            self._work.clear()
            await self._process_safely()
            if self._inputs_done.is_set():
                # Stopping: what the pollers stored last stays stored, processed at next start.
                return

    async def _process_safely(self) -> None:
        """Process what is stored; a database error is logged and retried, never fatal."""
        try:
            await self.process_all()
        except Exception as exc:
            # Waits doubling: every RECHECK through a database outage (a PostgreSQL restart)
            # otherwise began a retry a second, each with its traceback, until it was back.
            self._failures += 1
            wait = retry_wait(self._failures, RETRY, RETRY_CAP)
            if self._failures == 1:
                _LOGGER.exception("processing failed; the mentions stay stored and are retried")
            else:  # the class only: the first one's traceback said the rest
                said = "processing failed again (%s, %d tries); next try in %.0f s"
                _LOGGER.error(said, type(exc).__name__, self._failures, wait)
            # A page stored meanwhile says the database is back: it cuts the wait short, as a
            # stop asked for does, and so does a poller's finding the store answering with no
            # new page (_store_answered).
            await self._outage.wait(self.stop_event, self._work, wait, exc)
            self._work.set()
            return
        if self._failures and not self.stop_event.is_set():  # stopping, it did not try
            _LOGGER.warning("processing again after %d failed tries", self._failures)
            self._failures = 0

    def _store_answered(self) -> None:
        """A poller's store work went through: processing and the outbox waiting out an outage
        try now, not when their wait (a minute at most) is over; mentions read before it, and
        deliveries due, are waiting."""
        self._outage.answered()
        self.outbox.outage.answered()

    def wake_outbox(self) -> None:
        """Tell the outbox worker new actions are due (digests, Slack buttons)."""
        self._outbox_wake.set()
