"""How well each mention's language is told, on real labelled posts, with texts/s.

    python bench/lang.py --data ../shared/data

Every text of a set is in one language (the XLM-T tweets per language, the English and
Portuguese val splits, our own brand mentions). The table shows the share detected as that
language, as `und`, and — what a Portuguese-speaking desk minds most — as Portuguese when it
is not (or as Spanish when it is). The last line holds `name=value` figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentiment import lang
from sentiment.training import read_split

ROOT = Path(__file__).resolve().parent.parent
# (short name, folder under --data, the language every text is in)
SETS = (
    ("xlmt_pt", "xlmt-sentiment/portuguese", "pt"),
    ("xlmt_es", "xlmt-sentiment/spanish", "es"),
    ("xlmt_it", "xlmt-sentiment/italian", "it"),
    ("xlmt_fr", "xlmt-sentiment/french", "fr"),
    ("xlmt_de", "xlmt-sentiment/german", "de"),
    ("b2w", "b2w-polarity", "pt"),
    ("tweeteval", "tweeteval-sentiment", "en"),
    ("airline", "airline-tweets", "en"),
)
# Brand mentions written for this project (tests/data, CC0).
DESK_SETS = (("desk_en", "reasons_en.tsv", "en"), ("desk_pt", "reasons_pt.tsv", "pt"))


def labelled(data: Path) -> dict[str, tuple[list[str], str]]:
    """Texts per set with the language they are all in; val splits missing are left out."""
    found = {}
    for short, folder, code in SETS:
        split = read_split(data / folder, "val")
        if split is not None:
            found[short] = (split.texts, code)
    for short, name, code in DESK_SETS:
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8", newline="") as handle:
            found[short] = ([r["text"] for r in csv.DictReader(handle, delimiter="\t")], code)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("MENTIONDESK_DATA", "../shared/data")
    parser.add_argument("--data", type=Path, default=Path(default_data))
    args = parser.parse_args()
    lang.warm_up()
    print(f"{'set':10} {'texts':>6} {'right':>7} {'und':>6} {'wrong':>6}  confused with")
    figures, seconds, count = [], 0.0, 0
    for short, (texts, code) in labelled(args.data).items():
        started = time.perf_counter()
        found = lang.detect(texts)
        seconds += time.perf_counter() - started
        count += len(texts)
        right = sum(f == code for f in found) / len(found)
        und = sum(f == lang.UNDETERMINED for f in found) / len(found)
        wrong = sum(f not in (code, lang.UNDETERMINED) for f in found) / len(found)
        # The confusion that matters here: into Portuguese, or out of it into Spanish.
        other = "es" if code == "pt" else "pt"
        confused = sum(f == other for f in found) / len(found)
        print(
            f"{short:10} {len(texts):>6} {right:>7.1%} {und:>6.1%} {wrong:>6.1%}"
            f"  {confused:.1%} as {other}"
        )
        figures += [f"{short}_right={right:.3f}", f"{short}_as_{other}={confused:.3f}"]
    print(f"texts/s: {count / seconds:,.0f}")
    print(" ".join([*figures, f"texts_per_s={count / seconds:.0f}"]))


if __name__ == "__main__":
    main()
