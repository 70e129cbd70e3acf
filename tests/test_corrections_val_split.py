"""train-sentiment --corrections keeps val splits honest, and lets a person's label win."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.corrections import corrected, held_out, relabel
from mentiondesk.models import Label
from mentiondesk.store import Store
from sentiment import e5_training, training
from tests.helpers import mention, write_config, write_mentions
from tests.sentiment_data import EN, write_folder
from tests.test_cli_sentiment import md

# Val texts no train split holds: as ../shared/data's val_text.txt, or a team's own val folder.
VAL = [
    ("the lamp flickers every night, awful", 0),
    ("is the lamp dimmable", 1),
    ("the lamp looks lovely in our hall, thanks", 2),
]


def _folder(folder: Path) -> Path:
    """EN to train on (each text three times), VAL to tune on."""
    write_folder(folder, EN, val=False)
    (folder / "val_text.txt").write_text("\n".join(t for t, _ in VAL) + "\n")
    (folder / "val_labels.txt").write_text("\n".join(str(y) for _, y in VAL) + "\n")
    return folder


def _desk(tmp_path: Path, *corrections: tuple[str, str]) -> Path:
    """A desk whose mentions (texts) were relabelled (labels), in order."""
    posts = [mention(n, text, author=f"a{n}") for n, (text, _) in enumerate(corrections, 1)]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    config = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)
    assert md(config, "run", "--once")[0] == 0
    for n, (_, label) in enumerate(corrections, 1):
        assert md(config, "relabel", str(n), label)[0] == 0
    return config


def _said(output: str) -> str:
    return " ".join(output.split())


def test_a_correction_whose_text_is_in_a_val_split_is_not_learnt(tmp_path: Path) -> None:
    # Written as the tweet was posted: other case, a line break; the val split has it on one.
    config = _desk(
        tmp_path,
        ("The lamp flickers\nevery night, AWFUL", "negative"),
        ("@lumora the lamp is fine, thanks a lot", "positive"),
    )
    args = ["--data", str(_folder(tmp_path / "en")), "--out", str(tmp_path / "m.npz")]
    code, output = md(config, "train-sentiment", *args, "--corrections")
    assert code == 0, output
    said = _said(output)
    assert "used 1 of 2 corrections; left out 1 correction whose text is in a val split" in said


def test_the_val_check_matches_texts_as_corrections_are_de_duplicated(store: Store) -> None:
    posts = ["@lumora  The LAMP\tflickers", "@lumora great lamp", "@lumora the lamp flickers"]
    store.ingest("test", [mention(n, t, author=f"a{n}") for n, t in enumerate(posts, 1)], None)
    for n in (1, 2, 3):
        relabel(store, n, Label.NEGATIVE)
    fixes = corrected(store)  # texts 1 and 3 are one text to it: learnt once
    kept = held_out(fixes, ["@lumora the lamp\nflickers", "unrelated"])
    assert [text for text, _, _ in kept.examples] == ["@lumora great lamp"]
    assert kept.in_val == 1 and kept.repeats == fixes.repeats == 1


def test_a_corrected_train_text_is_learnt_with_the_persons_label_only(tmp_path: Path) -> None:
    # The folder's train split says 0 (three times); the agent said neutral.
    config = _desk(tmp_path, ("The lamp broke after a day, AWFUL", "neutral"))
    args = ["--data", str(_folder(tmp_path / "en")), "--out", str(tmp_path / "m.npz")]
    code, output = md(config, "train-sentiment", *args, "--corrections")
    assert code == 0, output
    said = _said(output)
    assert "used 1 of 1 corrections; dropped 3 train texts a correction gave another label" in said


def test_gather_drops_the_train_rows_a_correction_relabels_and_keeps_agreeing_ones(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path / "en")
    fixes = [
        ("the lamp BROKE after a day,  awful", 1, "en"),  # the folder says 0
        ("love it, great service, thank you", 2, "en"),  # the folder agrees
    ]
    entry = training.gather([folder], fixes, seed=1)["en"]
    labels = [label for text, label, _ in entry.train if "broke after a day" in text.casefold()]
    assert entry.overruled == 3 and labels == [1] and entry.corrections == 2
    assert len(entry.train) == len(entry.origins) + 2 == 27 - 3 + 2
    agreeing = [t for t, _, _ in entry.train if t == "love it, great service, thank you"]
    assert len(agreeing) == 4  # three from the folder, the correction


def test_e5_examples_drop_the_train_rows_a_correction_relabels(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "en")
    fixes = [("The lamp broke after a day, awful", 1, "en")]
    rows, overruled = e5_training.gathered([folder], fixes, seed=1, limit=None)
    assert overruled == 3
    assert [y for t, y in rows if "broke after a day" in t.casefold()] == [1] * 3  # its repeats
    assert e5_training.examples([folder], fixes, seed=1, limit=None) == rows


@pytest.mark.parametrize("where", ["--data", "--tune-on"])
def test_train_sentiment_e5_leaves_out_corrections_in_either_val_split(
    tmp_path: Path, where: str
) -> None:
    config = _desk(tmp_path, ("is the lamp dimmable", "negative"))
    train, tune = write_folder(tmp_path / "en", EN), _folder(tmp_path / "tune")
    if where == "--data":
        train, tune = tune, train
    args = ["--kind", "e5", "--steps", "1", "--data", str(train), "--tune-on", str(tune)]
    code, output = md(
        config, "train-sentiment", *args, "--out", str(tmp_path / "a.npz"), "--corrections"
    )
    assert code == 0, output
    said = _said(output)
    assert "27 texts; used 0 of 1 corrections; left out 1 correction whose text is in a val" in said
