"""The DPO's record of an erasure counts the Slack cards about OTHERS' posts that showed the
erased author (a quote of her status) and that the outbox rewrites: the audit line says so,
and the Privacy log reads it back in English, in Brazil's and in Portugal's words, one card
and many alike, from the long line and from the compact one (counts in thousands)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.erasure import erase
from mentiondesk.erasure_audit import COMPACT_HEAD, ERASED_HEAD, erase_detail
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web.audit_erasures import counted, erasure_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.slack_cards_helpers import post_card, slack_on
from tests.test_dpo_later_quotes_slack import _seed

SAID = "; Slack cards: 1 about others' posts that showed them (rewrite queued in the outbox)"


def _detail(store: Store) -> str:
    with store.engine.connect() as conn:
        return str(conn.scalar(sa.select(AUDIT.c.detail).where(AUDIT.c.action == "erase")))


async def test_the_audit_line_counts_the_others_card_rewritten(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Bia's complaint quoted Sara's status; its card is rewritten when Sara is forgotten."""
    config = load_config(write_config(tmp_path, db_url))
    _seed(store)
    fake = SlackFake(fake_api)
    await post_card(store, slack_on(fake), config, fake)
    erasure = erase(store, "mastodon", "sara@remote.test", by="dpo")
    assert erasure.elsewhere.others == (("slack", 1),)
    detail = _detail(store)
    assert detail.startswith(ERASED_HEAD) and detail.endswith(SAID)
    said = erasure_line(ENGLISH, "dpo", "erase", detail)
    assert said is not None and said.endswith(
        "Slack: 1 card about others' posts that showed the person (rewrite queued in the outbox)"
    )
    brazil = erasure_line(PORTUGUESE, "dpo", "erase", detail)
    assert brazil is not None and brazil.endswith(
        "Slack: 1 cartão sobre publicações de outras pessoas que mostrava a pessoa (reescrita "
        "na fila de envio)"
    )
    portugal = erasure_line(EUROPEAN_PORTUGUESE, "dpo", "erase", detail)
    assert portugal is not None and "apagou a pedido" in portugal
    assert portugal.endswith(
        "1 cartão sobre publicações de outras pessoas que mostrava a pessoa (reescrita na "
        "fila de envio)"
    )


def test_many_cards_and_the_compact_line_read_back_alike() -> None:
    """Plural forms; a compact line (thousands of mentions) keeps the count and reads back
    as the long one."""
    deleted = [("mention", 4321), ("case", 0)]
    blanked = [("delivered action", 0), ("audit line", 0)]
    slack = [("queued", 2), ("waiting", 0), ("cleared", 0), ("others", 1234)]
    summary = "x" * 600  # too long: the compact form
    detail = erase_detail(summary, deleted, blanked, 0, slack)
    assert detail.startswith(COMPACT_HEAD) and detail.endswith("queued=2 others=1234")
    for loc, words in (
        (ENGLISH, "1,234 cards about others' posts that showed the person (rewrite"),
        (PORTUGUESE, "1.234 cartões sobre publicações de outras pessoas que mostravam a pessoa"),
        (EUROPEAN_PORTUGUESE, "1234 cartões sobre publicações de outras pessoas que mostravam"),
    ):
        read = counted(loc, "erase", detail)
        assert read is not None and words in read.parts, read
