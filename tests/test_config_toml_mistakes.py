"""config.toml edited by hand (nano on the server, values pasted from a Word document or a
WhatsApp message): each TOML mistake people make is named with its line and column, the line
as it reads (secrets masked), what is wrong in plain words, and the line to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import mention, run_cli, write_config, write_mentions

_SECTIONS = '\n[routing]\nalert = ["console"]\npost = { default = "console" }\n\n[desk]\n'


def _config(tmp_path: Path, desk: str = "", *, edit: tuple[str, str] = ("", "")) -> Path:
    """The tests' config with `desk` under its [desk] and `edit` (old, new) made to it."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "oi")])
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    text = path.read_text() + _SECTIONS + desk
    path.write_text(text.replace(*edit) if edit[0] else text, encoding="utf-8")
    return path


def _said(path: Path) -> str:
    with pytest.raises(ConfigError) as raised:
        load_config(path, secrets=False)
    return str(raised.value)


def _line(path: Path, text: str) -> int:
    """The number of the first line of `path` holding `text`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    exact = [n for n, line in enumerate(lines, 1) if line == text]  # `[[responders]` alone
    return exact[0] if exact else next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("timezone = America/Sao_Paulo", 'text goes in straight double quotes, "like this"'),
        ("timezone = “America/Sao_Paulo”", "“ ” are typographic quotes (as Word, WhatsApp"),
        ("timezone = „America/Sao_Paulo”", "„ ” are typographic quotes"),
        ("timezone = ‘America/Sao_Paulo’", "‘ ’ are typographic quotes"),
        ("timezone = «America/Sao_Paulo»", "« » are typographic quotes"),
        ('timezone = "America/Sao_Paulo”', "” is a typographic quote"),
        ('timezone = "America/Sao_Paulo', 'the text opened with " is not closed on this line'),
        ("timezone = 'America/Sao_Paulo", "the text opened with ' is not closed on this line"),
        ('timezone\u00a0= "America/Sao_Paulo"', "column 9 holds a no-break space"),
        ('\u200btimezone = "America/Sao_Paulo"', "column 1 holds a zero width space"),
        ('timezone: "America/Sao_Paulo"', "a key and its value are joined with =, not :"),
        ('time zone = "America/Sao_Paulo"', "a key has no spaces: did you mean 'timezone'?"),
        ('• timezone = "America/Sao_Paulo"', "a line holds a key = value, a [table] header or"),
    ],
)
def test_a_pasted_timezone_is_named_with_the_line_to_write(
    tmp_path: Path, written: str, hint: str
) -> None:
    path = _config(tmp_path, written + "\n")
    said = _said(path)
    assert said.startswith(f"{path}: line {_line(path, 'Sao_Paulo')}"), said
    assert f"not valid TOML: {hint}" in said, said
    assert said.endswith(tuple(f"; write: timezone = {q}America/Sao_Paulo{q}" for q in "\"'")), said


@pytest.mark.parametrize(
    ("old", "new", "hint", "fixed"),
    [
        ('alert = ["console"]', "alert = [“console”]", "typographic", 'alert = ["console"]'),
        (
            'alert = ["console"]',
            'alert = ["console" "cases"]',
            "separated by commas",
            'alert = ["console", "cases"]',
        ),
        (
            "poll_seconds = 5",
            "poll_seconds = 1,5",
            "decimal point, not a comma",
            "poll_seconds = 1.5",
        ),
        ("poll_seconds = 5", "poll_seconds = 5 segundos", "without a unit", "poll_seconds = 5"),
        ("[desk]", "[desk", "between [ and ]", "[desk]"),
        (
            '[[responders]]\nkind = "local"',
            '[[responders]\nkind = "local"',
            "[[ and ]]",
            "[[responders]]",
        ),
        (
            '{ default = "console" }',
            '{ default = "console", }',
            "takes no comma after it",
            'post = { default = "console" }',
        ),
        (
            '{ default = "console" }',
            "{ default = console }",
            "double quotes",
            'post = { default = "console" }',
        ),
    ],
)
def test_a_slip_elsewhere_is_named_with_the_line_to_write(
    tmp_path: Path, old: str, new: str, hint: str, fixed: str
) -> None:
    path = _config(tmp_path, edit=(old, new))
    said = _said(path)
    assert f": line {_line(path, new.split(chr(10))[0])}, column " in said, said
    assert hint in said and said.endswith(f"; write: {fixed}"), said


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("enabled = True", "enabled = true"),
        ("enabled = sim", "enabled = true"),
        ("language = pt-BR", 'language = "pt-BR"'),
        (
            'business_hours = { days = "mon-fri", open = 09:00, close = 18:00 }',
            'business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }',
        ),
        (
            r'saved_replies = "C:\Users\ana\respostas.toml"',
            r"saved_replies = 'C:\Users\ana\respostas.toml'",
        ),
    ],
)
def test_a_value_as_people_type_it_gets_its_toml_spelling(
    tmp_path: Path, written: str, fixed: str
) -> None:
    said = _said(_config(tmp_path, written + "\n"))
    assert f"line {_line(tmp_path / 'config.toml', written)}, column" in said
    assert said.endswith(f"reads: {written}; write: {fixed}"), said


def test_a_key_set_twice_names_both_lines(tmp_path: Path) -> None:
    path = _config(tmp_path, 'timezone = "UTC"\nport = 8080\ntimezone = "America/Sao_Paulo"\n')
    said = _said(path)
    first, second = _line(path, '"UTC"'), _line(path, "Sao_Paulo")
    assert f"line {second}, column" in said
    assert f"'timezone' is set twice in [desk], on line {first} and here" in said


def test_a_table_written_twice_says_where_it_was_opened(tmp_path: Path) -> None:
    path = _config(tmp_path, 'port = 8080\n\n[desk]\ntimezone = "UTC"\n')
    said = _said(path)
    assert f"[desk] is opened on line {_line(path, '[desk]')} already" in said


@pytest.mark.parametrize(
    ("edit", "hint"),
    [
        (
            ('[[responders]]\nkind = "local"', '[responders]\nkind = "local"'),
            "write: [[responders]]",
        ),
        (('[[responders]]\nkind = "console"', '[responders]\nkind = "console"'), "needs them too"),
    ],
)
def test_a_list_of_tables_with_one_bracket_is_named(
    tmp_path: Path, edit: tuple[str, str], hint: str
) -> None:
    said = _said(_config(tmp_path, edit=edit))
    assert "each responder is its own [[responders]] with two brackets on each side" in said
    assert hint in said, said


def test_a_list_left_open_names_the_line_that_opened_it(tmp_path: Path) -> None:
    path = _config(tmp_path, edit=('alert = ["console"]', 'alert = ["console"'))
    said = _said(path)
    assert f": line {_line(path, 'alert = [')}: not valid TOML: the list [ opened on" in said
    assert said.endswith('; write: alert = ["console"]'), said


@pytest.mark.parametrize(
    ("written", "secret"),
    [
        ("bot_token = xoxb-1234-5678", "xoxb-1234-5678"),  # short, but under a secret's key
        ("url = postgresql://md:s3cretpw@db.example/md", "s3cretpw"),
        ("channel = Zx9kQ2mN7pL4vB8cR1tY6wE3uI0oA5s", "Zx9kQ2mN7pL4vB8cR1tY6wE3uI0oA5s"),
        ("name = \x1b[2J\x1b[31mred", "\x1b"),  # a terminal's escape codes, printed
    ],
)
def test_the_line_shown_keeps_no_secret(tmp_path: Path, written: str, secret: str) -> None:
    said = _said(_config(tmp_path, written + "\n"))
    assert "reads: " in said and secret not in said, said


def test_a_token_written_in_the_file_is_sent_to_the_environment(tmp_path: Path) -> None:
    said = _said(_config(tmp_path, "bot_token = xoxb-1234-5678\n"))
    assert said.endswith('name that variable here: bot_token_env = "…"'), said


def test_a_windows_file_with_tabs_and_a_comma_closing_a_list_loads(tmp_path: Path) -> None:
    path = _config(tmp_path, '\ttimezone\t=\t"America/Sao_Paulo"\n')
    text = path.read_text().replace('["console"]', '["console",]').replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert str(load_config(path, secrets=False).settings.desk.timezone) == "America/Sao_Paulo"


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (
            ("[[sources]]", "[sources]"),
            "sources: [sources] with one bracket is a single table, but",
        ),
        (("[desk]", "[[desk]]"), "desk: [[desk]] with two brackets is for a list of tables"),
    ],
)
def test_brackets_for_the_other_kind_of_table_are_named(
    tmp_path: Path, edit: tuple[str, str], said: str
) -> None:
    problem = _said(_config(tmp_path, 'timezone = "UTC"\n', edit=edit))
    assert said in problem and "samples" not in problem, problem  # not the table read back


@pytest.mark.parametrize("command", ["check-config", "run"])
def test_check_config_and_run_stop_with_the_hint(tmp_path: Path, command: str) -> None:
    path = _config(tmp_path, "timezone = “America/Sao_Paulo”\n")
    code, output = run_cli(path, command)
    assert code == 2, output
    assert 'write: timezone = "America/Sao_Paulo"' in " ".join(output.split()), output
