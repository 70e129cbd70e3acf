"""tune-sentiment keeps val honest on models that learnt corrections, as train-sentiment does:
a val text the adapter (or the n-gram model it blends with) was taught by a relabel is left out
of the tuning, and said."""

from __future__ import annotations

from pathlib import Path

from sentiment import _e5_adapter
from sentiment._ngram_model import load as load_ngram
from sentiment.overlap import fingerprint
from tests.sentiment_data import EN, write_folder
from tests.test_cli_sentiment import md
from tests.test_corrections_val_split import VAL, _desk, _folder, _said

CORRECTED = "The lamp flickers\nevery night, AWFUL"  # as posted; VAL holds it on one line
LEFT_OUT = "; left out 1 val text learnt from a correction;"


def _adapter(tmp_path: Path, config: Path, *more: str) -> Path:
    """An adapter trained (one step) on EN and tuned on EN's val, which lacks CORRECTED."""
    out = tmp_path / "adapter.npz"
    args = ["--kind", "e5", "--steps", "1", "--data", str(write_folder(tmp_path / "en", EN))]
    code, output = md(config, "train-sentiment", *args, *more, "--out", str(out))
    assert code == 0 and "left out" not in output, output
    return out


def _tune(config: Path, adapter: Path, folder: Path, out: Path, *more: str) -> str:
    args = ["--adapter", str(adapter), "--tune-on", str(folder), "--out", str(out), *more]
    code, output = md(config, "tune-sentiment", *args)
    assert code == 0, output
    return _said(output)


def test_tune_sentiment_leaves_out_val_texts_the_adapter_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    adapter = _adapter(tmp_path, config, "--corrections")
    header = _e5_adapter.load(adapter)[1]
    # The header keeps a fingerprint of what it learnt, never the mention's text.
    assert header["corrections"] == [fingerprint(VAL[0][0])] and "val_learnt" not in header
    tuned = tmp_path / "tuned.npz"
    assert LEFT_OUT in _tune(config, adapter, _folder(tmp_path / "val"), tuned)
    again = _e5_adapter.load(tuned)[1]
    assert again["val_learnt"] == 1 and again["corrections"] == header["corrections"]
    assert again["tuned_on"] == ["val"]
    # Tuned again where val holds none of them: nothing said, the last count not carried over.
    said = _tune(config, tuned, tmp_path / "en", tmp_path / "t2.npz")
    assert "left out" not in said and "val_learnt" not in _e5_adapter.load(tmp_path / "t2.npz")[1]


def test_an_adapter_going_on_from_another_keeps_what_that_one_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    first = _adapter(tmp_path, config, "--corrections")
    out, later = tmp_path / "later.npz", tmp_path / "later"
    # Going on without --corrections, tuned on a val split holding the first one's correction.
    args = ["--kind", "e5", "--steps", "1", "--start-from", str(first), "--out", str(out)]
    folders = ["--data", str(write_folder(later, EN)), "--tune-on", str(_folder(tmp_path / "v"))]
    code, output = md(config, "train-sentiment", *args, *folders)
    assert code == 0, output
    assert LEFT_OUT in _said(output)
    assert _e5_adapter.load(out)[1]["corrections"] == [fingerprint(CORRECTED)]


def test_tune_sentiment_leaves_out_val_texts_its_ngram_model_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    adapter = _adapter(tmp_path, config)  # no corrections: its header as before
    assert "corrections" not in _e5_adapter.load(adapter)[1]
    ngram = tmp_path / "ngram.npz"
    args = ["--data", str(tmp_path / "en"), "--out", str(ngram), "--corrections"]
    code, output = md(config, "train-sentiment", *args)
    assert code == 0 and "used 1 of 1 corrections" in _said(output), output
    assert load_ngram(ngram).meta["corrections"] == [fingerprint(CORRECTED)]
    val = _folder(tmp_path / "val")
    assert "left out" not in _tune(config, adapter, val, tmp_path / "t1.npz")
    assert LEFT_OUT in _tune(config, adapter, val, tmp_path / "t2.npz", "--ngram", str(ngram))


def test_tune_sentiment_refuses_a_val_split_all_of_it_learnt(tmp_path: Path) -> None:
    config = _desk(tmp_path, (CORRECTED, "negative"))
    adapter = _adapter(tmp_path, config, "--corrections")
    learnt = tmp_path / "ours"  # the team's own folder: its val split is the corrected mention
    learnt.mkdir()
    (learnt / "val_text.txt").write_text(" ".join(CORRECTED.split()) + "\n")
    (learnt / "val_labels.txt").write_text("0\n")
    args = ["--adapter", str(adapter), "--tune-on", str(learnt), "--out", str(tmp_path / "t.npz")]
    code, output = md(config, "tune-sentiment", *args)
    assert code == 2, output
    assert "every val text of the folders was learnt from a correction" in _said(output)
    assert not (tmp_path / "t.npz").exists()
