"""The queue has one order, the SQL's and the page's alike: a held reply first, then
priority, then the longest waiting. So the first page is exactly the top of a longer list,
and "Show more" only adds rows below (frustration counts through the priority, not again)."""

from __future__ import annotations

from datetime import timedelta

from mentiondesk.store import Store
from mentiondesk.web.data_queue import Filters, load_queue
from tests.desk.seed import add


def test_the_first_page_is_the_top_of_the_longer_list(store: Store) -> None:
    add(store, "late", frustration=1, priority=20, ago=timedelta(hours=3))
    add(store, "late again", frustration=1, priority=20, ago=timedelta(hours=2))
    add(store, "FURIOUS", frustration=3, priority=20, ago=timedelta(hours=1))
    add(store, "thanks", label="positive", case=False, ago=timedelta(hours=4))  # no case
    two, _ = load_queue(store, Filters(), limit=2)
    four, _ = load_queue(store, Filters(), limit=4)
    assert [i.excerpt for i in two] == ["late", "late again"]
    assert [i.excerpt for i in four] == ["late", "late again", "FURIOUS", "thanks"]
