"""Complaint-reason cues as word lists, matched whole-word on accent-folded, lower-cased text.

Written without accents ("codigo", "sessao"): the text is folded the same way, so "código",
"codigo" and "CÓDIGO" all match. A trailing `*` takes any ending ("reembols*": reembolso,
reembolsar…); a space takes any run of spaces.
"""

from __future__ import annotations

import re

from sentiment._reason_words_families import FAMILY_STRONG_WORDS, FAMILY_WEAK_WORDS
from sentiment._reason_words_other import OTHER_WORDS

STRONG_WORDS: dict[str, tuple[str, ...]] = {
    # The courier and the doorstep: "the driver threw my parcel over the gate".
    "delivery": (
        "driver",
        "carteiro",
        "estafeta",
        "motorista",
        "doorstep",
        "porch",
        "remetente",  # sent back: "devolvida ao remetente" is no refund ("devolvi")
        # Never dispatched: "ordered 3 weeks ago, still says processing".
        *("still processing", "still says processing", "ainda em processamento"),
    ),
    # A code or a session is about getting in: "the SMS code never arrives" is not a parcel.
    "account_login": (
        # Not "sms" alone: "me mandaram um SMS dizendo que foi entregue" is about the parcel.
        "sms code*",
        "sms delivery",  # the codes' delivery: "SMS delivery to some carriers is flaky"
        "sms verification",
        "verification sms",
        "por sms",
        "via sms",
        "codigo sms",
        "codigo via sms",
        "sms de verificacao",
        "sms de confirmacao",
        "sms com o codigo",
        "otp",
        "2fa",
        "two-factor",
        "two factor",
        "one-time code",
        "login code",
        "verification*",
        "authenticat*",
        "autenticac*",
        "codigo de acesso",
        "codigo de verificacao",
        "codigo de seguranca",
        "codigo por sms",
        "password reset",
        "reset* my password",
        "reset link",
        "redefinir a senha",
        "redefinir senha",
        "recuperar a senha",
        "recuperar senha",
        "palavra-passe",
        "logged out",
        "logging in",
        "logging me out",
        "log me in",
        "log me out",
        "signed out",
        "sign me out",
        "locked out",
        "hacked",
        "hackead*",
        "invadid*",
        "terminar a sessao",
        "termina a sessao",
        "entrar na conta",
        "entrar na minha conta",
        "acessar a conta",
        "acessar minha conta",
        "aceder a conta",
        "recuperar a conta",
        "recuperar minha conta",
        "recover my account",
        *("two-step", "two step", "2-step", "reset email", "reset e-mail"),
    ),
    "refund_payment": (
        "charged twice",
        "charged me twice",
        "double charged",
        "double charge*",
        "duplicate charge*",
        "cobranca duplicada",
        "cobrancas duplicadas",
        "cobrado 2x",
        "cobrado duas vezes",
        "cobrou duas vezes",
        "cobraram duas vezes",
        "declin*",
        "cartao recusado",
        "money back",
        "dinheiro de volta",
        "estorn*",
        "reembols*",
        "comprovante",
        "overdrawn",
        "instalment*",
        "installment*",
        "parcela*",
        # A direct debit: "o valor foi debitado duas vezes", "o débito direto falhou".
        *("debitad*", "debito direto", "debito em conta", "billed", "billing"),
    ),
    # A fee or a promo code is a price complaint; shipping ("frete", "portes") is weak price
    # evidence below, since "paguei frete expresso e demorou 12 dias" is about the delivery.
    "price": (
        "promo code",
        "discount code",
        "codigo promocional",
        "cupom",
        "cupao",
        "voucher",
        "price match",
        "mensalidade",
        "service fee",
        "handling fee",
        "hidden fee*",
        "price rise",
        "price increase",
        "price hike",
        "aumentou",
        "cheaper",
        "mais barat*",
        "mais car*",
        "black fraude",
        "black friday",
        # "o frete é um roubo": the price is the complaint, whatever it is the price of.
        "um roubo",
        "roubalheira",
        "extorsao",
        "rip-off",
        "ripoff",
        "rip off",
        "daylight robbery",
    ),
    "product_quality": (
        "firmware",
        "bug",
        "bugs",
        "disconnect*",
        "desconect*",
        "peeling",
        "descasc*",
        "buzz*",
        "leak*",
        "vaza*",
        "died",
        "morreu",
        "pifou",
        "pifad*",
        "fell apart",
        "falling apart",
        "shrank",
        "shrunk",
        "encolh*",
        "scratched",
        "riscad*",
        "ripped",
        "rasgad*",
        "rasgou",
        "rasgaram",
        "torn",
        "dud",
        "duds",
        # An app that crashes or freezes is a faulty product, not a login problem.
        "crash*",
        "fecha sozinho",
        "fecha sozinha",
        "fechando sozinho",
        "travando",
        "travou",
        "freezes",
        "freezing",
        # Broken, in pt-PT and pt-BR slang; no sound, peeling soles, faded colours, no charge,
        # a black screen; a line or a connection that is down.
        *("avari*", "nao presta", "n presta", "chiado", "sem som", "descolou", "descolad*"),
        *("desbot*", "nao carrega", "black screen", "went black", "tela preta", "ecra preto"),
        *("sem internet", "sem sinal", "sem rede", "internet cai*", "no signal", "outage*"),
        # An app that won't open or loads forever; a device that overheats, burns or comes
        # apart at the seams ("o celular esquenta muito", "a alca ta descosturando").
        *("nao abre", "nao abrem", "tela branca", "ecra branco", "fica carregando", "won't open"),
        *("wont open", "doesn't open", "won't turn on", "wont turn on", "won't charge"),
        *("esquent*", "superaquec*", "aquece demasiado", "aquece muito", "queimou", "burning"),
        *("cheiro de queimado", "cheira a queimado", "soltando", "descostur*"),
    ),
    "support": (
        "chatbot",
        "chat bot",
        "assistente virtual",
        "auto-reply",
        "automatic reply",
        "resposta automatica",
        "talk to a human",
        "speak to a human",
        "real person",
        "falar com uma pessoa",
        "falar com um humano",
        "never heard back",
        "no replies",
        "zero replies",
        "zero resposta",
        "rude",
        "grosso",
        "grossa",
        "malcriad*",
        "mal educad*",
        "em espera",
        "call centre",
        "call center",
        "helpdesk",
        "escalar",
        "escalate*",
        # A ticket, in pt-BR ("abri um chamado"; not "um produto chamado X"); pt-PT's queue.
        *("abri chamado", "abri um chamado", "abrir um chamado", "abri outro chamado"),
        *("meu chamado", "o chamado", "do chamado", "chamados", "linha de espera"),
        *("no one answers", "nobody answers", "no one picks up", "nobody picks up"),
        *("nobody replies", "no one replies", "nobody has replied", "no one has replied"),
        *("nobody replied", "hasn't replied", "haven't replied", "still no reply"),
        *("nao tive resposta", "nao tive nenhuma resposta", "nenhuma resposta", "nao me respondem"),
    ),
    # What the six reasons are not: a wrong item, packaging, marketing, stock, accessibility.
    "other": OTHER_WORDS,
}
WEAK_WORDS: dict[str, tuple[str, ...]] = {
    # "lost parcel, no refund": what was lost is the parcel.
    "delivery": (
        "lost",
        "soaked",
        "molhad*",
        "crushed",
        "amassad*",
        "threw",
        "thrown",
        "jogou",
        "jogaram",
        "dumped",
    ),
    "product_quality": ("stopped", "parou de", "deixou de", "dead", "wifi", "wi-fi", "bluetooth"),
    # A box too big or soaked may be a parcel complaint too.
    "other": ("packaging", "embalage*"),
    # A bare amount is as often a refund or a charge as a price.
    "price": ("£*", "$*", "€*", "frete", "portes"),
    "support": ("chat", "human", "humano", "apoio", "reply", "replies"),
}


# The families that read `other` for want of a cue word (_reason_words_families).
for _lists, _family in ((STRONG_WORDS, FAMILY_STRONG_WORDS), (WEAK_WORDS, FAMILY_WEAK_WORDS)):
    for _reason, _cues in _family.items():
        _lists[_reason] = (*_lists.get(_reason, ()), *_cues)


def words_pattern(cues: tuple[str, ...]) -> str:
    """One alternation of whole-word cues; `*` at the end takes any ending."""
    return "|".join(_cue_pattern(cue) for cue in cues)


def _cue_pattern(cue: str) -> str:
    stem = cue.removesuffix("*")
    body = re.escape(stem).replace(r"\ ", r"\s+")
    start = r"\b" if stem[0].isalnum() else ""
    end = r"\w*" if cue.endswith("*") else (r"\b" if stem[-1].isalnum() else "")
    return f"(?:{start}{body}{end})"
