"""A worker killed with kill -9 (the OOM killer) and none left reading its source: /healthz,
the managers' banner (en, pt-BR, pt-PT) and `sources check` tell the same story: which
source, since when nothing said it reads it, that no worker reads it, and to restart the
service. The banner used to say nothing while /healthz was red; `sources check` said "not
current … it may have died", with no word of /healthz nor of what to do."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.config import Config, load_config
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_states import STALE_AFTER
from mentiondesk.store import Store
from tests.desk.banner_sources_helpers import config as config  # the fixture, re-exported
from tests.helpers import age_source_rows
from tests.sources_fixtures import (
    WORKER,
    flat,
    healthz,
    queue_pages,
    worker_records,
)

ZONE = ZoneInfo("America/Sao_Paulo")
KILLED = 2 * STALE_AFTER  # its rows not refreshed since: past the grace


def _killed(config: Config, name: str = "samples") -> datetime:
    """A worker that recorded `name` and was killed: when it last refreshed it."""
    asyncio.run(worker_records(config, [SourceHealth(name)]))
    return age_source_rows(config.store_url(), WORKER, KILLED)


def _check(config: Config) -> str:
    return flat(CliRunner().invoke(app, ["--config", str(config.path), "sources", "check"]).output)


def _cli_time(at: datetime) -> str:
    """As `sources check` says a time: today's in the desk's zone, else with its day."""
    local, today = at.astimezone(ZONE), datetime.now(UTC).astimezone(ZONE).date()
    shown = f"{local:%H:%M}" if local.date() == today else f"{local:%F %H:%M}"
    return f"{shown} (America/Sao_Paulo)"


def test_healthz_the_banner_and_sources_check_tell_the_same_story(
    config: Config, store: Store
) -> None:
    last = _killed(config)
    body = asyncio.run(healthz(config, store, last))
    english, brazil, portugal = asyncio.run(queue_pages(config, store, last))
    output = _check(config)
    assert body["status"] == "degraded"
    assert body["no_worker_since"] == {"samples": last.isoformat(timespec="seconds")}
    at = f"{last.astimezone(ZONE):%H:%M}"  # the desk's clock is `last`: today
    assert english.count("source-failing") == 1
    assert (
        f"Source “samples”: nothing has been read from it since {at}: no mentiondesk worker "
        "reads it (the one that did went down without a clean stop: killed, or out of "
        "memory). Restart the mentiondesk service." in english
    )
    assert (
        f"Fonte “samples”: nada foi lido dela desde {at}: nenhum processo do mentiondesk está "
        "lendo essa fonte (o que lia caiu sem ser encerrado direito: foi morto ou ficou sem "
        "memória). Reinicie o serviço do mentiondesk." in brazil
    )
    assert (
        f"Fonte “samples”: nada foi lido dela desde as {at}: nenhum processo do mentiondesk "
        "está a ler esta fonte (o que a lia foi abaixo sem ser terminado como deve ser: foi "
        "morto ou ficou sem memória). Reinicie o serviço do mentiondesk." in portugal
    )
    assert (
        f"samples: NO WORKER READS IT since {_cli_time(last)}: worker {WORKER} has not "
        "refreshed it for over 5 minutes and was never stopped cleanly (killed, out of "
        "memory, hung, or cut off from the store); it last recorded: reading it since"
    ) in output
    assert (
        "/healthz says degraded — fix: restart the service that runs `mentiondesk run` "
        "(systemctl restart <its unit>), then see its log for why it died" in output
    )


def test_within_the_grace_none_of_them_says_it(config: Config, store: Store) -> None:
    """Killed a minute ago: systemd's Restart= may bring a reader back within seconds."""
    asyncio.run(worker_records(config, [SourceHealth("samples")]))
    now = age_source_rows(config.store_url(), WORKER, timedelta(minutes=1))
    assert "no_worker_since" not in asyncio.run(healthz(config, store, now))
    english, _, _ = asyncio.run(queue_pages(config, store, now))
    assert "source-failing" not in english
    output = _check(config)
    assert "samples: read by the running worker" in output and "NO WORKER" not in output


def test_a_source_the_config_dropped_is_not_named(config: Config, store: Store) -> None:
    """Its rows stay until pruned, yet nobody is meant to read it: /healthz says nothing."""
    last = _killed(config, "dropped")
    assert "no_worker_since" not in asyncio.run(healthz(config, store, last))
    english, _, _ = asyncio.run(queue_pages(config, store, last))
    assert "source-failing" not in english and "dropped" not in english


def test_a_source_with_no_name_counts_by_its_kind(tmp_path: Path, store: Store) -> None:
    """`[[sources]] kind = "replay"` with no name is recorded as "replay": /healthz and the
    banner used to pass over it (they took only named sources)."""
    path = tmp_path / "config.toml"
    path.write_text(path.read_text().replace('name = "samples"\n', "", 1))
    unnamed = load_config(path)
    last = _killed(unnamed, "replay")
    body = asyncio.run(healthz(unnamed, store, last))
    assert body["status"] == "degraded" and list(body["no_worker_since"]) == ["replay"]
    english, _, _ = asyncio.run(queue_pages(unnamed, store, last))
    assert "Source “replay”: nothing has been read from it since" in english
    assert "replay: NO WORKER READS IT since" in _check(unnamed)
