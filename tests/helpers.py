"""Builders shared by the tests: mentions, configs written to disk, apps on a temp store."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.business_hours import BusinessHours
from mentiondesk.config import Config, DeskSection, load_config
from mentiondesk.models import Author, Mention

BASE_TIME = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
COMPLAINT = "@lumora my parcel is lost and your support is awful. Terrible service, I am angry"
PRAISE = "@lumora thank you, the lamp is wonderful and delivery was great"


def mention(
    n: int,
    text: str = "hello @lumora",
    *,
    platform: str = "x",
    author: str = "a1",
    name: str = "Ana Souza",
    followers: int = 10,
    lang: str | None = None,
) -> Mention:
    """A mention with a predictable id and timestamp."""
    return Mention(
        platform=platform,
        external_id=f"m{n}",
        author=Author(id=author, handle=f"h_{author}", name=name, followers=followers),
        text=text,
        created_at=BASE_TIME + timedelta(minutes=n),
        url=f"https://example.test/{n}",
        lang=lang,
    )


def mastodon_post(acct: str, n: int, text: str) -> Mention:
    """A status by `acct` (user@host), its id `n`, an hour ago (older ones are not read)."""
    user, _, host = acct.partition("@")
    return Mention(
        platform="mastodon",
        external_id=str(n),
        author=Author(id=f"9{n}", handle=acct, name=user.title()),
        text=text,
        created_at=datetime.now(UTC) - timedelta(hours=1),
        url=f"https://{host}/@{user}/{n}",
    )


def bluesky_post(did: str, rkey: str, text: str) -> Mention:
    """A Bluesky post by `did` (did:plc:NAME), its record key `rkey`, an hour ago."""
    return Mention(
        platform="bluesky",
        external_id=f"at://{did}/app.bsky.feed.post/{rkey}",
        author=Author(id=did, handle=f"{did[8:]}.bsky.social", name=did[8:].title()),
        text=text,
        created_at=datetime.now(UTC) - timedelta(hours=1),
        url=f"https://bsky.app/profile/{did}/post/{rkey}",
    )


def write_mentions(path: Path, mentions: list[Mention], extra_lines: list[str] = ()) -> Path:  # type: ignore[assignment]
    lines = [json.dumps(m.to_dict(), ensure_ascii=False) for m in mentions]
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path


CONFIG = """
[brand]
name = "Lumora"
handles = ["@lumora"]

[store]
url = "{db_url}"

[sentiment]
classifier = "vader"
batch_size = {batch_size}

[[sources]]
kind = "replay"
name = "samples"
path = "{samples}"
page_size = {page_size}
poll_seconds = {poll_seconds}

[[responders]]
kind = "console"
name = "console"

[[responders]]
kind = "local"
name = "cases"
"""


def write_config(
    tmp_path: Path,
    *,
    db_url: str,
    samples: Path,
    page_size: int = 50,
    poll_seconds: float = 5,
    extra: str = "",
    batch_size: int = 50,
) -> Path:
    path = tmp_path / "config.toml"
    text = CONFIG.format(
        db_url=db_url,
        samples=samples,
        page_size=page_size,
        poll_seconds=poll_seconds,
        batch_size=batch_size,
    )
    path.write_text(text + extra)
    return path


def config_for(tmp_path: Path, db_url: str, mentions: list[Mention], **kw: Any) -> Config:
    samples = write_mentions(tmp_path / "mentions.jsonl", mentions)
    return load_config(write_config(tmp_path, db_url=db_url, samples=samples, **kw))


def complaint_and_praise(tmp_path: Path) -> Path:
    """A config replaying one complaint (author a1) and one praise (author b), on SQLite."""
    samples = write_mentions(
        tmp_path / "m.jsonl", [mention(1, COMPLAINT), mention(2, PRAISE, author="b")]
    )
    return write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)


def with_store(config: Path) -> Path:
    """The config, its store made (empty) as a first run makes it: commands that only read
    make none (cli_common.open_store)."""
    from mentiondesk.config import load_config
    from mentiondesk.store import Store

    store = Store(load_config(config, secrets=False).store_url())
    try:
        store.create_all()
    finally:
        store.dispose()
    return config


def read_as_root(
    tmp_path: Path,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    posts: list[Mention],
    *,
    extra: str = "",
) -> Path:
    """A desk that read `posts` in one `run --once`, its commands then run from the terminal by
    "root" (the audit trail's `cli:root`): its config, `extra` appended."""
    import getpass  # the module cli_common asks who runs the command

    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=extra)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def run_cli(config: Path, *args: str, stdin: str | bytes | None = None) -> tuple[int, str]:
    """`mentiondesk --config CONFIG ARGS…` in-process: (exit code, output)."""
    from typer.testing import CliRunner

    from mentiondesk.cli import app

    result = CliRunner().invoke(app, ["--config", str(config), *args], input=stdin)
    return result.exit_code, result.output


def table_rows(db_url: str, query: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """The query's rows in the order of its first column (PostgreSQL may return updated rows
    in another), through an engine of its own."""
    from mentiondesk.store import Store

    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(query.order_by(sa.text("1"))).all()]
    finally:
        store.engine.dispose()


def stored_texts(db_url: str) -> dict[str, str]:
    """Each stored mention's text by the last part of its id ("p1" of a Bluesky post's
    at://…/p1, a status's own id)."""
    from mentiondesk.tables import MENTION

    rows = table_rows(db_url, sa.select(MENTION.c.external_id, MENTION.c.text))
    return {e.rsplit("/", 1)[-1]: t for e, t in rows}


def resolve_every_case(db_url: str) -> None:
    """Mark every case resolved, as a person closing them all would (a follow-up then has
    no open case to join)."""
    from mentiondesk.store import Store
    from mentiondesk.tables import CASE

    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.update(CASE).values(status="resolved"))
    finally:
        store.engine.dispose()


def shipped_desk() -> DeskSection:
    """The shipped config.toml's [desk] with every commented-out key switched on (a line
    that starts with one of its keys; the explanation lines stay comments)."""
    shipped = (Path(__file__).parent.parent / "config.toml").read_text(encoding="utf-8")
    block = shipped[shipped.index("\n[desk]") :].split("\n\n")[0]
    key = re.compile(rf"^# (?=({'|'.join(DeskSection.model_fields)}) = )")
    uncommented = "\n".join(key.sub("", line, count=1) for line in block.splitlines())
    return DeskSection.model_validate(tomllib.loads(uncommented)["desk"])


def windows(hours: BusinessHours, day: date) -> list[tuple[datetime, datetime]]:
    """The weekday's shifts opening on `day` (holiday or not) as UTC instants, in order."""
    return [hours.window(day, shift) for shift in hours.week[day.weekday()]]


def age_source_rows(db_url: str, writer: str, by: timedelta) -> datetime:
    """Set a writer's recorded sources back `by` on the database's clock, as if it had not
    refreshed them since (the only clock their staleness is judged by); the new time."""
    from mentiondesk.store import Store
    from mentiondesk.table_types import DatabaseNow
    from mentiondesk.tables import SOURCE_STATE

    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            at = conn.scalar(sa.select(DatabaseNow())) - by
            mine = SOURCE_STATE.c.writer == writer
            conn.execute(sa.update(SOURCE_STATE).where(mine).values(updated_at=at))
        return at
    finally:
        store.engine.dispose()
