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
- That past right after an article and a noun: "a password expirou", "o app bugou". English
  writes "a" too, but no verb in "-ou"; French puts its "bisou" after its own articles ("a un
  bisou": "has a kiss"), which may not stand between.
"""

from __future__ import annotations

import re

_ESTAR = r"est(?:ou|ás|á|amos|ão|ava|avam|ive|eve)|tou|tás|tá|tava"
# An adverb may sit between: "está sempre a", "tou mesmo a", "está bué a".
_BETWEEN = r"(?:\s+(?:sempre|mesmo|só|já|bué|ainda))?"
_INFINITIVE = r"[^\W\d_]+(?:ar|er|ir)"
_PAST_AFTER = r"(?<![yY])ou\b"  # Not after "y" ("thankyou", "bayou"): English.
_NOT_NOUN = r"(?:un|une|le|la|les|mon|ma|son|sa|des|du|au)\b"
_SUBJECT_PAST = rf"\b(?:o|a|os|as)\s+(?!{_NOT_NOUN})[^\W\d_]+\s+[^\W\d_]{{3,}}{_PAST_AFTER}"

SEQUENCES = re.compile(
    rf"\btodas?\s+as?\b|\b(?:{_ESTAR}){_BETWEEN}\s+a\s+{_INFINITIVE}\b|{_SUBJECT_PAST}",
    re.IGNORECASE,
)
_PAST = re.compile(rf"\b[^\W\d_]{{3,}}{_PAST_AFTER}")


def past_tense_words(cleaned: str) -> int:
    """How many words are a Portuguese third-person past ("estragou", "falhou")."""
    return len(_PAST.findall(cleaned))
