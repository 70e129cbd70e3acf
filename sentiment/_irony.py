"""Unmarked irony (EN, pt-BR, pt-PT): praise said of the very thing complained about.

"parabéns pela demora", "adorei esperar 3 semanas", "obrigadinho pela espera", "thanks for
ignoring my emails", "great, another week without my order": no marker says "I mean the
opposite" (_sarcasm), but no one sincerely thanks a brand for a delay, loves being on hold or
greets another week without an order. So each pattern here pairs a praise word (thanks,
congratulations, love, "great,", "que maravilha,") with a grievance that follows it closely;
praise of anything else ("parabéns pela entrega", "thanks for the update on the delay",
"adorei, chegou antes do prazo") holds no pattern. Written from general usage, not from a
set we measure on.
"""

from __future__ import annotations

import re

from mentiondesk.models import folded

# Matched on lower-cased text with accents removed ("à espera" is "a espera").
_AT = r"(?: @\w+)?"  # "Thank you @lumora for…", "Parabéns @lumora pelo…"
# A few words between, no punctuation: "por me deixarem pendurado", but not "I LOVED the
# episode!!! Can't wait", whose wait is another sentence's.
_SOME = r"(?:[\w@-]+ ){0,3}?"

# What a delay, a silence or poor service is called: "pela demora", "for the delay".
_GRIEF_PT = (
    r"(?:(?:longa|enorme|imensa|eterna|tremenda|bela|linda) )?"
    r"(?:demora|atraso|espera|descaso|desrespeito|enrolacao|incompetencia|pouca vergonha|"
    r"falta de (?:respeito|resposta|retorno|atencao|informacao|consideracao|educacao)|"
    r"(?:pessim|horrivel|terrivel)\w*)\b"
)
# "for the three week wait", "for the 2-hour delay": how long is the grievance told.
_HOW_LONG_EN = (
    r"(?:(?:\d+|an?|one|two|three|four|five|six|ten|several)[ -](?:minute|hour|day|week|month)s?"
    r"(?: long)? )?"
)
_GRIEF_EN = (
    r"(?:(?:long|endless|lovely|wonderful) )?"
    + _HOW_LONG_EN
    + r"(?:delays?|wait|runaround|silence)\b"
)
# A wrong done: "por cancelarem meu pedido", "for losing my parcel", "job charging me twice".
_WRONG_PT = (
    r"(?:me |nos )?(?:deixar(?:em)? " + _SOME + r"(?:esperando|aguardando|a espera|pendurad|"
    r"plantad|sem resposta|no vacuo)|(?:ignorar|perder|cancelar|enrolar|atrasar|esquecer|"
    r"enganar|cobrar (?:[\w@-]+ )?(?:duas vezes|a dobrar|em dobro|a mais))(?:em)?\b)"
)
_WRONG_EN = (
    r"(?:losing|ignoring|cancell?ing|(?:double )?charging (?:me|us) (?:[\w@-]+ )?(?:twice|double)|"
    r"overcharging|wasting|ghosting|hanging up|lying|leaving (?:me|us) (?:on hold|waiting|"
    r"hanging)|keeping (?:me|us) (?:on hold|waiting)|making (?:me|us) wait|never (?:answering|"
    r"replying|responding|calling))\b"
)
_THANKS_PT = r"\b(?:obrigad(?:o|a|inho|inha|issimo|issima)s?|valeu|agradeco(?: imenso| muito)?)"
_THANKS_EN = r"\b(?:thanks|thank you|thx|ty)(?: (?:so much|very much|a lot|a bunch|again))?"
_CHEERS_PT = r"\b(?:(?:meus )?parabens|belo trabalho|bom trabalho)"
_CHEERS_EN = (
    r"\b(?:congrats|congratulations|well done|bravo|kudos|"
    r"(?:great|nice|good|brilliant|fantastic|amazing|excellent) (?:job|work))"
)
# How long, in a love of waiting: "esperar 3 semanas", "waiting on hold forever".
_LONG = (
    r"(?:(?:\d+|um|uma|dois|duas|tres|quatro|cinco|dez|vinte|trinta|quarenta|meia|varias|"
    r"varios|uns|umas|an?|two|three|four|five|ten|several) (?:[\w@-]+ )?(?:min(?:uto)?s?|horas?|"
    r"dias?|semanas?|mes|meses|minutes?|hours?|hrs?|days?|weeks?|months?)\b|forever|ages|"
    r"uma eternidade|em linha|na linha|no telefone|on hold|retorno|resposta|sem\b)"
)
# "the wait", "the 45 minute wait": not "the episode, cant wait", which looks forward to it.
_DELAY_EN = (
    r"(?:(?:long|endless|never-ending|\d+[\w-]*) )?(?:(?:minute|hour|day|week|month)s? )?"
    r"(?:wait|delay|silence)\b"
)
_LOVE_PT = r"\b(?:adorei|adoro|amei|amo|adorando|amando)(?: (?:muito|demais|simplesmente))?"
_LOVE_EN = r"\b(?:love|loved|loving|adore)"
# What no one loves doing: waiting long, being ignored, paying twice, getting the wrong item.
_ORDEAL_PT = (
    r"(?:(?:ficar|estar) )?(?:esperar|aguardar|esperando|aguardando|a espera)(?: [\w@-]+){0,2}? "
    + _LONG
    + r"|(?:ficar|estar) (?:[\w@-]+ ){0,2}?(?:em linha|na linha|no telefone|sem resposta)"
    r"|ser (?:ignorad|enganad|mal atendid|feit[oa] de (?:palhac|trouxa|bob)|tratad[oa] (?:assim|"
    r"como|mal))|pagar (?:[\w@-]+ ){0,3}?(?:duas vezes|dobrado|em dobro|a dobrar)|"
    r"(?:[\w@-]+ ){0,3}?receber (?:[\w@-]+ ){0,3}?(?:errad|quebrad|partid|danificad|estragad|"
    r"com defeito|incomplet)"
)
_ORDEAL_EN = (
    r"(?:sitting |being |waiting )?on hold|waiting(?: [\w@-]+){0,2}? "
    + _LONG
    + r"|being (?:ignored|lied to|ghosted|hung up on|left on read|charged twice)|paying twice|"
    r"getting (?:ignored|charged twice|no (?:reply|answer|response))|"
    r"how (?:you|they|@\w+)(?: guys)?(?: just| still)? (?:ignore|lose|cancel|never)"
)
# "great, another week without my order", "que maravilha, mais uma semana sem a encomenda".
_WOW_EN = (
    r"(?:^|[.!?;]\s*)(?:oh |just |well |wow,? )?(?:great|wonderful|perfect|awesome|fantastic|"
    r"lovely|brilliant|amazing|splendid|superb|excellent|nice|fabulous)[.!,]+ "
)
_WOW_PT = (
    r"(?:^|[.!?;]\s*)(?:que (?:maravilha|beleza|bom|otimo|lindo|legal|sorte)|maravilha|beleza|"
    r"otimo|perfeito|excelente|fantastico|espetacular|espetaculo|sensacional|bestial|lindo|"
    r"incrivel)[.!,]+ "
)
# "another week without problems", "mais uma semana sem problemas" are thanks, not grievance.
_NO_TROUBLE = (
    r"(?! (?:a |any |a single |nenhum |nenhuma |qualquer )?(?:issues?|problems?|complaints?|"
    r"hiccups?|problemas?|reclamac|defeitos?|erros?|stress)\b)"
)
_AGAIN_EN = (
    r"(?:yet )?another (?:(?:delay|excuse|cancellation|automated (?:reply|email)|canned "
    r"(?:reply|response))|(?:[\w@-]+ )?(?:week|day|month|hour|email|call|ticket)s? "
    r"(?:[\w@-]+ ){0,2}?(?:without|and still|and no|of waiting|waiting|on hold))\b"
    + _NO_TROUBLE
    + r"|(?:still|again) (?:no|not|waiting|nothing)\b(?! over\b)"
    + _NO_TROUBLE
)
_AGAIN_PT = (
    r"(?:mais (?:um|uma)|outr[oa]) (?:(?:atraso|desculpa|erro|cancelamento|protocolo)\b|"
    r"(?:[\w@-]+ ){0,2}?(?:sem|a espera|esperando|de espera|e nada)\b)"
    + _NO_TROUBLE
    + r"|(?:ainda|de novo|outra vez) (?:sem|nada|a espera)\b"
    + _NO_TROUBLE
    + r"|cobra\w*(?:-me)? (?:[\w@-]+ )?(?:duas vezes|a dobrar|em dobro)"
)
_PATTERNS = (
    _THANKS_PT + _AT + r" (?:pel[oa]s?|por) " + _GRIEF_PT,
    # "Agradeço imenso a demora"; not "valeu a espera", which says the wait was worth it.
    r"\bagradeco(?: imenso| muito)?" + _AT + r" (?:a|o) " + _GRIEF_PT,
    _THANKS_PT + _AT + r" por " + _WRONG_PT,
    _CHEERS_PT + _AT + r" (?:pel[oa]s?|por) (?:" + _GRIEF_PT + "|" + _WRONG_PT + ")",
    _THANKS_EN + _AT + r" for (?:the |your |all the )?(?:" + _GRIEF_EN + "|" + _WRONG_EN + ")",
    _CHEERS_EN + _AT + r"(?: (?:on|for))? " + _WRONG_EN,
    _LOVE_PT + r" (?:" + _ORDEAL_PT + ")",
    _LOVE_EN + r" (?:(?:[\w@-]+ ){0,3}?(?:" + _ORDEAL_EN + r")|the " + _DELAY_EN + ")",
    _WOW_EN + r"(?:[\w@-]+ )?(?:" + _AGAIN_EN + ")",
    _WOW_PT + r"(?:[\w@-]+ )?(?:" + _AGAIN_PT + ")",
)
_IRONIC = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def says_ironically(text: str) -> bool:
    """Whether the text praises what it complains of, by one of the patterns above."""
    return _IRONIC.search(folded(text)) is not None
