"""Training the `ngram` model from folders in the shared/data layout, deterministically.

Each folder holds `train_text.txt` / `train_labels.txt` (and optionally `val_*`), one text or
label (0 negative, 1 neutral, 2 positive) per line. The language of a folder is detected from
its texts; one model is fitted per language on the train splits, then its class bias is tuned
on the val splits of that language so that complaints are not missed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from itertools import product
from pathlib import Path

import numpy as np
from scipy import sparse

from sentiment import _ngrams, lang
from sentiment._ngram_model import LanguageModel, Matrix, NgramModel
from sentiment.evaluation import (
    CLASSES,
    labelled_texts,
    read_label_file,
    read_lines,
    score,
    tuning_objective,
)
from sentiment.overlap import overrule

Progress = Callable[[str], None]
# Corrections come from this desk's own mentions: they count more than a public tweet.
CORRECTION_WEIGHT = 3.0
# A small folder (social-media tweets beside 46k product reviews) weighs at least this share of
# the largest folder of its language, so the model does not read tweets as reviews.
MIN_FOLDER_SHARE = 0.25
# Fewer addressed val posts than this (Portuguese reviews have none) share one bias row.
MIN_ADDRESSED = 200


@dataclass(frozen=True)
class Labelled:
    """Texts with labels 0/1/2."""

    texts: list[str]
    labels: list[int]


@dataclass
class LanguageData:
    """Everything one language's model is fitted and tuned on."""

    train: list[tuple[str, int, float]] = field(default_factory=list)  # text, label, weight
    val: dict[str, Labelled] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # the folder of each train row
    corrections: int = 0  # agents' relabels among the train rows
    overruled: int = 0  # train rows dropped: a correction gave their text another label


def read_split(folder: Path, split: str) -> Labelled | None:
    """The `split` texts and labels of a folder, None if it has none."""
    texts_path, labels_path = folder / f"{split}_text.txt", folder / f"{split}_labels.txt"
    if not (texts_path.is_file() or labels_path.is_file()):
        return None
    # Half a pair (a misnamed labels file) was skipped as no split: its texts left out unsaid.
    for path, other in ((texts_path, labels_path), (labels_path, texts_path)):
        if not path.is_file():
            raise ValueError(f"{other} has no {path.name} beside it; add it, or remove {other}")
    # The labels' reader names the file and line of a label out of range or not a number.
    labels = read_label_file(labels_path)
    texts = labelled_texts(read_lines(texts_path), len(labels))
    if not texts and not labels:  # it was skipped unsaid beside other folders
        raise ValueError(
            f"{texts_path} is empty, and so is {labels_path}: add labelled texts, or remove both"
        )
    if len(texts) != len(labels):
        raise ValueError(
            f"{folder}: {split} has {len(texts)} texts and {len(labels)} labels; give one label "
            f"a line in {labels_path.name} for each line of {texts_path.name}"
        )
    return Labelled(texts, labels)


def no_split(folder: Path) -> str:
    """Why `folder` gave no data, and how to name its files: `*_text.txt` was read as any."""
    found = sorted(path.name for path in folder.glob("*_text.txt"))
    if not found:
        return f"{folder}: no train_text.txt/train_labels.txt or val_* files; add them"
    return (
        f"{folder}: no train_text.txt/train_labels.txt or val_* files, only {', '.join(found)}; "
        "rename them train_text.txt and train_labels.txt (val_ for the split to tune on)"
    )


def folder_language(texts: Sequence[str], *, seed: int) -> str:
    """The most common detected language among (a sample of) the texts."""
    sample = random.Random(seed).sample(list(texts), min(300, len(texts)))
    found = Counter(code for code in lang.detect(sample) if code != lang.UNDETERMINED)
    return found.most_common(1)[0][0] if found else lang.UNDETERMINED


