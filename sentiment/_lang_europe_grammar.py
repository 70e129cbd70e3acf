"""Italian, French, German and Dutch grammar words, under the English loans of a support post.

"l'app crasha al login" is an elided article, a loan noun, a loan verb, a preposition and a
loan noun: lingua weighs "app", "crash", "login" and reads English (0.38), and "crasha" is a
Portuguese loan verb too ("a app crasha no login"), so the post went out read as English, or
as Portuguese once "sempre" stood beside it. What is Italian is its grammar: "l'" before a
vowel, "al" (Portuguese writes "ao", English "at the"). Each set holds the closed-class words
(articles, contractions, pronouns, negation, light verbs) of one language that Portuguese,
English and Spanish do not write; a word two of these languages share counts for both and
decides neither ("l'" is Italian and French, "sempre" Italian and Portuguese).

Left out on purpose: "de" (every language here), "il", "le", "ne" (Italian and French),
"des", "du" (French and German), "die", "im", "hat", "ho", "op", "met" (English words), "al"
in Dutch ("already", but the Italian and Spanish preposition), "te", "je" (Romance pronouns).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sentiment._lang_grammar import word_set

_IT = word_set(
    "gli della dello delle degli nel nella nei negli dal dalla al alla alle ai allo sul sulla "
    "non che è sono perché più può anche ancora questo questa quello quella niente sempre "
    "dopo mai abbiamo hanno funziona"
)
_FR = word_set(
    "les au aux une est pas je nous vous mon mes ce cette avec dans très ça toujours encore "
    "depuis fonctionne marche"
)
_DE = word_set(
    "der das dem den ein eine einen einem einer ist nicht und mit von zu zum zur auf ich "
    "mein meine mir mich sich bei beim seit noch immer schon kann geht wieder aber auch wird "
    "wurde habe sind"
)
_NL = word_set(
    "het een niet ik mijn jij wij van voor maar naar ook nog steeds bij geen wel "
    "zijn heb hebt heeft werkt kan wordt waarom altijd weer omdat sinds nooit jullie uw"
)
# Elisions: Italian and French "l'app", Italian "dell'app", "un'ora", "c'è", French
# "d'accord", "n'est", "j'ai", "qu'il", "c'est". English "l'" is in names ("L'Oréal"):
# only lower case.
_APOSTROPHE = r"['’]"
_BOTH_ELISION = re.compile(rf"(?-i:\bl{_APOSTROPHE}[aeiouhàèéìòù])")
_IT_ELISION = re.compile(
    rf"(?-i:\b(?:dell|all|nell|sull|dall|quell|un|c){_APOSTROPHE}[aeiouàèéìòù])"
)
_FR_ELISION = re.compile(
    rf"(?-i:\b(?:d|n|j|qu|s|m|t){_APOSTROPHE}[aeiouhàâèéêîôû]|\bc{_APOSTROPHE}est)"
)
_WORDS = re.compile(r"[^\W\d_]+")
# At least this many grammar words, and more than any other of these languages has.
_LEAD = 2


class EuropeCounts(NamedTuple):
    """Grammar words of Italian, French, German and Dutch in a post."""

    it: int
    fr: int
    de: int
    nl: int


def counts(cleaned: str) -> EuropeCounts:
    """How many of a post's words are Italian, French, German and Dutch grammar words."""
    words = [word.lower() for word in _WORDS.findall(cleaned)]
    both = len(_BOTH_ELISION.findall(cleaned))
    return EuropeCounts(
        it=sum(word in _IT for word in words) + both + len(_IT_ELISION.findall(cleaned)),
        fr=sum(word in _FR for word in words) + both + len(_FR_ELISION.findall(cleaned)),
        de=sum(word in _DE for word in words),
        nl=sum(word in _NL for word in words),
    )


def leading(found: EuropeCounts) -> str | None:
    """The language ("it", "fr", "de", "nl") whose grammar words lead the post: two at
    least and more than each other language's; None where none does."""
    ranked = sorted(found._asdict().items(), key=lambda item: item[1], reverse=True)
    (code, most), (_, second) = ranked[0], ranked[1]
    return code if most >= _LEAD and most > second else None
