"""`[desk]` host and timezone: a wrong one is a config error naming the key and the fix,
not a traceback at load nor a desk that silently never listens."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import pytest

from mentiondesk.cli_web import start_desk
from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from mentiondesk.pipeline import App
from tests.helpers import run_cli, write_config, write_mentions


def _config(tmp_path: Path, desk: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=f"\n{desk}\n")


@pytest.mark.parametrize("zone", ["America", "Europe", "Brazil", "Etc"])
def test_a_region_as_timezone_is_a_config_error(tmp_path: Path, zone: str) -> None:
    code, output = run_cli(_config(tmp_path, f'[desk]\ntimezone = "{zone}"'), "cases", "list")
    assert code == 2, output
    assert f"desk.timezone: '{zone}' is a region, not a time zone name; use a zone in it" in output
    assert f'e.g. "{zone}/' in output and "Traceback" not in output


@pytest.mark.parametrize(
    ("zone", "meant"),
    [
        ("Lisbon", "Europe/Lisbon"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("Europe/Lisboa", "Europe/Lisbon"),
    ],
)
def test_a_city_or_near_miss_as_timezone_names_the_zone_meant(
    tmp_path: Path, zone: str, meant: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, f'[desk]\ntimezone = "{zone}"'))
    said = f'desk.timezone: {zone!r} is not a time zone name; use the IANA name, e.g. "{meant}"'
    assert said in str(info.value) and "unknown time zone" not in str(info.value)


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("localhost:8080", "has a port"),
        ("http://localhost", "is a URL"),
        ("", "is empty"),
        ("[::1]", "has brackets"),
        ("fe80::zz", "is not an IPv6 address"),
        (" localhost", "has spaces"),
    ],
)
def test_a_host_with_a_port_or_scheme_is_refused_at_load(
    tmp_path: Path, host: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, f'[desk]\nhost = "{host}"'))
    assert f"desk.host: {host!r} {problem}" in str(info.value)


@pytest.mark.parametrize("host", ["::1", "::", "0.0.0.0", "localhost", "desk.example.com"])
def test_a_bare_host_or_ipv6_address_is_accepted(tmp_path: Path, host: str) -> None:
    assert load_config(_config(tmp_path, f'[desk]\nhost = "{host}"')).settings.desk.host == host


async def test_a_host_not_of_this_machine_is_named_when_the_desk_cannot_listen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 192.0.2.1 is reserved for documentation: no machine has it, so binding fails at once.
    path = _config(tmp_path, '[desk]\nhost = "192.0.2.1"\nport = 0')
    config = load_config(path)
    async with App(config) as app:
        assert await start_desk(config, app) is None
    said = capsys.readouterr().err
    assert "'192.0.2.1' is not a name or address of this machine: set [desk] host" in said
    assert "another port" not in said


def test_an_unknown_host_name_is_named_not_the_port() -> None:
    from mentiondesk.cli_web import _not_listening

    said = _not_listening("desk.invalid", 8080, socket.gaierror(-2, "Name or service not known"))
    assert "'desk.invalid' is not a name or address" in said and "port" not in said
    taken = _not_listening("::1", 8080, OSError(errno.EADDRINUSE, "Address already in use"))
    assert "[::1]:8080" in taken and "set another port" in taken
    denied = _not_listening("::1", 80, OSError(errno.EACCES, "Permission denied"))
    assert "Set another port" in denied and "Another mentiondesk" not in denied


@pytest.mark.parametrize("language", ["es", "pt-AO", "brazil", ""])
def test_a_language_the_desk_does_not_speak_is_a_config_error(
    tmp_path: Path, language: str
) -> None:
    code, output = run_cli(_config(tmp_path, f'[desk]\nlanguage = "{language}"'), "cases", "list")
    assert code == 2, output
    said = " ".join(output.split())
    assert f"desk.language: {language!r} is not a language the desk speaks" in said
    assert 'use "en", "pt", "pt-BR" or "pt-PT"' in said and "Traceback" not in said


@pytest.mark.parametrize(
    ("written", "read"),
    [("pt-br", "pt-BR"), ("PT-PT", "pt-PT"), ("en", "en"), ("pt", "pt-BR"), ("pt_BR", "pt-BR")],
)
def test_a_desk_language_is_read_in_any_case(tmp_path: Path, written: str, read: str) -> None:
    config = load_config(_config(tmp_path, f'[desk]\nlanguage = "{written}"'))
    assert config.settings.desk.language == read


@pytest.mark.parametrize("value", ["70000", "oito"])
def test_a_bad_desk_port_from_the_environment_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MENTIONDESK_DESK_PORT", value)
    code, output = run_cli(_config(tmp_path, ""), "run", "--once")
    said = "".join(c for c in output if c not in "│╭╮╰╯─").split()
    assert code == 2 and "'--desk-port' (env var: 'MENTIONDESK_DESK_PORT')" in " ".join(said)


def test_the_desk_port_option_replaces_the_configs_only(tmp_path: Path) -> None:
    from mentiondesk.cli_web import with_desk_port

    config = load_config(_config(tmp_path, '[desk]\nport = 8097\ntimezone = "Europe/Lisbon"'))
    moved = with_desk_port(config, 8098)
    assert moved.settings.desk.port == 8098 and moved.settings.desk.timezone == "Europe/Lisbon"
    assert config.settings.desk.port == 8097 and with_desk_port(config, None) is config


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://desk.example.com", "is not https (http is only for localhost)"),
        ("desk.example.com", "is not a URL with a host"),
        ("ftp://desk.example.com", "is not an http(s) URL"),
        ("https://desk.example.com/?x=1", "has a query, fragment or user name"),
        ('https://desk.example.com/a"b', "has spaces, quotes or brackets"),
        ("https://desk.example.com:abc", "has a port that is no number from 1 to 65535"),
        ("https://desk.example.com:99999", "has a port that is no number from 1 to 65535"),
        ("https://desk.example.com:/", "has a port that is no number from 1 to 65535"),
    ],
)
def test_a_public_url_not_https_is_refused_naming_the_key(
    tmp_path: Path, url: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, f"[desk]\npublic_url = '{url}'"))
    assert f"desk.public_url: {url!r} {problem}" in str(info.value)
    assert "https://desk.example.com" in str(info.value)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://desk.example.com/", "https://desk.example.com"),
        ("https://example.com/desk", "https://example.com/desk"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("https://[::1]:8443", "https://[::1]:8443"),
    ],
)
def test_a_public_url_is_kept_without_its_trailing_slash(
    tmp_path: Path, url: str, kept: str
) -> None:
    config = load_config(_config(tmp_path, f'[desk]\npublic_url = "{url}"'))
    assert config.settings.desk.public_url == kept


async def test_the_running_app_links_alerts_to_the_public_url(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, '[desk]\npublic_url = "https://desk.example.com/"'))
    async with App(config) as app:
        assert app.outbox.desk_url == "https://desk.example.com"


@pytest.mark.parametrize(
    ("value", "words"),
    [("oito", "'oito' is not a port number (a whole number)"), ("70000", "give 0 to 65,535")],
)
def test_a_bad_desk_port_says_what_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, words: str
) -> None:
    """As every number the CLI takes: what it is not and what to write, not pydantic's
    "Input should be a valid integer, unable to parse string as an integer"."""
    monkeypatch.setenv("MENTIONDESK_DESK_PORT", value)
    code, output = run_cli(_config(tmp_path, ""), "run", "--once")
    said = " ".join("".join(c for c in output if c not in "│╭╮╰╯─").split())
    assert code == 2 and words in said and "Input should be" not in said, said
