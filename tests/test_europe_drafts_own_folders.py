"""A pan-European team that adds its own it/, fr/, de/ and nl/ templates: the hour's greeting and
a case's date in them are written in that language, not in English ("Good morning, Giulia" and
"12 March 2026" in an Italian reply read as a mistake to the customer)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label
from playbooks import load_playbook
from tests.helpers import mention
from tests.test_playbooks import _reading

_BRAND = Brand(name="Voltix", handles=("@voltix",))
_DM = (
    "{{ time_greeting }}{% if name %} {{ name }}{% endif %}! {{ brand }}."
    "{% if case_opened %} {{ case }} ({{ case_opened }}).{% endif %}"
)
_JOINS = History(
    past_cases=("MD-000007",),
    open_cases=("MD-000007",),
    mentions_before=1,
    joins_case="MD-000007",
    joins_case_opened_at=datetime(2026, 3, 12, 9, tzinfo=UTC),
)


@pytest.mark.parametrize(
    ("lang", "morning", "evening", "day"),
    [
        ("it", "Buongiorno Giulia!", "Buonasera Giulia!", "12/03/2026"),
        ("fr", "Bonjour Giulia!", "Bonsoir Giulia!", "12/03/2026"),
        ("de", "Guten Morgen Giulia!", "Guten Abend Giulia!", "12.03.2026"),
        ("nl", "Goedemorgen Giulia!", "Goedenavond Giulia!", "12-03-2026"),
    ],
)
def test_a_teams_own_language_folder_greets_and_dates_in_it(
    tmp_path: Path, lang: str, morning: str, evening: str, day: str
) -> None:
    (tmp_path / lang).mkdir()
    (tmp_path / lang / "complaint_dm.j2").write_text(_DM, encoding="utf-8")
    for hour, greeting in ((9, morning), (20, evening)):
        playbook = load_playbook(
            [],
            brand=_BRAND,
            template_dir=tmp_path,
            default_lang="pt-PT",
            timezone=ZoneInfo("Europe/Lisbon"),
            clock=lambda hour=hour: datetime(2026, 12, 7, hour, tzinfo=UTC),
        )
        late = _reading(Label.NEGATIVE, lang=lang, reason="delivery")
        actions = playbook.decide(mention(1, "@voltix …", name="Giulia"), late, _JOINS)
        (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
        assert dm.lang == lang
        assert dm.text == f"{greeting} Voltix. MD-000007 ({day}).", hour
