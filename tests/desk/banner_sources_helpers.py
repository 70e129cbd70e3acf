"""Set-up the banner's and /healthz's source tests share: a desk in São Paulo, and the queue
in en, pt-BR and pt-PT after a worker in another process recorded its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import Config
from mentiondesk.source_health import SourceHealth
from mentiondesk.store import Store
from tests.sources_fixtures import NOW, queue_pages, sao_paulo_config, worker_records


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    """The desk in São Paulo: the banner's times are the team's, not UTC."""
    return sao_paulo_config(tmp_path, db_url)


async def banner_pages(config: Config, store: Store, sources: list[SourceHealth]) -> list[str]:
    """The queue in en, pt-BR and pt-PT once a worker recorded `sources`, all at NOW."""
    await worker_records(config, sources, clock=lambda: NOW)
    return await queue_pages(config, store)
