"""English grammar in short tech-support posts made of nouns other languages share.

"a password reset link" is an article and three nouns that German, Italian and English all
write; lingua leans German (0.42) and the reply would go out in German. What is English is
how the words are put together, and the few words only English writes:

- Words only English writes: "the", "never", "still", "didn't". Not "was", "will", "of",
  "just", "in", "an" (German and Dutch), "me", "no", "i" (Portuguese, Spanish, Italian).
- "never" before the verb ("never came", "never arrived"): German and Dutch put "nie",
  "nooit" after it ("kam nie an", "kwam nooit aan").
- An article and a compound of bare nouns ("a password reset link", "a reset email"):
  German joins them into one word ("ein Passwort-Reset-Link"); Portuguese, Spanish and
  Italian join them with a preposition and put an article beside it ("o link de reset da
  password"); Dutch writes "een", not "a".

Any grammar word of another language in the post (articles, prepositions, "non", "nicht")
and the post is not English by these rules: they read what lingua left unsure, nothing more.
"""

from __future__ import annotations

import re

from sentiment._lang_grammar import word_set

_ENGLISH_ONLY = word_set(
    "the and with you your my this that not but have has had would could from what why how "
    "again still very never they our their does did didn't don't doesn't can't won't isn't "
    "wasn't i'm it's any"
)
# Closed-class words of Portuguese, Spanish, Italian, French, German and Dutch that English
# does not write (not "no", "a", "in": English writes them too).
_FOREIGN = word_set(
    "o os um uma da das do dos na nas nos ao à pelo pela em com pra não nao é mas ou meu "
    "minha que el los las del al y pero muy con sin es eso esto se le la lo les il gli di della "
    "dei delle per che non sono un une des du au et est pas qui ne sur der die das den dem "
    "des ein eine einer einen ist nicht und mit von zu zum zur im auf het een van niet en "
    "op bij voor maar naar ook de te ik je mijn"
)
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Lower-case ASCII words of three letters at least, the first not in a Romance noun's "-a",
# "-o", "-i": after the Portuguese, Spanish or Italian preposition "a" comes "casa", "volte",
# "dopo". The article is a word of its own ("ftv'a kok" is not).
_COMPOUND = r"(?<!\S)[Aa]n?\s+[a-z]{2,}(?<![aoi])\s+[a-z]{3,}"
_SEQUENCES = re.compile(rf"\b[Nn]ever\s+[a-z]{{2,}}\b|{_COMPOUND}\b")


def english_words(cleaned: str) -> int:
    """How many words or word orders only English writes, none if a word of another
    language's grammar stands beside them."""
    as_written = _WORDS.findall(cleaned)
    words = [word.lower() for word in as_written]
    if any(word in _FOREIGN for word in words) or _titles(as_written):
        return 0
    return sum(word in _ENGLISH_ONLY for word in words) + len(_SEQUENCES.findall(cleaned))


def _titles(words: list[str]) -> bool:
    """Mostly capitalised words: names and titles ("Damon and Elena", "Prince Of Persia"),
    which a post in any language quotes as they are."""
    titled = sum(word[0].isupper() and not word.isupper() for word in words)
    return titled * 2 > len(words)
