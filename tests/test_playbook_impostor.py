"""The shipped `impostor` rule: a possible fake support account of the brand gets no reply and
no thank-you, only a case and an alert saying to report it and warn the customer; through the
pipeline too, before the spam, complaint and praise rules."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.models import Author, Brand, History, Label, Mention, Reading
from mentiondesk.pipeline import App
from mentiondesk.tables import DRAFT, MENTION
from mentiondesk.web import rule_words
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from playbooks import load_playbook
from playbooks.rules import When
from tests.helpers import COMPLAINT, config_for, mention, table_rows
from tests.test_pipeline import recorders

SHIPPED = load_playbook([], brand=Brand(name="Lumora", handles=("@lumora",)))
SCAM = "@ana_c glad to help! Our team will sort it, DM us on WhatsApp +55 11 91234-5678 😊"


def _by(handle: str, name: str, n: int = 2, text: str = SCAM) -> Mention:
    return replace(mention(n, text), author=Author(id=handle, handle=handle, name=name))


def _kinds(m: Mention, label: Label, topics: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    reading = Reading(label=label, score=0.9, lang="en", topics=topics)
    return [(a.kind.value, a.rule) for a in SHIPPED.decide(m, reading, History())]


@pytest.mark.parametrize("label", list(Label))
@pytest.mark.parametrize(
    ("handle", "name"), [("lumora_suporte", "Ana"), ("1umora", "Lumora"), ("x9", "SAC Lumora")]
)
def test_an_impostor_gets_a_case_and_an_alert_and_never_a_reply(
    handle: str, name: str, label: Label
) -> None:
    expected = [("open_case", "impostor"), ("alert", "impostor")]
    assert _kinds(_by(handle, name), label) == expected
    assert _kinds(_by(handle, name), label, ("spam",)) == expected  # before the spam rule


def test_the_same_post_by_a_customer_or_the_brand_is_decided_as_before() -> None:
    assert _kinds(_by("ana_c", "Ana Lumora fan"), Label.POSITIVE) == [("draft_public", "praise")]
    assert _kinds(_by("Lumora", "Lumora Support"), Label.POSITIVE) == [("draft_public", "praise")]


def test_the_rule_comes_first_in_the_shipped_playbook() -> None:
    assert SHIPPED.rules[0].name == "impostor" and SHIPPED.rules[0].stop
    assert SHIPPED.rules[0].when == When(author_impostor=True)


def test_the_playbooks_page_says_the_condition_in_words() -> None:
    (said,) = rule_words.conditions(When(author_impostor=True), ENGLISH)
    assert said.text == "the author may be a fake account posing as the brand"
    assert said.source == "author_impostor = true"
    (br,) = rule_words.conditions(When(author_impostor=True), PORTUGUESE)
    (pt,) = rule_words.conditions(When(author_impostor=False), EUROPEAN_PORTUGUESE)
    assert br.text == "a conta pode ser um perfil falso se passando pela marca"
    assert pt.text == "a conta não se faz passar pela marca"


async def test_through_the_pipeline_the_scam_reply_gets_an_alert_and_no_thank_you(
    tmp_path: Path, db_url: str
) -> None:
    customer = replace(mention(1, COMPLAINT), author=Author(id="c", handle="ana_c", name="Ana"))
    scam = replace(_by("lumora_help", "Lumora Help", text=SCAM), parent_id="m1", thread_id="m1")
    sinks = recorders()
    async with App(config_for(tmp_path, db_url, [customer, scam]), responders=sinks) as app:
        await app.run_once()
    alerts = {a.context.mention.external_id: a for a in sinks["console"].delivered}
    assert alerts["m2"].context.rule == "impostor" and alerts["m2"].context.impostor_of == "Lumora"
    assert alerts["m1"].context.impostor_of is None  # the customer's complaint: no warning
    drafted = table_rows(
        db_url,
        sa.select(MENTION.c.external_id, DRAFT.c.kind).join(
            MENTION, MENTION.c.id == DRAFT.c.mention_id
        ),
    )
    assert [tuple(r) for r in drafted] == [("m1", "private")]  # the apology; none to the scam
