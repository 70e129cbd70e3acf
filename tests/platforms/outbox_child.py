"""A worker process that posts one outbox action and then hangs before recording the delivery.

Run as `python -m tests.platforms.outbox_child DB_URL PLATFORM BASE_URL`; the test kills it
with SIGKILL once it prints READY-TO-RECORD, i.e. after the platform accepted the post and
before the delivery row is committed: the worst moment for exactly-once.
"""

from __future__ import annotations

import asyncio
import sys
import time

from mentiondesk.config import OutboxSection
from mentiondesk.models import Receipt
from mentiondesk.outbox import Claimed, OutboxWorker
from mentiondesk.store import Store
from tests.platforms.posting import poster


def main(db_url: str, platform: str, base_url: str) -> None:
    store = Store(db_url)
    responder = poster(platform, base_url)
    worker = OutboxWorker(store, {f"{platform}-post": responder}, OutboxSection())

    def hang(claimed: Claimed, receipt: Receipt) -> None:
        print(f"READY-TO-RECORD {receipt.ref}", flush=True)
        time.sleep(600)  # runs in the worker's thread; SIGKILL arrives here

    worker._record = hang  # type: ignore[method-assign]
    asyncio.run(worker.drain())


if __name__ == "__main__":
    main(*sys.argv[1:4])
