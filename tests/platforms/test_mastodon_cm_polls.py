"""A poll in a mention, through Mastodon.py against the fake server: "qual o melhor café?"
means nothing to the agent without its options, and an option may be all that names the
brand. The options reach the desk as one 📊 line, as alt text and link cards do."""

from __future__ import annotations

from listener.mastodon import MastodonSource
from mentiondesk.models.mastodon import build_mastodon
from tests.platforms.helpers import once, started


async def _read(fake, clock, text: str, **kw):
    api = build_mastodon(fake.base_url, "tok")
    source = MastodonSource(name="mastodon", api=api, query="#lumora", clock=clock)
    cursor = await started(source, clock)
    status = fake.mention(text, author="ana", lang="pt", **kw)
    hit = fake.hit("#lumora ou a de sempre?", poll=["Lumora", "A  de\nsempre"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    return {m.external_id: m for m in run.mentions}, status, hit


async def test_a_polls_options_reach_the_desk(mastodon_fake, clock) -> None:
    media = [{"id": "9", "type": "image", "description": "Dois pacotes de café"}]
    read, status, hit = await _read(
        mastodon_fake,
        clock,
        "@lumora qual o melhor café pra coar?",
        poll=["Lumora Bourbon", "Lumora Catuaí", "Outra marca"],
        media=media,
    )
    assert read[status["id"]].text == (
        "@lumora qual o melhor café pra coar?"
        "\n\n📊 Lumora Bourbon / Lumora Catuaí / Outra marca"
        "\n\n🖼️ Dois pacotes de café"
    )
    # The hashtag timeline's statuses are read alike; an option's own breaks are folded.
    assert read[hit["id"]].text == "#lumora ou a de sempre?\n\n📊 Lumora / A de sempre"


async def test_a_poll_alone_is_its_options_and_a_blank_option_is_left_out(
    mastodon_fake, clock
) -> None:
    read, status, _ = await _read(mastodon_fake, clock, "", poll=["Sim", " ", "Não"])
    assert read[status["id"]].text == "📊 Sim / Não"
