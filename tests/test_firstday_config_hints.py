"""A Brazilian team's first config.toml: business hours written as the team says them
("seg-sex", "9h", "18h30", "9h-18h", "25/12/2026") and a token pasted inline. Each is still
refused, and the refusal names the key and the exact line to write, not a format to work it
out from, and never echoes a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import run_cli, write_config, write_mentions

TOKEN = "AAAAAAAAAAAAAAAAAAAAAFirstDayPastedToken0123456789"


def _problems(tmp_path: Path, extra: str) -> str:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def _hours(tmp_path: Path, hours: str) -> str:
    return _problems(
        tmp_path, f'\n[desk]\ntimezone = "America/Sao_Paulo"\nbusiness_hours = {hours}\n'
    )


@pytest.mark.parametrize(
    ("hours", "said"),
    [
        (
            '{ days = "mon-fri", open = "9h", close = "18h30" }',
            "desk.business_hours.open: '9h' is not a time of day; write it as \"HH:MM\": "
            'open = "09:00"',
        ),
        (
            '{ days = "mon-fri", open = "9h", close = "18h30" }',
            "desk.business_hours.close: '18h30' is not a time of day; write it as \"HH:MM\": "
            'close = "18:30"',
        ),
        (
            '{ days = "mon-fri", open = "09:00", close = "6pm" }',
            'close = "18:00"',
        ),
        (
            '{ hours = { "mon-fri" = "9h-18h", sat = "9h às 13h" } }',
            "'mon-fri': '9h-18h' is not a shift; write it as \"HH:MM-HH:MM\": "
            '"mon-fri" = "09:00-18:00"',
        ),
    ],
)
def test_a_clock_written_9h_is_refused_with_the_clock_to_write(
    tmp_path: Path, hours: str, said: str
) -> None:
    assert said in _hours(tmp_path, hours)


@pytest.mark.parametrize(
    ("days", "meant"),
    [
        ("seg-sex", "mon-fri"),
        ("segunda a sábado", "mon-sat"),
        ("Segunda-feira a Sexta-feira", "mon-fri"),
        ("2ª a 6ª", "mon-fri"),
        ("2.ª a 6.ª", "mon-fri"),  # Portugal's dotted ordinals: their "a"s are no "to"
        ("de segunda a sexta", "mon-fri"),
        ("seg, qua e sex", "mon,wed,fri"),
    ],
)
def test_days_in_portuguese_are_refused_with_the_days_in_english(
    tmp_path: Path, days: str, meant: str
) -> None:
    said = _hours(tmp_path, f'{{ days = "{days}", open = "09:00", close = "18:00" }}')
    # Named as written (not "segundaasábado", its spaces dropped), with the days to write.
    assert f"desk.business_hours.days: cannot read {days!r}: " in said
    assert f'the days are written in English, "{meant}"' in said


def test_a_day_no_language_names_keeps_the_list_of_forms(tmp_path: Path) -> None:
    said = _hours(tmp_path, '{ days = "mon-fry", open = "09:00", close = "18:00" }')
    assert "cannot read 'mon-fry'; write the days as \"mon-fri\"" in said


def test_hours_written_as_text_get_the_one_line_table(tmp_path: Path) -> None:
    said = _hours(tmp_path, '"seg a sex, 9h às 18h"')
    assert "is text, not a table; write a table: [desk.business_hours]" in said
    assert (
        'or on one line: business_hours = { days = "mon-fri", open = "09:00", '
        'close = "18:00" }' in said
    )
    # Without days the line says they are a guess.
    said = _hours(tmp_path, '"9h-18h"')
    assert 'days = "mon-fri", open = "09:00", close = "18:00" } (the days yours' in said


@pytest.mark.parametrize(
    ("hours", "days"),
    [
        ('"de segunda a sexta, das 9h às 18h"', "mon-fri"),
        ('"de segunda a sábado, das 9h às 13h"', "mon-sat"),
        ('"2.ª a 6.ª, 9h-18h"', "mon-fri"),
    ],
)
def test_hours_said_as_a_sentence_get_a_line_that_would_be_taken(
    tmp_path: Path, hours: str, days: str
) -> None:
    said = _hours(tmp_path, hours)
    line = f'business_hours = {{ days = "{days}", open = "09:00", close = '
    assert line in said and "(the days yours" not in said
    assert 'days = "de ' not in said and "das" not in said.split("one line:")[-1]


def test_days_it_cannot_read_are_never_echoed_in_the_line(tmp_path: Path) -> None:
    said = _hours(tmp_path, '"dias úteis 9h-18h"')
    assert 'days = "mon-fri", open = "09:00", close = "18:00" } (the days yours' in said
    assert 'days = "dias' not in said


def test_holidays_written_day_first_get_the_list_to_write(tmp_path: Path) -> None:
    said = _hours(
        tmp_path,
        '{ days = "mon-fri", open = "09:00", close = "18:00", '
        'holidays = ["25/12/2026", "1/1/2027", "2027-02-16"] }',
    )
    assert (
        "desk.business_hours.holidays: '25/12/2026', '1/1/2027': a day is written year first, "
        '"YYYY-MM-DD": holidays = ["2026-12-25", "2027-01-01", "2027-02-16"]' in said
    )
    said = _hours(tmp_path, '{ open = "09:00", close = "18:00", holidays = ["31/02/2027"] }')
    assert "'31/02/2027' is not a day" in said and "holidays = [" not in said


@pytest.mark.parametrize(
    ("table", "line", "variable"),
    [
        (
            '[[sources]]\nkind = "x"\nbearer_token = "{t}"',
            "sources[1].bearer_token",
            "X_BEARER_TOKEN",
        ),
        (
            '[[responders]]\nkind = "zendesk"\nbase_url = "https://z.example"\n'
            'email = "sac@z.example"\ntoken = "{t}"',
            "responders[2].token",
            "ZENDESK_TOKEN",
        ),
    ],
)
def test_a_token_pasted_inline_says_where_it_goes_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, line: str, variable: str
) -> None:
    monkeypatch.setenv(variable, "set")  # only the inline key is wrong
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = "\n" + table.format(t=TOKEN) + "\n"
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    code, output = run_cli(path, "check-config")
    key = line.rsplit(".", 1)[1]
    assert code == 2
    said = " ".join(output.split())  # as one line, whatever the terminal's width
    assert f"{line}: unknown key; a secret is never written in the config file" in said
    assert f"export {variable}=…" in said and f'write {key}_env = "{variable}"' in said
    assert "did you mean" not in said  # "{key}_env" would take the token next, and refuse it
    assert TOKEN not in output and TOKEN[:12] not in output


def test_a_token_pasted_into_the_env_key_names_the_variable_to_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    extra = f'\n[[responders]]\nkind = "slack"\nchannel = "C1"\nbot_token_env = "xoxb-{TOKEN}"\n'
    said = _problems(tmp_path, extra)
    assert "responders[2].bot_token_env: this looks like the secret itself" in said
    assert 'export SLACK_BOT_TOKEN=… and write bot_token_env = "SLACK_BOT_TOKEN"' in said
    assert TOKEN[:12] not in said
