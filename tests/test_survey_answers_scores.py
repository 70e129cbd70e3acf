"""What reads as a bare score (survey_scores): the forms customers answer the team's question
in, and the posts that say more, which are no answer."""

from __future__ import annotations

import pytest

from mentiondesk.survey_scores import score_in


@pytest.mark.parametrize(
    ("text", "csat", "nps"),
    [
        ("5", 5, 5),
        ("nota 5", 5, 5),
        ("Nota: 4", 4, 4),
        ("5/5", 5, None),  # out of five: not an NPS answer
        ("10/10", None, 10),
        ("5/10", None, 5),  # out of ten: not a CSAT answer
        ("5 de 5", 5, None),
        ("10!", None, 10),
        ("⭐⭐⭐⭐⭐", 5, None),  # stars count on CSAT's scale only
        ("⭐⭐⭐ obrigada ❤️", 3, None),
        ("5 ⭐", 5, 5),
        ("cinco", 5, 5),
        ("três", 3, 3),
        ("nota dez", None, 10),
        ("5 estrelas, obrigada", 5, 5),
        ("muito obrigado, nota 5 🙏🏽", 5, 5),
        ("Nota 10 pro atendimento!", None, 10),
        ("@lumora 4", 4, 4),
        ("5 stars, thanks!", 5, 5),
        ("0", None, 0),
        ("@lumora-pt.bsky.social 5", 5, 5),  # a Bluesky handle with a hyphen
        ("@lumora@masto.pt nota 4", 4, 4),  # a Mastodon handle with its server
        ("5️⃣", 5, 5),  # a keycap, as phones offer digits
        ("@lumora 4️⃣ obrigada", 4, 4),
    ],
)
def test_a_bare_score_is_read(text: str, csat: int | None, nps: int | None) -> None:
    assert (score_in(text, "csat"), score_in(text, "nps")) == (csat, nps)


@pytest.mark.parametrize(
    "text",
    [
        "5 dias e nada chegou",
        "nota 0 pro atendimento, o pedido sumiu",
        "5/5 mas o pedido ainda não chegou",
        "4,5",
        "5 ⭐⭐",  # says two things
        "oi 5",
        "obrigada",
        "de 1 a 5? 5",
        "https://example.test/5",
    ],
)
def test_more_than_a_score_is_no_answer(text: str) -> None:
    assert (score_in(text, "csat"), score_in(text, "nps")) == (None, None)
