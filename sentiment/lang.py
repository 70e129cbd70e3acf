"""Language detection for short, noisy posts (lingua), with `und` when unsure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lingua import IsoCode639_1, Language

from mentiondesk.models import short_lang, valid_text
from sentiment import _lang_detectors as detectors
from sentiment import _lang_europe_grammar as europe
from sentiment import _lang_grammar as grammar
from sentiment._lang_en_grammar import english_words
from sentiment._lang_pt_sequences import SEQUENCES

UNDETERMINED = "und"

_NOISE = re.compile(
    r"https?://\S+|www\.\S+|[@#][\w.]+|\$[^\W\d][\w.]*|&\w+;|<[^>]{0,200}>", re.UNICODE
)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
# Distinct letters: "aaaaaaaaaa" or "kkkkkk" has many letters but nothing to tell a language by.
_MIN_LETTERS = 3
# Under this many letters lingua's guesses among the other languages are mostly noise
# ("obg", "amei" read as German, "valeu" as French, "lol" as Italian): `und` lets the
# author's handle and platform decide the reply's language instead.
_MIN_LETTERS_OTHER = 10
_MAIN = ("en", "pt")
# Words only Portuguese writes, slang and abbreviations included: lingua reads "valeu demais
# galera" as French and "esse app e uma bosta" as Italian, and the reply would go out in the
# default language. One of these beside a pick of French, Italian, Spanish or German (or
# none) makes a short post Portuguese; a long one keeps lingua's pick.
# Unaccented "tô"/"tá" (estou/está) and "só" are the English "to" and "so": "to puto com a
# lumora" read as Italian, "so quero o update" as English. Beside a word only Portuguese puts
# after them ("to esperando", "ta foda", "so da erro") they are Portuguese; 60,000 English
# tweets hold "to"/"so" 20,000 times and such a pair under ten times ("to florida" is why
# the moods are a list, not any "-ado"/"-ida"; "to orlando" why gerunds have exceptions).
_STATE = (
    r"put[oa]s?|pistola|bolad[oa]|triste|feliz|cansad[oa]|chatead[oa]|irritad[oa]|revoltad[oa]|"
    r"passad[oa]|chocad[oa]|preocupad[oa]|decepcionad[oa]|nervos[oa]|ansios[oa]|mort[oa]|"
    r"louc[oa]|doid[oa]|doente|atrasad[oa]|brav[oa]|foda|osso|caro|lento|travando"
)
_AFTER_TO = (
    rf"n[ãa]o|nem|com|sem|na|numa|num|muito|mto|bem|aqui|pra|de\s+(?:boa|saco|cara|novo)|{_STATE}"
)
# Not a bare "so da": "so da bomb" is English slang.
_AFTER_SO = (
    r"n[ãa]o|d[aá]\s+(?:erro|problema|pau|bug|ruim|raiva|vontade|pra|certo|dor)|quero|queria|"
    r"tem|tinha|tenho|falta|faltou|faltava|pode|posso|consigo|consegui|sei|vi|vejo|acho|"
    r"achei|isso|pra|que|q|recebi|chegou|veio|funciona|serve|"
    r"enrola(?:[çc][ãa]o)?|decep[çc][ãa]o|reclama[çc][ãa]o|problemas?|mentira|golpe|atraso|"
    r"propaganda|erros?|elogios|depois|uma"
)
# Lower case only: "to Orlando" is a trip, "to esperando" a wait.
_NOT_GERUND = r"orlando|fernando|nintendo|commando|crescendo|innuendo|rolando|armando"
_GERUND = rf"(?-i:(?!(?:{_NOT_GERUND})\b)[a-z]+(?:ando|endo|indo))"
_PT_PAIR = rf"(?:t[oô]|t[aá]|tava)\s+(?:{_AFTER_TO}|{_GERUND})|s[oó]\s+(?:{_AFTER_SO}|{_GERUND})"
_PT_ONLY = re.compile(
    rf"\b(?:{_PT_PAIR}|"
    r"n[ãa]o|vc|vcs|voc[êe]s?|valeu|vlw|galera|tmj|obg|obrigad[oa]s?|brigad[oa]|pra|"
    r"né|uma|meu|minha|muito|demais|mds|pfv|blz|tô|tá|estou|quero|kk+|"
    # Verbs no other language spells so: "deu crash no app", "a password dá sempre erro".
    r"deu|faz|fiz|dá|"
    r"nesse|nessa|isso|hoje|ainda|até|tava|"
    # "nem" (nor, not even) and Portugal's "bué" (very): "a app nem abre" read as French.
    r"nem|bué|"
    # Brazilian internet spelling and short verdicts: "mto bom", "pior app", "naum gostei".
    r"mto|mt|pq|tb|tbm|naum|dnv|cad[êe]|pior|melhor(?:es)?|bom|ruim|lixo|bosta|"
    r"atendimento|gostei|recomendo|rs(?:rs)*|show de bola)\b",
    re.IGNORECASE,
)
# Words only Spanish writes: lingua reads "no me gustó nada" and "No es bonito estar sin
# celular" as Portuguese. One of these in a short post read as Portuguese, with no word of
# _PT_ONLY beside it, makes it Spanish. (Not "buenos": Buenos Aires is in Portuguese posts.)
_ES_ONLY = re.compile(
    r"\b(?:muy|gust(?:a|an|ó|aron|aría|o)|quiero|quieren|tengo|tienen?|ustedes|usted|hola|"
    r"gracias|todavía|también|aquí|lleg\w*|pero|mucho|mucha|bueno|buena|nadie|qué|cómo|"
    r"dónde|estoy|soy|eres|buenas|ese|eso|esos|esas|sin|peor)\b",
    re.IGNORECASE,
)


def _pt_only(cleaned: str) -> bool:
    """A word or a word order ("a toda a hora", "está sempre a dar") only Portuguese writes."""
    return bool(_PT_ONLY.search(cleaned) or SEQUENCES.search(cleaned))


_SHORT = 80  # letters: past this, lingua has enough to go by
# Words English writes and Portuguese does not: without one of them, a short post read as
# English that holds a word of _PT_ONLY ("show de bola", "top, mto bom") is Portuguese.
# "show", "top", "app" are English and Brazilian both, so they decide nothing either way;
# nor do "to" and "so", Brazilian spellings of "tô" and "só" ("so delay nesse delivery").
_EN_ONLY = re.compile(
    r"\b(?:the|is|are|was|my|you|your|i|it|its|this|that|and|of|for|with|not|"
    r"what|why|how|just|very|thanks|thx|pls|please|lol|wtf|omg)\b",
    re.IGNORECASE,
)


def warm_up() -> None:
    """Load the language models now (about 2 s) rather than on the first mention."""
    detectors.detector()
    detectors.with_dutch()


def clean(text: str) -> str:
    """Drop URLs, handles, hashtags, cashtags ($ACME) and markup that say nothing about the
    language (and half surrogate pairs, which the detector cannot take)."""
    return _NOISE.sub(" ", valid_text(text[:2000]))


def detect(texts: Sequence[str], hints: Sequence[str | None] | None = None) -> list[str]:
    """ISO 639-1 codes (or `und`) for each text; a platform's own language hint wins."""
    # A hint not shaped as a language tag (free text, terminal escapes) is no hint.
    hints = [short_lang(h) for h in hints] if hints else [None] * len(texts)
    cleaned = [clean(t) for t in texts]
    todo = [
        i
        for i, (c, h) in enumerate(zip(cleaned, hints, strict=True))
        if not _usable(h) and not _too_little(c)
    ]
    found = detectors.detect([cleaned[i] for i in todo])
    result = [primary_code(h) if _usable(h) else UNDETERMINED for h in hints]
    for index, language in zip(todo, found, strict=True):
        result[index] = _trusted(_code(language), cleaned[index])
    _english_beside_names(cleaned, result)
    return result