def gather(
    folders: Sequence[Path],
    corrections: Sequence[tuple[str, int, str]] = (),
    *,
    seed: int,
    limit: int | None = None,
) -> dict[str, LanguageData]:
    """Train and val data by language; `limit` caps each folder's train split (seeded).

    A correction joins the data of its mention's language; one in a language no folder has
    is left out, since there is no model for it to teach. A train text corrected to another
    label is dropped (see `overrule`).
    """
    data: dict[str, LanguageData] = {}
    for folder in folders:
        train, val = read_split(folder, "train"), read_split(folder, "val")
        if train is None and val is None:
            raise ValueError(no_split(folder))
        code = folder_language((train or val or Labelled([], [])).texts, seed=seed)
        entry = data.setdefault(code, LanguageData())
        entry.sources.append(str(folder))
        if train is not None:
            rows = list(zip(train.texts, train.labels, strict=True))
            if limit is not None and len(rows) > limit:
                rows = random.Random(seed).sample(rows, limit)
            entry.train += [(text, label, 1.0) for text, label in rows]
            entry.origins += [str(folder)] * len(rows)
        if val is not None:
            # By path: two folders of one name (brand/pt, public/pt) kept only the last's val.
            entry.val[str(folder.resolve())] = val
    learnt = [example for example in corrections if example[2] in data]
    _drop_overruled(data, learnt)
    _balance(data)
    for text, label, code in learnt:
        data[code].train.append((text, label, CORRECTION_WEIGHT))
        data[code].corrections += 1
    return data


def _drop_overruled(data: dict[str, LanguageData], learnt: list[tuple[str, int, str]]) -> None:
    """Drop train rows a learnt correction gave another label, before folders are balanced."""
    for entry in data.values():
        keep, entry.overruled = overrule([row[:2] for row in entry.train], learnt)
        entry.train = [entry.train[n] for n in keep]
        entry.origins = [entry.origins[n] for n in keep]


def _balance(data: dict[str, LanguageData]) -> None:
    """Up-weight small folders to MIN_FOLDER_SHARE of the largest one of their language."""
    for entry in data.values():
        sizes = Counter(entry.origins)
        if not sizes:
            continue
        floor = MIN_FOLDER_SHARE * max(sizes.values())
        weights = {source: max(1.0, floor / size) for source, size in sizes.items()}
        entry.train = [
            (text, label, weight * weights[source])
            for (text, label, weight), source in zip(entry.train, entry.origins, strict=True)
        ]


def fit_language(
    data: LanguageData, *, seed: int, c: float = 4.0, progress: Progress | None = None
) -> LanguageModel:
    """Logistic regression on tf-idf n-grams, then a val-tuned class bias."""
    from sklearn.linear_model import LogisticRegression

    counted = [_ngrams.counts(text) for text, _, _ in data.train]
    idf = _ngrams.document_frequency(counted)
    matrix = _matrix([_ngrams.tfidf(row, idf) for row in counted])
    labels = np.array([label for _, label, _ in data.train])
    weights = np.array([weight for _, _, weight in data.train])
    if progress:
        progress(f"fitting on {len(labels)} texts")
    model = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    model.fit(matrix, labels, sample_weight=weights)
    fitted = LanguageModel(
        idf=idf,
        coef=model.coef_.astype(np.float32),
        intercept=model.intercept_.astype(np.float32),
        bias=np.zeros((2, 3), dtype=np.float32),
    )
    if not data.val:
        return fitted
    sets = {
        name: ValSet(fitted.log_scores(v.texts), v.labels, [_ngrams.addressed(t) for t in v.texts])
        for name, v in data.val.items()
    }
    return LanguageModel(fitted.idf, fitted.coef, fitted.intercept, tune_bias(sets))


@dataclass(frozen=True)
class ValSet:
    """Unbiased logits of a val set, its gold labels, and which posts are addressed."""

    logits: Matrix
    gold: list[int]
    addressed: list[bool]


