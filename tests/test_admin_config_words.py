"""A config key in the team's own words (a Brazilian admin's `[painel]`, `fuso_horário`): named
with the key to write, or with the keys its table takes, never "remove it" alone, which would
drop settings someone meant without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import mention, write_config, write_mentions


def _problem(tmp_path: Path, extra: str) -> str:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "oi")])
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=extra)
    with pytest.raises(ConfigError) as raised:
        load_config(path, secrets=False)
    return str(raised.value)


def test_a_section_in_portuguese_gets_the_one_to_write(tmp_path: Path) -> None:
    said = _problem(tmp_path, '\n[painel]\ntimezone = "America/Sao_Paulo"\n')
    assert said.endswith("config.toml: painel: unknown key; did you mean 'desk'?")


def test_an_unknown_key_lists_the_keys_its_table_takes(tmp_path: Path) -> None:
    said = _problem(tmp_path, '\n[desk]\ncor = "verde"\n')
    assert "desk.cor: unknown key; use one of: enabled, host, port, timezone, language" in said
    assert said.endswith(", or remove it")


def test_an_accented_key_is_named_with_the_key_to_write(tmp_path: Path) -> None:
    said = _problem(tmp_path, '\n[desk]\nfuso_horário = "America/Sao_Paulo"\n')
    assert "not valid TOML" not in said
    assert "the key 'fuso_horário' has 'á': keys are English, without accents or ç" in said
    assert said.endswith("did you mean 'timezone'?")


def test_a_missing_secret_says_where_systemd_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "export it" alone is no fix for a service: a shell's export never reaches systemd.
    monkeypatch.delenv("MD_ADMIN_TOKEN", raising=False)
    extra = '\n[[sources]]\nkind = "x"\nbearer_token_env = "MD_ADMIN_TOKEN"\n'
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "oi")])
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=extra)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    said = str(raised.value)
    assert "sources[1].bearer_token_env: environment variable MD_ADMIN_TOKEN is not set" in said
    assert "under systemd, add a line MD_ADMIN_TOKEN=… to the unit's EnvironmentFile" in said
