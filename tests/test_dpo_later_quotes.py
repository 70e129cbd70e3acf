"""A DPO erases an author, then checks that nothing of theirs comes back: a quote of one of
their posts read AFTER the erasure (Mastodon or Bluesky, of a post stored or never stored)
is stored with its quote line rewritten, as the erasure rewrote those stored before it, and
the alert made from it carries no address of their post. Quotes of others stay as they are."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from listener.mastodon import MastodonSource
from mentiondesk import cli_common
from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.models.mastodon import build_mastodon
from mentiondesk.store import Store
from mentiondesk.tables import ERASED_POST, MENTION, OUTBOX
from tests.fakes._base import FakeAPI
from tests.fakes.mastodon import MastodonFake
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    bluesky_post,
    mastodon_post,
    run_cli,
    stored_texts,
    write_config,
    write_mentions,
)
from tests.platforms.helpers import FakeClock, once, started
from tests.test_retention import _holding, _rows

SARA = "sara@remote.test"  # the fake server's accounts are all on remote.test


def _payloads(db_url: str) -> str:
    return "\n".join(p for (p,) in _rows(db_url, sa.select(OUTBOX.c.payload)))


# Sara's posts, read first (the samples source reads its file on from where it stopped).
FIRST = [mastodon_post(SARA, 1, PRAISE), bluesky_post("did:plc:sara7", "p1", PRAISE)]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Sara praised the brand on Mastodon and on Bluesky; both accounts are then erased."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    config = write_config(
        tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m.jsonl", FIRST)
    )
    assert run_cli(config, "run", "--once")[0] == 0
    for platform, handle in (("mastodon", SARA), ("bluesky", "sara7.bsky.social")):
        code, output = run_cli(config, "authors", "forget", platform, handle, "--yes")
        assert code == 0, output
    return config


def test_a_later_mastodon_quote_of_their_post_is_stored_rewritten(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    """Carl quotes a status of Sara's the store never had (it never named the brand), in
    either address form and any case; Dia quotes Sarah, someone else: hers stays."""
    carl = f"{COMPLAINT}\n\n↪️ https://Remote.Test/@Sara/777"
    bob = f"{COMPLAINT}\n\n↪️ https://remote.test/users/sara/statuses/778"
    dia = f"{COMPLAINT}\n\n↪️ https://remote.test/@sarah/5"
    later = [mastodon_post("carl@other.test", 2, carl), mastodon_post("bob@other.test", 4, bob)]
    later.append(mastodon_post("dia@other.test", 3, dia))
    write_mentions(tmp_path / "m.jsonl", [*FIRST, *later])
    assert run_cli(desk, "run", "--once")[0] == 0
    texts = stored_texts(db_url)
    assert texts["2"] == texts["4"] == f"{COMPLAINT}\n\n{UNQUOTED}"
    assert texts["3"] == dia
    assert _holding(db_url, "/sara/") == [] and _holding(db_url, "@sara/") == []
    assert _holding(db_url, "@Sara/") == []
    payloads = _payloads(db_url)  # the alerts made from the complaints
    assert "@sarah/5" in payloads and UNQUOTED in payloads


def test_a_later_bluesky_quote_of_a_post_never_stored_is_stored_rewritten(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    """p9 never named the brand, so no fingerprint of the post was kept: their DID's is."""
    quote = f"{COMPLAINT}\n\n↪️ https://bsky.app/profile/did:plc:sara7/post/p9"
    other = f"{COMPLAINT}\n\n↪️ https://bsky.app/profile/did:plc:sara77/post/p9"
    later = [bluesky_post("did:plc:carl", "c1", quote), bluesky_post("did:plc:dia", "d1", other)]
    write_mentions(tmp_path / "m.jsonl", [*FIRST, *later])
    assert run_cli(desk, "run", "--once")[0] == 0
    texts = stored_texts(db_url)
    assert texts["c1"] == f"{COMPLAINT}\n\n{UNQUOTED}"
    assert texts["d1"] == other  # did:plc:sara77 is another account
    assert _holding(db_url, "did:plc:sara7/") == []


def test_answering_no_keeps_nothing(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts shown before "Erase?" come from a rehearsal, rolled back: no fingerprint."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", [mastodon_post(SARA, 1, PRAISE)])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    code, output = run_cli(config, "authors", "forget", "mastodon", SARA, stdin="n\n")
    assert code == 1 and "Nothing erased." in output
    assert _rows(db_url, sa.select(ERASED_POST.c.digest)) == []


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[MastodonFake]:
    async with FakeAPI() as api:
        yield MastodonFake(api, clock=clock)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


async def test_a_quote_read_by_the_mastodon_source_after_the_erasure(
    desk: Path, db_url: str, fake: MastodonFake, clock: FakeClock
) -> None:
    """The listener's own quote line (Mastodon 4.5's `quote`), stored through Store.ingest."""
    source = MastodonSource(
        name="mastodon", api=build_mastodon(fake.base_url, "tok"), query="", clock=clock
    )
    cursor = await started(source, clock)
    quoted = fake.status("I love my lamp", author="sara")
    quote = {"state": "accepted", "quoted_status": quoted}
    fake.mention("@lumora this lamp broke in a day, not like hers", author="dan", quote=quote)
    fake.notifications[-1]["type"] = "quote"
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert "@sara/" in run.mentions[0].text  # as read: it links Sara's status
    store = Store(db_url)
    try:
        assert store.ingest("mastodon", run.mentions, run.cursor).new == 1
    finally:
        store.dispose()
    stored = _rows(db_url, sa.select(MENTION.c.text).where(MENTION.c.source == "mastodon"))
    assert stored == [("@lumora this lamp broke in a day, not like hers\n\n" + UNQUOTED,)]
    assert _holding(db_url, "/sara/") == [] and _holding(db_url, "@sara/") == []


def test_an_account_whose_server_is_not_its_handles_domain(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ana is ana@example.com, her statuses at social.example.com (WebFinger's domain is not
    the server's): quotes of them, stored before and read after, lose her address; a status
    of another account there, and a Misskey-style note on that host, stay."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    ana = replace(
        mastodon_post("ana@example.com", 1, PRAISE), url="https://social.example.com/@ana/1"
    )
    quoting = f"{COMPLAINT}\n\n↪️ https://social.example.com/@ana/7"
    first = [ana, mastodon_post("bia@other.test", 2, quoting)]
    samples = write_mentions(tmp_path / "m.jsonl", first)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    code, output = run_cli(config, "authors", "forget", "mastodon", "ana@example.com", "--yes")
    assert code == 0, output
    later = f"{COMPLAINT}\n\n↪️ https://SOCIAL.example.com/users/ana/statuses/8"
    others = f"{COMPLAINT}\n\n↪️ https://social.example.com/@anabel/9"
    notes = f"{COMPLAINT}\n\n↪️ https://social.example.com/notes/9"
    more = [mastodon_post("carl@other.test", 3, later), mastodon_post("dia@other.test", 4, others)]
    more.append(mastodon_post("eve@other.test", 5, notes))
    write_mentions(tmp_path / "m.jsonl", [*first, *more])
    assert run_cli(config, "run", "--once")[0] == 0
    texts = stored_texts(db_url)
    assert texts["2"] == texts["3"] == f"{COMPLAINT}\n\n{UNQUOTED}"
    assert texts["4"] == others and texts["5"] == notes
