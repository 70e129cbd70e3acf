"""`check-config` says where the desk will be served, in which language and time zone, and
the languages of the alerts, tickets and default replies, as read: a first-timer who wrote
`language = "pt_BR"` sees it taken as pt-BR, and one who left it out sees what they get."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli, write_config, write_mentions


def _check(tmp_path: Path, extra: str) -> tuple[int, str]:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    code, output = run_cli(path, "check-config")
    return code, " ".join(output.split())  # as one line, whatever the terminal's width


def test_the_desk_and_the_languages_are_said_as_read(tmp_path: Path) -> None:
    code, said = _check(
        tmp_path,
        '\n[playbooks]\ndefault_lang = "pt_br"\n'
        '\n[routing]\nlanguage = "PT-br"\n'
        '\n[desk]\nport = 8792\nlanguage = "pt_BR"\ntimezone = "America/Sao_Paulo"\n',
    )
    assert code == 0, said
    assert (
        "desk: http://127.0.0.1:8792/ in pt-BR (each person may switch), times in "
        "America/Sao_Paulo" in said
    )
    assert (
        "languages: alerts and tickets in pt-BR; replies to posts in a language with no "
        "templates in pt-BR" in said
    )


def test_the_defaults_are_said_too(tmp_path: Path) -> None:
    code, said = _check(tmp_path, "")
    assert code == 0, said
    assert "desk: http://127.0.0.1:8080/ in each browser's language" in said
    assert "times in UTC" in said and "alerts and tickets in en;" in said


def test_a_desk_switched_off_or_on_every_interface(tmp_path: Path) -> None:
    assert (
        "desk: not served ([desk] enabled = false)"
        in _check(tmp_path, "\n[desk]\nenabled = false\n")[1]
    )
    # 0.0.0.0 listens everywhere; this machine opens it at 127.0.0.1, as `run` prints it.
    assert (
        "desk: http://127.0.0.1:9000/"
        in _check(tmp_path, '\n[desk]\nhost = "0.0.0.0"\nport = 9000\n')[1]
    )
