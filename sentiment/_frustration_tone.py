"""Frustration cues said in words, questions and capitals, in EN, pt-BR and pt-PT.

Level 2 (the level design: capitals, repeated contact, sarcasm) is anger shown; these are the
ways people show it without "!!!" or a whole sentence in capitals. Families, not sentences:
tone words ("estou farto", "que nem vos conto", "publicidade enganosa", "unbelievable"), a
question the writer expects no answer to ("why do I wait…", "quem é que me explica isto?"),
one word shouted in capitals ("it took SIX days", "NUNCA chega") and a count of tries beyond
a few ("nine times", "10 vezes"). Patterns are matched on lower-cased text, except `emphatic`.
"""

from __future__ import annotations

import re

# Tone words. "Farto/farta" (pt-PT "fed up"), "que nem vos conto" ("I can't even tell you"),
# "gozar com" ("taking the mickey"), "uma treta", "fantochada"; pt-BR "falta de respeito",
# "sacanagem", "enganação"; English "unbelievable", "fed up", "a joke", "rip-off", "misleading".
TONE = re.compile(
    r"\bunbelievable\b|\bfed up\b|\bsick (?:and tired )?of\b|\bhad enough\b|"
    r"\b(?:a|what a|such a|total|complete) joke\b|\blaughable\b|\binsulting\b|"
    r"\brip-?off\b|\bdaylight robbery\b|\bmisleading\b|\bfalse advertising\b|"
    r"\bbait and switch\b|"
    r"\bfart[oa]s? (?:de|disto|disso)\b|\b(?:estou|tou|estamos|ando|já estou) fart[oa]s?\b|"
    r"\bque nem (?:vos|te|lhe|lhes) (?:conto|digo)\b|\b(?:publicidade|propaganda) enganosa\b|"
    # Cheated, said of oneself: not "se não estou enganado" ("if I'm not mistaken").
    r"\benganação\b|\benganacao\b|\b(?:fui|fomos|sinto-me|me sinto|sentimo-nos) enganad|"
    r"\benganaram-(?:me|nos)\b|\bme enganaram\b|"
    r"\bfalta de (?:respeito|educação|educacao|profissionalismo|consideração|consideracao)\b|"
    r"\bdesrespeito\b|\bmal[- ]educad|\bsacanagem\b|\buma treta\b|\bfantochada\b|"
    # "Só pode ser brincadeira" is anger; "não é brincadeira" ("it's no joke") is not.
    r"\b(?:só pode ser|parece|isto é|isso é) (?:uma )?brincadeira\b|"
    r"\b(?:estão|estao|estás|tão|tao) a gozar com\b|\bgozam com\b|\bnão há paciência\b|"
    r"\bnao ha paciencia\b|\bjá não (?:aguento|posso mais)\b|\bn[ãa]o aguento mais\b|"
    r"\bque abuso\b|\bé um abuso\b"
)
# Questions that expect no answer: the writer asks why they should bear the brand's mistake,
# where a cost was hidden, who will explain it, how it can be.
RHETORICAL = re.compile(
    r"\bwhy (?:should|must) (?:i|we)\b|\bwhy (?:do|does) (?:i|we) (?:have|need) to\b|"
    r"\bwhy do (?:i|we) (?:wait|pay|keep)\b|\bwhy am i (?:still )?(?:waiting|paying|being)\b|"
    r"\bwhere was (?:that|this|it)\b|"
    r"\bhow is (?:this|that|it) (?:possible|acceptable|legal|ok|okay|fair)\b|"
    r"\bwhat kind of (?:company|shop|store|service)\b|\bis this how you treat\b|"
    r"\bquem (?:é que |e que )?(?:me )?(?:explica|paga|responde)\b|"
    r"\bcomo (?:é que |e que )?(?:é|e) possível\b|\bque tipo de (?:empresa|loja|serviço|servico|"
    r"atendimento)\b|\bé assim que (?:tratam|trata)\b|\bporque (?:é que )?tenho (?:eu )?de\b|"
    r"\bpor ?que (?:eu )?tenho que\b"
)
# A count of tries beyond a few, by any verb ("typed it nine times", "pedi 10 vezes"): the
# existing counts stop at five, and at a contact verb. A charge counted ("cobrado duas vezes",
# "charged twice") is a fact about the bill, not a count of tries: see `CHARGED_TWICE`.
MANY_TIMES = re.compile(
    r"\b(?:six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens of|[6-9]|\d{2,}) times\b|"
    r"\b(?:seis|sete|oito|nove|dez|onze|doze|[6-9]|\d{2,}) vezes\b"
)
# A bill counted twice, said as a fact: "acho que fui cobrado duas vezes, podem verificar?".
CHARGED_TWICE = re.compile(
    r"\b(?:charged|billed|debited|cobrad[oa]s?|cobrou(?:-me)?|cobraram(?:-me)?|debitad[oa]s?)"
    r"(?: \S+){0,3}? (?:twice|two times|duas vezes|2 ?x|2 vezes)\b"
)
# Asking the crowd, not calling out into the void: "alguém sabe quanto tempo demora?",
# "Alguém me diz alguma coisa?" are annoyed questions (1); "Está aí alguém?" is not.
CROWD_QUESTION = re.compile(
    r"\balgu[ée]m (?:sabe|me (?:diz|sabe|pode|consegue)|já|ja|teve|tem|passou)\b"
)

