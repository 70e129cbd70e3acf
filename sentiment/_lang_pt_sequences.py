"""Portuguese grammar that shows in word order rather than in single words.

European Portuguese complaints are often built only of words other languages share ("a",
"toda", "hora", "pede") and English loans ("app", "login", "password"): "a app pede login a
toda a hora" has no word lingua or a word list can pin on Portuguese. Its grammar can:

- "todo" takes the article after it: "a toda a hora", "todas as semanas". Spanish writes
  "toda la", Italian "tutta la". Only the feminine forms: Spanish "todo o nada" is "or", and
  "todos os quiero" is its pronoun "os".
- The European progressive is estar + "a" + infinitive: "está sempre a dar erro", "estou a
  tentar". Spanish says "está dando" ("está a punto", "estoy a dieta": no infinitive after
  "a"), Italian "sta" with an infinitive in -e.
- A third-person past in "-ou" ("estragou", "chegou", "ficou"): Spanish writes "-ó", Italian
  "-ò". Counted as one grammar word beside others, never alone: French has "bisou", "genou".
"""

from __future__ import annotations

import re

_ESTAR = r"est(?:ou|ás|á|amos|ão|ava|avam|ive|eve)|tou|tás|tá|tava"
# An adverb may sit between: "está sempre a", "tou mesmo a", "está bué a".
_BETWEEN = r"(?:\s+(?:sempre|mesmo|só|já|bué|ainda))?"
_INFINITIVE = r"[^\W\d_]+(?:ar|er|ir)"

SEQUENCES = re.compile(
    rf"\btodas?\s+as?\b|\b(?:{_ESTAR}){_BETWEEN}\s+a\s+{_INFINITIVE}\b",
    re.IGNORECASE,
)
# Not after "y" ("thankyou", "bayou"): English.
_PAST = re.compile(r"\b[^\W\d_]{3,}(?<![yY])ou\b")


def past_tense_words(cleaned: str) -> int:
    """How many words are a Portuguese third-person past ("estragou", "falhou")."""
    return len(_PAST.findall(cleaned))
