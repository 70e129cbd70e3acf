"""The audit line of a post its author edited after the desk read it (edited_posts), in each
of the desk's languages."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE


def _edited(detail: str) -> object:
    return SimpleNamespace(actor="listener", action="post-edited", detail=detail, draft_id=None)


@pytest.mark.parametrize(
    ("detail", "english", "portuguese"),
    [
        (
            "negative → positive; drafts withdrawn 1, written 1",
            "The author edited the post: read again as praise (was complaint)",
            "A pessoa editou a publicação: lida de novo como elogio (antes, reclamação)",
        ),
        (
            "negative → negative; drafts withdrawn 0, written 0",
            "The author edited the post: read again, still as complaint",
            "A pessoa editou a publicação: lida de novo, ainda como reclamação",
        ),
        (
            "answered",
            "The author edited the post after it was answered: the new text is kept",
            "A pessoa editou a publicação depois da resposta: o novo texto foi mantido",
        ),
    ],
)
def test_an_edited_post_is_said_in_the_readers_language(
    detail: str, english: str, portuguese: str
) -> None:
    assert audit_line(ENGLISH, _edited(detail)) == english
    assert audit_line(PORTUGUESE, _edited(detail)) == portuguese
    assert audit_line(EUROPEAN_PORTUGUESE, _edited(detail)) == portuguese


def test_an_edit_after_the_reply_that_asks_us_to_stop_says_the_author_was_listed() -> None:
    line = _edited("answered; asked to stop")
    assert audit_line(ENGLISH, line) == (
        "The author edited the post after it was answered, asking not to be contacted: the new "
        "text is kept, and they are on the do-not-contact list"
    )
    assert audit_line(PORTUGUESE, line) == (
        "A pessoa editou a publicação depois da resposta e pediu para não ser contatada: o novo "
        "texto foi mantido, e a pessoa está na lista de não contatar"
    )
    assert audit_line(EUROPEAN_PORTUGUESE, line) == (
        "A pessoa editou a publicação depois da resposta e pediu para não ser contactada: o novo "
        "texto foi mantido, e a pessoa está na lista de não contactar"
    )