def _code(language: Language | None) -> str:
    return language.iso_code_639_1.name.lower() if language is not None else UNDETERMINED


# A capitalised word with a letter outside ASCII: a name such as "Conceição" or "Gonçalo".
# lingua takes "ç" and "ã" as near proof of Portuguese, so "Hi, Conceição here. My refund is
# missing" read as Portuguese (0.90) and would be answered in it. Not a word in capitals
# ("NÃO"): that is shouting, not a name.
_SURE_ENGLISH = 0.45
_WORD = re.compile(r"[^\W\d_]+")


def _english_beside_names(cleaned: Sequence[str], result: list[str]) -> None:
    """Read again, without their accented names, the texts read as `pt` or `und` that hold one:
    English around a Portuguese name is English."""
    stripped = {
        i: _WORD.sub(lambda m: " " if _is_name(m.group()) else m.group(), cleaned[i])
        for i, code in enumerate(result)
        if code in ("pt", UNDETERMINED) and not _pt_only(cleaned[i])
    }
    for index, text in stripped.items():
        if text != cleaned[index] and not _too_little(text) and _english(text):
            result[index] = "en"


def _english(text: str) -> bool:
    # Sure of it, not merely ahead: "Léo Lins e Vera Verão shahsahsh" less its names leads
    # with English at 0.30.
    return detectors.confidence(text, Language.ENGLISH) >= _SURE_ENGLISH


def _is_name(word: str) -> bool:
    return not word.isascii() and not word.isupper() and word[0].isupper()


def says_little(text: str) -> bool:
    """Too few distinct letters, once links and handles are gone, to tell a language or a
    meaning ("🙏", ".", "a", "ok", "kkkkk")."""
    return _too_little(clean(text))


def _too_little(cleaned: str) -> bool:
    return len(set(_LETTERS.findall(cleaned.lower()))) < _MIN_LETTERS


