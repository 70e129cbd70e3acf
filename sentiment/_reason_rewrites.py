"""What reasons.py does to a post before and after counting cues, on accent-folded text.

Before: pt-BR's shorthand is spelt out ("n chegou" is "nao chegou", "ngm responde" is "ninguem
responde"), and phrases whose words belong to the wrong reason are neutralised: money that left
"a minha conta" is a payment, not a sign-in; "vou fechar minha conta" is a customer leaving, not
one locked out; "travou na tela de pagamento" is the app's fault, not the payment's.

After: nobody answering is the complaint only when nothing else is. "veio com defeito e o sac
não responde" is a defect the desk also ignored: the recurring problem to fix is the defect.
"""

from __future__ import annotations

import re

# Whole-word shorthand, as typed on a phone: "vc", "q", "pq", "n", "ngm", "hj", "msm"...
_SHORTHAND = {
    "n": "nao",
    "naum": "nao",
    "nd": "nada",
    "ngm": "ninguem",
    "nnguem": "ninguem",
    "hj": "hoje",
    "msm": "mesmo",
    "vc": "voce",
    "vcs": "voces",
    "pq": "porque",
    "q": "que",
    "tb": "tambem",
    "tbm": "tambem",
    "cmg": "comigo",
    "td": "tudo",
    "mt": "muito",
    "mto": "muito",
    "dnv": "de novo",
    "pdd": "pedido",
}
# Not "n.º 4521" nor "n° 123" (número): an order's number, no "não".
_SHORTHAND_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _SHORTHAND)) + r")\b(?![.°])")

# Money out of (or into) the bank account: "o pix foi descontado da minha conta".
_MONEY_ACCOUNT = re.compile(
    r"\b(?:descontad[oa]s?|debitad[oa]s?|tirad[oa]s?|retirad[oa]s?|"
    r"cobrad[oa]s?|cobr(?:ou|aram)|descont(?:ou|aram)|debit(?:ou|aram)|tir(?:ou|aram)|levaram|"
    r"took|taken|debited|withdr[ae]wn?|came out)"
    # Not across a sign-in: "levaram o dinheiro e nao consigo entrar na minha conta".
    r"((?: (?!nao\b|consig|conseg|entrar|acess|aceder|log|sess|sign|can)\S+){0,3}) "
    r"(?:d[aoe]|n[ao]|from|of|to|into) (?:(?:a|minha|a minha|my|our) )?"
    r"(?:conta|account)\b"
)
# A customer leaving: "fechei a conta", "cancelando minha conta", "closing my Lumora account",
# "account closed". Not one who cannot ("não consigo excluir minha conta" is the account's
# problem).
_LEAVING = re.compile(
    r"(?<!consigo )(?<!consegui )(?<!como )(?<!can't )(?<!cant )(?<!cannot )(?<!how to )"
    r"\b(?:fech|cancel|encerr|apag|exclu|delet|clos)\w* (?:(?:a|minha|a minha|my|the) )?"
    r"(?:[\w+]+ )?(?:conta|account)\b|"
    r"\b(?:conta|account) (?:fechada|encerrada|cancelada|apagada|closed|cancell?ed|deleted)\b"
)
# A code that is no sign-in code: a discount's ("o código de desconto não funciona") is the
# price's, a locker's ("o código de levantamento") the parcel's; `codigo` alone is a login cue.
_NOT_LOGIN_CODE = re.compile(
    r"\bcodigos? (?:de |do |da )?(?:(desconto|promocional|promocao|promo|cupao|cupom|oferta)|"
    r"(levantamento|recolha|cacifo|retirada))\b"
)
# Tax details on an invoice are no charge: "a fatura saiu sem o meu NIF" is `other`.
_TAX_INVOICE = re.compile(
    r"\b(?:faturas?|facturas?|invoices?|recibos?)\b(?=(?: \S+){0,6} (?:nif|contribuinte|cpf|cnpj|"
    r"vat number|tax number)\b)"
)
# A screen of the app named after what it is for: the fault is the app's.
_CHECKOUT_SCREEN = re.compile(
    r"\b(?:tela|pagina|ecra|etapa|passo) (?:de|do) (?:pagamento|checkout)\b|"
    r"\b(?:payment|checkout) (?:page|screen|step)\b"
)