def tune_bias(sets: dict[str, ValSet], *, rounds: int = 2) -> Matrix:
    """Biases (not addressed / addressed x class) maximising F1 and recall, complaints found.

    The two rows are tuned in turn (coordinate ascent) over a grid of negative and positive
    offsets; neutral stays at 0 since only differences matter. With too few addressed val
    posts to tune their own row, both rows get the same bias.
    """
    if sum(sum(val.addressed) for val in sets.values()) < MIN_ADDRESSED:
        shared = {k: ValSet(v.logits, v.gold, [False] * len(v.gold)) for k, v in sets.items()}
        row = _best_row(shared, np.zeros((2, 3), dtype=np.float32), 0)[0]
        return np.stack([row, row])
    bias = np.zeros((2, 3), dtype=np.float32)
    for _ in range(rounds):
        for row_index in (0, 1):
            bias = _best_row(sets, bias, row_index)
    return bias


def _best_row(sets: dict[str, ValSet], bias: Matrix, row: int) -> Matrix:
    best, best_value = bias, _objective(sets, bias)
    negatives = np.round(np.arange(-1.0, 2.01, 0.1), 2)
    for negative, positive in product(negatives, np.round(np.arange(-1.0, 1.01, 0.1), 2)):
        candidate = bias.copy()
        candidate[row] = (negative, 0.0, positive)
        value = _objective(sets, candidate)
        if value > best_value + 1e-9:
            best, best_value = candidate, value
    return best


def _objective(sets: dict[str, ValSet], bias: Matrix) -> float:
    value = 0.0
    for val in sets.values():
        rows = np.array(val.addressed, dtype=np.intp)
        figures = score(val.gold, list((val.logits + bias[rows]).argmax(axis=1)))
        value += tuning_objective(figures)
    return value


def train(
    data: dict[str, LanguageData], *, seed: int, progress: Progress | None = None
) -> NgramModel:
    """One model per language found in `data` (languages without train texts are skipped)."""
    models = {}
    for code, entry in sorted(data.items()):
        if not entry.train:
            continue
        # With two classes scikit-learn fits one row of weights, and the file written then
        # failed to load ("unreadable"); with one it stopped with its own words.
        found = {label for _, label, _ in entry.train}
        if missing := [f"{k} {name}" for k, name in enumerate(CLASSES) if k not in found]:
            raise ValueError(
                f"{code} ({', '.join(entry.sources)}): no train text labelled "
                f"{' or '.join(missing)}; each language needs all three labels to learn from: "
                "add such texts"
            )
        if progress:
            folders = "folder" if len(entry.sources) == 1 else "folders"
            progress(f"{code}: {len(entry.train)} texts from {len(entry.sources)} {folders}")
        models[code] = fit_language(entry, seed=seed, progress=progress)
    if not models:
        raise ValueError("no training texts found in the given folders")
    # Folder names, not paths: the same data read from another checkout gives the same file.
    names = {code: [Path(s).name for s in data[code].sources] for code in models}
    meta = {
        "seed": seed,
        "sources": names,
        "built_with": built_with("numpy", "scipy", "scikit-learn"),
    }
    return NgramModel(models, meta)


def built_with(*packages: str) -> dict[str, str]:
    """Versions of the installed `packages` that shaped the weights, for the file's header.

    A rebuild is byte-identical only with the same versions, and we measured it is not on
    another machine either (BLAS kernels are chosen per processor): weights differed slightly
    and, after tuning on a 0.1 grid, a bias came out one step apart.
    """
    found = {}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def _matrix(rows: Sequence[_ngrams.Features]) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(index) for index, _ in rows])
    indices = np.concatenate([index for index, _ in rows]) if rows else np.zeros(0, np.int64)
    values = np.concatenate([values for _, values in rows]) if rows else np.zeros(0, np.float32)
    return sparse.csr_matrix((values, indices, indptr), shape=(len(rows), _ngrams.DIM))
