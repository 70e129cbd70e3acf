"""Complaint reason by weighted keyword evidence, in English and Portuguese (BR and PT).

The topic tagger says what a post mentions; a reason must pick one thing complained about.
"the refund hasn't arrived" mentions arriving but complains about a refund, so each reason has
strong cues (weight 2) and weak ones (weight 1), and a tie goes to the more specific reason.
"""

from __future__ import annotations

import re

from mentiondesk.models import folded, strip_accents
from sentiment._reason_rewrites import beyond_support, rewritten
from sentiment._reason_words import STRONG_WORDS, WEAK_WORDS, words_pattern
from sentiment._reason_words_families import FAMILY_STRONG
from sentiment.topics import _TOPIC_WORDS, CODE

# "my order", "o meu pedido", "a minha encomenda": what a missing-order phrase is about.
_MY_EN = r"(?:(?:my|our|the|an?|any) )?"
_ORDER_EN = r"(?:order|package|parcel|delivery|item|stuff|purchase)s?\b"
_MY_PT = r"(?:(?:o|a|os|as) )?(?:(?:meu|minha|meus|minhas|nosso|nossa) )?"
_ORDER_PT = r"(?:pedido|encomenda|compra|pacote|produto|entrega)s?\b"

# Order breaks ties: the specific reasons first, delivery (whose words are the most generic) next
# to last. `other` scores only its own cues (a wrong item, packaging, marketing…) and loses every
# tie: "the refund confirmation went to my spam folder" is about the refund. A payment or a coupon
# that "doesn't work" is the payment's or the price's problem, so both outrank product_quality.
_PRIORITY = (
    "account_login",
    "refund_payment",
    "price",
    "product_quality",
    "support",
    "delivery",
    "other",
)

_STRONG: dict[str, str] = {
    "delivery": r"deliver|shipping|shipment|parcel|package|courier|tracking number|dispatch|"
    r"warehouse|entreg|encomenda|correios|\bctt\b|loggi|rastreio|rastreamento|transportadora|"
    r"never arrived|hasn'?t arrived|customs|in transit|alfândega|alfandega|aduan|"
    r"em trânsito|em transito|"
    # The order itself missing: "Cadê o meu pedido?", "I never received my order".
    rf"\bcad[êe] {_MY_PT}{_ORDER_PT}|(?:não|nao|nunca) (?:recebi|recebemos) {_MY_PT}"
    rf"{_ORDER_PT}|{_ORDER_PT} (?:ainda )?(?:não|nao|nunca) (?:chegou|veio|apareceu)|"
    rf"(?:esperando|aguardando|à espera d[aoe]) {_MY_PT}{_ORDER_PT}|"
    rf"where(?:'?s| is| are)? {_MY_EN}{_ORDER_EN}|(?:never|not|n'?t|yet to) (?:got|gotten|"
    rf"received?|get) {_MY_EN}{_ORDER_EN}|waiting (?:for|on) {_MY_EN}{_ORDER_EN}|"
    # Nothing yet: "até agora nada do meu pedido", "nada da encomenda".
    rf"\bnada d[oa]s? (?:(?:meu|minha|meus|minhas|nosso|nossa) )?{_ORDER_PT}|"
    # Held somewhere on the way; a robot vacuum stuck under the sofa stays product_quality.
    rf"{_ORDER_EN} (?:is |has been |got |was )?stuck|{_ORDER_PT} (?:está |esta |tá |ta |ficou )?"
    r"(?:pres[oa]|parad[oa])|stuck (?:in|at) (?:the )?(?:depot|hub|warehouse|sorting|post office)|"
    r"(?:pres[oa]|parad[oa]|retid[oa]) (?:na|no|nos|em) (?:receita|fiscaliza|centro de distrib|"
    r"armaz[ée]m|triagem|ag[êe]ncia)",
    "refund_payment": r"refund|charged|double charge|payment|paid|money back|chargeback|"
    r"my money|gift card|reembols|estorn|cobrou|cobrad|cobran|cobrar|pagamento|paguei|\bpix\b|"
    r"boleto|mb ?way|dinheiro|devolvi|took the money|balance|cai[ru]? na (?:minha )?conta|"
    r"conta (?:bancária|bancaria|corrente)",
    "product_quality": r"broke|broken|defect|faulty|stopped working|doesn'?t work|quality|"
    r"damaged|crack|overheat|flicker|creak|junk|melt|gone yellow|switching itself|"
    r"quebr|defeito|parou de funcionar|avaria|estrag|qualidade|danificad|pisca|barulho|"
    r"amarel|derret|estuf|com defeito|trava",
    "support": r"support|customer service|customer care|helpline|help centre|help center|"
    r"ticket|callback|call ?back|heard back|no reply|no answer|no response|\bbot\b|on hold|"
    r"hung up|agent|atendiment|suporte|\bsac\b|0800|ninguém responde|ninguem responde|"
    r"sem resposta|atendente|retorno|apoio ao cliente|link de ajuda|protocolo",
    "price": r"price|expensive|overpriced|\bfees?\b|costs?\b|went up|pay more|"
    r"preço|preco|caro\b|taxa|custa|aumento|subiu|propaganda enganosa|"
    r"black fraude|promo|desconto|cupom|frete grátis|frete gratis|portes grátis|portes gratis|"
    r"portes gratuitos|"
    # A charge shown only at the end is a hidden fee: "o frete só aparece no final da compra".
    r"(?:só |so )?aparecem? (?:só |so )?no final|only (?:shows?|appears?) (?:up )?at (?:the )?"
    r"(?:end|checkout)",
    # A cancellation for want of stock: "aprovou o pagamento e cancelou porque acabou o estoque".
    "other": r"cancel\w*(?= (?:\w+ ){0,4}(?:out of stock|sem esto|acabou o esto|esgot))",
    "account_login": r"log ?in|logs? me out|sign ?in|sign-in|password|locked out|2fa|"
    r"two-factor|verification|\botp\b|senha|deslog|bloquead|bloqueou|"
    r"palavra-passe|iniciar sessão|duas etapas|verificação|invadiram|hacked|login|"
    # Getting in, not getting in touch: "não consigo entrar em contacto" is the support's.
    r"\blog(?:ar|ando)\b|\bnão (?:loga|logou)\b|\bnão (?:consigo|consegui|conseguimos|dá pra|"
    r"dá para) (?:mais )?entrar\b(?! (?:em )?conta[ct])",
}
_WEAK: dict[str, str] = {
    "delivery": r"arriv|chegou|chegar|shipped|late\b|atrasad|prazo|frete|waiting for|demor|"
    r"\b(?:took|levou|levaram) (?:\d+|a few|two|three|four|five|six|several|dois|duas|três|"
    r"quatro|cinco|seis|várias) (?:more )?(?:days|weeks|dias|semanas)\b|"
    # A bare "cadê???" that ends the post: "hj é dia 20, cadê???" asks where the order is.
    r"\bcad[êe]\W*$",
    "refund_payment": r"return|cartão|cartao|card\b|pagar|fatura|factura",
    # A stuck button or a robot stuck under the sofa; a parcel stuck somewhere is delivery above.
    "product_quality": r"not working|não funciona|nao funciona|keeps|sound|bateria|battery|"
    r"stuck|pres[oa]\b",
    # "respond" as a word's start: "não corresponde ao anúncio" answers nothing.
    "support": r"email|e-mail|called|liguei|ninguém|ninguem|\brespond",
    "price": r"expensive|valor|paga mais",
    "account_login": CODE,
}