# Capitals that are not shouting: acronyms and the bodies a customer names ("DECO", "ANACOM").
_ACRONYM_WORDS = (
    "procon anatel anacom aneel bacen ofcom ofgem senacon inmetro cnpd asae deco erse anac "
    "hdmi usb-c wifi gps sms otp nif iva cpf cnpj faq lol omg asap btw imo tbh psa"
)
_ACRONYMS = frozenset(_ACRONYM_WORDS.split())
# Words under five letters that are shouted in capitals, never acronyms: "mistake YOU made",
# "it took SIX days", "NINE days", "JÁ liguei", "UMA semana", "DUAS horas".
_EMPHATIC_WORDS = (
    "you not now all any one two six ten yes why how who nor off and but four five nine zero "
    "only just this that what even ever once days week year hour "
    "não nao já nem uma dia dez mas sim tão dois duas três tres seis sete oito nove "
    "dias mês mes meses ano anos nada tudo isto isso aqui hoje"
)
_SHORT_EMPHATIC = frozenset(_EMPHATIC_WORDS.split())


def emphatic(text: str) -> bool:
    """One word shouted in capitals in a post otherwise in lower case: "NUNCA chega", "it took
    SIX days", "TRÊS SEMANAS, Lumora". Acronyms (CTT, MB Way, DECO, FAQ) and handles are not."""
    for found in re.finditer(r"(?<![@#\w])[^\W\d_]{2,}(?![\w-])", text):
        word = found.group()
        if not word.isupper() or word.lower() in _ACRONYMS:
            continue
        if len(word) >= 5 or word.lower() in _SHORT_EMPHATIC:
            return True
    return False


# Advice to another customer that the writer backs with their own success is calm (0): their
# problem is over ("file a chargeback with your bank, worked for me", "tenta o Reclame Aqui,
# comigo resolveu", "a Vendra respondeu-me em três dias"). Bare advice stays annoyed (1).
WORKED_FOR_ME = re.compile(
    r"\bworked for (?:me|us|my \w+)\b|\btook me\b|\bfor my (?:sister|brother|mum|mom|dad|"
    r"friend|wife|husband|partner)\b|\bcomigo (?:resolveu|funcionou|deu certo)\b|"
    r"\b(?:resolveram|resolveu|respondeu|responderam|trocou|trocaram|devolveu|devolveram)-me\b|"
    r"\bme (?:resolveu|respondeu|trocou|devolveu|resolveram|responderam|trocaram|devolveram)\b|"
    r"\bfoi assim que\b|\b(?:funcionou|deu certo|resolveu) (?:comigo|pra mim|para mim)\b"
)
