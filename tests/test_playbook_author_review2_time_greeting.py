"""`{{ time_greeting }}`: "Bom dia" / "Boa tarde" / "Boa noite" (or "Good morning…") for the
hour a draft is written in `[desk] timezone`, in the language the draft is written in."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label, Reading
from mentiondesk.playbook_build import build_playbook
from playbooks import Playbook, load_playbook
from tests.helpers import config_for, mention

_RULE = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "draft_public", template = "hello" }]
"""
_TEXT = "{{ time_greeting }}{% if name %}, {{ name }}{% endif %}! {{ brand }} here."
_SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # UTC-3, no summer time since 2019
_ALL = ("en", "pt", "pt-PT")


def _playbook(
    tmp_path: Path, at: datetime, folders: tuple[str, ...] = _ALL, zone: ZoneInfo = _SAO_PAULO
) -> Playbook:
    for folder in folders:
        (tmp_path / "tpl" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "tpl" / folder / "hello.j2").write_text(_TEXT)
    (tmp_path / "rules.toml").write_text(_RULE)
    return load_playbook(
        [tmp_path / "rules.toml"],
        brand=Brand(name="Lumora"),
        template_dir=tmp_path / "tpl",
        timezone=zone,
        clock=lambda: at,
    )


def _draft(playbook: Playbook, lang: str, text: str = "meu pedido não chegou") -> tuple[str, str]:
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang=lang)
    (action,) = playbook.decide(mention(1, text), reading, History())
    assert action.kind is ActionKind.DRAFT_PUBLIC and action.text and action.lang
    return action.text, action.lang


@pytest.mark.parametrize(
    ("utc", "greeting"),
    [
        ("07:59", "Boa noite"),  # 04:59 in São Paulo: still the night
        ("08:00", "Bom dia"),  # 05:00
        ("14:59", "Bom dia"),  # 11:59
        ("15:00", "Boa tarde"),  # 12:00
        ("20:59", "Boa tarde"),  # 17:59
        ("21:00", "Boa noite"),  # 18:00
        ("02:30", "Boa noite"),  # 23:30 the day before
    ],
)
def test_brazil_is_greeted_for_the_desks_hour(tmp_path: Path, utc: str, greeting: str) -> None:
    hour, minute = (int(part) for part in utc.split(":"))
    at = datetime(2026, 3, 10, hour, minute, tzinfo=UTC)
    assert _draft(_playbook(tmp_path, at), "pt") == (f"{greeting}, Ana! Lumora here.", "pt")


def test_portugal_and_english_are_greeted_in_their_own_words(tmp_path: Path) -> None:
    # 13:30 UTC in July: 14:30 in Lisbon (summer time), an afternoon.
    at = datetime(2026, 7, 10, 13, 30, tzinfo=UTC)
    playbook = _playbook(tmp_path, at, zone=ZoneInfo("Europe/Lisbon"))
    european = "o meu telemóvel não chegou, estou à espera"
    assert _draft(playbook, "pt", european) == ("Boa tarde, Ana! Lumora here.", "pt-PT")
    assert _draft(playbook, "en", "my order is late") == (
        "Good afternoon, Ana! Lumora here.",
        "en",
    )
    assert _draft(playbook, "es", "mi pedido no llegó") == (
        "Good afternoon, Ana! Lumora here.",
        "en",
    )


def test_the_greeting_follows_the_folder_the_draft_is_written_from(tmp_path: Path) -> None:
    # A Portuguese post whose template is written only in English gets an English draft: an
    # English greeting, not "Bom dia" inside English text.
    at = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # 09:00 in São Paulo
    assert _draft(_playbook(tmp_path, at, folders=("en",)), "pt") == (
        "Good morning, Ana! Lumora here.",
        "en",
    )


def test_start_up_checks_lengths_with_the_longest_greeting(tmp_path: Path) -> None:
    playbook = _playbook(tmp_path, datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    assert playbook.sample_context()["time_greeting"] == "Good afternoon"


def test_the_desks_timezone_is_the_playbooks(tmp_path: Path) -> None:
    config = config_for(
        tmp_path,
        "sqlite:///desk.db",
        [mention(1)],
        extra='\n[desk]\ntimezone = "America/Sao_Paulo"\n',
    )
    assert build_playbook(config).timezone == _SAO_PAULO


def test_a_spanish_folder_is_greeted_in_spanish() -> None:
    from datetime import datetime

    from playbooks.placeholders import time_greeting

    assert time_greeting(datetime(2026, 12, 5, 9, 0), "es") == "Buenos días"
    assert time_greeting(datetime(2026, 12, 5, 19, 0), "es-AR") == "Buenas noches"
