"""Training the ngram model on tiny folders: languages, determinism, corrections, bad files."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import ConfigError, Label
from sentiment import _ngram_model, training
from sentiment.ngram import NgramClassifier
from tests.sentiment_data import EN, PT, write_folder


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    return [write_folder(tmp_path / "en", EN), write_folder(tmp_path / "pt", PT)]


def _train(folders: list[Path], out: Path, seed: int = 1) -> Path:
    model = training.train(training.gather(folders, seed=seed), seed=seed)
    model.save(out)
    return out


def test_one_model_per_detected_language(folders: list[Path], tmp_path: Path) -> None:
    model = _ngram_model.load(_train(folders, tmp_path / "m.npz"))
    assert set(model.languages) == {"en", "pt"}


def test_same_data_and_seed_give_the_same_file(folders: list[Path], tmp_path: Path) -> None:
    first = _train(folders, tmp_path / "a.npz").read_bytes()
    second = _train(folders, tmp_path / "b.npz").read_bytes()
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()


def test_header_records_the_library_versions(folders: list[Path], tmp_path: Path) -> None:
    # A rebuild matches only with the same libraries: the file says which ones made it.
    from importlib import metadata

    meta = _ngram_model.load(_train(folders, tmp_path / "m.npz")).meta
    assert meta["built_with"]["scikit-learn"] == metadata.version("scikit-learn")
    assert set(meta["built_with"]) == {"numpy", "scipy", "scikit-learn"}


def test_trained_model_reads_its_training_texts(folders: list[Path], tmp_path: Path) -> None:
    classifier = NgramClassifier(_train(folders, tmp_path / "m.npz"))
    readings = classifier.classify(["worst support ever, still no refund"], [None])
    assert readings[0].label is Label.NEGATIVE and readings[0].lang == "en"


def test_corrections_are_learnt_with_more_weight(folders: list[Path]) -> None:
    data = training.gather(folders, [("the lamp is fine I guess", 2, "en")], seed=1)
    assert data["en"].train[-1] == ("the lamp is fine I guess", 2, training.CORRECTION_WEIGHT)


def test_limit_caps_each_folder(folders: list[Path]) -> None:
    data = training.gather(folders, seed=1, limit=5)
    assert len(data["en"].train) == 5 and len(data["pt"].train) == 5


def test_mismatched_files_are_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "bad", EN)
    (folder / "train_labels.txt").write_text("0\n1\n")
    with pytest.raises(ValueError, match="texts and 2 labels"):
        training.gather([folder], seed=1)


def test_bias_search_lifts_negative_recall() -> None:
    logits = np.array([[0.0, 0.5, 0.0], [0.0, 0.4, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    bias = training.tune_bias({"set": training.ValSet(logits, [0, 0, 1], [False] * 3)})
    assert ((logits + bias[0]).argmax(axis=1) == [0, 0, 1]).all()
    assert (bias[0] == bias[1]).all()  # too few addressed posts for a row of their own


def test_addressed_posts_get_their_own_bias() -> None:
    # Addressed posts lean negative (a complaint to the brand), the others do not.
    logits = np.tile(np.array([0.0, 0.5, 0.0], dtype=np.float32), (400, 1))
    gold = [0] * 200 + [1] * 200
    addressed = [True] * 200 + [False] * 200
    bias = training.tune_bias({"set": training.ValSet(logits, gold, addressed)})
    assert bias[1][0] >= 0.5 > bias[0][0]


def test_missing_model_names_the_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="train-sentiment"):
        NgramClassifier(tmp_path / "absent.npz")


def test_corrupt_model_names_path_and_rebuild_command(tmp_path: Path) -> None:
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 a damaged zip")
    with pytest.raises(ConfigError, match=r"broken\.npz is unreadable.*train-sentiment"):
        NgramClassifier(broken)


def test_a_file_that_is_no_zip_is_not_called_a_pickle(tmp_path: Path) -> None:
    # numpy takes any non-zip for a pickle and says to allow pickles: the wrong advice.
    (tmp_path / "notes.npz").write_text("hello")
    with pytest.raises(ConfigError, match=r"notes\.npz is not an \.npz file; train one") as caught:
        NgramClassifier(tmp_path / "notes.npz")
    assert "pickle" not in str(caught.value)
    with pytest.raises(ConfigError, match=r"is a directory; train one"):
        NgramClassifier(tmp_path)


def test_the_rebuild_command_writes_where_the_model_is_looked_for(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        NgramClassifier(tmp_path / "mine.npz")
    assert f"--out {tmp_path / 'mine.npz'}`" in str(caught.value)
    assert "sentiment/models/ngram.npz" not in str(caught.value)
    assert "--out sentiment/models/ngram.npz " in _ngram_model.rebuild(_ngram_model.DEFAULT_PATH)


TUNING = Path(__file__).resolve().parent.parent / "sentiment/tuning"


def test_the_shipped_brand_mention_tuning_set_reads_as_a_val_split() -> None:
    split = training.read_split(TUNING / "brand-mentions-pt", "val")
    assert split is not None and len(split.texts) == len(split.labels) == 240
    assert sorted(set(split.labels)) == [0, 1, 2]
    assert all(text.strip() for text in split.texts)


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("brand-mentions-en", [65, 48, 55]),
        ("brand-mentions-pt-train", [70, 60, 60]),
        ("brand-mentions-pt-polite", [80, 20, 0]),
        ("brand-mentions-pt-delays", [64, 0, 14]),
    ],
)
def test_the_shipped_brand_mention_training_sets_read_as_train_splits(
    name: str, counts: list[int]
) -> None:
    split = training.read_split(TUNING / name, "train")
    assert split is not None and len(split.texts) == len(split.labels) == sum(counts)
    assert [split.labels.count(k) for k in (0, 1, 2)] == counts
    assert all(text.strip() and "lumora" not in text.lower() for text in split.texts)


@pytest.mark.parametrize(
    "name", ["brand-mentions-pt-train", "brand-mentions-pt-polite", "brand-mentions-pt-delays"]
)
def test_no_portuguese_training_post_is_in_the_tuning_or_measurement_set(name: str) -> None:
    # A training post that is also in the tuning or measurement set would flatter it.
    split = training.read_split(TUNING / name, "train")
    assert split is not None
    tuning = (TUNING / "brand-mentions-pt" / "val_text.txt").read_text(encoding="utf-8")
    measured: set[str] = set()
    for measurement in ("reasons_pt.tsv", "delays_pt.tsv"):
        with (TUNING.parents[1] / "tests/data" / measurement).open(encoding="utf-8") as handle:
            measured |= {row["text"] for row in csv.DictReader(handle, delimiter="\t")}
    assert len(measured) > 200
    assert not {t.lower() for t in split.texts} & {
        t.lower() for t in set(tuning.splitlines()) | measured
    }


def test_a_split_is_read_one_text_per_newline(tmp_path: Path) -> None:
    (tmp_path / "train_text.txt").write_bytes("a\u2028b\r\nc\x0cd\u0085e\nf\rg\n".encode())
    (tmp_path / "train_labels.txt").write_text("0\n1\n2\n")
    split = training.read_split(tmp_path, "train")
    assert split is not None
    assert split.texts == ["a\u2028b", "c\x0cd\u0085e", "f\rg"] and split.labels == [0, 1, 2]
