"""Adding a person on the people page and from the CLI; recording a survey answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.tables import SURVEY, USER
from mentiondesk.web.users import authenticate
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def test_admin_adds_a_person(as_role: Login, store: Store) -> None:
    desk = await as_role("admin")
    response = await desk.post("/people", name="zoe", role="manager", password="a long secret")
    assert await desk.said(response) == "user-added"
    user = authenticate(store, "zoe", "a long secret")
    assert user is not None
    assert user.role.title == "manager"
    short = await desk.post("/people", name="yan", role="agent", password="short")
    assert short.status == 303  # to the form, saying why (test_people)
    assert authenticate(store, "yan", "short") is None


def test_users_add_from_stdin(config: Config, store: Store) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--config",
            str(config.path),
            "users",
            "add",
            "sam",
            "--role",
            "manager",
            "--password-stdin",
        ],
        input="s3cret-passwd\n",
    )
    assert result.exit_code == 0, result.output
    assert authenticate(store, "sam", "s3cret-passwd") is not None
    with store.engine.connect() as conn:
        stored = conn.scalar(sa.select(USER.c.password_hash).where(USER.c.name == "sam"))
    assert str(stored).startswith("$argon2")


def test_survey_record(config: Config, store: Store) -> None:
    _, case, _ = add(store, "meh")
    args = ["--config", str(config.path), "survey", "record", f"MD-{case:06d}"]
    ok = CliRunner().invoke(cli, [*args, "--kind", "csat", "--score", "4"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, [*args, "--kind", "nps", "--score", "11"])
    assert bad.exit_code == 2
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(SURVEY.c.kind, SURVEY.c.score)).all() == [("csat", 4)]
