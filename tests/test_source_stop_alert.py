"""Stop-and-alert: a source stopped for good queues one notice to the team chat (routing.alert)
through the outbox, in the team's language, with the reason scrubbed; exactly once per stop,
across outbox passes and a restart, and once more for a later stop."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import Config
from mentiondesk.models import Batch, FatalError
from mentiondesk.pipeline import App
from mentiondesk.source_alert import notice_text
from mentiondesk.tables import OUTBOX
from responders.console import ConsoleResponder
from tests.helpers import config_for, table_rows

TOKEN = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI"


class Revoked:
    """A source whose token was revoked: every poll is refused for good."""

    name = "x"
    poll_seconds = 60.0

    async def poll(self, cursor: str | None) -> Batch:
        raise FatalError(f"x mentions: 401 Unauthorized for ?bearer={TOKEN}; check the token")

    async def close(self) -> None:
        return None


class Working(Revoked):
    async def poll(self, cursor: str | None) -> Batch:
        return Batch(mentions=[], cursor=cursor)


async def run_once(config: Config, source: Revoked, out: io.StringIO) -> App:
    console = ConsoleResponder("console", out=out)
    async with App(config, sources=[source], responders={"console": console}) as app:  # type: ignore[list-item]
        await app.run_once()
        await app.outbox.drain()  # a second pass: nothing more goes out
    return app


def notices(out: io.StringIO) -> list[str]:
    return [line for line in out.getvalue().splitlines() if line.startswith("[notice]")]


async def test_a_stopped_source_alerts_once_per_stop(tmp_path: Path, db_url: str) -> None:
    config = config_for(tmp_path, db_url, [])
    out = io.StringIO()
    await run_once(config, Revoked(), out)
    await run_once(config, Working(), out)  # a restart: the notice is not sent again
    [notice] = notices(out)
    assert notice == (
        "[notice] Source x stopped (FatalError): x mentions: 401 Unauthorized for …; check the "
        "token No new mentions are read from it until mentiondesk is restarted. Fix the token "
        "(or the account), then restart mentiondesk."
    )
    assert TOKEN not in out.getvalue()
    await run_once(config, Revoked(), out)  # stopped again after a restart: a new notice
    assert len(notices(out)) == 2
    keys = table_rows(db_url, sa.select(OUTBOX.c.key, OUTBOX.c.status, OUTBOX.c.target))
    assert [(k.split(":")[:2], s, t) for k, s, t in keys] == [
        (["source-stopped", "x"], "done", "console")
    ] * 2


async def test_the_notice_goes_to_each_sink_of_the_default_route(tmp_path: Path) -> None:
    extra = (
        '\n[routing]\nalert = ["console", "ops"]\n[[responders]]\nkind = "console"\nname = "ops"\n'
    )
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", [], extra=extra)
    out, ops = io.StringIO(), io.StringIO()
    sinks = {"console": ConsoleResponder("console", out=out), "ops": ConsoleResponder(out=ops)}
    async with App(config, sources=[Revoked()], responders=sinks) as app:  # type: ignore[list-item]
        await app.run_once()
    assert len(notices(out)) == len(notices(ops)) == 1


def test_the_notice_is_worded_in_the_teams_language() -> None:
    said = {"source": "x", "error": "FatalError", "reason": "401 {n} <b>"}
    pt_br = notice_text(wording_for("pt-BR", "America/Sao_Paulo"), **said).split("\n")
    assert pt_br == [
        "A fonte x parou (FatalError): 401 {n} <b>",
        "Nenhuma menção nova será lida dessa fonte até que o mentiondesk seja reiniciado.",
        "Corrija o token (ou a conta) e depois reinicie o mentiondesk.",
    ]
    assert notice_text(wording_for("pt-PT", "Europe/Lisbon"), **said).split("\n") == pt_br


async def test_a_source_revoked_while_serving_alerts_the_team(tmp_path: Path) -> None:
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", [])
    out = io.StringIO()
    console = ConsoleResponder("console", out=out)
    async with App(config, sources=[Revoked()], responders={"console": console}) as app:  # type: ignore[list-item]
        await app.start()
        await asyncio.wait_for(asyncio.gather(*app._poll_tasks), 5)
        for _ in range(100):  # the outbox worker, woken, delivers it while serving
            if notices(out):
                break
            await asyncio.sleep(0.05)
        assert len(notices(out)) == 1
