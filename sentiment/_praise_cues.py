"""Explicit praise expressions (EN, pt-BR, pt-PT), for the `e5` cascade's praise gate.

Praise for a problem put right names the problem ("refunded my duplicate charge the same day.
Genuinely impressed"), so the n-gram model can be sure it is a complaint and the encoder,
which reads such posts right, would never be asked; when it is unsure, blending in its
complaint still outweighs the encoder's praise. A post holding one of these expressions that
the n-gram model reads as no praise takes the encoder's reading alone. The list is written from
general usage, not from any set we measure on; it only routes a text, the encoder decides.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from mentiondesk.models import folded

# Matched on lower-cased text with accents removed, so "parabens" and "parabéns" both count.
_EN = (
    r"impressed",
    r"shout ?-?outs?",
    r"credit where (credit is |credit's |it's |its )?due",
    r"kudos",
    r"compliments to",
    r"well done",
    r"(great|good|nice) job",
    r"top marks",
    r"nailed it",
    r"good on (you|them|ya)",
    r"fair play to",
    r"much appreciated",
    r"(you|u|you'?re|ur) (are )?(a )?(star|legend|the best)",
    # Service that took no effort: "refund landed in two days. Painless."
    r"painless(ly)?",
    r"hassle[- ]free",
    r"seamless(ly)?",
    r"hats off",
    r"props to",
    r"thank you (so|very) much",
    r"thanks (so|very) much",
    r"(huge|big|many) thanks",
    r"(amazing|great|excellent|fantastic|outstanding|brilliant|superb|top ?notch) "
    r"(customer )?(service|support)",
    r"above and beyond",
    r"exceeded (my |all )?expectations",
    r"blown away",
    r"pleasantly surprised",
    r"highly recommend",
    r"(you|you guys|y'?all) rock",
    r"lifesaver",
    r"(5|five) stars",
    r"10/10",
    r"(5|five)/5",
    # Praise by understatement: "not bad at all", "can't complain" read as complaints to
    # n-grams that weigh "bad" and "complain".
    r"not bad at all",
    r"can(no|'|’)?t complain",
    r"no complaints",
    r"nothing to complain about",
    # Value for money: "comfy for the price. 6 hour flight…" is praise that n-grams trained on
    # airline complaints read as one ("flight"). Only a praising word counts: "terrible for the
    # price" stays with the n-grams.
    r"(good|great|amazing|excellent|solid|decent|impressive|incredible|fantastic|awesome|"
    r"unbeatable|comfy|comfortable|perfect|brilliant) for the (price|money)",
    r"worth every (penny|cent)",
    r"bang for (the|your|my) buck",
    r"(great|good|excellent|amazing) value( for money)?",
    # Praise by what did not happen or did not wear out, which names the trouble spared:
    # "no fuss", "still going strong after 6 years", "hard to beat", "got it right".
    r"(without|with no|no) (any |the )?(drama|fuss|hassle)",
    r"still (perfect|going strong|like new|works (perfectly|great|like new))",
    r"hard to beat",
    r"got (it|that|this|returns|delivery) right",
    r"that'?s how (you do it|it'?s done)",
)
_PT = (
    r"parabens",
    # "deixo aqui o meu elogio": Reclame Aqui and the Livro de Reclamações take praise too
    r"elogi(os?|ar|ou|ei)",
    r"(assim|assim e que) da gosto",  # pt-PT
    r"(dar|dou|dei|de|tenho de dar|tenho que dar) o braco a torcer",
    r"nota maxima",
    r"sem (burocracia|complicacao|stress)",
    r"arrasou",
    r"mandou (muito )?bem",
    r"nota (10|dez|mil|20)",
    r"obrigad[oa]s? (pela|pelo|por)",
    r"muito obrigad[oa]",
    r"show de bola",
    r"top demais",
    r"recomendo",
    r"impecavel",
    r"(excelente|otimo|maravilhoso|incrivel) (atendimento|servico)",
    r"atendimento (excelente|impecavel|nota|de primeira|top)",
    r"(5|cinco) estrelas",
    r"superou (as |minhas |todas as )?(minhas )?expectativas",
    r"arrasaram",
    r"mandaram (muito )?bem",
    r"fiquei (muito )?impressionad[oa]",
    r"tiro o chapeu",
    r"sensacional",
    r"espetacular",
    r"nada a reclamar",
    r"dificil (achar|encontrar) melhor",
    r"sem (drama|dor de cabeca)",
    r"(continua|segue) (perfeit[oa]|impecavel|como nov[oa]|funcionando perfeitamente)",
    r"(e|eh) assim que se faz",
    r"nao tenho (nada )?(do|de) que reclamar",
    r"nao foi nada demorad[oa]",
    # Value for money, pt-BR ("custo-benefício") and pt-PT ("relação qualidade-preço").
    r"(otim[oa]|excelente|bo[am]|incrivel|perfeit[oa]|maravilhos[oa]) pelo (preco|valor)",
    r"vale cada (centavo|euro|centimo|real)",
    r"(otimo|excelente|bom|incrivel|grande) custo[- ]?beneficio",
    r"custo[- ]?beneficio (otimo|excelente|muito bom|incrivel|imbativel)",
    r"(otima|excelente|boa) relacao (qualidade[- ]?preco|preco[- ]?qualidade|custo[- ]?beneficio)",
)
# A negated cue ("not impressed", "não recomendo", "nada de elogios") is no praise: no reason
# to ask the encoder.
_NOT = "".join(f"(?<!{word} )" for word in ("not", "never", "nao", "nunca", "jamais", "nada de"))
_CUES = re.compile(_NOT + r"\b(" + "|".join(_EN + _PT) + r")(?!\w)")
# "Credit to @brand, refunded in a day" opens a sentence; "a credit to my card" is a refund.
_OPENING = re.compile(r"(^|[.!?:;(\n]|\s[-–—]\s)\s*((big|huge|full|major|much|all) )?credit to\b")
# Applause (any skin tone), in every language; "great job 👏👏" said in sarcasm the encoder reads.
_APPLAUSE = re.compile("[\U0001f44f\U0001f64c]")


def has_praise_cue(text: str) -> bool:
    """Whether the text holds an explicit praise expression from the lists above."""
    plain = folded(text)
    return any(cue.search(plain) is not None for cue in (_CUES, _OPENING, _APPLAUSE))


PRAISE = 2  # the positive column of (negative, neutral, positive) probabilities
Mask = npt.NDArray[np.bool_]


def gated(ngram: npt.NDArray[np.float32], cued: Mask) -> Mask:
    """The praise gate: texts holding a praise cue (`cued`) that the n-gram model reads as no
    praise, sure of itself or not. The encoder's reading alone decides them, in the classifier
    (E5Classifier) and in the tuner that simulates it (_e5_tuning)."""
    chosen: Mask = cued & (ngram.argmax(axis=1) != PRAISE)
    return chosen
