"""train-sentiment --kind e5 (the encoder's adapter) and tune-sentiment on tiny data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sentiment_data import EN, PT, write_folder
from tests.test_cli_sentiment import labelled, md, sentiment_config


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return sentiment_config(tmp_path)


def test_train_sentiment_e5_writes_an_adapter_that_eval_reads(config: Path, tmp_path: Path) -> None:
    from sentiment import _e5_adapter

    en, pt = write_folder(tmp_path / "en", EN), write_folder(tmp_path / "pt", PT)
    out = tmp_path / "adapter.npz"
    args = ["--kind", "e5", "--steps", "2", "--data", str(en), str(pt), "--out", str(out)]
    code, output = md(config, "train-sentiment", *args)
    assert code == 0 and "54 texts" in output, output
    header = _e5_adapter.load(out)[1]
    assert header["steps"] == 2 and 0.0 <= header["blend"] <= 1.0 and "skip_above" in header
    assert header["tuned_on"] == ["en", "pt"] and header["batches"] == "by-length"
    assert set(header["built_with"]) == {"numpy", "torch"} and header["device"] == "cpu"
    text, labels = labelled(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "e5"]
    code, output = md(config, "eval-sentiment", *args, "--setting", f"adapter={out}", "-f", "json")
    assert code == 0 and json.loads(output)["classifier"] == "e5" and json.loads(output)["n"] == 3


def _train_one_step_on_en(config: Path, tmp_path: Path, *more: str) -> tuple[int, str, Path]:
    """`train-sentiment --kind e5` for one step on the English texts; (code, output, file)."""
    en, out = write_folder(tmp_path / "en", EN), tmp_path / "adapter.npz"
    args = ["--kind", "e5", "--steps", "1", "--data", str(en), "--out", str(out), *more]
    code, output = md(config, "train-sentiment", *args)
    return code, output, out


def test_train_sentiment_e5_goes_on_from_an_adapter(config: Path, tmp_path: Path) -> None:
    from sentiment import _e5_adapter

    shipped = Path(__file__).resolve().parent.parent / "sentiment/models/e5-adapter.npz"
    more = ["--start-from", str(shipped), "--learning-rate", "1e-4"]
    code, output, out = _train_one_step_on_en(config, tmp_path, *more)
    assert code == 0 and "27 texts" in output, output
    header = _e5_adapter.load(out)[1]
    assert header["started_from"] == "e5-adapter.npz" and header["learning_rate"] == 1e-4
    missing = tmp_path / "nope.npz"
    code, output, _ = _train_one_step_on_en(config, tmp_path, "--start-from", str(missing))
    assert code == 2 and "nope.npz is missing" in output, output


def test_train_sentiment_e5_takes_a_rank_and_a_batch_size(config: Path, tmp_path: Path) -> None:
    from sentiment import _e5_adapter

    code, output, out = _train_one_step_on_en(config, tmp_path, "--rank", "4", "--batch-size", "8")
    assert code == 0, output
    adapter, header = _e5_adapter.load(out)
    assert header["rank"] == 4 and header["batch_size"] == 8
    assert adapter.low_rank[0]["q"][0].shape[1] == 4
    # Going on from it keeps its rank unless told otherwise; another rank is refused, saying why.
    more = tmp_path / "more"
    more.mkdir()
    code, output, again = _train_one_step_on_en(config, more, "--start-from", str(out))
    assert code == 0 and _e5_adapter.load(again)[1]["rank"] == 4, output
    code, output, _ = _train_one_step_on_en(config, more, "--start-from", str(out), "--rank", "8")
    assert code == 2 and "of rank 4" in output and "leave --rank out" in output, output


def test_train_sentiment_e5_tunes_on_the_folders_named(config: Path, tmp_path: Path) -> None:
    from sentiment import _e5_adapter

    pt = write_folder(tmp_path / "pt", PT)
    more = ["--tune-on", str(pt), "--encoder-share", "1"]
    code, output, out = _train_one_step_on_en(config, tmp_path, *more)
    assert code == 0 and "27 texts" in output, output
    header = _e5_adapter.load(out)[1]
    assert header["tuned_on"] == ["pt"]
    # The encoder reads every text: no n-gram confidence is high enough to skip it.
    assert header["encoder_share"] == 1.0 and header["skip_above"] == 1.0


def test_tune_sentiment_retunes_an_adapter_and_keeps_its_weights(
    config: Path, tmp_path: Path
) -> None:
    import numpy as np

    from sentiment import _e5_adapter

    en, pt = write_folder(tmp_path / "en", EN), write_folder(tmp_path / "pt", PT)
    trained, tuned = tmp_path / "adapter.npz", tmp_path / "tuned.npz"
    args = ["--kind", "e5", "--steps", "1", "--data", str(en), "--out", str(trained)]
    assert md(config, "train-sentiment", *args)[0] == 0
    tune = ["--adapter", str(trained), "--tune-on", str(pt), "--out", str(tuned)]
    code, output = md(config, "tune-sentiment", *tune, "--encoder-share", "1")
    assert code == 0 and "wrote" in output, output
    (before, old), (after, new) = _e5_adapter.load(trained), _e5_adapter.load(tuned)
    assert old["tuned_on"] == ["en"] and old["skip_above"] < 1.0
    assert new["tuned_on"] == ["pt"] and new["skip_above"] == 1.0 and new["steps"] == 1
    assert np.array_equal(before.low_rank[0]["q"][0], after.low_rank[0]["q"][0])
    no_val = write_folder(tmp_path / "no-val", EN, val=False)
    code, output = md(config, "tune-sentiment", *tune[:2], "--tune-on", str(no_val), *tune[4:])
    assert code == 2 and "none of the folders has val_text.txt" in output, output


def test_train_sentiment_refuses_an_unknown_kind_or_batching(config: Path, tmp_path: Path) -> None:
    args = ["--data", ".", "--out", "x"]
    code, output = md(config, "train-sentiment", "--kind", "bert", *args)
    assert code == 2 and "--kind must be ngram or e5" in output
    code, output = md(config, "train-sentiment", "--kind", "e5", "--batches", "big", *args)
    assert code == 2 and "--batches must be by-length or random" in output
    code, output = md(config, "train-sentiment", "--kind", "e5", "--device", "tpu", *args)
    assert code == 2 and "--device must be cpu or cuda" in output and "'tpu'" in output


def test_train_sentiment_e5_on_a_gpu_or_says_none_is_there(config: Path, tmp_path: Path) -> None:
    import torch

    from sentiment import _e5_adapter

    code, output, out = _train_one_step_on_en(config, tmp_path, "--device", "cuda")
    if torch.cuda.is_available():
        assert code == 0 and _e5_adapter.load(out)[1]["device"] == "cuda", output
    else:  # CI: a CPU-only torch refuses before any training, naming the way out
        assert code == 2 and "this torch sees no GPU" in output and "--device cpu" in output
        assert not out.exists()
