"""`[desk] timezone` as a team in Brazil or Portugal writes it: "São Paulo" with its accent,
Brasília time, a city that is not a zone's name. Still refused (the zone decides every day
the desk counts), but the refusal names the IANA zone meant rather than a list of examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import write_config, write_mentions


@pytest.mark.parametrize(
    ("zone", "meant"),
    [
        ("São Paulo", "America/Sao_Paulo"),
        ("são paulo", "America/Sao_Paulo"),
        ("Brasília", "America/Sao_Paulo"),
        ("Horário de Brasília", "America/Sao_Paulo"),
        ("Rio de Janeiro", "America/Sao_Paulo"),
        ("Belém", "America/Belem"),
        ("Lisboa", "Europe/Lisbon"),
        ("Açores", "Atlantic/Azores"),
    ],
)
def test_a_city_as_people_write_it_names_its_zone(tmp_path: Path, zone: str, meant: str) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f'\n[desk]\ntimezone = "{zone}"\n'
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert (
        f'desk.timezone: {zone!r} is not a time zone name; use the IANA name, e.g. "{meant}"'
        in str(info.value)
    )
