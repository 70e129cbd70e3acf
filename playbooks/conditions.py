"""A rule's `when` values checked at load: a platform, topic, reason or language that no reading
carries would leave the rule silently never firing (`platform = ["twitter"]`, `reason =
["entrega"]`, `lang = ["portugues"]`), so each is refused naming the fix."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from mentiondesk.models import FORMER_PLATFORMS, REASONS, TOPICS
from playbooks import variants

# ISO 639-1: what lingua reads (en, pt, es, fr, it, de) and what a platform tags a post with
# ("ja" on Mastodon); `und` is a reading that could not tell.
_ISO_639_1 = (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho "
    "hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku "
    "kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn "
    "no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm "
    "sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi "
    "vo wa wo xh yi yo za zh zu und "
)
_LANGUAGES = frozenset(_ISO_639_1.split())
_REGION = re.compile(r"[A-Z]{2}|\d{3}")  # "PT", "BR", "419"
# Languages by the names a team writes instead of the tag, English and Portuguese.
_LANGUAGE_NAMES = {
    "portuguese": "pt",
    "portugues": "pt",
    "português": "pt",
    "portugal": "pt-PT",
    "europeu": "pt-PT",
    "brasil": "pt-BR",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "brasileiro": "pt-BR",
    "english": "en",
    "ingles": "en",
    "inglês": "en",
    "spanish": "es",
    "espanhol": "es",
    "español": "es",
    "french": "fr",
    "frances": "fr",
    "francês": "fr",
    "italian": "it",
    "italiano": "it",
    "german": "de",
    "alemao": "de",
    "alemão": "de",
}
# What a team writes for a language and means otherwise: a country's code ("br" is Breton to
# ISO 639-1, but a rule for Brazil's customers would never fire), a region glued on ("ptbr"),
# a three-letter code (ISO 639-2, "por", which no reading carries). Compared in lower case,
# letters only ("PT BR", "pt.br").
_MEANT = {
    "br": "pt-BR",
    "bra": "pt-BR",
    "ptbr": "pt-BR",
    "ptbra": "pt-BR",
    "ptpt": "pt-PT",
    "ptprt": "pt-PT",
    "us": "en",
    "usa": "en",
    "gb": "en",
    "enus": "en-US",
    "engb": "en-GB",
    "eng": "en",
    "por": "pt",
    "spa": "es",
    "esp": "es",
    "fra": "fr",
    "fre": "fr",
    "ita": "it",
    "deu": "de",
    "ger": "de",
}
# Real ISO 639-1 codes refused all the same: far more often a country than the language.
_COUNTRY_LIKE = {"br": "Breton"}
# Topic and reason codes by the words a team writes instead, Portuguese first.
_CODE_WORDS = {
    "entrega": "delivery",
    "entregas": "delivery",
    "envio": "delivery",
    "encomenda": "delivery",
    "reembolso": "refund_payment",
    "pagamento": "refund_payment",
    "refund": "refund_payment",
    "payment": "refund_payment",
    "qualidade": "product_quality",
    "produto": "product_quality",
    "defeito": "product_quality",
    "quality": "product_quality",
    "suporte": "support",
    "apoio": "support",
    "atendimento": "support",
    "preço": "price",
    "preco": "price",
    "conta": "account_login",
    "senha": "account_login",
    "account": "account_login",
    "login": "account_login",
    "outro": "other",
    "outros": "other",
    "descadastro": "opt_out",
    "cancelamento": "opt_out",
    "opt-out": "opt_out",
}


def platforms(values: Sequence[str], known: Sequence[str] | None) -> list[str]:
    """`values`, or ValueError for one no source listens to (`known`: the registry's; None
    where the caller does not say, e.g. a playbook read on its own)."""
    if known is not None:
        _refuse("platform", values, list(known), FORMER_PLATFORMS)
    return list(values)


def topics(values: Sequence[str]) -> list[str]:
    _refuse("topic", values, list(TOPICS), _CODE_WORDS)
    return list(values)


def reasons(values: Sequence[str]) -> list[str]:
    _refuse("reason", values, list(REASONS), _CODE_WORDS)
    return list(values)


def languages(values: Sequence[str]) -> list[str]:
    """`values` as tags ("PT_pt" → "pt-PT"), or ValueError for one that is no language tag,
    or one written for a country ("br": Brazil, not Breton)."""
    for value in values:
        language, _, region = variants.tag(value).partition("-")
        if (
            language not in _LANGUAGES
            or (region and not _REGION.fullmatch(region))
            or (not region and language in _COUNTRY_LIKE)
        ):
            raise ValueError(_no_language(value))
    return [variants.tag(v) for v in values]


def _no_language(value: str) -> str:
    """`no language 'ptbr'; did you mean 'pt-BR'?`, else the way to write one."""
    name = value.strip().lower()
    letters = re.sub(r"[^a-z]", "", name)
    own = (
        f" (the code of {_COUNTRY_LIKE[letters]}, not a country)"
        if letters in _COUNTRY_LIKE
        else ""
    )
    if letters in _MEANT:
        fix = f"did you mean {_MEANT[letters]!r}?"
    else:
        close = name if name in _LANGUAGE_NAMES else close_to(name, list(_LANGUAGE_NAMES))
        fix = f"did you mean {_LANGUAGE_NAMES[close]!r}?" if close else "write a language tag"
    return f"no language {value!r}{own}; {fix} (a tag: en, pt, pt-BR, pt-PT, es, …)"


def _refuse(what: str, values: Sequence[str], known: list[str], words: Mapping[str, str]) -> None:
    for value in values:
        if value not in known:
            raise ValueError(unknown(what, value, known, words))


def unknown(
    what: str, value: object, known: Sequence[str], words: Mapping[str, str] | None = None
) -> str:
    """`no topic 'entrega'; did you mean 'delivery'?`, else the values to use (`words`: the
    code by what a team may write instead)."""
    wanted = str(value).lower()
    wanted = (words or {}).get(wanted, wanted)
    close = wanted if wanted in known else close_to(wanted, list(known))
    fix = f"did you mean {close!r}?" if close else f"use one of: {', '.join(known)}"
    return f"no {what} {value!r}; {fix}"


def close_to(value: str, known: list[str]) -> str | None:
    """The one of `known` that `value` is likely a misspelling of, if any."""
    found = difflib.get_close_matches(value, known, n=1)
    return found[0] if found else None