def _compile(*patterns: str) -> re.Pattern[str]:
    # Folded like the text, so a cue written "alfândega" or "alfandega" matches both.
    return re.compile(strip_accents("|".join(p for p in patterns if p)))


# Asking for the money back is the remedy, not the complaint: "três aspiradores com defeito,
# quero meu dinheiro de volta" is about the vacuums. Such a demand is weak refund evidence.
# So is a chargeback threatened or filed: "in transit for three weeks… filing a chargeback".
_REMEDY = re.compile(
    r"\b(?:quero|queremos|i want|we want|give me|full) (?:(?:o|a|meu|minha|o meu|a minha|my|our|"
    r"a) )?(?:dinheiro de volta|reembolso|estorno|refund|money back)\b|"
    r"\b(?:fil(?:e|ed|ing)|do(?:ing)?|open(?:ing)?) (?:a )?chargeback\b|\bchargeback (?:filed|"
    r"aberto|feito|pedido)\b|\b(?:vou|vamos) (?:fazer|pedir|abrir) (?:um |o )?chargeback\b"
)
# Paying for the shipping names the shipping: "paguei frete expresso e demorou 12 dias" is
# about the delivery, so such a "paguei" or "paid" is no payment evidence.
_PAID_SHIPPING = re.compile(
    r"\b(?:paguei|pagamos|pagar|paid|pay|paying)\b(?=(?: \S+){0,3} (?:frete|portes|envio|entrega|"
    r"shipping|delivery|postage|express|expresso)\b)"
)
# A clause that praises the delivery or says it went well: "a encomenda chegou a tempo, mas a
# palavra-passe não funciona" complains about the password. Not one that also negates or
# complains ("não chegou a tempo", "paid for fast shipping, took 2 weeks").
_CLAUSES = re.compile(
    r"([.,;:!?\n]|\b(?:but|mas|porem|however|although|though|so que|embora|apesar)\b)"
)
_DELIVERY_PRAISED = re.compile(
    r"\ba tempo\b|\b(?:no|dentro do|antes do) prazo\b|\bon time\b|\bahead of (?:time|schedule)\b|"
    r"\b(?:chegou|chegaram|veio|vieram|entregue|entregues|foi|foram|entrega|envio|frete|arrived|"
    r"came|delivered|shipped|delivery was|shipping was|dispatch was) (?:muito |super |bem |really |"
    r"very |so |pretty )?(?:rapid[oa]s?|rapidinh[oa]|rapidamente|depressa|cedo|certinho|"
    r"impecavel|perfeit[oa]|quick(?:ly)?|fast|early|prompt(?:ly)?|safely|in good time)\b|"
    r"\b(?:quick|fast|speedy|prompt) (?:delivery|shipping|dispatch)\b|"
    r"\bsem (?:nenhum )?problemas?\b|\b(?:no|without(?: any)?) (?:issues|problems)\b|"
    # A delay denied: "a entrega não atrasou, o problema foi a cobrança".
    r"\bnao (?:atrasou|atrasaram|demorou|demoraram|teve atraso)\b|"
    r"\b(?:wasn'?t|was not|weren'?t|not) (?:late|delayed)\b|\bdidn'?t take long\b"
)
_NOT_PRAISE = re.compile(
    r"\bnao\b|\bnot\b|n['’]t\b|\bnever\b|\bnunca\b|\bnem\b|demor|atras|\blate\b|delay|"
    r"\btook\b|\blev(?:ou|aram)\b|\bainda\b|\bstill\b|pagu|\bpa(?:id|y)|promet|promis|escolh|"
    r"\bchose\b|expect|esper"
)
# The topic tagger's own words count too, so a cue it knows is never ignored here, except
# shipping costs as a price: "portes" is weak price evidence, as "frete" is (both are strong
# delivery evidence, as delivery words of the tagger).
_TOPIC_CUES = {**_TOPIC_WORDS, "price": _TOPIC_WORDS["price"].replace("portes|", "")}
_STRONG_RE = {
    reason: _compile(
        _STRONG.get(reason, ""),
        _TOPIC_CUES.get(reason, ""),
        FAMILY_STRONG.get(reason, ""),
        words_pattern(STRONG_WORDS.get(reason, ())),
    )
    for reason in _PRIORITY
}
_WEAK_RE = {
    reason: _compile(_WEAK.get(reason, ""), words_pattern(WEAK_WORDS.get(reason, ())))
    for reason in _PRIORITY
}
REASONS = _PRIORITY  # every reason a complaint can be given


