"""The language a case page's reply boxes and drafts are marked with (their `lang`), for a
screen reader's voice: the most specific tag the desk knows, never a region it guesses.

A rule's draft carries the folder it was written from: "pt" is templates/pt/, Brazil's
(docs/playbooks.md; the page's small print names it pt-BR), "pt-PT" Portugal's. A draft written by
hand, and Reply now's box, carry only the post's language ("pt"): they take the region the
playbook answers the case in where something told it (the post's own tag, the handle it
writes to, the author's words, a Portugal-only team's `default_lang`), and none otherwise."""

from __future__ import annotations

from mentiondesk.hand_reply import HAND
from mentiondesk.models import Mention, other_language
from mentiondesk.web.data_case import CaseDetail
from playbooks import Playbook
from playbooks.variants import regional

REPLY = "reply"  # Reply now's box, beside the drafts' ids


def box_langs(playbook: Playbook, mention: Mention, detail: CaseDetail) -> dict[str, str]:
    """Each draft's language (by its id, as text) and Reply now's (REPLY); "" where unknown."""
    known = told_locale(playbook, mention, detail)
    langs = {str(d.id): _draft_lang(d.lang, d.rule, known) for d in detail.drafts if d.lang}
    langs[REPLY] = with_region(detail.reading.lang if detail.reading else "", known)
    return langs


def told_locale(playbook: Playbook, mention: Mention, detail: CaseDetail) -> str:
    """The case's locale with its region when the post told it ("pt-PT"); "" otherwise (the
    playbook's bare "pt" is its shipped folder, not something known of the author)."""
    if detail.reading is None:
        return ""
    locale = playbook.locale(mention, detail.reading.lang)
    return locale if "-" in locale else ""


def with_region(lang: str, known: str) -> str:
    """`lang` ("pt") with `known`'s region where `known` is that language's ("pt-PT")."""
    return known if known and known.split("-")[0] == lang else lang


def _draft_lang(lang: str, rule: str, known: str) -> str:
    return with_region(lang, known) if rule == HAND else regional(lang)


def authors_langs(detail: CaseDetail) -> dict[str, str]:
    """The language each draft's author wrote in (by the draft's id, as text), where the draft
    is in another: a rule's draft for a post in a language the playbook has no templates for
    (Italian to a Lisbon team) is written in `[playbooks] fallback_lang`'s or default_lang's,
    and an agent must not send Portuguese to an Italian unawares. The region does not count
    (pt-PT and pt-BR read each other); nor does a post too short to tell (`und`). The chat
    alerts decide it alike (models.other_language, CaseContext.authors_lang)."""
    wrote = {cm.id: cm.lang or "" for cm in detail.case_mentions}
    wrote[detail.mention.id] = detail.reading.lang if detail.reading else ""
    return {
        str(d.id): theirs
        for d in detail.drafts
        if other_language(d.lang, theirs := wrote.get(d.mention_id, ""))
    }
