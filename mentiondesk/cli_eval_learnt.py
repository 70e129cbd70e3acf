"""What eval-sentiment leaves out: texts the classifier's own models learnt from corrections.

A model trained with `--corrections` keeps a fingerprint of each correction in its header;
scored on one of those texts it reads back what it was taught, and looks better than it is.
"""

from __future__ import annotations

from pathlib import Path

from mentiondesk.models import Classifier
from sentiment import _e5_adapter
from sentiment.e5_training import learnt_corrections


def learnt_by(model: Classifier) -> set[str]:
    """The fingerprints of the corrections the files `model` reads with learnt (none for a
    classifier with no model files of ours, or files trained without corrections)."""
    # Imported here: the CLI starts without either classifier's module (registry loads one).
    from sentiment.e5 import E5Classifier
    from sentiment.ngram import NgramClassifier

    if isinstance(model, NgramClassifier):
        return learnt_corrections(model.model.meta)
    if not isinstance(model, E5Classifier):
        return set()
    found = learnt_corrections(model.ngram.meta)
    for path in model.adapter_paths:
        found |= learnt_corrections(_e5_adapter.load(path)[1])
    return found


def all_learnt(text: Path) -> str:
    """The refusal where every text of the file was learnt: no score would be honest."""
    return (
        f"every text of {text} was learnt from a correction: scored on them, the classifier "
        "would be measured on what its models were taught; evaluate on other texts"
    )
