"""Which language a post's grammar words are in, whatever its nouns are.

Brazilian and Portuguese posts borrow English nouns and verbs ("o app deu bug no login de
novo", "o streaming fica em loading eterno"); lingua weighs those and reads English (or German,
Italian). The small closed-class words that hold a sentence together (articles, contractions,
prepositions, pronouns, light verbs) come from the language the author writes in, the borrowed
words do not: a count of them tells the two apart where character n-grams cannot.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sentiment._lang_pt_loans import loan_grammar_words
from sentiment._lang_pt_sequences import past_tense_words


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list, as the grammar checks here look them up."""
    return frozenset(words.split())


# Only words that are grammar in Portuguese and not in English or Spanish: "a", "no", "do",
# "as" are English too, "de", "que", "se", "como", "está", "para" Spanish too. Some are
# Italian, German or French ("o", "e", "da", "uns"): lingua is sure of those languages, and
# only a reading it is unsure of is overruled. A complaint's commonest verbs that only
# Portuguese spells so count too ("o app trava no login" read Italian at 0.31).
_PT = word_set(
    "o os e um uma umas uns da das dos na nas nos ao aos pelo pela pelos pelas num numa em "
    "com pra pro não nao é mas ou meu minha meus minhas seu sua vocês você voce vc eu ele "
    "ela isso isto esse essa nesse nessa neste nesta já ja mais muito também tambem até sem "
    "nem ainda agora depois sempre outra outro vez ninguém alguém onde cadê quando foi deu "
    "dá fica ficou tem vai vou estou estão tá tô fiz fez faz são há trava travando carrega "
    "carregando chega pede"
)
# Not "to" and "so": Brazilians write "tô" and "só" so ("so delay nesse delivery").
_EN = word_set(
    "the is are was were be been of and in on at for with my your you i it its this that not "
    "but have has had will would can could from by an what why how again still after before "
    "just very me we they our their does did don't didn't can't i'm it's out"
)
# Not "la", "en", "un", "una", "con", "su": French or Italian too.
_ES = word_set("el los las y del pero muy mis sus yo hay sin es eso esto")
# Articles and their contractions where Portuguese and Spanish differ ("o tracking", "el
# tracking"). Not "os", "no", "nos", "dos": Spanish pronouns, "no" and "two".
_PT_ARTICLES = word_set("o um uns ao aos à do pelo pela pelos pelas num numa")
_ES_ARTICLES = word_set("el la los las un unos unas del al")
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# An English stem in "sh"/"ck" with a Spanish verb ending ("crashea", "hackeado", "crasheó"):
# Portuguese writes "crasha", Italian "crashato", English never "-ea". Lower case only.
_ES_LOAN_VERB = re.compile(r"(?-i:\b[a-z]{2,}(?:sh|ck)e(?:a|an|ó|ar|ado|ada|aba)\b)")


class Counts(NamedTuple):
    """Grammar words of each language in a post, and the Portuguese and Spanish articles."""

    pt: int
    en: int
    es: int
    pt_articles: int
    es_articles: int


def counts(cleaned: str) -> Counts:
    """How many of a post's words are Portuguese, English and Spanish grammar words (a verb's
    Portuguese ending counts as one: "o update estragou a app", "a app crasha no login")."""
    words = _WORDS.findall(cleaned.lower())
    return Counts(
        pt=sum(word in _PT for word in words)
        + past_tense_words(cleaned)
        + loan_grammar_words(cleaned),
        en=sum(word in _EN for word in words),
        es=sum(word in _ES for word in words) + len(_ES_LOAN_VERB.findall(cleaned)),
        pt_articles=sum(word in _PT_ARTICLES for word in words),
        es_articles=sum(word in _ES_ARTICLES for word in words),
    )


def portuguese_grammar(found: Counts) -> bool:
    """Portuguese grammar words outweigh English ones, with no Spanish ones beside them: the
    post is Portuguese whatever its borrowed nouns are. Two at least: one "o" or "e" is a
    letter, an Italian "or", a typo."""
    return found.pt >= 2 and found.pt > 2 * found.en and found.es == 0


def english_grammar(found: Counts) -> bool:
    """English grammar words and no Portuguese one: "thanks for sorting out my order,
    parabéns to the team" is English around one Portuguese word."""
    return found.en >= 3 and found.pt == 0


def spanish_grammar(found: Counts) -> bool:
    """Spanish grammar words and no Portuguese one ("pagué el upgrade y sigo en el plan")."""
    return found.es >= 2 and found.pt == 0 and found.es > found.en


def portuguese_articles(found: Counts) -> bool:
    """Portuguese articles and no Spanish one: where lingua cannot tell the two languages
    apart ("o tracking está parado desde segunda"), the article can."""
    return found.pt_articles > 0 and found.es_articles == 0
