"""`{{ after_hours }}`: a night or weekend draft says when the team answers, by `[desk]
business_hours`; a template reading it without a working week is refused, naming the key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, ConfigError, History, Label, Reading
from mentiondesk.playbook_build import build_playbook
from playbooks import Playbook
from tests.helpers import config_for, mention
from tests.playbook_template_helpers import detractor_playbook

_DM = (
    "Olá{% if name %} {{ name }}{% endif %}, obrigado pelo contacto."
    "{% if after_hours %} Estamos fora do horário: respondemos na segunda às 9h."
    "{% else %} Respondemos ainda hoje.{% endif %}"
)
_WEEKDAYS = lambda moment: moment.weekday() < 5 and 9 <= moment.hour < 19  # noqa: E731
_SATURDAY_NIGHT = datetime(2026, 12, 5, 21, 30, tzinfo=UTC)
_MONDAY_MORNING = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _playbook(tmp_path: Path, text: str = _DM, **kw: object) -> Playbook:
    return detractor_playbook(tmp_path, "detrator_dm", text, **kw)


def _dm(playbook: Playbook) -> str:
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="pt")
    (action,) = playbook.decide(mention(1, "a fatura veio errada"), reading, History())
    assert action.kind is ActionKind.DRAFT_PRIVATE and action.text
    return action.text


@pytest.mark.parametrize(
    ("at", "said"),
    [
        (_SATURDAY_NIGHT, "Estamos fora do horário: respondemos na segunda às 9h."),
        (_MONDAY_MORNING, "Respondemos ainda hoje."),
    ],
)
def test_the_draft_says_what_the_hour_calls_for(tmp_path: Path, at: datetime, said: str) -> None:
    playbook = _playbook(tmp_path, at_work=_WEEKDAYS, clock=lambda: at)
    assert _dm(playbook) == f"Olá Ana, obrigado pelo contacto. {said}"


def test_without_a_working_week_the_template_is_refused_naming_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _playbook(tmp_path)
    assert "{{ after_hours }}" in str(caught.value)
    assert "needs [desk] business_hours" in str(caught.value)


def test_the_after_hours_text_is_checked_at_start_up(tmp_path: Path) -> None:
    # A mistake only the night text makes must stop start-up, not the Saturday drafts.
    broken = "Olá!{% if after_hours %} {{ frustration + ' horas' }}{% endif %}"
    with pytest.raises(ConfigError, match=r"detrator_dm\.j2"):
        _playbook(tmp_path, broken, at_work=_WEEKDAYS)


def test_the_desks_business_hours_tell_when_the_team_works(tmp_path: Path) -> None:
    extra = (
        '\n[desk]\ntimezone = "Europe/Lisbon"\n'
        '[desk.business_hours]\ndays = "mon-fri"\nopen = "09:00"\nclose = "19:00"\n'
    )
    at_work = build_playbook(config_for(tmp_path, "sqlite:///d.db", [mention(1)], extra=extra))
    assert at_work.at_work is not None
    assert at_work.at_work(_MONDAY_MORNING)
    assert not at_work.at_work(_SATURDAY_NIGHT)
    assert not at_work.at_work(datetime(2026, 12, 7, 19, 30, tzinfo=UTC))  # Monday, closed
