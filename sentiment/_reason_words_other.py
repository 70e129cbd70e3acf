"""The `other` reason's strong cues: complaints about none of the six reasons.

A wrong item, marketing mail, packaging waste, accessibility, stock, privacy, scams in the
brand's name. Kept apart from the six reasons' words (_reason_words) because `other` is
scored on these cues alone and loses every tie (reasons._PRIORITY): the list grows with what
the desk sees that is no reason's, not with any reason's vocabulary. Written the same way:
without accents, lower-cased, `*` for any ending.
"""

OTHER_WORDS: tuple[str, ...] = (
    "wrong item",
    "wrong size",
    "wrong colour",
    "wrong color",
    "wrong model",
    "wrong product",
    "modelo errado",
    "tamanho errado",
    "cor errada",
    "produto errado",
    "unsubscrib*",
    "marketing emails",
    "marketing e-mails",
    "spam email*",
    "spam e-mail*",
    "e-mails de spam",
    "emails de spam",
    "descadastr*",
    "papelao",
    "desperdicio",
    "screen reader",
    "accessib*",
    "acessibilidade",
    "out of stock",
    "sem estoque",
    "acabou o estoque",
    "esgotad*",
    "sem stock",
    "privacy",
    "privacidade",
    # Scams in the brand's name (fake jobs, "earn £500/day"): not what a sum there prices.
    "scam",
    "scammer*",
    "golpe",
    "golpista*",
    "phishing",
    "no experience needed",
    "sem experiencia",
    "renda extra",
    "earn £*",
    "earn $*",
    "earn €*",
    "ganhe r$*",
    "work from home",
    "perfil falso",
    "conta falsa",
    "fake account",
    "telemetry",
    "telemetria",
    "no manual",
    "sem manual",
)
