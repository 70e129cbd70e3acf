"""Complaint reason and frustration, measured on the labelled complaint sets in tests/data.

    python bench/reasons.py [--misses SET]

Sets: `en_even`/`pt_even` (the rows the cues were written from), `en_odd`/`pt_odd` (held out)
and `en_blind`/`pt_blind` (written before the last change to the cues, never tuned on); then
frustration on `threats_en`/`threats_pt`: advice to other customers ("vai no Procon") against
the author's own threat ("vou no Procon"), where only the threat is level 3.
`--misses en_even` lists the rows of one set read wrong, to study the seen rows only.
Last, the phrasing families written after those sets (`ptpt_everyday`: pt-PT complaints with no
pt-BR cue word, tests/data/README.md), whole.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentiment import reasons, topics

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# Sets read whole from tests/data/reasons_<name>.tsv, written to add a missing phrasing family.
FAMILIES = ("ptpt_everyday",)


def complaints(name: str) -> list[dict[str, str]]:
    """The negative rows of a set: `en_even`, `pt_odd`, `en_blind`…, or all of `threats_en`."""
    if name.startswith("threats_"):
        return _rows(f"{name}.tsv")
    if name in FAMILIES:
        return [r for r in _rows(f"reasons_{name}.tsv") if r["label"] == "negative"]
    language, part = name.split("_")
    file = f"reasons_blind_{language}.tsv" if part == "blind" else f"reasons_{language}.tsv"
    rows = _rows(file)
    keep = {"even": 0, "odd": 1}.get(part)
    return [r for i, r in enumerate(rows) if r["label"] == "negative" and keep in (None, i % 2)]


def _rows(file: str) -> list[dict[str, str]]:
    with (DATA / file).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def figures(rows: list[dict[str, str]]) -> tuple[float, float, float]:
    """Reason accuracy, frustration exact and frustration within one level."""
    n = len(rows)
    right = sum(reasons.complaint_reason(r["text"]) == r["reason"] for r in rows)
    levels = [(topics.frustration(r["text"]), int(r["frustration"])) for r in rows]
    exact = sum(got == want for got, want in levels)
    close = sum(abs(got - want) <= 1 for got, want in levels)
    return right / n, exact / n, close / n


def threat_figures(rows: list[dict[str, str]]) -> tuple[float, str, str]:
    """Frustration exact; own threats read 3; advice below 3 read 3 (the false escalations)."""
    levels = [(topics.frustration(r["text"]), int(r["frustration"]), r["kind"]) for r in rows]
    exact = sum(got == want for got, want, _ in levels) / len(rows)
    own = [got for got, _, kind in levels if kind == "own"]
    advice = [got for got, want, kind in levels if kind == "advice" and want < 3]
    return exact, f"{own.count(3)}/{len(own)}", f"{advice.count(3)}/{len(advice)}"


def _print_misses(rows: list[dict[str, str]]) -> None:
    for r in rows:
        # The threat sets have no reason: their `kind` (advice or own) stands in its place.
        want = (r.get("reason", r.get("kind", "")), int(r["frustration"]))
        got = (
            reasons.complaint_reason(r["text"]) if "reason" in r else want[0],
            topics.frustration(r["text"]),
        )
        if got != want:
            print(f"{want[0]}/{want[1]} read {got[0]}/{got[1]}: {r['text']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", help="list the rows of this set read wrong")
    args = parser.parse_args()
    if args.misses:
        _print_misses(complaints(args.misses))
        return
    print(f"{'set':10} {'n':>4} {'reason':>7} {'frust.':>7} {'within1':>7}")
    for language in ("en", "pt"):
        for part in ("even", "odd", "blind"):
            name = f"{language}_{part}"
            rows = complaints(name)
            reason, exact, close = figures(rows)
            print(f"{name:10} {len(rows):4} {reason:7.3f} {exact:7.3f} {close:7.3f}")
    for name in FAMILIES:
        rows = complaints(name)
        reason, exact, close = figures(rows)
        print(f"{name:10} {len(rows):4} {reason:7.3f} {exact:7.3f} {close:7.3f}")
    print(f"\n{'set':10} {'n':>4} {'frust.':>7} {'own->3':>7} {'advice->3':>9}")
    for language in ("en", "pt"):
        name = f"threats_{language}"
        rows = complaints(name)
        exact, own, advice = threat_figures(rows)
        print(f"{name:10} {len(rows):4} {exact:7.3f} {own:>7} {advice:>9}")


if __name__ == "__main__":
    main()
