"""The retention, and taking someone off the list, drop every form of a Mastodon handle
listed before it was seen.

"cy@social.example", put on do-not-contact before Cy's first post, is kept as two handle
fingerprints: that form and "cy", the form the listening instance (social.example) stores
its own accounts in. Once the retention blanks Cy's row, both go, as with `authors forget`
(a handle's fingerprint is a trace easy to guess); their account's fingerprint keeps them on
the list. The "cy@social.example" one used to stay: the retention only tried "cy". The
same when Cy asks to be contacted again (`do-not-contact --undo`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import retention
from mentiondesk.contacts import mastodon_homes
from mentiondesk.models import Author, Mention, SourceConfig
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, FORGOTTEN
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions
from tests.mastodon_helpers import add_toots, by, toots_token
from tests.test_retention import _age

LISTED = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
HOME = mastodon_homes([SourceConfig(kind="mastodon", base_url="https://Social.Example")])


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cy (account 103) listed as "cy@social.example" before posting, then seen as "Cy"
    (one of social.example's own) in a post that opens no case; all of it 100 days old."""
    toots_token(monkeypatch)
    url = f"sqlite:///{tmp_path}/desk.db"
    samples = write_mentions(tmp_path / "m.jsonl", [by(1, "Ana@instance.social")])
    path = write_config(tmp_path, db_url=url, samples=samples)
    path.write_text(path.read_text().replace("[store]\n", "[store]\nretain_days = 30\n"))
    assert run_cli(path, "run", "--once")[0] == 0
    add_toots(path)
    assert run_cli(path, "authors", "do-not-contact", "mastodon", "cy@social.example")[0] == 0
    assert len(table_rows(url, sa.select(FORGOTTEN.c.digest))) == 2
    write_mentions(samples, [by(1, "Ana@instance.social"), _greeting(3, "Cy")])
    # Social.Example is never polled: only the samples are read (a source not reached fails --once).
    assert run_cli(path, "run", "--once", "--sources", "samples")[0] == 0
    assert table_rows(url, LISTED) == [("Cy",)]
    _age(url)
    return path


def _greeting(n: int, handle: str) -> Mention:
    """A post read as neutral: it opens no case."""
    post = mention(n, "hello @lumora", platform="mastodon", author=f"10{n}")
    return replace(post, author=Author(id=f"10{n}", handle=handle, name="Someone"))


def test_the_retention_drops_both_forms_of_a_listed_mastodon_handle(config: Path) -> None:
    url = f"sqlite:///{config.parent}/desk.db"
    store = Store(url)
    try:
        done = retention.purge(store, 30, by="cli:dpo", home=HOME)
    finally:
        store.dispose()
    assert done.authors == 1, done  # Cy's; Ana's case is still open
    assert len(table_rows(url, sa.select(FORGOTTEN.c.digest))) == 1  # their account's only
    assert table_rows(url, LISTED) == []  # blanked: nobody named


def test_taking_a_listed_mastodon_handle_off_the_list_drops_both_forms(config: Path) -> None:
    """Cy asks to be contacted again: no fingerprint of her handle is left in either form
    (the "cy@social.example" one stayed, and the retention never drops an unlisted one)."""
    url = f"sqlite:///{config.parent}/desk.db"
    undo = ("authors", "do-not-contact", "mastodon", "cy@social.example", "--undo")
    code, output = run_cli(config, *undo)
    assert code == 0 and "may be contacted again" in output, output
    assert table_rows(url, LISTED) == []
    assert table_rows(url, sa.select(FORGOTTEN.c.digest)) == []


def test_store_purge_knows_the_configured_instance(config: Path) -> None:
    """The command passes the Mastodon sources' hosts, as the daily retention and a
    `run --once` do: without them only the short form went."""
    url = f"sqlite:///{config.parent}/desk.db"
    code, output = run_cli(config, "store", "purge")
    assert code == 0, output
    assert len(table_rows(url, sa.select(FORGOTTEN.c.digest))) == 1  # their account's only
    assert table_rows(url, LISTED) == []
