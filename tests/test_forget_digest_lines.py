"""A digest holds many people's alerts: `authors forget` and `authors export` take only their
lines of it, whoever's alert heads it, in whatever language the team's alerts are written."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute, load_config
from mentiondesk.digest import flush_due, summary
from mentiondesk.erasure_payloads import Whose, line_starts, their_line
from mentiondesk.models import Author, CaseContext, Label, Mention, Reading
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions
from tests.test_retention_digest import ROUTES

BIA = "@lumora my order never came, awful service, I am angry at you"


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana's complaint, then Bia's, in one digest waiting to be sent: Ana's heads it."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    posts = [mention(1, COMPLAINT), mention(2, BIA, author="b", name="Bia Lima")]
    return digest_desk(tmp_path, db_url, posts)


def digest_desk(tmp_path: Path, db_url: str, posts: list[Mention]) -> Path:
    """A desk that read `posts` and queued the digest of them (due two hours on): its config."""
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=ROUTES)
    assert run_cli(config, "run", "--once")[0] == 0
    route = load_config(config).settings.routing.alert_routes[0]
    store = Store(db_url)
    try:
        assert flush_due(store, route, now=datetime.now(UTC) + timedelta(hours=2)) == 2
    finally:
        store.dispose()
    return config


def _digest(db_url: str) -> tuple[str, dict[str, object]]:
    query = sa.select(OUTBOX.c.status, OUTBOX.c.payload).where(OUTBOX.c.key.startswith("digest:"))
    ((status, payload),) = table_rows(db_url, query)
    return str(status), json.loads(payload)


def test_forget_keeps_a_digest_they_head_for_the_others(desk: Path, db_url: str) -> None:
    """It was deleted as theirs, its first alert being theirs: Bia's alert never went out."""
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    status, payload = _digest(db_url)
    lines = str(payload["text"]).split("\n")
    assert status == "pending" and lines[1:] == ["• (erased on request)", lines[2]]
    assert lines[2].startswith("• @h_b (x, en): ")
    assert "h_a1" not in json.dumps(payload) and "parcel" not in json.dumps(payload)


def test_export_gives_their_lines_of_a_digest_not_the_others(desk: Path, db_url: str) -> None:
    code, out = run_cli(desk, "authors", "export", "x", "h_a1", "--format", "json")
    assert code == 0, out
    outbox = json.loads(out)["outbox"]
    assert "h_b" not in json.dumps(outbox) and "order never came" not in json.dumps(outbox)
    (digest,) = [row for row in outbox if str(row["key"]).startswith("digest:")]
    assert digest["lines"] == [f"• @h_a1 (x, en): {COMPLAINT}"]
    # Her alert heads it: the digest's copy of her case is hers too (forget blanks it).
    assert digest["context"]["mention"]["author"]["handle"] == "h_a1"
    bia = json.loads(run_cli(desk, "authors", "export", "x", "h_b", "--format", "json")[1])
    (theirs,) = [row for row in bia["outbox"] if str(row["key"]).startswith("digest:")]
    assert "context" not in theirs and "h_a1" not in json.dumps(theirs)


def _alert(platform: str, handle: str, text: str) -> CaseContext:
    post = Mention(platform, "1", Author(id="u1", handle=handle), text, datetime.now(UTC))
    return CaseContext(mention=post, reading=Reading(label=Label.NEGATIVE, score=0.9, lang="en"))


@pytest.mark.parametrize("language", ["en", "pt-BR", "pt-PT"])
def test_their_lines_are_found_in_every_alert_language(language: str) -> None:
    """Portuguese alerts name Hacker News so, not by its code; its handles' case matters."""
    route = AlertRoute(name="complaints", to=["console"], digest_minutes=60)
    alerts = [
        _alert("hackernews", "ana", "my account was hacked"),
        _alert("hackernews", "Ana", "ok"),
    ]
    text = summary(route, alerts, timedelta(hours=1), wording_for(language, "UTC"))
    nothing = sa.select(sa.literal(1))
    whose = Whose(
        accounts=frozenset({("hackernews", "u1")}),
        handles=frozenset({"ana"}),
        mentions=nothing,
        cases=nothing,
        drafts=nothing,
    )
    starts = line_starts(whose)
    assert [their_line(line, starts) for line in text.split("\n")] == [False, True, False]


@pytest.mark.parametrize("language", ["en", "pt-BR"])
def test_a_possible_impostors_line_is_found_too(language: str) -> None:
    """ "• ⚠ @1umora (x, en), possible fake support account…": theirs to export and erase."""
    route = AlertRoute(name="complaints", to=["console"], digest_minutes=60)
    fake = replace(_alert("x", "1umora", "refund on WhatsApp 11 9999"), impostor_of="@lumora")
    text = summary(
        route, [fake, _alert("x", "ana", "ok")], timedelta(hours=1), wording_for(language, "UTC")
    )
    nothing = sa.select(sa.literal(1))
    accounts, handles = frozenset({("x", "u1")}), frozenset({"1umora"})
    whose = Whose(accounts, handles, mentions=nothing, cases=nothing, drafts=nothing)
    lines = text.split("\n")
    assert lines[1].startswith("• ⚠ @1umora (")
    assert [their_line(line, line_starts(whose)) for line in lines] == [False, True, False]
