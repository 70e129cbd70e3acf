"""`responders check` for a Mastodon poster whose server allows another number of characters
than the desk counts to (its table's `max_characters`, 500 unless written): the check names
the line to write, in the table to write it in; once written, it has nothing to add."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from responders.mastodon_post import MastodonPostResponder, MastodonPostResponderConfig
from tests.fakes.mastodon import MastodonFake
from tests.helpers import write_config, write_mentions

POSTER = """
[routing]
post = {{ default = "console", mastodon = "toot" }}

[[responders]]
kind = "mastodon-post"
name = "toot"
base_url = "{base_url}"
{line}
"""


async def _checked(tmp_path: Path, fake: MastodonFake, line: str) -> str:
    """What the check says of the poster as the config builds it (`line`: its limit's)."""
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = POSTER.format(base_url=fake.base_url, line=line)
    config = load_config(
        write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    )
    table = next(r for r in config.responders if r.name == "toot")
    assert isinstance(table, MastodonPostResponderConfig)
    responder = MastodonPostResponder.from_config(table, config.context)
    try:
        return await responder.check()
    finally:
        await responder.close()


@pytest.mark.parametrize(
    ("most", "line", "said"),
    [
        (
            5000,
            "",
            "signed in as @lumora; this server allows 5000 characters a status and the desk "
            "counts to 500: a longer reply the server would take is refused at approval; "
            'write max_characters = 5000 in the [[responders]] table with name = "toot"',
        ),
        (5000, "max_characters = 5000", "signed in as @lumora"),
        (
            300,
            "max_characters = 5000",
            "signed in as @lumora; this server allows 300 characters a status and the desk "
            "counts to 5000: a longer reply is refused when it is sent (held as too long); "
            'write max_characters = 300 in the [[responders]] table with name = "toot"',
        ),
        (500, "", "signed in as @lumora"),
    ],
)
async def test_the_check_names_the_line_that_makes_the_desk_count_as_the_server(
    tmp_path: Path,
    mastodon_fake: MastodonFake,
    monkeypatch: pytest.MonkeyPatch,
    most: int,
    line: str,
    said: str,
) -> None:
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "tok")
    mastodon_fake.max_characters = most
    assert await _checked(tmp_path, mastodon_fake, line) == said
