"""What `train-sentiment --corrections` learnt from the desk's relabels, and what it left out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mentiondesk.corrections import Corrected, held_out
from sentiment.training import read_split


def out_of_val(fixes: Corrected | None, folders: Sequence[Path]) -> Corrected | None:
    """`fixes` less those whose text is in the val split of any of `folders` (`held_out`)."""
    if fixes is None:
        return None
    texts: list[str] = []
    for folder in dict.fromkeys(folders):
        split = read_split(folder, "val")
        texts += split.texts if split is not None else []
    return held_out(fixes, texts)


def corrections_used(used: int, fixes: Corrected | None, overruled: int) -> str:
    """How many relabels were learnt, and why the others were not: one in a language no folder
    has teaches no model; a text corrected on several mentions is learnt once; a post edited
    since its correction is not learnt; one whose text is in a val split is left out, so val
    scores stay honest. Then how many train texts a correction overruled. Nothing for a run
    without --corrections."""
    if fixes is None:
        return ""
    given = len(fixes.examples) + fixes.repeats + fixes.blank + fixes.edited + fixes.in_val
    why = (
        (len(fixes.examples) - used, "in languages with no model of their own"),
        (fixes.repeats, "repeating another corrected mention's text"),
        (fixes.blank, "with no text"),
        (fixes.edited, "of posts edited since"),
    )
    left = [f"{count} {reason}" for count, reason in why if count]
    said = f"; used {used} of {given} corrections" + (f" ({'; '.join(left)})" if left else "")
    if fixes.in_val:
        said += f"; left out {_corrections(fixes.in_val)} whose text is in a val split"
    if overruled:
        texts = "text" if overruled == 1 else "texts"
        said += f"; dropped {overruled} train {texts} a correction gave another label"
    return said


def _corrections(count: int) -> str:
    return f"{count} correction" + ("" if count == 1 else "s")