# Nobody answering, as opposed to a bad answer ("mandaram-me reiniciar o router").
_NO_ANSWER = re.compile(
    r"\bnao (?:me )?(?:respond|respodem|atend|retorn|dao retorno|da retorno)\w*|"
    r"\bninguem (?:me )?(?:respond|atend|resolv|retorn|liga)\w*|\bsem (?:nenhuma )?resposta|"
    r"\bsem retorno|\bnao tive (?:nenhuma )?resposta|\b(?:has|have)n'?t (?:replied|answered)|"
    r"\b(?:nobody|no one) has (?:replied|answered)|\bno (?:reply|answer|response)|"
    r"\bnobody (?:answers|replies)|"
    r"\bno one (?:answers|replies)|\bnever (?:answer|repl|respond)\w*|\bheard back|"
    r"\bignor\w*|\bnot (?:answering|responding|replying)|"
    r"\b(?:don'?t|doesn'?t|does not|won'?t|will not|didn'?t) (?:answer|reply|respond)"
)
# The problem itself said, per reason (not merely named: "about my parcel" is no problem).
_PROBLEM = {
    "account_login": re.compile(
        r"bloquead|bloqueou|locked out|hacked|hackead|invadi|nao consigo (?:fazer )?(?:login|"
        r"entrar|acessar|aceder|iniciar)|can'?t (?:log|sign)"
    ),
    "refund_payment": re.compile(
        r"estorn|reembols|refund|dinheiro de volta|money back|charged (?:me )?twice|"
        r"double charg|cobr\w* (?:\w+ )?(?:duas vezes|2x|em dobro|a mais|indevid|errad)|"
        r"em dobro|indevid|duplicad"
    ),
    "product_quality": re.compile(
        r"defeito|defect|quebr|broke|avari|parou de|stopped working|nao funciona|"
        r"doesn'?t work|not working|faulty|danificad|damaged|trava|crash|estragou|partid"
    ),
    "delivery": re.compile(
        r"atras|demor|\blate\b|delay|nao (?:chegou|recebi|veio)|never (?:arrived|came|received)|"
        r"hasn'?t arrived|extravi|perd(?:eu|eram|ida|ido)|\blost\b|parad[oa]|\bcade\b|"
        r"where(?:'s| is) my|processing|endereco errado|morada errada|wrong address|amassad|"
        r"crushed|molhad|soaked"
    ),
    # `other` scores its own problems only (a wrong item, a wrong colour): any is one.
    "other": re.compile(r""),
}


def rewritten(words: str) -> str:
    """Folded `words` with shorthand spelt out and misleading account/payment phrases
    neutralised (see the module's docstring)."""
    words = _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(0)], words)
    words = _MONEY_ACCOUNT.sub(r"debitado\1 da conta bancaria", words)
    words = _CHECKOUT_SCREEN.sub(" checkout ", words)
    words = _NOT_LOGIN_CODE.sub(
        lambda m: " cupom de desconto " if m.group(1) else " cacifo ", words
    )
    words = _TAX_INVOICE.sub(" documento fiscal ", words)
    return _LEAVING.sub(" ", words)


def beyond_support(words: str, scores: dict[str, int], order: tuple[str, ...]) -> str | None:
    """The reason whose problem the desk left unsolved, for a post whose support cues win:
    one that states another reason's problem and complains of no answer, or states it with as
    much evidence as the support has ("pedido atrasado e o sac não ajuda"); None otherwise."""
    unanswered = bool(_NO_ANSWER.search(words))
    stated = [
        r
        for r in order
        if r in _PROBLEM
        and scores[r] > 0
        and (unanswered or scores[r] >= scores["support"])
        and _PROBLEM[r].search(words)
    ]
    return max(stated, key=lambda r: scores[r]) if stated else None
