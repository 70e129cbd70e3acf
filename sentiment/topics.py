"""Keyword reading of topics, complaint reason, frustration and questions, in EN and PT.

A transparent rule set: agents can see why a mention was tagged, and it is cheap
enough to run on every mention. Patterns are matched on lower-cased text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mentiondesk.models import REASONS as ALL_REASONS
from sentiment._frustration_tone import (
    CHARGED_TWICE,
    CROWD_QUESTION,
    MANY_TIMES,
    RHETORICAL,
    TONE,
    WORKED_FOR_ME,
    emphatic,
)
from sentiment._sarcasm import sarcastic
from sentiment._threats import names_step, threatens

# A sign-in code, not a tracking or bar code (accents optional: reasons.py folds them away).
CODE = r"c[óo]digo(?! de (?:rastreio|rastreamento|envio|postagem|objeto|barras))"

# The complaint reasons a topic can be (the shared codes, less "other": no topic names it).
REASONS = tuple(r for r in ALL_REASONS if r != "other")

_TOPIC_WORDS: Mapping[str, str] = {
    # Shipping costs name the shipping: "frete" (pt-BR) and "portes" (pt-PT) are delivery
    # words; "portes", only ever the charge, is a price word too.
    "delivery": r"deliver|shipping|shipped|shipment|parcel|package|courier|tracking|arriv|"
    r"dispatch|ups\b|entreg|encomenda|correios|loggi|\bctt\b|rastreio|rastreamento|frete|"
    r"portes|transportadora|não chegou|nao chegou|chegou|envio|enviad|atras[oa]|extravi|"
    r"\bdelayed\b",
    "refund_payment": r"refund|charged|charge\b|double charge|payment|paid|money back|"
    r"chargeback|invoice|reembols|estorn|cobran|cobrad|cobrar|pagamento|pagu|paguei|\bpix\b|"
    r"boleto|mb ?way|cartão|cartao|dinheiro de volta|devolu|fatura|factura|debitad|débito",
    "product_quality": r"broke|broken|defect|faulty|stopped working|doesn'?t work|quality|"
    r"damaged|crack|overheat|quebr|defeito|parou de funcionar|avaria|estragou|estragad|"
    r"qualidade|não funciona|nao funciona|não liga|nao liga|danificad|partid",
    "support": r"support|customer service|customer care|agent|no reply|no answer|no response|"
    r"\bbot\b|on hold|hung up|ignored|atendiment|suporte|\bsac\b|ninguém responde|"
    r"ninguem responde|sem resposta|atendente|apoio ao cliente|linha de apoio|ignora",
    # "cara" alone is also "dude" and "face" ("Cara, meu pedido...", "na minha cara"): only as
    # an adjective ("tá cara", "muito cara") is it a price.
    "price": r"price|expensive|overpriced|\bfees?\b|promo|discount|coupon|voucher|pricing|"
    r"preço|preco|caro\b|caríssim|carissim|taxa|promoç|promoc|desconto|cupom|cupão|cupao|portes|"
    r"\b(?:tá|ta|tão|tao|está|estão|é|são|sao|muito|mt|mto|bem|mais|super|meio|ficou|ficaram|"
    r"achei|acho|demasiado|bastante) caras?\b(?! de pau)|\bcaras? demais",
    # Nor is "conta" alone an account: "por conta do atraso" is "because of the delay", "a conta
    # não fecha" that the sums don't add up; "on account of" is English for the same.
    "account_login": r"log ?in|sign ?in|password|(?<!on )(?<!into )account|locked out|2fa|"
    r"verification code|\botp\b|senha|bloquead|palavra-passe|iniciar sessão|"
    # A code is for getting in, but not a parcel's: "o código de rastreio não funciona".
    rf"{CODE}|"
    r"entrar na|autentica|^conta\b|\bconta (?:bloquead|suspens|desativad|invadid|hackead|banid)|"
    r"\b(?:minha|tua|sua|nossa|na|da|à|a|uma|nova) conta\b"
    r"(?! (?:bancária|bancaria|corrente|não fecha|nao fecha|de (?:quantas|quantos|vezes)))",
    "spam": r"crypto|airdrop|giv(?:e|ing) ?away|giveaway|sorteio|passatempo|\bganh[ea]\b|"
    r"earn [£$€]|\d ?(?:€|£|\$) ?(?:a|per|por) dia|/day from home|from home.{0,40}dm me|"
    # "dm me" is a pitch, but "don't DM me" asks us to stop (opt_out below).
    r"(?<!n't )(?<!n’t )(?<!nt )(?<!not )dm me|"
    r"followers for|seguidores por|free money|"
    # Follow-for-follow bait; not "follow back up with support" nor "segue de volta para o CD".
    r"follow ?(?:for|4) ?follow|\bf4f\b|follow ?back\b(?! (?:up|on|with|to|in)\b)|"
    r"\bi(?:'ll| will)? follow (?:you|u) back|\bsigo ?(?:tod[oa]s ?)?de ?volta"
    r"(?!\s+(?:para|pra|pro|à|ao|a|até|amanhã|hoje)\b)|\bme seg(?:ue|uem) de volta|"
    r"\bsegue ?de ?volta(?=\s*[^\w\s.,?]|\s+(?:que|q|e) (?:eu )?sigo)|\bsigam? e (?:eu )?sigo\b|"
    r"quem (?:me )?seguir,? (?:eu )?sigo|\bsdv\b|"
    r"confirm your .{0,30}account|canal oficial: ?(?:bit\.ly|tinyurl)|onlyfans|forex|"
    r"(?:bit\.ly|tinyurl\.com|t\.ly|cutt\.ly)/\S*(?:free|promo|win|gratis|ganhar|oferta|passatempo)|"
    r"promoç[ãa]o rel[âa]mpago.{0,80}bit\.ly|apply (?:now )?on (?:telegram|whatsapp)|"
    r"\b\d{2}% off\b.{0,60}\w+\.(?:xyz|top|click|shop)\b",
    # Someone asking us to stop writing to them: they go on the do-not-contact list.
    "opt_out": r"stop (?:messaging|dm'?ing|contacting|texting) me|"
    r"(?:don'?t|don’t|do not) (?:dm|message|contact) me|"
    r"unsubscribe me|leave me alone|não me (?:mandem|enviem|contactem)|parem de me "
    r"(?:mandar|enviar|contactar|ligar)|deixem-me em paz|não quero (?:receber|mais) mensage",
}
_TOPICS = {topic: re.compile(words) for topic, words in _TOPIC_WORDS.items()}
# "Conta" that is no sign-in: money taken from it ("descontado da minha conta") or a customer
# leaving ("vou fechar minha conta"), though not one who cannot ("não consigo fechar a conta").
_NOT_A_LOGIN = re.compile(
    r"\b((?:descontad|debitad|cobrad|tirad|retirad)[oa]s?(?: \S+){0,2}?) (?:d[aoe]|n[ao]) "
    r"(?:(?:a|minha|sua|nossa) )?conta\b|"
    r"(?<!consigo )(?<!consegui )(?<!como )\b((?:fech|cancel|encerr)\w*) (?:(?:a|minha|a minha) )?"
    r"conta\b"
)

# Whole words and their own endings: "disputa que" holds "puta que", "shitake" holds "shit"
# ("fuck" is in no innocent word).
_PROFANITY = re.compile(
    r"\bwtf\b|fuck|\b(?:bull|horse)?shit(?:e|s|ty|tier|tiest|ted|ting|show|storm|hole)?\b|"
    r"\bcrap\b|\b(?:god)?damn(?:ed|it|n)?\b|\bporra\b|\bmerdas?\b|\bcaralh[oa]s?\b|\bpqp\b|"
    r"\bfdp\b|\bfod(?:a|as|a-?se|asse|er|eu|ido|ida|idos|idas|endo)\b|\bbostas?\b|"
    r"\bcaraças\b|\bcarago\b|"
    # pt-BR's shorthand and pt-PT's insult: "vsf", "vtnc", "crl", "filho da puta", "cabrões".
    r"\bputa\b|\bvsf\b|\bvtnc\b|\btnc\b|\bno cu\b|\b[ck]rl\b|\bcabr(?:ão|ões|ao|oes)\b|\bffs\b"
)
# Writing again, not time gone by: "still" and "há dez dias" say how long, not how angry (the
# level design's 2 is capitals, "!!!", repeated contact, sarcasm). "Could you send me the code
# again?" asks for a resend (_RESEND is taken out first); "against" is not "again".
_RESEND = re.compile(r"\bsend (?:me |us )?(?:it |the \w+ )?again\b|\btry again\b")
_CONTACTED = (
    r"called|emailed|e-mailed|messaged|contacted|written|wrote|rang|phoned|chased|asked|"
    r"liguei|reclamei|mandei|enviei|escrevi|pedi|falei|contactei|contatei|tentei"
)
_SEVERAL = (
    r"\d+|two|three|four|five|six|seven|several|multiple|many|numerous|countless|duas|dois|"
    r"três|tres|quatro|cinco|seis|várias|varias|vários|varios|muitas|mil"
)
_REPEAT = re.compile(
    r"\bagain\b|de novo|outra vez|mais uma vez|já liguei|ja liguei|"
    r"\b(?:second|third|fourth|fifth) (?:time|email|message|call|chat|dm)s?\b|"
    # Counted contact: "the 4th time I contact you", "3ª vez que ligo", "mandei 3 e-mails".
    r"\b\d+(?:st|nd|rd|th) (?:time|email|message|call)s?\b|"
    r"\b\d+ ?[ªºa] (?:vez|mensagem|ligação|ligacao)|"
    r"\b(?:mandei|enviei) \d+ (?:e-?mails|mensagens)\b|\bliguei \d+ vezes\b|"
    r"\b(?:segunda|terceira|quarta|quinta|sexta|enésima) (?:vez|mensagem|chamada)|"
    r"\b(?:segundo|terceiro|quarto) (?:email|e-mail|contato|contacto)|"
    # Counted as typed: "3x que ligo", "liguei 3x", "I've emailed you 4 times", "já enviei três
    # emails", "abri 3 chamados". Only beside a word of contact: "cobrado 2x" is a charge.
    rf"\b(?:{_CONTACTED})\b(?: [\w-]+){{0,3}} (?:{_SEVERAL})(?: ?x\b| (?:times|vezes)\b)|"
    rf"\b(?:{_SEVERAL}) ?x (?:que )?(?:ligo|liguei|reclamo|reclamei|mando|mandei|escrevo)\b|"
    rf"\b(?:mandei|enviei|abri|sent|opened|falei com|spoke to|talked to) (?:{_SEVERAL}) "
    r"(?:e-?mails|mensagens|msgs|chamados|protocolos|tickets|emails|messages|atendentes|agents)\b"
)
# Anger without capitals: "?!", rhetorical questions, nobody answering, sarcasm.
_EXASPERATED = re.compile(
    r"\?!|!\s*$|where is my|is anyone|anyone there|alguém|nobody|no one|ninguém|ninguem|"
    r"refuses|recusa|absurd|ridicul|brilliant\.|\bjunk\b|\blixo\b|\bzero\b|"
    r"\b(?:two|three|four|five|duas|três|tres|quatro|cinco) (?:times|vezes)\b|"
    r"de saco cheio|what is going on|o que está acontecendo|how\?"
)
# Anger said in words. Politeness ("please", "por favor") lowers the level only without these.
_ANGRY = re.compile(
    r"\bworst\b|unacceptable|disgrace|disgusting|appalling|pathetic|shameful|outrageous|"
    r"garbage|useless|incompetent|péssim|pessim|vergonh|ridícul|inadmissível|inadmissivel|"
    r"inaceitável|inaceitavel|porcaria|palhaçada|descaso"
)
_ANGER = (_EXASPERATED, _ANGRY, TONE, RHETORICAL, MANY_TIMES)
_POLITE = re.compile(
    r"^(?:hi|hello|hey|oi|olá|ola|bom dia|boa tarde)\b|could you|can you|please|por favor|"
    r"podem|conseguem|poderiam|is that expected|isso é normal|teve algum motivo|is there a reason"
)
# Links hold "?" ("youtu.be/x?si=…", "?utm_source="): a question mark there asks nothing.
# A "?" that ends the sentence after a link still asks ("is this you: lumora.com/x?").
# Domain labels are bounded (63 characters, 8 deep, as DNS allows about that): an unbounded
# `(?:[\w-]+\.)+` rescans the rest of "a.a.a.a…" from every start, 8 s for 40 kB of it.
_URL = re.compile(
    r"(?:https?://|www\.)\S*[^\s?]|"
    r"\b(?:[\w-]{1,63}\.){1,8}[a-z]{2,24}(?:/\S*[^\s?]|/|\?\S*[^\s?])"
)
_LEADING_HANDLES = re.compile(r"^(?:@\S+[\s,:]+)+")
_SUBJECT = (
    r"(?:you|u|ya|i|we|they|he|she|it|this|that|these|those|there|the|an?|my|your|our|their|"
    r"any\w*|some\w*|\w*\d\w*)\b"
)
# Words that open a question only in an interrogative shape: "vocês entregam em Portugal" and
# "do you ship to Canada" ask, "Vocês são demais", "Tem que ver", "Há dois dias que…" and
# "Como eu amo isto" don't.
_ASKING_START = re.compile(
    rf"(?:do|does|did|can|could|is|are|will|would|should)(?!n?['’]t) {_SUBJECT}|"
    r"(?:when|where|why|how)(?:['’]s| to\b| (?:(?:long|much|many|often|soon|far) )?"
    r"(?:do|does|did|is|are|was|were|will|would|can|could|should|has|have)\b)|"
    r"what(?! an?\b)\b|which\b|who\b|qual\b|quais\b|quant[oa]s?\b|existe\b|posso\b|"
    r"(?:vocês|voces|vcs|você|voce|vc) (?:já |ainda |também |tambem |não |nao )?(?:entregam|"
    r"enviam|mandam|aceitam|vendem|têm|tem|fazem|trabalham|parcelam|emitem|atendem|abrem|"
    r"devolvem|trocam|vão|vao|sabem|podem|conseguem|dão|dao)\b|"
    r"(?:tem|têm|há|ha) (?:como|algum|alguma|previsão|previsao|possibilidade|forma|maneira)\b|"
    r"como (?:é que |e que )?(?:eu |se )?(?:faço|faz|fazer|posso|consigo|funciona|devo|"
    r"proceder|troco|cancelo|peço|acompanho|rastreio|pago)\b|"
    r"onde (?:fica|ficam|posso|consigo|compro|está|estão|encontro|vejo|é que)\b|"
    r"quando (?:chega|vai|vão|começa|sai|abre|volta|é|será|fica|entregam|vocês|voces|vcs)\b"
)


def topics(text: str) -> tuple[str, ...]:
    """Topics named in `text`, most mentioned first."""
    lowered = _NOT_A_LOGIN.sub(_no_login, text.lower())
    counts = {t: len(p.findall(lowered)) for t, p in _TOPICS.items()}
    return tuple(t for t, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n)


def _no_login(found: re.Match[str]) -> str:
    money, leaving = found.groups()
    return f"{money} da conta bancária" if money else f"{leaving} o cadastro"


def reason(found_topics: tuple[str, ...]) -> str:
    """The complaint reason: the first complaint topic found, else `other`."""
    return next((t for t in found_topics if t in REASONS), "other")


def frustration(text: str) -> int:
    """0 calm, 1 annoyed, 2 angry (shouting, repeat contact, exasperation), 3 threat/profanity."""
    lowered = text.lower()
    # Advice to another customer ("vai no Procon") is no threat: see _threats.
    if threatens(lowered) or _PROFANITY.search(lowered):
        return 3
    if _shouting(text) or emphatic(text) or _REPEAT.search(_RESEND.sub(" ", lowered)):
        return 2
    # A bill counted twice and a question to the crowd ("alguém sabe…?") are no exasperation.
    plain = CROWD_QUESTION.sub(" ", CHARGED_TWICE.sub(" ", lowered))
    # Sarcasm is anger said sideways ("excelente, só que não!", "parabéns pela demora").
    if any(p.search(plain) for p in _ANGER) or sarcastic(text):
        return 2
    # A greeting or a polite request with no other sign of anger is a calm problem report, and
    # so is advice to another customer (threatens is false) backed by the writer's own success
    # ("file a chargeback, worked for me").
    advice = names_step(lowered) and WORKED_FOR_ME.search(lowered) is not None
    return 0 if advice or _POLITE.search(lowered) else 1


def is_question(text: str) -> bool:
    """A question mark outside links, or a first sentence shaped like a question."""
    plain = _URL.sub(" ", text.lower())
    if "?" in plain:
        return True
    opening = _LEADING_HANDLES.sub("", plain.strip())
    first = re.split(r"(?<=[.!])\s|\n", opening, maxsplit=1)[0].rstrip()
    # "Can you believe how fast it came!" exclaims; it asks nothing.
    return not first.endswith("!") and bool(_ASKING_START.match(first))


def _shouting(text: str) -> bool:
    if "!!" in text:
        return True
    words = re.findall(r"[^\W\d_]{3,}", text)
    capitals = [w for w in words if w.isupper()]
    # Three capitals are mostly an acronym (PIX, SAC, CTT, GPS): they shout only beside a
    # longer word in capitals ("WHY DID YOU LOSE IT", "PÉSSIMO", "NUNCA").
    loud = len(capitals) if any(len(w) > 3 for w in capitals) else 0
    return len(words) >= 3 and loud / len(words) >= 0.4
