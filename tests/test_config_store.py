"""`[store]`: the URL from an environment variable (its password stays out of the file), only
the drivers mentiondesk installs, and `retain_days` checked (the retention: test_retention)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.conftest import PG_ADMIN_URL
from tests.helpers import run_cli, write_config, write_mentions

_URL_LINE = 'url = "sqlite:///desk.db"'


def _config(tmp_path: Path, store: str) -> Path:
    """The test config with its `[store]` url line replaced by `store`."""
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    path.write_text(path.read_text().replace(_URL_LINE, store))
    return path


def test_url_env_names_the_variable_holding_the_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_STORE_URL", "postgresql+psycopg://md:s3cret@127.0.0.1:5432/md")
    config = load_config(_config(tmp_path, 'url_env = "MD_STORE_URL"'))
    assert config.store_url() == "postgresql+psycopg://md:s3cret@127.0.0.1:5432/md"


def test_an_unset_url_env_names_the_key_and_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MD_STORE_URL", raising=False)
    with pytest.raises(ConfigError, match=r"store\.url_env: environment variable MD_STORE_URL"):
        load_config(_config(tmp_path, 'url_env = "MD_STORE_URL"'))


def test_url_and_url_env_together_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_STORE_URL", "sqlite:///other.db")
    with pytest.raises(ConfigError, match=r"store: set url or url_env, not both"):
        load_config(_config(tmp_path, f'{_URL_LINE}\nurl_env = "MD_STORE_URL"'))


def test_url_and_an_unset_url_env_are_refused_for_the_conflict_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MD_STORE_URL", raising=False)
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, f'{_URL_LINE}\nurl_env = "MD_STORE_URL"'))
    assert "store: set url or url_env, not both" in str(info.value)
    assert "MD_STORE_URL is not set" not in str(info.value)  # exporting it would not help


def test_a_relative_sqlite_path_from_url_env_is_next_to_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_STORE_URL", "sqlite:///desk.db")
    config = load_config(_config(tmp_path, 'url_env = "MD_STORE_URL"'))
    assert config.store_url() == f"sqlite:///{tmp_path / 'desk.db'}"


def test_a_bare_postgresql_url_opens_with_psycopg_3(tmp_path: Path) -> None:
    # SQLAlchemy 2.0 reads postgresql:// as psycopg2, which mentiondesk does not install.
    config = load_config(_config(tmp_path, 'url = "postgresql://md@127.0.0.1:5432/md"'))
    assert config.store_url() == "postgresql+psycopg://md@127.0.0.1:5432/md"


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg2://md:s3cret@db:5432/md", "postgresql+asyncpg://md@db/md"]
)
def test_a_driver_not_installed_is_refused_with_the_fix(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, f'url = "{url}"'))
    assert "store.url: " in str(info.value) and "which mentiondesk does not install" in str(
        info.value
    )
    assert "write postgresql+psycopg://" in str(info.value) and "s3cret" not in str(info.value)


@pytest.mark.parametrize("url", ["sqlite://desk.db", "sqlite://", "sqlite:///:memory:"])
def test_a_sqlite_url_naming_no_file_is_refused_with_the_fix(tmp_path: Path, url: str) -> None:
    """ "sqlite://desk.db" (two slashes) names a host; in memory, each connection had a
    database of its own: check-config said valid, then every command failed."""
    code, output = run_cli(_config(tmp_path, f'url = "{url}"'), "check-config")
    assert code == 2 and "names no database file; write sqlite:///FILE.db" in output, output


@pytest.mark.parametrize(
    "url",
    [
        "host=127.0.0.1 user=md password=s3cret dbname=md",
        "postgres:s3cret@127.0.0.1/md",
        "postgres//md:s3cret@db/md",  # the scheme's colon left out
    ],
)
def test_a_url_env_that_is_no_url_is_refused_without_its_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("MD_STORE_URL", url)
    code, output = run_cli(_config(tmp_path, 'url_env = "MD_STORE_URL"'), "check-config")
    assert code == 2 and "is not a database URL" in output, output
    assert "s3cret" not in output and "***" in output


def test_a_password_holding_an_at_sign_is_refused_without_any_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unencoded, the password's end was read as the host, and the driver's "failed to
    resolve host 'cret@127.0.0.1'" was quoted."""
    monkeypatch.setenv("MD_STORE_URL", "postgresql://md:s3@cret@127.0.0.1:5499/md")
    code, output = run_cli(_config(tmp_path, 'url_env = "MD_STORE_URL"'), "check-config")
    said = " ".join(output.split())
    assert code == 2 and "the password holds an @: write each @ in it as %40" in said, output
    assert "s3" not in output.replace("s3cret", "") and "cret" not in output


