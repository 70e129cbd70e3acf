"""What train-sentiment --corrections says of the corrections it could not use, and of none."""

from __future__ import annotations

from pathlib import Path

from tests.sentiment_data import EN, write_folder
from tests.test_cli_sentiment import md
from tests.test_corrections_val_split import _desk, _said


def _train(tmp_path: Path, config: Path) -> str:
    en = write_folder(tmp_path / "en", EN)
    args = ["--data", str(en), "--out", str(tmp_path / "m.npz"), "--corrections"]
    code, output = md(config, "train-sentiment", *args)
    assert code == 0, output
    return _said(output)


def test_the_languages_no_model_learns_are_named_most_first(tmp_path: Path) -> None:
    config = _desk(
        tmp_path,
        ("@lumora a entrega atrasou de novo, que raiva", "reclamação"),
        ("@lumora adorei o atendimento, obrigada", "elogio"),
        ("@lumora ok", "negativo"),  # too little to tell a language by
        ("@lumora the lamp is fine, thanks a lot", "positive"),
    )
    said = _train(tmp_path, config)
    expected = "used 1 of 4 corrections (3 in languages with no model of their own: pt 2, "
    assert f"{expected}undetermined 1)" in said


def test_a_store_with_no_corrections_says_so_instead_of_0_of_0(tmp_path: Path) -> None:
    said = _train(tmp_path, _desk(tmp_path))
    assert "0 of 0" not in said
    assert "en (27 texts); no corrections in the store yet (correct a reading on the desk" in said


def test_a_language_read_from_one_folder_says_folder(tmp_path: Path) -> None:
    said = _train(tmp_path, _desk(tmp_path))
    assert "en: 27 texts from 1 folder " in said and "folder(s)" not in said
