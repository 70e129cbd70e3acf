"""A value of the wrong type (text where a list, a table, true/false or a number goes) is
named with what to write instead, in TOML, and no internal class name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli, write_config, write_mentions


def _config(tmp_path: Path, old: str, new: str, extra: str = "") -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    path.write_text(path.read_text().replace(old, new, 1))
    return path


def _problem(path: Path) -> str:
    code, output = run_cli(path, "check-config")
    assert code == 2 and "Traceback" not in output, output
    return " ".join(output.split())  # rich wraps long lines


def test_text_where_a_list_goes_shows_the_list(tmp_path: Path) -> None:
    path = _config(tmp_path, 'handles = ["@lumora"]', 'handles = "@lumora"')
    assert (
        "brand.handles: '@lumora' is text, not a list; write a list: handles = [\"@lumora\"]"
        in _problem(path)
    )


def test_a_plugins_list_is_named_with_its_table(tmp_path: Path) -> None:
    slack = (
        '\n[[responders]]\nkind = "slack"\nchannel = "C0123456789"\n'
        'bot_token_env = "MD_T"\nsigning_secret_env = "MD_S"\napprovers = "U024BE7LH"\n'
    )
    problem = _problem(_config(tmp_path, "", "", extra=slack))
    assert (
        "responders[2].approvers: 'U024BE7LH' is text, not a list; write a list: "
        'approvers = ["U024BE7LH"]' in problem
    )


def test_text_where_a_table_goes_lists_its_keys(tmp_path: Path) -> None:
    desk = '\n[desk]\nbusiness_hours = "seg-sex 08:00-18:00"\n'
    problem = _problem(_config(tmp_path, "", "", extra=desk))
    assert (
        "desk.business_hours: 'seg-sex 08:00-18:00' is text, not a table; write a table: "
        "[desk.business_hours] with its keys (days, open, close, hours, holidays) on the "
        "lines below" in problem
    )
    assert "BusinessHoursSection" not in problem and "dictionary" not in problem


def test_a_table_under_a_prefix_is_named_in_full(tmp_path: Path) -> None:
    sentiment = '[sentiment]\nclassifier = "e5"\nsettings = { adapters = "pt.npz" }\n'
    path = _config(tmp_path, '[sentiment]\nclassifier = "vader"\n', sentiment)
    assert (
        "sentiment.settings.adapters: 'pt.npz' is text, not a table; write a table: "
        "[sentiment.settings.adapters] with its keys on the lines below" in _problem(path)
    )


@pytest.mark.parametrize(
    ("desk", "problem"),
    [
        ('enabled = "sim"', "desk.enabled: 'sim' is text; write true or false (without quotes)"),
        (
            'port = "oito"',
            "desk.port: 'oito' is text; write a whole number from 0 to 65535 (without quotes)",
        ),
        ("port = 80.5", "desk.port: 80.5 is a number; write a whole number from 0 to 65535"),
        ("port = 80930", "desk.port: 80930 is too high; write a whole number from 0 to 65535"),
        (
            "login_attempts_per_minute = 0",
            "desk.login_attempts_per_minute: 0 is too low; write a whole number from 1 to 10000",
        ),
        ("timezone = 3", 'desk.timezone: 3 is a number; write text in quotes: timezone = "3"'),
    ],
)
def test_a_scalar_of_the_wrong_type_says_what_to_write(
    tmp_path: Path, desk: str, problem: str
) -> None:
    assert problem in _problem(_config(tmp_path, "", "", extra=f"\n[desk]\n{desk}\n"))


def test_a_float_of_the_wrong_type_says_a_number(tmp_path: Path) -> None:
    outbox = '\n[outbox]\npoll_seconds = "soon"\n'
    said = "outbox.poll_seconds: 'soon' is text; write a number above 0 and at most 3600"
    assert f"{said} (without quotes)" in _problem(_config(tmp_path, "", "", extra=outbox))


@pytest.mark.parametrize(
    ("outbox", "problem"),
    [
        ("poll_seconds = 0", "outbox.poll_seconds: 0 is too low; write a number above 0"),
        (
            "lease_seconds = 30",
            "outbox.lease_seconds: 30 is too low; write a number from 90 to 86400",
        ),
        # inf passed "above 0" and overflowed mid-run; so did a huge lease.
        ("lease_seconds = 1e12", "outbox.lease_seconds: 1000000000000.0 is too high; write"),
        (
            "stop_grace_seconds = inf",
            "outbox.stop_grace_seconds: inf is no finite number; write a number from 0 to 3600",
        ),
    ],
)
def test_a_number_out_of_range_says_the_range_in_words(
    tmp_path: Path, outbox: str, problem: str
) -> None:
    output = _problem(_config(tmp_path, "", "", extra=f"\n[outbox]\n{outbox}\n"))
    assert problem in output and "Input should" not in output


@pytest.mark.parametrize("zone", ["BRT", "EDT", "WEST"])
def test_a_zone_abbreviation_says_so(tmp_path: Path, zone: str) -> None:
    problem = _problem(_config(tmp_path, "", "", extra=f'\n[desk]\ntimezone = "{zone}"\n'))
    assert (
        f"desk.timezone: {zone!r} is an abbreviation, not a time zone; write a zone such as"
        in problem
    )
    assert "America/Sao_Paulo" in problem and "region" not in problem


@pytest.mark.parametrize(
    ("value", "said"),
    [("inf", "inf is no finite number"), ("1e12", "1000000000000.0 is too high")],
)
def test_a_source_interval_past_a_day_says_the_range(tmp_path: Path, value: str, said: str) -> None:
    """A source's poller read once and then slept for ever: check-config said valid."""
    path = _config(tmp_path, "poll_seconds = 5\n", f"poll_seconds = {value}\n")
    problem = _problem(path)
    assert f"sources[0].poll_seconds: {said}; write a number above 0 and at most 86400" in problem


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("poll_seconds = 5\n", "poll_seconds = true\n", "sources[0].poll_seconds: true is no"),
        ("batch_size = 50\n", "batch_size = false\n", "sentiment.batch_size: false is no number"),
        ("[brand]\n", "[desk]\nport = true\n[brand]\n", "desk.port: true is no number; write a"),
    ],
)
def test_true_or_false_where_a_number_goes_is_refused(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """Read as 1 or 0 and said valid: `port = true` listened on port 1, `poll_seconds = true`
    polled a platform every second."""
    assert said in _problem(_config(tmp_path, old, new))


def test_true_where_text_goes_shows_the_fix_as_toml_writes_it(tmp_path: Path) -> None:
    problem = _problem(_config(tmp_path, 'name = "Lumora"', "name = true"))
    assert 'brand.name: true is true or false; write text in quotes: name = "true"' in problem


def test_a_list_of_texts_where_one_text_goes_shows_them_in_one(tmp_path: Path) -> None:
    """`days = ["mon", "tue"]` was told to write `days = "['mon', 'tue']"`, which no day
    reads as; the days in one text is what business hours take."""
    hours = 'business_hours = { days = ["mon", "tue"], open = "09:00", close = "18:00" }'
    problem = _problem(_config(tmp_path, "", "", extra=f"\n[desk]\n{hours}\n"))
    assert 'write text in quotes: days = "mon,tue"' in problem


def test_true_where_a_list_of_numbers_goes_says_a_list(tmp_path: Path) -> None:
    """Only a union's types are a number's: a list of numbers given true wants a list."""
    desk = '[[responders]]\nkind = "freshdesk"\nbase_url = "https://a.freshdesk.com"\n'
    path = _config(tmp_path, "", "", extra=f"\n{desk}reopen_statuses = true\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FRESHDESK_API_KEY", "x")
        problem = _problem(path)
    assert "reopen_statuses: true is true or false, not a list; write a list" in problem
