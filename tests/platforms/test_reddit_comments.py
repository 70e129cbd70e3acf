"""Comments in the configured subreddits, read from `r/<subs>/comments` through asyncpraw against
the fake Reddit and matched against the source's query."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from listener.reddit import RedditSource
from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from mentiondesk.plugins import build_plugin
from tests.config_blocks import console_desk
from tests.fakes.reddit import MENTIONS, comments_path
from tests.platforms.helpers import FakeClock, once, reddit_source, started

COMMENTS = comments_path("lumora")
BASE = f"""
[brand]
name = "Lumora"
handles = ["@lumora"]
{console_desk()}
"""


def _source(fake, clock: FakeClock, *, inbox: bool = False, **kw) -> RedditSource:
    account = "lumora_bot" if inbox or kw.get("account") else None
    options = {"query": 'lumora OR "glow lamp"', "subreddits": ["lumora"], "page_size": 10}
    options |= {"account": account} | kw
    login = account if inbox else None
    return reddit_source(fake.base_url, clock, login=login, inbox=inbox, **options)


async def test_a_comment_that_says_the_brand_is_a_mention(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    said = reddit_fake.comment(
        "My LUMORA lamp flickers", author="dave", link="t3_p1", parent="t1_q"
    )
    run = await once(source, cursor, clock=clock)
    await source.close()
    [mention] = run.mentions
    data = said["data"]
    assert (mention.external_id, mention.text) == (data["name"], "My LUMORA lamp flickers")
    assert (mention.author.id, mention.author.handle) == ("t2_dave", "dave")
    assert mention.url == f"https://www.reddit.com/r/lumora/comments/p1/x/{data['id']}/"
    assert (mention.thread_id, mention.parent_id) == ("t3_p1", "t1_q")
    assert mention.created_at == datetime.fromtimestamp(data["created_utc"], UTC)
    assert source.endpoints.gate("comments").limit == 900  # x-ratelimit-* were read


@pytest.mark.parametrize(
    "body", ["a lamp, no brand", "lumoras everywhere", "the lumora_bot account", "a glow, a lamp"]
)
async def test_a_comment_without_the_query_is_not(reddit_fake, clock, body: str) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    reddit_fake.comment(body)
    phrase = reddit_fake.comment("this Glow\nLamp is great")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [phrase["data"]["name"]]


async def test_a_comment_with_the_brand_written_decomposed_is_a_mention(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, query='"Lumora Ação" OR @lumora')
    cursor = await started(source, clock)
    nfc = reddit_fake.comment("a Lumora Ação entregou tudo quebrado", author="ana")
    # The same words as macOS and iOS often send them: ç and ã as a letter and its accent.
    nfd = reddit_fake.comment(unicodedata.normalize("NFD", nfc["data"]["body"]), author="bia")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert nfd["data"]["body"] != nfc["data"]["body"]
    assert sorted(run.ids) == sorted([nfc["data"]["name"], nfd["data"]["name"]])


async def test_pages_back_with_after_until_caught_up(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    said = []
    for n in range(14):
        clock.advance(1)
        said.append(reddit_fake.comment(f"lumora {n}" if n % 2 else f"a lamp {n}"))
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted(c["data"]["name"] for c in said[1::2])
    calls = reddit_fake.api.calls(COMMENTS)[1:]  # the first run's one page aside
    assert [c.query.get("after") for c in calls] == [None, said[4]["data"]["name"]]
    assert all(c.query["limit"] == "10" for c in calls)


async def test_a_comment_in_the_inbox_and_the_listing_is_one_mention(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=True)
    cursor = await started(source, clock)
    said = reddit_fake.comment("u/lumora_bot is the Lumora lamp safe?", link="t3_p1")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert reddit_fake.inbox[-1]["data"]["name"] == said["data"]["name"]  # filed in both
    assert len(reddit_fake.api.calls(MENTIONS)) == len(reddit_fake.api.calls(COMMENTS)) == 2
    assert run.ids == [said["data"]["name"]]
    assert run.mentions[0].thread_id == "t3_p1"


async def test_the_inbox_filing_it_a_poll_later_is_no_second_mention(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=True)
    cursor = await started(source, clock)
    said = reddit_fake.comment("u/lumora_bot my lumora died")
    late = reddit_fake.inbox.pop()  # Reddit's inbox is slower than the listing
    first = await once(source, cursor, clock=clock)
    clock.advance(60)
    reddit_fake.inbox.append(late)
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert first.ids == [said["data"]["name"]]
    assert again.ids == []


async def test_our_own_comments_are_not_mentions(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, account="lumora_bot")
    cursor = await started(source, clock)
    reddit_fake.commented("t3_p1", "Lumora support here: sorry about the lamp")
    theirs = reddit_fake.comment("thanks Lumora", author="LUMORA_fan")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [theirs["data"]["name"]]


async def test_sources_check_reads_the_comments_listing_too(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)
    status = await source.check()
    await source.close()
    assert status.ok and "r/lumora/search and r/lumora/comments work" in status.detail
    assert len(reddit_fake.api.calls(COMMENTS)) == 1


@pytest.mark.parametrize("subreddits", [["all"], ["lumora", "All"], ["popular"]])
async def test_all_of_reddit_has_no_comments_read(reddit_fake, clock, subreddits) -> None:
    reddit_fake.subreddits.add("popular")
    source = _source(reddit_fake, clock, subreddits=subreddits, comments=True)
    cursor = await started(source, clock)
    reddit_fake.comment("lumora in r/lumora")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert list(source.endpoints.fetchers) == ["search"]
    assert run.ids == []
    assert not [c for c in reddit_fake.api.requests if c.path.endswith("/comments")]


async def test_a_query_the_matcher_cannot_read_leaves_comments_unread(
    reddit_fake, clock, caplog
) -> None:
    source = _source(reddit_fake, clock, query="lumora NOT title:spam")
    await source.close()
    assert list(source.endpoints.fetchers) == ["search"]
    assert "comments are not read" in caplog.text and "it uses NOT" in caplog.text
    assert "spam" not in caplog.text


def _config(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        BASE + f'[[sources]]\nkind = "reddit"\nbase_url = "http://127.0.0.1:9"\n{table}'
    )
    return path


@pytest.mark.parametrize(
    ("table", "endpoints"),
    [
        ('subreddits = ["lumora"]', ["search", "comments"]),  # the brand's terms are matched
        ('subreddits = ["lumora"]\ncomments = false', ["search"]),
        ("", ["search"]),  # r/all by default: no comments, and no complaint
    ],
)
async def test_comments_are_read_by_default_where_subreddits_are_named(
    tmp_path, secrets, table: str, endpoints: list[str]
) -> None:
    config = load_config(_config(tmp_path, table))
    source = build_plugin("sources", config.sources[0], config.context)
    await source.close()
    assert list(source.endpoints.fetchers) == endpoints


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ("comments = true", "comments = true needs named subreddits: r/all/comments is every"),
        (
            'subreddits = ["lumora"]\ncomments = true\nquery = "lumora -spam"',
            "`query` cannot be (it uses a leading - (must or must not))",
        ),
    ],
)
def test_comments_asked_for_where_they_cannot_be_read_are_refused(
    tmp_path, secrets, table: str, said: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(_config(tmp_path, table))
    assert "sources[0]" in str(refused.value) and said in str(refused.value)


@pytest.mark.parametrize("written", ["r/lumora", "/r/lumora", "lumora", "R/lumora/"])
async def test_a_subreddit_is_read_however_people_write_it(tmp_path, secrets, written) -> None:
    """Written "r/lumora", it built `r/r/lumora/search`, a subreddit that does not exist."""
    config = load_config(_config(tmp_path, f'subreddits = ["{written}"]'))
    source = build_plugin("sources", config.sources[0], config.context)
    await source.close()
    assert (source.search_path, source.comments_path) == ("r/lumora/search", "r/lumora/comments")


@pytest.mark.parametrize("written", ["r/por tugal", "r/x", "lumora+lamps", "r/" + "a" * 22])
def test_a_name_no_subreddit_can_have_is_refused_naming_the_key(
    tmp_path, secrets, written: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(_config(tmp_path, f'subreddits = ["lumora", "{written}"]'))
    assert f"sources[0].subreddits: {written!r} is not a subreddit name" in str(refused.value)
    assert 'write each as "portugal" or "r/portugal"' in str(refused.value)


def test_no_subreddit_at_all_is_refused_naming_the_key(tmp_path, secrets) -> None:
    with pytest.raises(ConfigError) as refused:
        load_config(_config(tmp_path, "subreddits = []"))
    assert "sources[0].subreddits: name at least one subreddit" in str(refused.value)
