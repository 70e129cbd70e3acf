"""Complaint reason and frustration, measured on the labelled complaint sets in tests/data.

    python bench/reasons.py [--misses SET]

Sets: `en_even`/`pt_even` (the rows the cues were written from), `en_odd`/`pt_odd` (held out)
and `en_blind`/`pt_blind` (written before the last change to the cues, never tuned on).
`--misses en_even` lists the rows of one set read wrong, to study the seen rows only.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentiment import reasons, topics

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def complaints(name: str) -> list[dict[str, str]]:
    """The negative rows of a set: `en_even`, `pt_odd`, `en_blind`…"""
    language, part = name.split("_")
    file = f"reasons_blind_{language}.tsv" if part == "blind" else f"reasons_{language}.tsv"
    with (DATA / file).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    keep = {"even": 0, "odd": 1}.get(part)
    return [r for i, r in enumerate(rows) if r["label"] == "negative" and keep in (None, i % 2)]


def figures(rows: list[dict[str, str]]) -> tuple[float, float, float]:
    """Reason accuracy, frustration exact and frustration within one level."""
    n = len(rows)
    right = sum(reasons.complaint_reason(r["text"]) == r["reason"] for r in rows)
    levels = [(topics.frustration(r["text"]), int(r["frustration"])) for r in rows]
    exact = sum(got == want for got, want in levels)
    close = sum(abs(got - want) <= 1 for got, want in levels)
    return right / n, exact / n, close / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", help="list the rows of this set read wrong")
    args = parser.parse_args()
    if args.misses:
        for r in complaints(args.misses):
            got = (reasons.complaint_reason(r["text"]), topics.frustration(r["text"]))
            if got != (r["reason"], int(r["frustration"])):
                print(f"{r['reason']}/{r['frustration']} read {got[0]}/{got[1]}: {r['text']}")
        return
    print(f"{'set':10} {'n':>4} {'reason':>7} {'frust.':>7} {'within1':>7}")
    for language in ("en", "pt"):
        for part in ("even", "odd", "blind"):
            name = f"{language}_{part}"
            rows = complaints(name)
            reason, exact, close = figures(rows)
            print(f"{name:10} {len(rows):4} {reason:7.3f} {exact:7.3f} {close:7.3f}")


if __name__ == "__main__":
    main()
