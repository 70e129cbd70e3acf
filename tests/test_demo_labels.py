"""The demo's labelled posts (tests/data/demo_sentiment.tsv) stay in step with the samples."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_sample_has_exactly_one_label() -> None:
    with (ROOT / "tests" / "data" / "demo_sentiment.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with (ROOT / "samples" / "mentions.jsonl").open(encoding="utf-8") as handle:
        posts = [json.loads(line) for line in handle if line.strip()]
    labelled = [(r["platform"], r["external_id"]) for r in rows]
    assert len(set(labelled)) == len(labelled)  # no post labelled twice
    assert set(labelled) == {(p["platform"], p["external_id"]) for p in posts}
    assert Counter(r["label"] for r in rows) == {"negative": 92, "neutral": 88, "positive": 43}
