"""What a comment is on: the Hacker News and Reddit listeners carry the title of the story or
post a comment answers (Algolia's `story_title`, Reddit's `link_title`), so the desk can say
'on “Show HN: Lumora CI”'; a story or post itself is on nothing."""

from __future__ import annotations

from listener.hackernews import HackerNewsSource
from listener.reddit import RedditSource
from tests.platforms.helpers import FakeClock, once, reddit_source, started
from tests.platforms.test_hackernews import _source as _hn_source


async def _hn_read(fake, clock: FakeClock, add) -> dict[str, object]:
    source: HackerNewsSource = _hn_source(fake, clock)
    cursor = await started(source, clock)
    added = add()
    run = await once(source, cursor, clock=clock)
    await source.close()
    return {m.external_id: m.on_title for m in run.mentions} | {"added": added}


def _reddit(fake, clock: FakeClock, *, inbox: bool = False) -> RedditSource:
    options = {"query": "lumora", "subreddits": ["lumora"], "page_size": 10}
    login = "lumora_bot" if inbox else None
    return reddit_source(fake.base_url, clock, login=login, inbox=inbox, account=login, **options)


async def test_a_hn_comment_is_on_its_story(hn_fake, clock) -> None:
    def add() -> str:
        return hn_fake.comment("Lumora is flaky", story_title="Show HN: Lumora CI")["objectID"]

    got = await _hn_read(hn_fake, clock, add)
    assert got[got["added"]] == "Show HN: Lumora CI"  # type: ignore[index]


async def test_a_hn_story_is_on_nothing(hn_fake, clock) -> None:
    got = await _hn_read(hn_fake, clock, lambda: hn_fake.story("Lumora 2.0")["objectID"])
    assert got[got["added"]] is None  # type: ignore[index]


async def test_a_hostile_hn_title_is_one_line_cut_short(hn_fake, clock) -> None:
    title = "<script>alert(1)</script>\n\u202eevil " + "x" * 500

    def add() -> str:
        return hn_fake.comment("lumora?", story_title=title)["objectID"]

    got = await _hn_read(hn_fake, clock, add)
    on = got[got["added"]]  # type: ignore[index]
    assert isinstance(on, str) and len(on) <= 300 and on.endswith("xxx…")
    assert on.startswith("<script>alert(1)</script> \u202eevil xxx")  # escaped where shown


async def test_a_reddit_comment_is_on_its_post(reddit_fake, clock) -> None:
    source = _reddit(reddit_fake, clock)
    cursor = await started(source, clock)
    said = reddit_fake.comment("we moved off Lumora, too flaky", link="t3_p1")
    said["data"]["link_title"] = "Which CI do you use?"
    run = await once(source, cursor, clock=clock)
    await source.close()
    [mention] = run.mentions
    assert mention.on_title == "Which CI do you use?"


async def test_an_inbox_mention_is_on_its_post(reddit_fake, clock) -> None:
    source = _reddit(reddit_fake, clock, inbox=True)
    cursor = await started(source, clock)
    reddit_fake.mention("u/lumora_bot what's the pricing?", link="t3_p9")
    run = await once(source, cursor, clock=clock)
    await source.close()
    [mention] = run.mentions
    assert (mention.thread_id, mention.on_title) == ("t3_p9", "A lamp question")


async def test_a_reddit_post_is_on_nothing(reddit_fake, clock) -> None:
    source = _reddit(reddit_fake, clock)
    cursor = await started(source, clock)
    reddit_fake.submit("Lumora lamp broke")
    run = await once(source, cursor, clock=clock)
    await source.close()
    [mention] = run.mentions
    assert mention.on_title is None
