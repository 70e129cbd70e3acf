"""A developer-tools brand's Hacker News through the fake Algolia API: a comment that opens
with a code block keeps its first line's indent (pasted Python or YAML reads as written), and
an error Algolia explains is logged with its reason, not a bare status."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from listener.hackernews import HackerNewsSource
from mentiondesk.config import load_config
from mentiondesk.plugins import build_plugin
from tests.fakes._base import FakeAPI
from tests.fakes.hackernews import SEARCH, HackerNewsFake
from tests.platforms.helpers import FakeClock, once, started


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[HackerNewsFake]:
    async with FakeAPI() as api:
        yield HackerNewsFake(api, clock=clock)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


def _source(fake: HackerNewsFake, clock: FakeClock) -> HackerNewsSource:
    return HackerNewsSource(
        name="hn", query="acme", base_url=fake.base_url, page_size=5, clock=clock
    )


async def test_a_comment_opening_with_code_keeps_its_indent(fake, clock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    # As HN renders two-space-indented lines: <pre><code>, `<` and `'` as entities.
    body = (
        "<pre><code>    def deploy():\n        acme.run(&#x27;ci&#x27;) &lt; 3\n</code></pre>"
        "<p>Is this how acme wants it?"
    )
    hit = fake.comment(body)
    run = await once(source, cursor, clock=clock)
    await source.close()
    (mention,) = run.mentions
    assert mention.external_id == hit["objectID"]
    assert mention.text == (
        "    def deploy():\n        acme.run('ci') < 3\n\nIs this how acme wants it?"
    )


async def test_a_comment_still_has_no_blank_lines_at_its_ends(fake, clock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    fake.comment("<p> acme is fast<p>  ")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [m.text for m in run.mentions] == ["acme is fast"]


@pytest.mark.parametrize(
    ("status", "stops"), [(400, "stopped until restart"), (503, "retrying with backoff")]
)
async def test_algolias_reason_for_an_error_is_in_the_log(
    fake, clock, caplog, status: int, stops: str
) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    reason = "Invalid syntax for numeric filters:\n\x1b[31mcreated_at_i>=x"
    fake.fail(SEARCH, status, {"message": reason, "status": status})
    with caplog.at_level(logging.WARNING):
        await once(source, cursor, clock=clock)
    await source.close()
    said = [r.getMessage() for r in caplog.records if f"status {status}" in r.getMessage()]
    assert said, caplog.text
    assert "(Invalid syntax for numeric filters: [31mcreated_at_i>=x)" in said[0]
    assert "\x1b" not in caplog.text and stops in caplog.text


async def test_an_error_page_without_a_reason_says_the_status_alone(fake, clock, caplog) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    fake.api.queue("GET", SEARCH, 403, body="<html>Forbidden</html>", content_type="text/html")
    with caplog.at_level(logging.WARNING):
        await once(source, cursor, clock=clock)
    await source.close()
    assert "hackernews search: status 403; check the source's query and tags" in caplog.text


async def test_a_story_found_by_its_authors_name_alone_is_no_mention(fake, clock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    # HN Search searches `author` too: "acme" finds every story acme_jane posts.
    fake.story("Why we left Kubernetes", author="acme_jane", url="https://blog.test/k8s")
    about = fake.story("Acme CLI 2.0: builds in half the time", author="acme_jane")
    linked = fake.story("Show HN: a faster CI", author="acme_jane", url="https://acme.dev/ci")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted([about["objectID"], linked["objectID"]])


async def test_a_word_a_typo_away_from_the_brand_is_not_asked_for(fake, clock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    near = fake.comment("I came here to say this")  # "came": one transposition from "acme"
    fake.typo_ids.add(near["objectID"])
    said = fake.comment("acme saved our release")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [said["objectID"]]
    assert {c.query.get("typoTolerance") for c in fake.api.calls(SEARCH)} == {"false"}


async def test_typo_tolerance_is_algolias_again_where_asked(fake, clock) -> None:
    source = HackerNewsSource(
        name="hn", query="lumora", base_url=fake.base_url, typos=True, clock=clock
    )
    cursor = await started(source, clock)
    near = fake.comment("Lumra is what I meant")  # a misspelling of the brand itself
    fake.typo_ids.add(near["objectID"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [near["objectID"]]
    assert "typoTolerance" not in fake.api.calls(SEARCH)[-1].query


@pytest.mark.parametrize(("written", "typos"), [("", False), ("typo_tolerance = true\n", True)])
async def test_typo_tolerance_is_read_from_the_config(
    tmp_path: Path, written: str, typos: bool
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[brand]\nname = "Acme CLI"\n[routing]\nalert = ["console"]\nticket = "cases"\n'
        '[[responders]]\nkind = "console"\n[[responders]]\nkind = "local"\nname = "cases"\n'
        f'[[sources]]\nkind = "hackernews"\n{written}'
    )
    config = load_config(path)
    source = build_plugin("sources", config.sources[0], config.context)
    await source.close()
    assert isinstance(source, HackerNewsSource) and source.typos is typos
