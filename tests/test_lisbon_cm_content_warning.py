"""A Lisbon telecom answers a post behind a content warning on a 500-character instance: the
reply carries the warning, and Mastodon counts the warning in the 500. Approval (and an
`auto` reply's check) counts it too, as the server does: a reply the desk approves is one the
server takes, and one the server would refuse waits for a shorter text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from listener._mastodon_wire import read_status
from mentiondesk import queue
from mentiondesk.config import load_config
from mentiondesk.models import Mention, mastodon_reply_text
from mentiondesk.pipeline import App
from mentiondesk.playbook_build import _public_too_long
from mentiondesk.reply_limits import content_warning, reply_length, too_long
from mentiondesk.tables import DRAFT
from tests.fakes.mastodon_text import status_length
from tests.helpers import BASE_TIME, COMPLAINT, write_config, write_mentions
from tests.test_pipeline import recorders
from tests.test_reply_length import DRAFTS, POST, draft_of

CW = "Fatura de novembro 💶"  # 20 graphemes, as Mastodon counts them
BODY = COMPLAINT  # read as a complaint by the default classifier


def _post(spoiler: str = CW, body: str = BODY) -> Mention:
    """The customer's status as the Mastodon source reads it."""
    status = {
        "id": "1100",
        "account": {"id": "7", "acct": "rita", "display_name": "Rita"},
        "content": f"<p>{body}</p>",
        "spoiler_text": spoiler,
        "created_at": BASE_TIME.isoformat(),
        "visibility": "public",
        "url": "https://masto.pt/@rita/1100",
    }
    return read_status(status, "https://masto.pt")


@asynccontextmanager
async def _desk(tmp_path: Path, db_url: str, post: Mention) -> AsyncIterator[App]:
    (tmp_path / "rules.toml").write_text(DRAFTS)
    samples = write_mentions(tmp_path / "m.jsonl", [post])
    extra = '\n[playbooks]\npaths = ["rules.toml"]\n'
    config = load_config(write_config(tmp_path, db_url=db_url, samples=samples, extra=extra))
    async with App(config, responders=recorders()) as app:
        await app.run_once()
        yield app


def test_the_warning_the_listener_read_is_the_one_counted() -> None:
    post = _post()
    assert content_warning("mastodon", post.text) == CW
    assert content_warning("mastodon", _post(spoiler="").text) == ""
    assert content_warning("bluesky", post.text) == ""  # only Mastodon replies carry one
    # A post's own first paragraph is no warning.
    assert content_warning("mastodon", "Olá\n\n@lumora a net caiu") == ""


@pytest.mark.parametrize("private", [False, True])
def test_a_reply_is_counted_with_the_warning_as_the_server_counts_it(private: bool) -> None:
    text = "Lamentamos! Veja https://lumora.pt/ajuda/faturas/duplicadas e @ana@masto.pt"
    sent = mastodon_reply_text("rita", text)
    counted = reply_length("mastodon", text, private=private, handle="rita", warning=CW)
    assert counted == status_length(sent, CW) == status_length(sent) + 20


async def test_approval_refuses_what_fits_only_without_the_warning(
    tmp_path: Path, db_url: str
) -> None:
    post = _post()
    text = "x" * (500 - len("@rita "))  # 500 as sent without the warning: 520 with it
    async with _desk(tmp_path, db_url, post) as app:
        draft = draft_of(app, "public")
        with pytest.raises(queue.ReplyTooLong) as refused:
            queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
        fits = text[:-20]  # 500 with the warning: the server takes it
        queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=fits)
        with app.store.engine.connect() as conn:
            status = conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft))
    assert str(refused.value).startswith("the reply is 520 characters as mastodon counts it")
    assert "content warning it carries included (20); " in str(refused.value)
    assert status == "approved"
    assert status_length(mastodon_reply_text("rita", fits), CW) == 500


def test_an_auto_reply_to_a_post_behind_a_warning_counts_it() -> None:
    text = "y" * (500 - len("@rita "))  # an `auto` reply this long waits for a person
    assert too_long("mastodon", text, private=False, handle="rita") is None
    assert _public_too_long(_post(spoiler=""), text) is None
    why = _public_too_long(_post(), text)
    assert why is not None and why.endswith("; mastodon allows 500")
