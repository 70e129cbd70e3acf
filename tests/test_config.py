"""Config validation: a bad file names the key, the problem and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import write_config, write_mentions


def _load(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value


def test_shipped_config_is_valid() -> None:
    config = load_config(Path(__file__).parent.parent / "config.toml")
    assert [s.kind for s in config.sources] == ["replay"]
    assert {r.name for r in config.responders} == {"console", "cases"}


def test_a_config_without_a_classifier_reads_with_the_trained_default(tmp_path: Path) -> None:
    minimal = '[brand]\nname = "L"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'
    minimal += '[[responders]]\nkind = "console"\n[[responders]]\nkind = "local"\nname = "cases"\n'
    path = tmp_path / "config.toml"
    path.write_text(minimal)
    (tmp_path / "m.jsonl").write_text("")
    assert load_config(path).settings.sentiment.classifier == "e5"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name = 'Lumória'".encode("latin-1"), "not UTF-8 text; save it as UTF-8"),
        (b"\x00\xff\xfe binary", "not UTF-8 text"),
        (None, r"cannot be read \(Is a directory\)"),
    ],
)
def test_an_unreadable_file_is_named_not_a_traceback(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "config.toml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_a_byte_order_mark_is_not_a_toml_error(tmp_path: Path) -> None:
    error = _load(tmp_path, "\ufeff[brand]\nname = 'L'\n")  # valid TOML after the mark
    assert "not valid TOML" not in str(error) and "sources" in str(error)


def test_a_sqlite_file_in_a_missing_folder_is_named(tmp_path: Path) -> None:
    error = _load(tmp_path, '[brand]\nname = "L"\n[store]\nurl = "sqlite:///no/such/dir/x.db"\n')
    assert f"store.url: folder '{tmp_path / 'no/such/dir'}' does not exist" in str(error)


@pytest.mark.parametrize(
    "url",
    [
        "mssql://md:s3cret@db.example:5432/md",  # a backend mentiondesk does not install
        "postgresql+psycopg://md:s3cret@db.example:54x2/md",  # a port typo: SQLAlchemy cannot parse
        "mysql://md@db.example/md?password=s3cret",
    ],
)
def test_an_unsupported_store_url_is_named_without_its_password(tmp_path: Path, url: str) -> None:
    error = _load(tmp_path, f'[brand]\nname = "L"\n[store]\nurl = "{url}"\n')
    assert "is not a database URL mentiondesk supports" in str(error)
    assert "s3cret" not in str(error) and "db.example" in str(error)


def test_a_typo_inside_a_list_of_tables_suggests_the_right_key(tmp_path: Path) -> None:
    text = '[brand]\nname = "L"\n[[routing.alert_routes]]\nname = "u"\nto = ["c"]\n'
    error = _load(tmp_path, text + "min_frustation = 3\n")
    assert "min_frustation: unknown key; did you mean 'min_frustration'?" in str(error)


def test_a_replay_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    error = _load(
        tmp_path, '[brand]\nname = "L"\n[[sources]]\nkind = "replay"\npath = "gone.jsonl"\n'
    )
    assert f"sources[0].path: file '{tmp_path / 'gone.jsonl'}' not found" in str(error)


def test_one_broken_table_is_one_error(tmp_path: Path) -> None:
    text = (
        '[brand]\nname = "L"\n[[sources]]\nkind = "twitter"\n[routing]\nalert = ["slack"]\n'
        'post = { default = "cases" }\n[[responders]]\nkind = "slack"\ncolour = "red"\n'
        '[[responders]]\nkind = "local"\nname = "cases"\n[[sources]]\npoll_seconds = 5\n'
    )
    lines = str(_load(tmp_path, text)).splitlines()
    assert any("sources[0].kind: 'twitter' is not a known kind" in line for line in lines)
    assert any("sources[1].kind: is missing; use one of:" in line for line in lines)
    assert any("responders[0].colour: unknown key" in line for line in lines)
    assert not [line for line in lines if "no source is configured" in line]
    assert not [line for line in lines if "routing.alert: no responder is named" in line]


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    error = _load(tmp_path, '[brand]\nname = "L"\n[store]\nurll = "x"\n')
    assert "store.urll: unknown key; did you mean 'url'?" in str(error)


def test_wrong_type_names_key(tmp_path: Path) -> None:
    error = _load(tmp_path, '[brand]\nname = "L"\n[sentiment]\nbatch_size = "many"\n')
    assert "sentiment.batch_size" in str(error)


def test_a_handle_locale_must_be_language_and_region(tmp_path: Path) -> None:
    text = '[brand]\nname = "L"\n[playbooks]\nhandle_locales = { "@l_pt" = "portugal" }\n'
    error = str(_load(tmp_path, text))
    assert "playbooks.handle_locales" in error and 'e.g. "pt-PT"' in error


@pytest.mark.parametrize(
    ("handle", "fix"),
    [("lumora_pt", '"@lumora_pt"'), ("@lumora pt", 'e.g. "@lumora_pt"'), ("@", 'e.g. "@l')],
)
def test_a_handle_locale_is_written_as_posts_mention_it(
    tmp_path: Path, handle: str, fix: str
) -> None:
    """Without its @ the handle never matched a post: accepted, and silently never used. The
    fix offered is one that passes (not "@lumora pt" again)."""
    text = f'[brand]\nname = "L"\n[playbooks]\nhandle_locales = {{ "{handle}" = "pt-PT" }}\n'
    error = " ".join(str(_load(tmp_path, text)).split())
    assert f"handle_locales: {handle!r}: write the handle as posts mention it, {fix}" in error


def test_unknown_source_kind_lists_known_ones(tmp_path: Path) -> None:
    error = _load(tmp_path, '[brand]\nname = "L"\n[[sources]]\nkind = "myspace"\n')
    assert "sources[0].kind: 'myspace' is not a known kind; use one of:" in str(error)
    assert "replay" in str(error)


def test_plugin_section_unknown_key(tmp_path: Path) -> None:
    samples = tmp_path / "m.jsonl"
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples)
    path.write_text(path.read_text().replace("page_size = 50", "page_size = 50\npage_sise = 3"))
    with pytest.raises(ConfigError, match=r"sources\[0\]\.page_sise: unknown key"):
        load_config(path)


def test_routing_must_name_existing_responders(tmp_path: Path) -> None:
    samples = tmp_path / "m.jsonl"
    path = write_config(
        tmp_path, db_url="sqlite:///x.db", samples=samples, extra='\n[routing]\nalert = ["slack"]\n'
    )
    with pytest.raises(ConfigError, match=r"routing\.alert: no responder is named 'slack'"):
        load_config(path)


def test_missing_brand_section(tmp_path: Path) -> None:
    """A table, not a key: said so, with the keys it needs."""
    said = "brand: required table is missing; add [brand] with name = …"
    assert said in str(_load(tmp_path, "[store]\n"))


def test_relative_sqlite_path_is_next_to_config(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    assert load_config(path).store_url() == f"sqlite:///{tmp_path / 'desk.db'}"


def test_secret_from_env_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    from mentiondesk.models import secret_from_env

    monkeypatch.delenv("MD_TEST_TOKEN", raising=False)
    with pytest.raises(ValueError, match="MD_TEST_TOKEN is not set; export it"):
        secret_from_env("MD_TEST_TOKEN")
    monkeypatch.setenv("MD_TEST_TOKEN", "s3cret")
    assert secret_from_env("MD_TEST_TOKEN").get_secret_value() == "s3cret"


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ('[brand]\nname = "L"\nx = [\n', "line 3: not valid TOML: the list [ opened on this line"),
        ('[brand]\nname = "L\n', "line 2, column 10: not valid TOML"),
    ],
)
def test_a_toml_syntax_error_says_where_to_look(tmp_path: Path, body: str, said: str) -> None:
    """At the end of the file the parser names no line: "fix the syntax at that line" sent
    people looking for one."""
    error = str(_load(tmp_path, body))
    assert "not valid TOML" in error and said in error, error
