"""slackops: a digest too long for one Slack section is cut between its lines, and says so on
a line of its own: never "……" (a snippet's own "…" and the cut's), nor half a mention."""

from __future__ import annotations

from responders._escape import units
from responders._slack_text import SECTION_LIMIT, text_only_blocks
from tests.test_slack_review7_plain_digest import digest, lumora

LONG = "A entrega atrasou de novo e ninguém responde no chat, quero meu dinheiro de volta " * 3


def _shown(text: str) -> str:
    [block] = text_only_blocks(text)
    shown: str = block["text"]["text"]
    return shown


def test_a_long_digest_is_cut_between_lines_with_one_ellipsis() -> None:
    said = digest(*[lumora(LONG)] * 20).text or ""
    shown = _shown(said)
    assert "……" not in shown
    assert units(shown) <= SECTION_LIMIT
    assert shown.endswith("\n…")
    kept = shown.split("\n")[:-1]
    assert kept == said.split("\n")[: len(kept)]  # whole lines, as written


def test_one_line_too_long_is_still_cut_within_it() -> None:
    shown = _shown("x " * 2000)
    assert shown.endswith("…") and not shown.endswith("……")
    assert units(shown) <= SECTION_LIMIT
