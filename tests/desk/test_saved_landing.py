"""Where the Saved replies page lands after a change (saved_landing): only a redirect's
notice after Add, Save or Delete lands anywhere; a deleted reply's place goes to the next one,
the heading when it was the last; a reply no longer listed lands on the heading."""

from __future__ import annotations

from mentiondesk.web.saved_landing import Landing, landing, next_after

LISTED = ["atraso", "boas-vindas", "cancelamento"]


def test_only_a_change_lands_anywhere() -> None:
    assert landing({}, LISTED) == Landing()  # a reload, a bookmark
    assert landing({"notice": "saved-reply-missing", "reply": "atraso"}, LISTED) == Landing()
    said = {"notice": "saved-reply-added", "reply": "boas-vindas"}
    assert landing(said, LISTED) == Landing(reply="boas-vindas")


def test_a_reply_not_listed_lands_on_the_heading() -> None:
    assert landing({"notice": "saved-reply-deleted", "reply": ""}, LISTED).heading
    assert landing({"notice": "saved-reply-edited", "reply": "gone"}, LISTED).heading
    assert landing({"notice": "saved-reply-gone"}, []).heading


def test_the_next_reply_takes_a_deleted_ones_place() -> None:
    assert next_after(LISTED, "atraso") == "boas-vindas"
    assert next_after(LISTED, "cancelamento") == ""  # the last: none after it
    assert next_after(LISTED, "unknown") == ""
