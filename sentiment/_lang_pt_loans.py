"""Portuguese grammar worn by borrowed English words.

Tech-support posts in Portuguese are often an article, a loan noun and a loan verb: "a
password expirou", "a app crasha no login", "deletei a conta". lingua weighs the loans and
reads English; the Portuguese is in how the loans are put together and inflected:

- A first-person past in "-ei" ("deletei", "cliquei", "resetei"): Spanish writes "-é",
  English never inflects so. Not after "r" (Italian conditionals "vorrei", "sarei",
  "pagherei") nor "b" (German "dabei", "vorbei"), nor short words ("lei", "sei", "dei").
- An English stem ending in "sh" or "ck" with a Portuguese verb ending: "crasha", "crashar",
  "hackado". Spanish writes "crashea", "crasheado", Italian "crashare", "crashato"; Italian
  "crasha" is the one shared form, so it counts as one word, never a verdict alone. Lower
  case only: "Natasha", "Sasha" are names.
- The article "a" before a word that starts with a vowel ("a app", "a encomenda"): English
  writes "an app", Spanish and Italian "la app", "l'app". Not the Spanish preposition before
  its pronouns and determiners ("a ella", "a esta hora", "a alguien") nor "a email".
"""

from __future__ import annotations

import re

_FIRST_PERSON_PAST = re.compile(r"\b[^\W\d_]{3,}(?<![rRbB])ei\b")
_LOAN_VERB = re.compile(r"(?-i:\b[a-z]{2,}(?:sh|ck)(?:a|ar|ado|ada)\b)")
_ARTICLE_BEFORE_VOWEL = re.compile(
    r"\ba\s+(?![eé]-?mail|ebay|ebook|el\b|ell|es[aeot]|alg)[aeáé][^\W\d_]{2,}", re.IGNORECASE
)


def loan_grammar_words(cleaned: str) -> int:
    """How many words are Portuguese grammar on a borrowed or any other stem: a past in
    "-ei", a loan verb in Portuguese form, an article "a" before a vowel."""
    return sum(
        len(pattern.findall(cleaned))
        for pattern in (_FIRST_PERSON_PAST, _LOAN_VERB, _ARTICLE_BEFORE_VOWEL)
    )
