"""eval-sentiment scores a model trained with --corrections honestly, as tune-sentiment tunes it:
a text the classifier's models were taught by a relabel is left out of the score, and said."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sentiment_data import EN, write_folder
from tests.test_cli_sentiment import md
from tests.test_corrections_val_split import VAL, _desk, _said

CORRECTED = "The lamp flickers\nevery night, AWFUL"  # as posted; VAL holds it on one line


def _labelled(tmp_path: Path, rows: list[tuple[str, int]]) -> list[str]:
    text, labels = tmp_path / "t.txt", tmp_path / "l.txt"
    text.write_text("".join(f"{t}\n" for t, _ in rows))
    labels.write_text("".join(f"{y}\n" for _, y in rows))
    return ["--text", str(text), "--labels", str(labels)]


def _ngram(tmp_path: Path, config: Path) -> Path:
    """An n-gram model trained on EN plus the desk's one correction (CORRECTED)."""
    out, en = tmp_path / "ngram.npz", write_folder(tmp_path / "en", EN)
    args = ["--data", str(en), "--out", str(out), "--corrections"]
    code, output = md(config, "train-sentiment", *args)
    assert code == 0 and "used 1 of 1 corrections" in _said(output), output
    return out


def test_eval_sentiment_leaves_out_texts_the_ngram_model_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    model = ["--classifier", "ngram", "--setting", f"path={_ngram(tmp_path, config)}"]
    args = _labelled(tmp_path, VAL)
    code, output = md(config, "eval-sentiment", *args, *model)
    assert code == 0, output
    assert "classifier ngram: 2 texts; left out 1 text learnt from a correction" in _said(output)
    code, output = md(config, "eval-sentiment", *args, *model, "-f", "json")
    data = json.loads(output)
    assert code == 0 and data["n"] == 2 and data["left_out_learnt"] == 1
    assert sum(map(sum, data["confusion"])) == 2


def test_eval_sentiment_reads_every_text_with_a_model_without_fingerprints(
    tmp_path: Path,
) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    args = _labelled(tmp_path, VAL)
    code, output = md(config, "eval-sentiment", *args, "--classifier", "ngram")  # shipped
    assert code == 0 and "classifier ngram: 3 texts" in output and "left out" not in output
    code, output = md(config, "eval-sentiment", *args, "--classifier", "ngram", "-f", "json")
    assert code == 0 and json.loads(output)["left_out_learnt"] == 0
    assert json.loads(output)["n"] == 3


def test_eval_sentiment_refuses_a_file_every_text_of_which_was_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    model = ["--classifier", "ngram", "--setting", f"path={_ngram(tmp_path, config)}"]
    args = _labelled(tmp_path, [VAL[0], ("THE LAMP flickers  every night, awful", 0)])
    code, output = md(config, "eval-sentiment", *args, *model)
    assert code == 2, output
    said = _said(output)
    assert f"every text of {tmp_path / 't.txt'} was learnt from a correction" in said
    assert "accuracy" not in said


def test_eval_sentiment_leaves_out_texts_the_e5_adapter_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    adapter, en = tmp_path / "adapter.npz", write_folder(tmp_path / "en", EN)
    train = ["--kind", "e5", "--steps", "1", "--data", str(en), "--corrections"]
    code, output = md(config, "train-sentiment", *train, "--out", str(adapter))
    assert code == 0, output
    model = ["--classifier", "e5", "--setting", f"adapter={adapter}", "-f", "json"]
    code, output = md(config, "eval-sentiment", *_labelled(tmp_path, VAL), *model)
    data = json.loads(output)
    assert code == 0 and data["n"] == 2 and data["left_out_learnt"] == 1, output
