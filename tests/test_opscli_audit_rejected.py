"""An edit of a post whose draft the desk rejected is no answered post: its audit line says
the draft was rejected, in each of the desk's languages."""

from __future__ import annotations

from types import SimpleNamespace

from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE


def _edited(detail: str) -> object:
    return SimpleNamespace(actor="listener", action="post-edited", detail=detail, draft_id=None)


def test_an_edit_after_a_rejected_draft_does_not_say_answered() -> None:
    english = audit_line(ENGLISH, _edited("rejected"))  # type: ignore[arg-type]
    assert english == (
        "The author edited the post after its draft was rejected: the new text is kept, and "
        "no new draft is written"
    )
    for loc in (PORTUGUESE, EUROPEAN_PORTUGUESE):
        said = audit_line(loc, _edited("rejected"))  # type: ignore[arg-type]
        assert said.startswith("A pessoa editou a publicação depois de o rascunho ser rejeitado")
        assert "resposta" not in said


def test_a_stop_request_edited_into_a_rejected_post_says_rejected_and_listed() -> None:
    english = audit_line(ENGLISH, _edited("rejected; asked to stop"))  # type: ignore[arg-type]
    assert "after its draft was rejected, asking not to be contacted" in english
    said = audit_line(EUROPEAN_PORTUGUESE, _edited("rejected; asked to stop"))  # type: ignore[arg-type]
    assert "rascunho ser rejeitado" in said and "não contactar" in said
    said = audit_line(PORTUGUESE, _edited("rejected; asked to stop"))  # type: ignore[arg-type]
    assert "não contatar" in said