def reason_scores(text: str) -> dict[str, int]:
    """Evidence for each reason: 2 per strong cue, 1 per weak cue not inside a strong one."""
    return _scores(_words(text))


def _words(text: str) -> str:
    """The text as the cues read it: folded, shorthand spelt out (_reason_rewrites)."""
    return rewritten(folded(text[:5000]))


def _scores(words: str) -> dict[str, int]:
    remedies = len(_REMEDY.findall(words))
    words = _PAID_SHIPPING.sub(" ", _REMEDY.sub(" ", words))
    scores = {reason: _score(words, reason) for reason in _PRIORITY}
    scores["delivery"] = _score(_unpraised(words), "delivery")
    scores["refund_payment"] += remedies
    return scores


def _score(words: str, reason: str) -> int:
    strong_re, weak_re = _STRONG_RE[reason], _WEAK_RE[reason]
    strong = len(strong_re.findall(words))
    rest = strong_re.sub(" ", words)  # "não chegou" must not count twice
    return 2 * strong + (len(weak_re.findall(rest)) if weak_re.pattern else 0)


def _unpraised(words: str) -> str:
    """`words` without the clauses that praise the delivery (delivery cues there don't count)."""
    pieces = _CLAUSES.split(words)  # the separators are kept: "mas" opens the next clause
    # The praise itself may hold a "not" ("não atrasou"): only the rest of the clause must not.
    praised = (
        _DELIVERY_PRAISED.search(p) and not _NOT_PRAISE.search(_DELIVERY_PRAISED.sub(" ", p))
        for p in pieces
    )
    return "".join(" " if p else piece for p, piece in zip(praised, pieces, strict=True))


def complaint_reason(text: str) -> str:
    """The one thing a complaint is about, or `other` when no cue is found."""
    words = _words(text)
    scores = _scores(words)
    best = max(_PRIORITY, key=lambda reason: scores[reason])  # max keeps the first on ties
    if best == "support":  # nobody answered about a problem: the problem is the reason
        best = beyond_support(words, scores, _PRIORITY) or best
    return best if scores[best] > 0 else "other"
