"""One mention the store cannot take (a value the driver cannot send, or one the database
refuses) is skipped, named by its place in the log; the rest of its page and the cursor are
stored. Raised, the page was polled and refused again at every poll: the source stuck."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from mentiondesk.models import Author, Mention
from mentiondesk.store import Store
from tests.helpers import mention


def _bad(kind: str) -> Mention:
    """A mention whose `kind` value no database takes as it is."""
    post = mention(2, author="b")
    if kind == "url":  # a post cut inside an emoji: half a surrogate pair
        return dataclasses.replace(post, url="https://example.test/\ud83d")
    if kind == "handle":
        return dataclasses.replace(post, author=Author(id="b", handle="h_\udc00"))
    # Past PostgreSQL's INTEGER, and SQLite's 64 bits.
    return dataclasses.replace(post, author=Author(id="b", handle="h_b", followers=2**70))


@pytest.mark.parametrize("kind", ["url", "handle", "followers"])
def test_a_mention_the_store_cannot_take_is_skipped_and_the_page_stored(
    store: Store, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    posts = [mention(1), _bad(kind), mention(3, author="c")]
    with caplog.at_level(logging.INFO, logger="mentiondesk.store"):
        assert store.ingest("samples", posts, "c1").new == 2
    assert store.cursor("samples") == "c1" and store.pending_count() == 2
    assert "source samples: mention 2 of 3 (x) cannot be stored" in caplog.text
    assert "h_" not in caplog.text and "example.test" not in caplog.text


def test_the_next_poll_of_that_page_stores_nothing_twice(store: Store) -> None:
    posts = [mention(1), _bad("url"), mention(3, author="c")]
    store.ingest("samples", posts, "c1")
    assert store.ingest("samples", posts, "c1").new == 0 and store.pending_count() == 2
