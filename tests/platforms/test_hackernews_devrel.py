"""What a developer-tools brand's Hacker News mentions look like on the desk: HN's HTML
(code blocks, links HN cut short, entities), link stories, and comments Algolia finds only
because their story names the brand."""

from __future__ import annotations

from listener.hackernews import HackerNewsSource
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.test_hackernews import _source

# As Algolia serves a comment HN rendered: a long URL's shown text cut at "...".
_LONG = (
    "https:&#x2F;&#x2F;github.com&#x2F;acme&#x2F;build-tools&#x2F;blob&#x2F;main&#x2F;lumora.yml"
)
_COMMENT = (
    "We moved off Jenkins.<p>Here&#x27;s the config:<p><pre><code>  steps:\n"
    "    - run: make test\n</code></pre>\nIt&#x27;s in "
    f'<a href="{_LONG}" rel="nofollow">https:&#x2F;&#x2F;github.com&#x2F;acme&#x2F;build-tools'
    "&#x2F;blo...</a><p>&gt; <i>fast</i> &lt;b&gt; not bold"
)


async def _read(fake, clock: FakeClock, add) -> dict[str, object]:
    source: HackerNewsSource = _source(fake, clock)
    cursor = await started(source, clock)
    wanted = add()
    run = await once(source, cursor, clock=clock)
    await source.close()
    return {"ids": run.ids, "by_id": {m.external_id: m for m in run.mentions}, "added": wanted}


async def test_a_code_block_stays_apart_and_a_cut_link_is_whole(hn_fake, clock) -> None:
    got = await _read(hn_fake, clock, lambda: hn_fake.comment(_COMMENT))
    text = got["by_id"][got["added"]["objectID"]].text  # type: ignore[index]
    assert text == (
        "We moved off Jenkins.\n\nHere's the config:\n\n  steps:\n    - run: make test\n\n"
        "It's in https://github.com/acme/build-tools/blob/main/lumora.yml"
        "\n\n> fast <b> not bold"
    )


async def test_code_between_words_is_its_own_paragraph(hn_fake, clock) -> None:
    body = "Try this<pre><code>lumora run</code></pre>then push"
    got = await _read(hn_fake, clock, lambda: hn_fake.comment(body))
    text = got["by_id"][got["added"]["objectID"]].text  # type: ignore[index]
    assert text == "Try this\n\nlumora run\n\nthen push"


async def test_a_link_story_shows_where_it_links(hn_fake, clock) -> None:
    def add() -> dict[str, object]:
        return hn_fake.story("Migrating 400 repos in a weekend", url="https://lumora.dev/blog/400")

    got = await _read(hn_fake, clock, add)
    mention = got["by_id"][got["added"]["objectID"]]  # type: ignore[index]
    assert mention.text == "Migrating 400 repos in a weekend\n\nhttps://lumora.dev/blog/400"


async def test_a_comment_found_by_its_story_title_alone_is_no_mention(hn_fake, clock) -> None:
    def add() -> list[dict[str, object]]:
        title = "Show HN: Lumora – CI that caches everything"
        return [
            hn_fake.comment("Congrats! How does pricing work?", story_title=title),
            hn_fake.comment("Lumora's cache beat ours", story_title=title),
        ]

    got = await _read(hn_fake, clock, add)
    _, says_it = got["added"]  # type: ignore[misc]
    assert got["ids"] == [says_it["objectID"]]
