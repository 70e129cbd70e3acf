"""Every kind of audit line, as a team lead in Lisbon, in Recife or in English reads it when
settling a dispute: each variant's own words, no English left in the Portuguese ones, and
whatever the line takes from its row (a name, a handle, a typed reason) kept from turning the
sentence around with a right-to-left override."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from mentiondesk import audit
from mentiondesk.audit_trail import OUTBOX_WORKER
from mentiondesk.held_reasons import PERSON_HELD
from mentiondesk.outbox_ticket_wait import MOVED_HELD, STRANDED, WAIT, WAITED, NoTicket, Said, State
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE, Locale
from tests.desk.test_i18n_pt_pt import BRAZIL_ONLY

RLO, FSI, PDI = "\u202e", "\u2068", "\u2069"
HELD = "the author asked not to be contacted; not sent"
# Portugal's words a reader in Recife takes for Portugal's (tests/desk/test_i18n_pt_pt has
# the other way round).
PORTUGAL_ONLY = [
    r"regist[oa]s?",
    r"registou",
    r"utilizador\w*",
    r"equipas?",
    r"ecrãs?",
    r"contact\w*",
    r"palavra-passe",
    r"apoio ao cliente",
    r"pedido de apoio",
    r"execute",
    r"liberta\w*",
]
# English words none of the Portuguese lines may show (the CLI commands in `…` aside).
ENGLISH_WORDS = (
    r"the|was|and|reply|held|sent|dropped|ticket|author|outbox|action|again|added|a draft"
)
_BRAZIL = re.compile(rf"\b(?:{'|'.join(BRAZIL_ONLY)})\b", re.IGNORECASE)
_PORTUGAL = re.compile(rf"\b(?:{'|'.join(PORTUGAL_ONLY)})\b", re.IGNORECASE)
_ENGLISH = re.compile(rf"\b(?:{ENGLISH_WORDS})\b", re.IGNORECASE)


def _entry(
    action: str, detail: str = "", actor: str = "ana", draft: int | None = None
) -> SimpleNamespace:
    return SimpleNamespace(actor=actor, action=action, detail=detail, draft_id=draft, case_id=12)


def _said(state: State, target: str = "zendesk") -> str:
    return Said(41, 40, target, state).detail()


SIMPLE = ["approve", "reply", "posted", "posted-reply", "reject", "edit", "restore"]
SIMPLE += ["resolved", "closed", "note", "withdraw", "redraft"]
EVERY_KIND = [_entry(action, draft=3) for action in SIMPLE] + [
    _entry("approve", "edited", draft=3),
    _entry("posted", "edited", draft=3),
    _entry("assign", "nobody"),
    _entry("assign", "ana"),
    _entry("assign", "slack:U42ANN (bia)"),
    _entry("relabel", "None → negative"),
    _entry("relabel", "negative → positive"),
    _entry("post-edited", "answered"),
    _entry("post-edited", "rejected"),
    _entry("post-edited", "answered; asked to stop"),
    _entry("post-edited", "rejected; asked to stop"),
    _entry("post-edited", "negative → neutral; x"),
    _entry("do-not-contact", "x pri_moura"),
    _entry("allow-contact", "mastodon"),
    _entry("retry", audit.resent(HELD), draft=3),
    _entry("retry", audit.resent("no ticket for this follow-up (action 41) at zendesk")),
    _entry("retry", audit.resent(None, held=False)),
    _entry(WAIT, _said("failing")),
    _entry(WAIT, _said("held")),
    _entry(WAITED, _said("filed")),
    _entry(STRANDED, _said("dropped")),
    _entry(STRANDED, _said("dropped"), actor=OUTBOX_WORKER),
    _entry(MOVED_HELD, _said("moved", "freshdesk"), actor="cli:root"),
    _entry("hold", NoTicket(41, "zendesk", None).detail(), actor=OUTBOX_WORKER),
    _entry("hold", NoTicket(41, "zendesk", None, "freshdesk").detail(), actor=OUTBOX_WORKER),
    _entry("hold", "cliente pediu para esperar", draft=3),
    _entry("hold", f"{PERSON_HELD}cli:root"),
    _entry("drop", draft=3),
    _entry("drop", "duplicada"),
    _entry("escalate", "cases"),
    _entry("escalate", "zendesk"),
    _entry("user-add", "rui manager"),
    _entry("user-disable", "rui"),
    _entry("user-enable", "rui"),
    _entry("user-password", "rui"),
    _entry("saved-reply-add", "4 Pedido de desculpa"),
    _entry("resolved", actor="helpdesk:zendesk"),
    _entry("survey", "csat 5", actor="their reply"),
    _entry("survey", "nps 9, replacing 6 of 2026-11-10", actor="their reply"),
]


def _words(line: str) -> str:
    """The line without its CLI commands (`mentiondesk outbox retry 41`), English anywhere."""
    return re.sub(r"`[^`]*`", "", line)


@pytest.mark.parametrize("entry", EVERY_KIND, ids=lambda e: f"{e.action}:{e.detail[:20]}")
def test_every_kind_reads_in_each_variants_own_words(entry: SimpleNamespace) -> None:
    english = audit_line(ENGLISH, entry, local=("cases",))
    brazil = _words(audit_line(PORTUGUESE, entry, local=("cases",)))
    portugal = _words(audit_line(EUROPEAN_PORTUGUESE, entry, local=("cases",)))
    assert _ENGLISH.search(english)  # the guard below knows what English reads like
    assert not _ENGLISH.search(brazil), brazil
    assert not _ENGLISH.search(portugal), portugal
    assert not _PORTUGAL.search(brazil), brazil
    assert not _BRAZIL.search(portugal), portugal


def test_the_variants_use_their_own_trade_words() -> None:
    """What a Lisbon and a Recife lead look for: palavra-passe/senha, contacto/contato,
    pedido de apoio/chamado, registou/registrou."""
    lines = [
        (_entry("user-password", "rui"), "palavra-passe", "senha"),
        (_entry("allow-contact", "x pri_moura"), "contacto", "contato"),
        (_entry(WAITED, _said("filed")), "pedido de apoio", "chamado"),
        (_entry("posted-reply", draft=3), "registou", "registrou"),
    ]
    for entry, portugal, brazil in lines:
        assert portugal in audit_line(EUROPEAN_PORTUGUESE, entry)
        assert brazil in audit_line(PORTUGUESE, entry)


HOSTILE = f"{RLO}evil"
# (entry, the sentence's words after the hostile value, in English)
HOSTILE_LINES = [
    (_entry("note", actor=HOSTILE), "added a note"),
    (_entry("note", actor=f"slack:U42 ({HOSTILE})"), "added a note"),
    (_entry("hold", f"{HOSTILE} <script>alert(1)</script>", draft=3), ""),
    (_entry("drop", HOSTILE, draft=3), ""),
    (_entry("assign", HOSTILE), ""),
    (_entry("do-not-contact", f"mastodon {HOSTILE}"), "on Mastodon on the do-not-contact list"),
    (_entry("user-add", f"{HOSTILE} agent"), "to the desk as agent"),
    (_entry("user-disable", HOSTILE), ""),
    (_entry("saved-reply-add", f"4 {HOSTILE}"), "” (4)"),
    (_entry("escalate", HOSTILE), ")"),
    (_entry(WAITED, _said("filed", HOSTILE)), ") once the ticket was filed (outbox action 41)"),
    (_entry("retry", audit.resent(None, held=False, to=HOSTILE)), ""),
    (_entry("mystery", HOSTILE), ""),
]


@pytest.mark.parametrize(("entry", "after"), HOSTILE_LINES, ids=lambda x: str(x)[:40])
@pytest.mark.parametrize("loc", [ENGLISH, PORTUGUESE, EUROPEAN_PORTUGUESE], ids=lambda x: x.lang)
def test_a_right_to_left_override_stays_inside_its_value(
    loc: Locale, entry: SimpleNamespace, after: str
) -> None:
    """A name or reason with U+202E would show the rest of the line backwards (a note
    "added" by someone else, another handle listed); isolated, the override ends with it."""
    line = audit_line(loc, entry)
    at = line.index(RLO)
    assert FSI in line[:at] and PDI in line[at:], line  # opened before it, closed after
    assert line.count(FSI) == line.count(PDI) == 1, line
    if loc is ENGLISH:
        assert line.endswith(after), line


def test_left_to_right_values_carry_no_invisible_marks() -> None:
    """What people copy or search stays as typed where nothing could turn it around."""
    for entry in EVERY_KIND:
        for loc in (ENGLISH, PORTUGUESE, EUROPEAN_PORTUGUESE):
            assert FSI not in audit_line(loc, entry) and PDI not in audit_line(loc, entry)


@pytest.mark.parametrize(
    ("actor", "after"),
    [
        (f"slack:U42 ({RLO}eve)", "(U42, pelo Slack)"),
        (f"cli:{RLO}eve", "(pelo terminal)"),
        (f"helpdesk:{RLO}zd", "(pelo help desk)"),
    ],
)
def test_only_the_name_is_isolated_not_what_the_desk_adds(actor: str, after: str) -> None:
    """The name alone is an island: "(pelo Slack)" after it is the desk's and stays in the
    sentence's direction (isolating the whole who-part left it inside the override)."""
    line = audit_line(PORTUGUESE, _entry("note", actor=actor))
    name = actor.rpartition(RLO)[2].rstrip(")")
    assert f"{FSI}{RLO}{name}{PDI} {after}" in line


def test_a_score_from_the_authors_post_is_a_sentence() -> None:
    """Read from their own post (survey_answers): not "their reply survey csat 5"."""
    first = _entry("survey", "csat 5", actor="their reply")
    again = _entry("survey", "csat 4, replacing 2 of 2026-11-10", actor="their reply")
    assert audit_line(ENGLISH, first) == "The author answered the survey in a post: CSAT 5"
    assert audit_line(PORTUGUESE, again).startswith(
        "A pessoa respondeu à pesquisa em uma publicação: CSAT 4, substituindo a nota 2 de 10/11"
    )
    assert "ao inquérito numa publicação" in audit_line(EUROPEAN_PORTUGUESE, again)
