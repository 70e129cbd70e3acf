"""Explicitly marked sarcasm (EN, pt-BR, pt-PT): "Atendimento excelente, só que não!".

Both readers take the praise words of such a post at face value: before this rule `e5` read
13 of the 26 marked complaints in tests/data/sarcasm.tsv as praise, and a playbook would have
queued a public thank-you for them. A post holding one of these markers cannot be praise: its
praise probability moves to complaint (what it says without the praise stays as read, so a
neutral "#sarcasm" joke stays neutral). The markers are written from general usage, each
one that the writer adds to say "I mean the opposite". Sarcasm without one is caught where
it praises the very thing it complains of ("parabéns pela demora": _irony); such a post is a
complaint whatever it was read as, neutral included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from mentiondesk.models import folded
from sentiment._irony import says_ironically

# Matched on lower-cased text with accents removed ("só que não" is "so que nao").
_END = r"(?=\s*(?:$|[^\w\s#@]))"  # then the end, or punctuation or an emoji, not more words
_MARKERS = (
    r"\bthanks? (you )?for nothing\b",
    r"#sarcas(mo|m|tic)\b",
    r"(?<!\S)/s" + _END,  # reddit's "/s", not a path such as lumora.com/s/returns
    r"\byeah,? right" + _END,  # "Yeah right." and not "yeah right away"
    r"\bthanks?,? i guess" + _END,  # grudging: "finally arrived after 5 weeks. thanks i guess"
    r"\bsaid no ?(one|body) ever\b",
    r"#not" + _END,
    r"\bso que nao" + _END,  # not "só que não veio o cabo" (literally "but it did not")
    r"(?<![\w/])#?sqn\b",
    r"#ironia\b",
    r"\bobrigad(o|a|inho|inha)s? por nada\b",
    r"\bvaleu por nada\b",
)
_MARKED = re.compile("|".join(_MARKERS))
NEGATIVE, POSITIVE = 0, 2  # columns of (negative, neutral, positive) probabilities


def marks_sarcasm(text: str) -> bool:
    """Whether the text holds an explicit sarcasm marker from the list above."""
    return _MARKED.search(folded(text)) is not None


def sarcastic(text: str) -> bool:
    """Whether the text is sarcasm by a marker, or by praising a grievance (_irony)."""
    return marks_sarcasm(text) or says_ironically(text)


def unmasked(texts: Sequence[str], probs: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """`probs` with each marked text's praise moved to complaint, and all of an ironic text's
    mass on complaint ("Valeu pela demora, hein" was neutral) (in place, and returned)."""
    for i, text in enumerate(texts):
        if says_ironically(text):
            probs[i] = (probs[i].sum(), 0.0, 0.0)
        elif probs[i, POSITIVE] > 0 and marks_sarcasm(text):
            probs[i, NEGATIVE] += probs[i, POSITIVE]
            probs[i, POSITIVE] = 0.0
    return probs
