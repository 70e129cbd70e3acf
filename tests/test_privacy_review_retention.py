"""The retention keeps someone on the do-not-contact list as their account's fingerprint, as
`authors forget` does: a handle listed before it was seen (a fingerprint of the handle, easy
to test against a list of likely handles) goes once the author's row is blanked."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import AUTHOR, FORGOTTEN
from tests.helpers import run_cli, write_config, write_mentions
from tests.test_retention import POSTS, _age, _rows, post


def test_a_handle_listed_unseen_goes_when_its_author_is_blanked(
    tmp_path: Path, db_url: str
) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    config.write_text(config.read_text().replace("[store]\n", "[store]\nretain_days = 30\n"))
    # Ana asked by email before her first post: her handle is listed as a fingerprint.
    code, output = run_cli(config, "authors", "do-not-contact", "x", "@H_A1")
    assert code == 0 and "not seen yet" in output, output
    assert run_cli(config, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    assert _rows(db_url, listed) == [("h_a1",)]
    assert run_cli(config, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    code, output = run_cli(config, "store", "purge")
    assert code == 0 and "1 author" in " ".join(output.split()), output
    assert len(_rows(db_url, sa.select(FORGOTTEN.c.digest))) == 1  # her account's only
    # She stays on the list: when she posts again, her account's fingerprint relists her.
    write_mentions(tmp_path / "m.jsonl", [*POSTS, post(4, "@lumora hello again")])
    assert run_cli(config, "run", "--once")[0] == 0
    assert _rows(db_url, listed) == [("h_a1",)]
