"""What `train-sentiment --corrections` learnt from the desk's relabels, and what it left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from mentiondesk.corrections import Corrected, held_out
from sentiment._ngram_model import NgramModel
from sentiment.lang import UNDETERMINED
from sentiment.overlap import fingerprint
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


def recorded(model: NgramModel, fixes: Corrected | None) -> NgramModel:
    """`model` with a fingerprint of each correction it learnt (one in a language it has) in
    its header: `tune-sentiment --ngram` leaves those texts out of the val it tunes on."""
    found = {
        fingerprint(t)
        for t, _, code in (fixes.examples if fixes else [])
        if code in model.languages
    }
    return replace(model, meta=model.meta | {"corrections": sorted(found)}) if found else model


def corrections_used(fixes: Corrected | None, overruled: int, unlearnt: Sequence[str] = ()) -> str:
    """How many relabels were learnt, and why the others were not: one in a language no folder
    has (`unlearnt`: the language of each, named) teaches no model; a text corrected on several
    mentions is learnt once; a post edited since its correction is not learnt; one whose text
    is in a val split is left out, so val scores stay honest. Then how many train texts a
    correction overruled. Nothing for a run without --corrections."""
    if fixes is None:
        return ""
    given = len(fixes.examples) + fixes.repeats + fixes.blank + fixes.edited + fixes.in_val
    if not given:  # "used 0 of 0 corrections" read as if they had been lost
        return (
            "; no corrections in the store yet (correct a reading on the desk, or with "
            "mentiondesk relabel MENTION_ID LABEL)"
        )
    used = len(fixes.examples) - len(unlearnt)
    why = (
        (len(unlearnt), f"in languages with no model of their own: {_languages(unlearnt)}"),
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


def left_out_learnt(count: int, split: str = "") -> str:
    """ "left out 1 val text learnt from a correction": the texts a model learnt as corrections,
    left out of what tunes it (`split` "val") or scores it, as train-sentiment says of them."""
    texts = "text learnt from a correction" if count == 1 else "texts learnt from corrections"
    return f"left out {count} {f'{split} ' if split else ''}{texts}"


def _corrections(count: int) -> str:
    return f"{count} correction" + ("" if count == 1 else "s")


def _languages(codes: Sequence[str]) -> str:
    """ "es" for one language, "es 2, undetermined 1" for more, most first (`und`, the code
    for a language not told, said in full: "und" reads as a typo)."""
    counts = Counter(codes).most_common()
    named = [(code if code != UNDETERMINED else "undetermined", n) for code, n in counts]
    return named[0][0] if len(named) == 1 else ", ".join(f"{code} {n}" for code, n in named)
