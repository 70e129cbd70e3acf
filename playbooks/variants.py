"""Portugal's Portuguese or Brazil's? Told from words only one side uses, conservatively.

Language detectors (lingua included) read both as `pt`. A reply in the wrong variant reads
foreign ("equipe", "seu pedido" to someone in Lisbon), so the author's own words decide: a post
with European words ("telemóvel", "portes", "CTT", "o vosso", "à espera", "trocou-me", "estou
a aguardar") and no Brazilian ones ("vc", "você", "pra", "celular", "R$", "estou aguardando")
is answered in pt-PT; an author on a .pt server or domain too. Anything in doubt gets the
team's own variant: Brazil's (the shipped default), or Portugal's for `default_lang = "pt-PT"`,
whose team then answers Brazilian words or a .br server in pt-BR.
"""

from __future__ import annotations

import re

_WORDS = r"(?<![\w@#]){}(?![\w])"

# Words and spellings of Portugal that Brazilians do not use (or write otherwise). "aceite" is
# Portugal's participle only after a verb: bare, it is the imperative both write ("aceite a troca").
_EUROPEAN = re.compile(
    _WORDS.format(
        "(?:telemóve(?:l|is)|portes|ctt|mb ?way|multibanco|nif|auscultadores|candeeiros?|ecrãs?"
        "|equipa|autocarros?|comboios?|frigorífico|pequeno-almoço|casa de banho|palavra-passe"
        "|utilizador(?:es)?|registo|facto|contactos?|receção|avariad[oa]s?|avaria"
        "|apoio ao cliente|livro de reclamações|deco|asae|tenho de|temos de|têm de|ao fim de"
        "|aceites|(?:foi|foram|é|são|ser|sido|seja|está|estão|ficou) aceite|passatempos?"
        "|à espera|voss[oa]s?|€|euros?"
        # A telecom's customers: Brazil says "plano" for the tariff; "bué" is Portugal's slang.
        "|tarifários?|bué"
        # Portugal's complaint bodies and regulators: where its consumers say they will go.
        "|portal da queixa|anacom|erse|banco de portugal|julgados? de paz|centros? de arbitragem)"
    ),
    re.IGNORECASE,
)
# The euro sign, glued to its amount as Portugal writes it ("50€", "€50"): the word guard above
# finds it only with a space on each side ("50 €").
_EURO_AMOUNT = re.compile(r"\d\s?€|€\s?\d")
# Places in Portugal: they tell Portugal unless Brazil's words are there, or Brazil is named too.
_PORTUGAL = re.compile(_WORDS.format("(?:portugal|lisboa|coimbra|açores|algarve)"), re.IGNORECASE)
# Pronouns after the verb ("trocou-me", "deitei-a", "queixar-me"): Brazil puts them before.
# "-se" is left out: Brazilian writing uses it too ("chama-se").
_ENCLISIS = re.compile(r"(?<![\w-])(\w{3,})-(?:me|te|lhe|lhes|nos|vos|a|o|as|os)(?![\w-])")
# ...but for a request opening its clause ("Bom dia, envie-me por favor o código", "Digam-me"):
# formal Brazilian never opens a clause with the pronoun, so writes it so too. Such a verb ends
# in -e/-a (-em/-am, unlike "cobraram-me"); "trocou-me", "mudei-a", "sinto-me" still count.
_REQUEST = re.compile(r"(?:[ae]|[^r][ae]m)$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"(?:^|[.,;:!?…()\"“”]|@\w+|\bpor favor|\bfavor)\s*$", re.IGNORECASE)
_LOOK_BACK = 32  # characters before the verb that tell a clause start: keeps a long post linear
# "estou a aguardar": Portugal's progressive; Brazil says "estou aguardando".
_PROGRESSIVE = re.compile(
    r"\b(?:estou|estás|está|estamos|estão|estava|estavam|ando|anda|andam) a \w+[aei]r\b",
    re.IGNORECASE,
)
_BRAZILIAN = re.compile(
    _WORDS.format(
        "(?:vc|vcs|você|pra|pro|tá|tô|celular|r\\$|correios|cpf|cep|pix|boleto|frete|nota fiscal"
        "|ônibus|equipe|registro|usuári[oa]s?|contato|procon|reclame aqui|sac|kkk+|mds"
        # Brazil's complaint bodies and regulators ("anac" is left out: Portugal has one too).
        "|anatel|consumidor\\.gov|senacon|aneel|bacen)"
    ),
    re.IGNORECASE,
)
# Naming Brazil is a weak cue: a parcel from Brazil reaches Portugal too ("O meu telemóvel veio
# do Brasil"). It counts only where no word of Portugal's does.
_BRAZIL = re.compile(_WORDS.format("brasil"), re.IGNORECASE)
# "estou aguardando", "continua dando erro": Brazil's progressive.
_GERUND = re.compile(
    r"\b(?:estou|está|estamos|estão|estava|estavam|fico|fica|ficou|continua|vou|vai|ando|anda)"
    r" \w+ndo\b",
    re.IGNORECASE,
)
# The region a bare locale's replies are written for: `templates/pt/` is Brazil's.
_DEFAULT_REGION = {"pt": "pt-BR"}
_EUROPEAN_DOMAIN = re.compile(r"\.pt$", re.IGNORECASE)
_BRAZILIAN_DOMAIN = re.compile(r"\.br$", re.IGNORECASE)


def european(text: str, handle: str = "") -> bool:
    """True when the post (or the author's server) is from Portugal beyond reasonable doubt."""
    if _BRAZILIAN_DOMAIN.search(handle) or "r$" in text.lower():
        return False
    if _EUROPEAN_DOMAIN.search(handle):
        return True
    return _european_said(text) and not _brazilian_said(text)


def _european_said(text: str) -> bool:
    """Whether the post writes as only Portugal does, or names a place in Portugal with none
    of Brazil's words ("Meu celular veio de Portugal" is Brazilian)."""
    if _european_words(text):
        return True
    return bool(_PORTUGAL.search(text)) and not _brazilian_words(text)


def _european_words(text: str) -> bool:
    """Whether the post has a word, spelling or pronoun only Portugal writes."""
    return any(p.search(text) for p in (_EUROPEAN, _EURO_AMOUNT, _PROGRESSIVE)) or _enclisis(text)


def _brazilian_said(text: str) -> bool:
    """`_european_said`'s mirror: Brazil's words, or Brazil named with none of Portugal's
    ("O meu telemóvel veio do Brasil" is European; "comprei em Portugal ... aqui no Brasil",
    naming both, is in doubt)."""
    if _brazilian_words(text):
        return True
    return bool(_BRAZIL.search(text)) and not _european_words(text)


def _brazilian_words(text: str) -> bool:
    """Whether the post has a word or a progressive only Brazil writes."""
    return bool(_BRAZILIAN.search(text) or _GERUND.search(text))


def _enclisis(text: str) -> bool:
    """A pronoun after the verb ("a loja trocou-me"), other than a request opening a clause."""
    return any(
        not (
            _REQUEST.search(m[1])
            and _CLAUSE_START.search(text[max(0, m.start() - _LOOK_BACK) : m.start()])
        )
        for m in _ENCLISIS.finditer(text)
    )


def tag(code: str) -> str:
    """A language tag as locales are written: "PT_pt" → "pt-PT", "PT" → "pt"."""
    language, _, region = code.strip().replace("_", "-").partition("-")
    return f"{language.lower()}-{region.upper()}" if region else language.lower()


def regional(locale: str) -> str:
    """The locale with its region: "pt" (Brazil's, the shipped default) → "pt-BR"."""
    return _DEFAULT_REGION.get(locale, locale)


def brazilian(text: str, handle: str = "") -> bool:
    """`european`'s mirror, for a team whose own variant is Portugal's: the post (or the
    author's server) is from Brazil beyond reasonable doubt."""
    if _EUROPEAN_DOMAIN.search(handle):
        return False
    if _BRAZILIAN_DOMAIN.search(handle) or "r$" in text.lower():
        return True
    return _brazilian_said(text) and not _european_said(text)


def in_doubt(lang: str, default_lang: str, text: str, handle: str = "") -> str:
    """The reply's locale where nothing more telling decided it: `default_lang`'s region for
    its own language (a Portugal-only team's `pt-PT`), unless the author writes as only the
    other region does; else `lang`, whose folder holds the shipped variant."""
    default = tag(default_lang)
    if default.split("-")[0] != lang or default in (lang, regional(lang)):
        return lang
    return "pt-BR" if lang == "pt" and brazilian(text, handle) else default
