"""Quality of every classifier on every val set, and its texts/s, in one run.

    python bench/sentiment.py --data ../shared/data --n 2000
    python bench/sentiment.py --classifiers e5,transformers --transformers-model DIR \
        --transformers-labels "1 star=negative,2 stars=negative,3 stars=neutral,…"

Each classifier reads each val set (language detection included, as in the pipeline); the
table shows the issue's metric per set (macro-F1, or macro-recall for TweetEval), negative
recall, and texts/s over all the sets read. The last line holds `name=value` figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentiondesk.models import Classifier, ConfigError, Label
from sentiment.evaluation import CLASSES, Scores, score
from sentiment.training import Labelled, read_split

# (short name, folder under --data, the metric the issue sets a goal on, the goal)
SETS = (
    ("xlmt_pt", "xlmt-sentiment/portuguese", "macro_f1", 0.68),
    ("b2w", "b2w-polarity", "macro_f1", 0.76),
    ("tweeteval", "tweeteval-sentiment", "macro_recall", 0.70),
    ("airline", "airline-tweets", "macro_f1", 0.80),
)
NEGATIVE_RECALL_GOAL = 0.75
# Brand mentions written for this project (tests/data, CC0): in-domain, no goal set.
DESK_SETS = (("desk_en", "reasons_en.tsv"), ("desk_pt", "reasons_pt.tsv"))
# The demo's own 223 posts (samples/), labelled in tests/data/demo_sentiment.tsv.
DEMO = "demo"
ROOT = Path(__file__).resolve().parent.parent
TESTS_DATA = ROOT / "tests" / "data"


# e5-all: the encoder reads every text, without the n-gram model's opinion.
KINDS = ("vader", "ngram", "e5", "e5-all", "transformers")


def build(name: str, model: str | None, **hf: Any) -> Classifier:
    """A classifier by kind, built directly (no config file needed); `hf`: the transformers
    classifier's own settings (labels, max_length), as `[sentiment] settings` gives them."""
    if name not in KINDS:
        raise SystemExit(f"no classifier {name!r}; use one of: {', '.join(KINDS)}")
    if name == "vader":
        from sentiment.vader import VaderClassifier

        return VaderClassifier()
    if name == "ngram":
        from sentiment.ngram import NgramClassifier

        return NgramClassifier()
    if name == "e5":
        from sentiment.e5 import E5Classifier

        return E5Classifier()
    if name == "e5-all":
        from sentiment.e5 import E5Classifier

        return E5Classifier(skip_above=1.0)
    from sentiment.transformers_hf import TransformersClassifier

    if not model:
        raise SystemExit("--transformers-model is needed for the transformers classifier")
    return TransformersClassifier(model=model, **hf)


def label_map(text: str) -> dict[str, Label]:
    """ "1 star=negative,5 stars=positive" → the mapping `[sentiment.settings.labels]` holds."""
    pairs = [item.rpartition("=") for item in text.split(",") if item.strip()]
    try:
        return {name.strip(): Label(value.strip()) for name, _, value in pairs}
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{exc}; write MODEL_LABEL=negative|neutral|positive"
        ) from None


def labelled_sets(data: Path) -> dict[str, Labelled]:
    """The val splits found under `data`, then the in-domain desk sets."""
    found = {}
    for short, folder, _, _ in SETS:
        split = read_split(data / folder, "val")
        if split is not None:
            found[short] = split
    for short, name in DESK_SETS:
        found[short] = _labelled(_tsv(TESTS_DATA / name))
    found[DEMO] = _labelled(demo_rows())
    return found


def demo_rows() -> list[dict[str, str]]:
    """The sample mentions with the labels given in tests/data/demo_sentiment.tsv."""
    labels = {
        (r["platform"], r["external_id"]): r["label"]
        for r in _tsv(TESTS_DATA / "demo_sentiment.tsv")
    }
    with (ROOT / "samples" / "mentions.jsonl").open(encoding="utf-8") as handle:
        posts = [json.loads(line) for line in handle if line.strip()]
    return [{"text": p["text"], "label": labels[p["platform"], p["external_id"]]} for p in posts]