def _trusted(code: str, cleaned: str) -> str:
    found = grammar.counts(cleaned)
    by_grammar = _by_grammar(code, cleaned, found)
    if by_grammar is not None:
        return by_grammar
    letters = len(_LETTERS.findall(cleaned))
    if code == "pt" and letters < _SHORT and _ES_ONLY.search(cleaned):
        return code if _pt_only(cleaned) else "es"
    if code == "en" and letters < _SHORT and _pt_only(cleaned):
        return code if _EN_ONLY.search(cleaned) else "pt"
    if code in _MAIN:
        return code
    if letters < _SHORT and _pt_only(cleaned):
        return "pt"
    if code in ("es", UNDETERMINED) and letters < _SHORT and _ES_ONLY.search(cleaned):
        return "es"  # "muy bueno": too few letters for lingua alone, but a Spanish word
    if code == UNDETERMINED and _portuguese_not_spanish(cleaned, found):
        return "pt"
    return code if code != UNDETERMINED and letters >= _MIN_LETTERS_OTHER else UNDETERMINED


def _portuguese_not_spanish(cleaned: str, found: grammar.Counts) -> bool:
    """lingua torn between Portuguese and Spanish (both words of "está parado desde"), with
    Portuguese articles, no Spanish one and no word only Spanish writes: Portuguese. lingua
    is sure of Spanish "hoy o mañana" (0.97), whose "o" is "or". lingua's pick is `und`
    here, so its confidence values are asked for once, only now."""
    if not grammar.portuguese_articles(found) or found.es or _ES_ONLY.search(cleaned):
        return False
    leading = detectors.detector().compute_language_confidence_values(cleaned)[:2]
    return {value.language for value in leading} == {Language.PORTUGUESE, Language.SPANISH}


# lingua at least this sure of its pick is not overruled by grammar words. Borrowed English
# words make lingua read Portuguese as English at up to 0.7 ("a live de black friday foi um
# fail total"), and as German or Italian at 0.35 at most; an Italian "o", "e" or "da", a German
# "uns" are Portuguese grammar words too, but lingua reads such posts at 0.75 and more.
_SURE = {"en": 0.8}
_SURE_OTHER = 0.5


def _by_grammar(code: str, cleaned: str, found: grammar.Counts) -> str | None:
    """The language a post's grammar words make it, where they overrule an unsure pick:
    borrowed English nouns pull "o app deu bug no login de novo" to English or German.
    lingua's own Spanish stays (its grammar words are the ones Portuguese shares least).
    Italian, French, German or Dutch grammar words leading all others decide first."""
    other = _other_grammar(cleaned, found)
    if other is not None:
        better = other  # "l'app crasha al login": Italian, whatever "crasha" and "app" are
    elif code not in ("pt", "es") and grammar.portuguese_grammar(found):
        better = "pt"
    elif code == "pt" and grammar.english_grammar(found):
        better = "en"
    elif code in (UNDETERMINED, "en") and grammar.spanish_grammar(found):
        better = "es"  # "la app se crashea en el login": lingua weighs the English loans
    elif code != "en" and found.pt == 0 and _short_english(cleaned):
        better = "en"  # "a password reset link": German at 0.42, under _SURE_OTHER
    else:
        return None
    if better == code:
        return code  # lingua's pick, its grammar beside it: no need to ask how sure it is
    return better if code == UNDETERMINED or not _sure(code, cleaned) else None


def _other_grammar(cleaned: str, found: grammar.Counts) -> str | None:
    """Italian, French, German or Dutch where that language's grammar words lead the post's,
    Portuguese, English and Spanish ones included (the loan verb "crasha" and "sempre" are
    Portuguese too: "l'app crasha sempre al login" was read as Portuguese)."""
    others = europe.counts(cleaned)
    code = europe.leading(others)
    if code is None or getattr(others, code) <= max(found.pt, found.en, found.es):
        return None
    return code


def _short_english(cleaned: str) -> bool:
    """A short post with English grammar and no word or word order only Portuguese writes
    ("a app pede login a toda a hora" has an article and two bare nouns too)."""
    short = len(_LETTERS.findall(cleaned)) < _SHORT
    return short and not _pt_only(cleaned) and english_words(cleaned) > 0


def _sure(code: str, cleaned: str) -> bool:
    language = Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    sure = _SURE.get(code, _SURE_OTHER)
    return detectors.confidence(cleaned, language) >= sure


# Hints that name no language: X marks a post of mentions, cashtags, hashtags or media only,
# or a very short one, with private-use codes (qam, qct, qht, qme, qst: all of qaa-qtz);
# "mis" and "mul" are uncoded and several languages. Taken as a language, "qst" was the
# reading's lang; now the text is read for one.
_NO_LANGUAGE = re.compile(rf"|{UNDETERMINED}|zxx|mis|mul|q[a-t][a-z]")


def _usable(hint: str | None) -> bool:
    return not _NO_LANGUAGE.fullmatch(primary_code(hint))


def primary_code(tag: str | None) -> str:
    """A language tag's language alone, lowercased ("pt-BR", "pt_PT" are "pt"), as readings and
    the labelled folders name languages; `und` for no tag. Corrections' languages are read so
    too: one reading's "pt" and another's platform "pt-BR" must meet in the same model."""
    return (tag or "").split("-")[0].split("_")[0].lower() or UNDETERMINED