def test_a_driver_not_installed_in_url_env_names_url_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_STORE_URL", "postgresql+psycopg2://md:s3cret@db:5432/md")
    code, output = run_cli(_config(tmp_path, 'url_env = "MD_STORE_URL"'), "check-config")
    assert code == 2 and "store.url_env (MD_STORE_URL): " in output, output
    assert "s3cret" not in output


@pytest.mark.parametrize("command", [["check-config"], ["run", "--once"], ["cases", "list"]])
def test_a_store_it_cannot_open_from_url_env_names_url_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """There is no `url` in the file to look for: the key and variable that gave the URL."""
    monkeypatch.setenv("MD_STORE_URL", "postgresql://md:s3cret@127.0.0.1:5499/nowhere")
    code, output = run_cli(_config(tmp_path, 'url_env = "MD_STORE_URL"'), *command)
    assert code == 2 and "store.url_env (MD_STORE_URL): cannot open" in output, output
    assert "store.url:" not in output and "s3cret" not in output


def test_libpqs_postgres_scheme_opens_with_psycopg_3(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, 'url = "postgres://md@127.0.0.1:5432/md"'))
    assert config.store_url() == "postgresql+psycopg://md@127.0.0.1:5432/md"


@pytest.mark.postgres
def test_a_postgres_url_from_a_hosting_panel_reaches_postgresql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    panel = pg_url.replace("postgresql+psycopg://", "postgres://", 1)
    monkeypatch.setenv("MD_STORE_URL", panel)
    config = _config(tmp_path, 'url_env = "MD_STORE_URL"')
    code, output = run_cli(config, "check-config")
    assert code == 0 and "(reachable" in output, output
    code, output = run_cli(config, "cases", "list")  # reached: it finds no store there yet
    assert code == 2 and "holds no mentiondesk store yet" in output, output
    assert "not a database URL" not in output


@pytest.mark.postgres
def test_check_config_reaches_postgresql_through_url_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    monkeypatch.setenv("MD_STORE_URL", bare)
    code, output = run_cli(_config(tmp_path, 'url_env = "MD_STORE_URL"'), "check-config")
    assert code == 0 and "(reachable)" in output, output


def test_purge_without_retain_days_says_how_to_set_it(tmp_path: Path) -> None:
    config = _config(tmp_path, _URL_LINE)
    code, output = run_cli(config, "store", "purge")
    assert code == 1 and "[store] retain_days is not set" in output
    assert run_cli(config, "store", "purge", "--days", "7")[0] == 2  # at least 30
    assert run_cli(config, "store", "purge", "--days", "800000")[0] == 2  # a century at most


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("7", "store.retain_days: 7 days is too short"),
        ('"365"', "store.retain_days: '365' is not a number of days; write a whole number"),
        ("true", "store.retain_days: True is not a number of days"),
        # "forever" written as a number: no date that far ahead can be stored.
        ("999999", "store.retain_days: 999999 days is more than a century"),
    ],
)
def test_retain_days_is_checked_at_load(tmp_path: Path, value: str, says: str) -> None:
    config = _config(tmp_path, _URL_LINE)
    config.write_text(config.read_text().replace("[store]\n", f"[store]\nretain_days = {value}\n"))
    with pytest.raises(ConfigError, match="retain_days") as caught:
        load_config(config)
    assert says in str(caught.value) and "remove the key to keep everything" in str(caught.value)
    config.write_text(config.read_text().replace(f"retain_days = {value}", "retain_days = 30"))
    assert load_config(config).settings.store.retain_days == 30


def test_an_unset_fingerprint_secret_names_the_key_and_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MD_FP_SECRET", raising=False)
    store = f'{_URL_LINE}\nfingerprint_secret_env = "MD_FP_SECRET"'
    with pytest.raises(ConfigError, match=r"store\.fingerprint_secret_env: environment variable"):
        load_config(_config(tmp_path, store), secrets=False)  # the store-only commands too


def test_a_short_fingerprint_secret_is_refused_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_FP_SECRET", "hunter2")
    store = f'{_URL_LINE}\nfingerprint_secret_env = "MD_FP_SECRET"'
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, store))
    said = str(info.value)
    assert "store.fingerprint_secret_env: environment variable MD_FP_SECRET holds fewer" in said
    assert "openssl rand -hex 32" in said and "hunter2" not in said


def test_the_fingerprint_secret_is_read_from_its_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_FP_SECRET", "k" * 32)
    store = f'{_URL_LINE}\nfingerprint_secret_env = "MD_FP_SECRET"'
    assert load_config(_config(tmp_path, store)).fingerprint_secret() == b"k" * 32
    assert load_config(_config(tmp_path, _URL_LINE)).fingerprint_secret() == b""