def _labelled(rows: list[dict[str, str]]) -> Labelled:
    return Labelled([r["text"] for r in rows], [CLASSES.index(r["label"]) for r in rows])


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def run(classifier: Classifier, data: Path, n: int | None) -> tuple[dict[str, Scores], float]:
    """Scores per set and texts/s over all of them."""
    results, seconds, count = {}, 0.0, 0
    for short, split in labelled_sets(data).items():
        texts, gold = split.texts[:n], split.labels[:n]
        started = time.perf_counter()
        readings = classifier.classify(texts, [None] * len(texts))
        seconds += time.perf_counter() - started
        count += len(texts)
        results[short] = score(gold, [CLASSES.index(r.label.value) for r in readings])
    return results, count / seconds if seconds else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("MENTIONDESK_DATA", "../shared/data")
    parser.add_argument("--data", type=Path, default=Path(default_data))
    parser.add_argument("--n", type=int, default=None, help="At most N texts per set.")
    parser.add_argument("--classifiers", default="vader,ngram,e5")
    parser.add_argument("--transformers-model", default=None)
    parser.add_argument(
        "--transformers-labels",
        type=label_map,
        default=None,
        metavar="LABEL=CLASS,…",
        help='the model\'s labels as classes, e.g. "1 star=negative,…,5 stars=positive"',
    )
    parser.add_argument("--transformers-max-length", type=int, default=128, metavar="N")
    args = parser.parse_args()
    hf = {"labels": args.transformers_labels, "max_length": args.transformers_max_length}
    names = args.classifiers.split(",")
    unknown = [name for name in names if name not in KINDS]
    if unknown:  # before any classifier has spent minutes reading
        parser.error(f"no classifier {unknown[0]!r}; use one of: {', '.join(KINDS)}")
    desk = [short for short, _ in DESK_SETS] + [DEMO]
    header = "classifier   " + "".join(f"{s:>22}" for s, *_ in SETS)
    header += "".join(f"{s:>10}" for s in desk) + "   texts/s"
    print(header)
    figures: list[str] = []
    for name in names:
        try:
            classifier = build(name, args.transformers_model, **hf)
        except ConfigError as exc:  # a label the mapping misses: said, not a traceback
            parser.error(f"{name}: {exc}")
        results, rate = run(classifier, args.data, args.n)
        cells = []
        for short, _, metric, goal in SETS:
            if short not in results:
                cells.append(f"{'—':>22}")
                continue
            value, negative = getattr(results[short], metric), results[short].recall["negative"]
            mark = "✓" if value >= goal and negative >= NEGATIVE_RECALL_GOAL else " "
            label = "F1" if metric == "macro_f1" else "R"
            cells.append(f"{label} {value:.3f} neg {negative:.2f} {mark:>2}")
            figures += [f"{name}_{short}={value:.3f}", f"{name}_{short}_negrec={negative:.3f}"]
        for short in desk:
            cells.append(f"F1 {results[short].macro_f1:.3f}")
            figures.append(f"{name}_{short}={results[short].macro_f1:.3f}")
        widths = [22] * len(SETS) + [10] * len(desk)
        row = "".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
        print(f"{name:<12} {row}   {rate:7.0f}")
        figures.append(f"{name}_texts_per_s={rate:.0f}")
    print(
        "goals: "
        + ", ".join(f"{s} {m} ≥ {g}" for s, _, m, g in SETS)
        + f"; negative recall ≥ {NEGATIVE_RECALL_GOAL}; desk_* = brand mentions in tests/data;"
        + " demo = the demo's own posts"
    )
    print(" ".join(figures))


if __name__ == "__main__":
    main()
