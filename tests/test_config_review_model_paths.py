"""A sentiment model file of one's own that is not there: check-config refuses it as `run`
would, before `run` makes the store, naming the key and the fix in one message (one line:
each line of an error is shown as a problem of its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ConfigError
from sentiment import _e5_adapter, _ngram_model
from sentiment.ngram import NgramClassifier
from tests.helpers import run_cli, write_config, write_mentions


def _config(tmp_path: Path, classifier: str, settings: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    text = path.read_text().replace(
        'classifier = "vader"', f'classifier = "{classifier}"\nsettings = {{ {settings} }}'
    )
    path.write_text(text + "\n[desk]\nenabled = false\n")
    return path


CASES = [
    (
        "e5",
        'adapter = "models/adapter.npz"',
        "sentiment.settings.adapter",
        "train-sentiment --kind e5 --data FOLDER [FOLDER…] --out ",
        "or remove the setting to use the shipped adapter",
    ),
    (
        "e5",
        'adapters = { pt = "models/pt.npz" }',
        "sentiment.settings.adapters: pt:",
        "train-sentiment --kind e5 --data FOLDER [FOLDER…] --out ",
        "or remove the setting to use the shipped adapter",
    ),
    (
        "e5",
        'ngram = "models/ngram.npz"',
        "sentiment.settings.ngram",
        "train-sentiment --data FOLDER [FOLDER…] --out ",
        "or remove the setting to use the shipped model",
    ),
    (
        "ngram",
        'path = "models/ngram.npz"',
        "sentiment.settings.path",
        "train-sentiment --data FOLDER [FOLDER…] --out ",
        "or remove the setting to use the shipped model",
    ),
]


@pytest.mark.parametrize(("classifier", "settings", "key", "command", "shipped"), CASES)
def test_check_config_refuses_a_missing_model_file_naming_key_and_fix(
    tmp_path: Path, classifier: str, settings: str, key: str, command: str, shipped: str
) -> None:
    code, output = run_cli(_config(tmp_path, classifier, settings), "check-config")
    assert code == 2, output
    lines = [line for line in output.splitlines() if key in line]
    assert len(lines) == 1, output
    assert "is missing; train one with `mentiondesk " + command in lines[0]
    assert "train_text.txt and train_labels.txt" in lines[0] and shipped in lines[0]
    assert "../shared/data" not in output and "is valid" not in output


def test_run_refuses_before_making_the_store(tmp_path: Path) -> None:
    code, output = run_cli(_config(tmp_path, "ngram", 'path = "gone.npz"'), "run", "--once")
    assert code == 2 and f"sentiment.settings.path: {str(tmp_path / 'gone.npz')!r} is" in output
    assert not (tmp_path / "desk.db").exists()


def test_an_unknown_ngram_key_suggests_path(tmp_path: Path) -> None:
    code, output = run_cli(_config(tmp_path, "ngram", 'model = "m.npz"'), "check-config")
    assert code == 2 and "sentiment.settings.model: unknown key; did you mean 'path'?" in output


def test_a_file_deleted_after_the_check_is_said_on_one_line_at_start(tmp_path: Path) -> None:
    for load, name in ((NgramClassifier, "ngram.npz"), (_e5_adapter.load, "adapter.npz")):
        with pytest.raises(ConfigError) as caught:
            load(tmp_path / name)
        said = str(caught.value)
        assert "\n" not in said and "../shared/data" not in said, said
        assert f"{name} is missing; train one with `mentiondesk train-sentiment" in said
        assert "or remove the setting to use the shipped" in said


def test_the_shipped_models_rebuild_command_stays_the_recipe_that_made_them() -> None:
    assert "--out sentiment/models/ngram.npz" in _ngram_model.fix(_ngram_model.DEFAULT_PATH)


@pytest.mark.parametrize(("classifier", "settings", "key", "command", "shipped"), CASES)
def test_check_config_refuses_a_model_file_cut_short(
    tmp_path: Path, classifier: str, settings: str, key: str, command: str, shipped: str
) -> None:
    """A copy cut short keeps a zip's first bytes: check-config reads it through, as `run`
    would, rather than call valid a config `run` refuses."""
    shipped_file = "e5-adapter.npz" if "adapter" in settings else "ngram.npz"
    whole = (Path(_ngram_model.__file__).parent / "models" / shipped_file).read_bytes()
    named = settings.split('"')[1]
    (tmp_path / named).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / named).write_bytes(whole[: len(whole) // 2])
    code, output = run_cli(_config(tmp_path, classifier, settings), "check-config")
    assert code == 2, output
    lines = [line for line in output.splitlines() if key in line]
    assert len(lines) == 1 and "is unreadable (" in lines[0], output
    assert command in lines[0] and "is valid" not in output
