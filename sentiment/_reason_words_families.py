"""Complaint-reason cue families that had no cue word, mostly pt-PT, some EN and pt-BR.

Complaints in these words read `other`, which made "other" the board's top reason: a kettle
lid that "já não fecha", a call that "caiu", "o tarifário subiu", "a morada antiga", "um
ponto de recolha", "a newsletter". Each family is a kind of complaint, not a sentence: the
check set is tests/data/reasons_ptpt_everyday.tsv. Written like _reason_words (no accents,
lower-cased, `*` for any ending), merged into its lists; FAMILY_STRONG holds the few that need
a regex (a word that is a cue only next to another).
"""

from __future__ import annotations

FAMILY_STRONG_WORDS: dict[str, tuple[str, ...]] = {
    # Where the parcel went or waits: pt-PT's "morada", lockers and pickup points, a card left in
    # the letterbox, not yet dispatched ("por expedir"), couriers by name.
    "delivery": (
        *("morada", "moradas", "wrong address", "old address", "endereco errado"),
        *("ponto de recolha", "pontos de recolha", "ponto de retirada", "pickup point"),
        *("collection point", "cacifo*", "parcel locker", "locker"),
        *("caixa do correio", "campainha", "doorbell", "aviso de entrega", "missed delivery"),
        *("por expedir", "expedid*", "expedicao", "not dispatched", "not been dispatched"),
        *("dpd", "gls", "seur", "chronopost", "nacex", "jadlog", "sedex", "dhl", "fedex"),
        *("royal mail", "evri", "endereco antigo"),
    ),
    # Money by pt-PT's means (a Multibanco reference, a transfer, the slip), a subscription
    # renewed against the customer's will.
    "refund_payment": (
        *("multibanco", "referencia mb", "transferencia*", "talao", "bank transfer"),
        *("renewed", "auto-renew*", "renovou", "renovaram", "renovacao automatica"),
    ),
    # A fault with no "broken" in it: a lid that won't shut, a line on the screen, a toaster that
    # burns, soles and seams that open, a battery that swells or smokes, a device that won't
    # switch on, heat or respond; rust, mould, a bent frame, flimsy make.
    "product_quality": (
        *("nao fecha bem", "ja nao fecha", "deixou de fechar", "doesn't close", "won't close"),
        *("doesn't shut", "won't shut", "click shut", "doesn't click", "won't stay shut"),
        *("risca verde", "risca no ecra", "riscas no ecra", "linhas no ecra", "dead pixel*"),
        *("lines on the screen", "line on the screen", "pixeis mortos", "pixels mortos"),
        *("queima sempre", "queima tudo", "burns everything", "burnt", "scorch*"),
        *("sola", "solas", "soles", "costura*", "descos*", "came apart", "coming apart"),
        *("desfez", "desfez-se", "desfazer-se", "furad*", "buraco*", "holes"),
        *(
            "incha",
            "inchou",
            "inchad*",
            "swelled",
            "swelling",
            "swollen",
            "caught fire",
            "pegou fogo",
        ),
        *("fumo", "fumaca", "smoke", "smoking", "faisca*", "sparks", "sparking"),
        *("deixou de ligar", "nao acende", "won't switch on", "doesn't turn on"),
        *("doesn't switch on", "nao aquece", "nao arrefece", "doesn't heat", "doesn't cool"),
        *("desliga sozinh*", "desliga-se sozinh*", "turns itself off", "shuts itself off"),
        *("enferruj*", "ferrugem", "rust", "rusty", "rusted", "bolor", "mould*", "mold"),
        *("empenad*", "entortou", "torto", "bent", "warped", "flimsy", "mal acabad*"),
        *("rachad*", "rachou", "rachadura*", "fissura*", "peel", "peels", "peeled"),
        *("unresponsive", "sem imagem", "no picture"),
    ),
    # The desk itself: a call that drops or is hung up, a transfer to another department,
    # a callback promised, a queue on the line, a FAQ for an answer, a rude or clueless agent.
    "support": (
        *("chamada caiu", "chamada foi abaixo", "ligacao caiu", "call dropped", "cut me off"),
        *("desligaram-me", "desligou-me", "desligaram a chamada", "desligaram na minha cara"),
        *("desligaram o telefone", "desligou o telefone"),
        *("departamento", "departamentos", "department", "passou-me para", "passaram-me para"),
        *(
            "transferiram-me",
            "me transferiram",
            "transferred me",
            "passed me around",
            "reencaminh*",
        ),
        *("ligar de volta", "ligam de volta", "ficaram de me ligar", "ficou de me ligar"),
        *("em linha", "fila de espera", "in the queue", "in a queue"),
        *("help article", "resposta padrao", "canned response"),
        *("operador", "o assistente", "a assistente", "representative", "consultor"),
        *("atenderam-me", "atendeu-me", "fui atendid*", "falta de educacao"),
        *("falta de respeito", "mal-educad*", "arrogant*", "antipatic*", "condescend*"),
        *("impolite", "unhelpful", "nao sabia nada", "didn't know anything", "clueless"),
    ),
    # A plan's price (pt-PT "tarifário"), a rise said with another verb, a free-shipping promise
    # or an advert not kept.
    "price": (
        *("tarifario*", "tarifa*", "aumentaram", "aumentam", "encarec*", "subiram"),
        *("hiked", "hike", "raised the price*", "put up the price*", "doubled the price"),
        *("envio gratuito", "entrega gratuita", "envio gratis", "entrega gratis"),
        *("free shipping", "free delivery", "publicidade enganosa", "false advertising"),
        *("misleading ad*", "advertised price", "preco anunciado", "ripping people off"),
        *("ripping us off", "ripping customers off", "ripping everyone off"),
    ),
    # The account's own details: pt-PT's "registo", pt-BR's "cadastro", an e-mail that won't
    # change.
    "account_login": (
        # Not any "registo" (a record: "o registo da reclamação"), the customer's own.
        *("meu registo", "registo na", "registo no site", "fazer o registo", "cadastr*"),
        *("alterar o email", "alterar o e-mail", "mudar o email"),
        *("trocar o email", "trocar meu email", "change my email", "update my email"),
    ),
    # Tax details on an invoice (NIF, nota fiscal), a newsletter that won't stop, plastic and
    # oversized boxes.
    "other": (
        *("nif", "contribuinte", "nota fiscal", "documento fiscal", "vat number"),
        *("newsletter*", "continuo a receber", "still getting emails", "keep getting emails"),
        *("emails promocionais", "tanto plastico", "so much plastic", "plastico a mais"),
        *("caixas enormes", "caixa enorme", "huge box*", "excessive packaging"),
    ),
}
FAMILY_WEAK_WORDS: dict[str, tuple[str, ...]] = {
    # pt-PT's dent, as "amassado" is pt-BR's: the parcel's more often than the goods'.
    "delivery": ("amolgad*",),
    # A phone call to the desk: "terceira vez que ligo".
    "support": ("ligo", "telefonei", "telefonar", "phoned"),
}
# Cues that are one only next to another word.
FAMILY_STRONG: dict[str, str] = {
    # Money given back: "devolveram-me metade do valor", "quero o valor devolvido" (not a parcel
    # "devolvida ao remetente").
    "refund_payment": r"\bdevolv\w*(?:-me|-nos)?(?: \w+){0,2} (?:valor|dinheiro|montante|"
    r"quantia|metade)\b|\b(?:valor|dinheiro|montante|quantia) (?:\w+ )?devolvid",
    # A device that won't answer its buttons: "não responde a metade dos botões".
    "product_quality": r"\b(?:nao|doesn'?t|won'?t) respond\w*(?: \w+){0,4} (?:botoes|botao|"
    r"teclas|tecla|toque|buttons?|keys|touch)\b",
    # pt-BR's "robô" is the chat bot, unless it cleans or mows; a FAQ sent for an answer (not
    # one read: "the FAQ says one thing").
    "support": r"\brobo(?:zinho)?\b(?! (?:aspirador|de limpeza|cortador|corta))|\b(?:sent|sends|"
    r"send|mand\w*|envi(?:ou|a|am|aram)|link\w*|cop\w*|point\w*)(?:-me)?(?: \w+){0,4} "
    r"(?:faq|perguntas frequentes)\b",
    # Waiting, in pt-PT: "estou a aguardar a encomenda"; nobody knows where it is: "onde anda a
    # minha encomenda", "não sabe onde tá meu pedido".
    "delivery": r"\ba (?:aguardar|esperar) (?:pel[ao]s? |[ao]s? )?(?:minha |meu )?(?:encomenda|"
    r"pedido|entrega|artigo)|\bonde (?:e que )?(?:esta|ta|anda|para|foi parar|fica|estao|andam) "
    r"(?:o |a |os |as )?(?:meu |minha |meus |minhas )?(?:pedido|encomenda|entrega|pacote|artigo)",
}
