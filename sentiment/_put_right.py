"""Praise for a problem put right, and praise as a post's last word (EN, pt-BR, pt-PT).

"Three awful weeks, but sorted now, thanks!", "o pedido veio errado, mas trocaram em 2 dias.
Nota 10": such a post names its problem at length and its praise in a word or two, so both
readers weigh the problem and read a complaint; a new user's desk then shows a thank-you as a
detractor and drafts an apology for it. Two general rules of how such praise is written:

- a post that says the problem is solved (mentiondesk.resolution: "refunded the same day",
  "já caiu", "está resolvido"; not "resolved, but only after six emails") and thanks or
  praises for it ("thanks", "valeu", "nota 10", 👏) is praise;
- in "X, but Y" the last clause is the writer's verdict: a praise expression there ("demorou,
  mas valeu a pena: atendimento impecável") makes the post praise, unless that clause says
  something is still wrong ("o apoio foi impecável, mas a encomenda continua sem chegar" holds
  its praise before the "mas").

Neither holds for sarcasm (_sarcasm, _irony: "thanks for nothing", "obrigado pela espera de 3
semanas"), nor for grudging thanks ("thanks I guess"). Derived from tests/data/
praise_put_right.tsv, written for it, not from any set we measure on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from mentiondesk.models import folded, says_resolved
from sentiment._emoji import POSITIVE as SMILES
from sentiment._praise_cues import has_praise_cue
from sentiment._sarcasm import sarcastic

NEGATIVE, POSITIVE = 0, 2  # columns of (negative, neutral, positive) probabilities
# Matched on lower-cased text without accents. Thanks said grudgingly is no praise.
_THANKS = re.compile(
    r"\b(thanks|thank you|thx|ty|cheers|obrigad(o|a|inho|inha)s?|valeu|agradeco)\b"
    r"(?!,? (i guess|anyway|acho eu|ne\b))"
)
# "but" and its kin, opening the clause that carries the verdict (as in mentiondesk.resolution).
_CONTRAST = re.compile(
    r"(?<![^\s.!?;,:])(?:but|however|though|mas|porem|contudo|no entanto|so que)[\s,:;.]"
)
# What putting a problem right is called, beside mentiondesk.resolution's "solved": a
# replacement sent, a refund made. Not when negated ("never refunded me", "não trocaram").
_ACTS = (
    r"(refunded|reimbursed|replaced) (me|it|us|my|the)",
    r"made (it|things) right",
    r"sent (me |us )?(a |another )?(new one|replacement|another)",
    r"(trocaram|trocou|substituiram|substituiu)(-me| me|-nos| nos)?",
    r"(fizeram|fez|foi feita) a troca",
    r"(enviaram|mandaram)(-me| me)? (outr[oa]|um[a]? nov[oa])",
    r"(reembolsaram|estornaram|devolveram)(-me| me)?",
    r"(ja|logo) caiu",
)
_NOT = "".join(f"(?<!{word} )" for word in ("not", "never", "didn't", "nao", "nunca", "nem"))
_PUT_RIGHT = re.compile(_NOT + r"\b(" + "|".join(_ACTS) + r")(?!\w)")
# A fix that came late is still told as a grievance: "finally arrived, 9 h after schedule",
# "chegou depois de 40 dias". (A delay told before the "but" is the problem put right.)
_TOO_LATE = re.compile(
    r"\b(after|depois de|apos|ao fim de|passad[oa]s) (\d+|\w+) ?(\w+ )?(h|hrs?|hours?|days?|"
    r"weeks?|months?|horas?|dias?|semanas?|mes|meses)\b|\b(after schedule|late|atrasad[oa]s?)\b"
)
# Words that say the trouble goes on, in the verdict clause.
_STILL_WRONG = re.compile(
    r"\b(still|yet|again|not|no|never|ainda|continua\w*|de novo|outra vez|nao|nunca|sem)\b"
)


def thanks_for_the_fix(text: str) -> bool:
    """Whether the post says its problem is solved and thanks or praises for it."""
    # An act put right counts where no "but" follows it ("replaced it, but the new one is
    # broken too"); says_resolved sees to that for its own cues.
    verdict = _CONTRAST.split(folded(text))[-1]
    if not (says_resolved(text) or _PUT_RIGHT.search(verdict)) or _TOO_LATE.search(verdict):
        return False
    return (
        _THANKS.search(folded(text)) is not None
        or has_praise_cue(text)
        or any(ch in SMILES for ch in text)
    )


def praise_has_last_word(text: str) -> bool:
    """Whether a clause opened by "but" ends the post with praise and no trouble still on."""
    parts = _CONTRAST.split(folded(text))
    if len(parts) < 2:
        return False
    verdict = parts[-1]
    return has_praise_cue(verdict) and _STILL_WRONG.search(verdict) is None and "?" not in verdict


def praises_put_right(text: str) -> bool:
    """Whether the post is praise by one of the two rules above, and no sarcasm."""
    return (thanks_for_the_fix(text) or praise_has_last_word(text)) and not sarcastic(text)


def credited(texts: Sequence[str], probs: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """`probs` with each such post read as a complaint given its complaint mass to praise (in
    place, and returned): the complaint was the problem told, not the verdict. A neutral reading
    stays ("demorou, mas recomendo" is a three-star review as often as praise)."""
    for i, text in enumerate(texts):
        if probs[i].argmax() == NEGATIVE and praises_put_right(text):
            probs[i, POSITIVE] += probs[i, NEGATIVE]
            probs[i, NEGATIVE] = 0.0
    return probs
