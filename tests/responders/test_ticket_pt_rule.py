"""A ticket's Rule names a playbook rule as the team wrote it, but the ones mentiondesk names
itself (an Escalate click on the desk or a Slack card: "escalated by ana"; a follow-up's
ticket: "follow-up") were English in a Brazilian or Portuguese ticket ("Regra: escalated by
ana"). Now they read in the ticket's language; English tickets read as they always did."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import OutboxAction
from responders._helpdesk import html_body, text_body
from tests.responders._data import action


def _ruled(rule: str) -> OutboxAction:
    ticket = action("<b>oi</b>", kind="ticket", target="zd")
    return replace(ticket, context=replace(ticket.context, rule=rule))


@pytest.mark.parametrize("language", ["pt-BR", "pt-PT"])
def test_mentiondesk_s_own_rules_read_in_portuguese(language: str) -> None:
    w = wording_for(language, "America/Sao_Paulo")
    assert "\nRegra: encaminhado por ana\n" in text_body(_ruled("escalated by ana"), w)
    assert "\nRegra: nova menção\n" in text_body(_ruled("follow-up"), w)
    assert "\nRegra: complaint\n" in text_body(_ruled("complaint"), w)  # the team's own name


def test_english_tickets_read_as_before() -> None:
    assert "\nRule: escalated by ana\n" in text_body(_ruled("escalated by ana"))
    assert "\nRule: follow-up\n" in text_body(_ruled("follow-up"))


def test_the_username_is_escaped() -> None:
    html = html_body(_ruled("escalated by <i>x</i>"), wording_for("pt-BR", "UTC"))
    assert "<p><b>Regra:</b> encaminhado por &lt;i&gt;x&lt;/i&gt;</p>" in html
