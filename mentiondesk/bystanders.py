"""Advice cues: a reply in another customer's thread that tells them what to do ("@ana try
clearing the cache, worked for me", "@joao vai no Procon sim", "@rui liga para a linha de
apoio, comigo resolveram").

Such a reply names the problem in negative words, so the classifier may well read it as a
complaint, and the playbook would open a case for the bystander and draft them an apology.
processing.decide looks for these cues only in a reply to a thread another author owns
(thread_advice.py). The list is written from general usage (EN, pt-BR, pt-PT), not from any
set we measure on. An imperative counts at the start of a clause only ("try", "liga para",
"vai no", "experimente"), so "I try every day", "faz três semanas" and "a Lumora não liga"
do not; a suggestion ("you should", "sugiro", "tens de") or a "worked for me" ("comigo
funcionou", "a mim resultou") counts anywhere, unless negated ("nothing worked for me", "não
funcionou comigo"), reported ("try again later, they said") or from a writer whose own
problem is open still ("same here, try calling them", "ainda sem resposta", "mesma coisa
comigo"), who threatens to leave or to go to Procon themselves ("eu vou no Procon amanhã",
read as sentiment reads a threat), or who turns to the brand with a problem of their own
("… Also @lumora my refund is two weeks late"). Questions do not count ("can you call me?"),
but for "have you tried…?" ("já tentou…?"); nor do orders to the brand: "call me",
"liguem", "you should be ashamed".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mentiondesk.models import Label, Reading, folded
from sentiment._threats import announces

# Words that may come before an imperative at a clause's start: handles, "just", "olha".
_FILLER = (
    r"@[\w.]+|just|honestly|seriously|maybe|also|then|first|so|ok|okay|yeah|yes|hey|tip|pro"
    r"|protip|definitely|def|dude|mate|friend|please|pls|instead|otherwise|or|and|oh|ah|lol"
    r"|so|entao|tipo|olha|olhe|amigo|amiga|cara|mano|mana|gente|dica|e|ou|senao|sim|pois|pa"
    r"|epa|bom|vc|voce|tu|ai|depois|primeiro|tambem|melhor|moca|moco|querida|querido"
)
# Imperatives, as the clause's first word after fillers; each with what may follow it.
_IMPERATIVE = (
    r"try|go (to|into|through|via|with)|head (to|over)|call|ring|phone|contact|reach out"
    r"|(message|dm|email|e-mail|tweet|ping) (them|their|the)|write to|talk to|speak to"
    r"|get in touch|hit them up|file an?|open an?|raise an?|submit an?|ask (for|them|to)"
    r"|request an?|demand an?|insist|escalate|complain to|report (it|them|this)|dispute"
    r"|charge it back|do an? (chargeback|dispute)|clear|delete|uninstall|reinstall|restart"
    r"|reboot|reset (the|your)|update (the|your)|log out|sign out|switch (to|off)|use (the|a"
    r"|your|their)|check (the|your|if|whether|out|their)|turn (it|off)|unplug|hold (the|down)"
    r"|keep (at it|calling|trying|pushing|insisting|emailing|at them)|don'?t give up|skip the"
    r"|avoid the|look for|go for|stick with|wait for"
    r"|tenta|tente|experimenta|experimente|liga|ligue|vai (no|na|nos|nas|ao|aos|a|as|pelo"
    r"|pela|pro|pra|direto|la|de)|va (ao|no|na|a|pelo|direto)|corre (pro|pra|para)"
    r"|faz (uma |a |o |um )?(reclamacao|queixa|chargeback|contestacao|denuncia|disputa|print"
    r"|reset|boletim|protocolo|isso|assim|o seguinte|como eu)"
    r"|faca (uma |a |o |um )?(reclamacao|queixa|chargeback|contestacao|denuncia|disputa|isso)"
    r"|(abre|abra) (uma |um |o |a )?(reclamacao|chamado|protocolo|ticket|disputa|queixa"
    r"|contestacao|processo)|pede|peca (o|a|um|uma|reembolso|estorno|para|pra)"
    r"|(reclama|reclame) (no|na|com|junto|direto)|manda (um|uma|e-?mail|mensagem|dm|msg|print)"
    r"|mande|insiste|insista"
    r"|chama (eles|no|na|o|a)|chame|procura|procure|usa (o|a|um|uma)|desinstala|desinstale"
    r"|reinstala|reinstale|reinicia|reinicie|limpa|limpe|apaga|apague|atualiza|atualize"
    r"|actualiza|actualize|desliga|desligue|tira (da|o|a)|aciona|acione|registra|registre"
    r"|regista|registe|denuncia (no|na|a|ao)|denuncie|fala com|fale com|escreve|escreva"
    r"|contacta|contacte|contata|contate|apresenta|apresente|exige|exija"
    r"|entr[ae] em contac?to|pode (ir|ligar|tentar|reclamar|pedir|abrir)|podes (ir|ligar|tentar"
    r"|reclamar|pedir)|(bota|coloca|poe) (no|na)"
)
# Suggestions and "it worked for me": anywhere in a clause, unless negated just before.
_SUGGESTION = (
    r"you (should|could|can|need to|have to|might want to|may want to|ll want to|gotta"
    r"|got to|must) (?!be ashamed|know|see|imagine|expect|guess|tell|hear|fix|refund|pay"
    r"|compensate|apologi|hire|train|do better|stop|fire)\w+"
    r"|(your|the) best bet|(i'?d|i would) (just )?(try|call|go|ask|file|open|contact|do|email|dm)"
    r"|i (suggest|recommend)|i'?d recommend|my advice|worth (trying|a try|a shot)"
    r"|(have|did) you (tried|try|called|contacted)"
    r"|(voce|vc|tu|a senhora|o senhor) (deve|devia|deveria|pode|podia|poderia|tem que|tem de"
    r"|precisa|deves|devias|podes|tens de|tens que|precisas)|tens (de|que)"
    r"|sugiro|recomendo|aconselho|minha dica|a dica e|o melhor (e|a fazer)"
    r"|vale a pena (tentar|ligar|reclamar|abrir|pedir|insistir)"
    r"|se eu fosse (voce|vc|tu|a senhora|o senhor)|se fosse a ti|se fosse eu"
    r"|o (jeito|caminho) e|ja (tentou|tentaste|experimentou|experimentaste|ligou|ligaste)"
)
_WORKED = (
    r"(worked|works|did the trick|fixed it|sorted it|solved it) for me|worked (a treat|like a"
    r" charm)|(what|that'?s what) (worked|fixed it|helped|sorted it)|that'?s how i got"
    r"|got mine (fixed|sorted|refunded|replaced)|in my case (it )?(worked|they)"
    r"|comigo (funcionou|resolveu|resolveram|deu certo|resultou|foi assim)"
    r"|(funcionou|resolveu|resolveram|deu certo|resultou) (comigo|pra mim|para mim|no meu caso)"
    r"|(pra|para|a) mim (funcionou|resolveu|resolveram|deu certo|resultou)"
    r"|no meu caso (funcionou|resolveu|resolveram|deu certo|resultou)"
    r"|o que (me )?(resolveu|funcionou|resultou|deu certo) foi|foi o que (me )?(resolveu"
    r"|funcionou|resultou)|(me|mim) (resolveram|ligaram) (rapido|rapidinho|logo|em)"
    r"|resolveram-me"
)
_NEGATION = (
    r"not|no|never|nothing|none|nobody|\w+n['\u2019]?t|used to|nao|nunca|jamais|nem|nada|ninguem"
)
# An order to the brand, or a noun that looks like an imperative: "call me", "call center",
# "liga-me", "Reclame Aqui" (a site's name).
_NOT_ADVICE = re.compile(
    r"\s*(me|us|her|him|my|mim|meu|minha|-me|-nos|center|centre|centers|form|page|aqui"
    r"|queue)(?!\w)"
)
_START = re.compile(r"^\W*((" + _FILLER + r")(?!\w)\W*)*(" + _IMPERATIVE + r")(?!\w)")
_ANYWHERE = re.compile(r"(?<![\w@])(" + _SUGGESTION + "|" + _WORKED + r")(?!\w)")
_NEGATED = re.compile(r"(?<!\w)(" + _NEGATION + r")\W+(\w+\W+){0,1}$")
# What may follow "worked for me" to take it back: "worked for me until the update".
_AFTER = re.compile(r"\W*(until|till|at first|before|ate|antes|no inicio|no comeco)(?!\w)")
# The writer's own problem, open still ("same here", "still waiting", "ainda sem resposta"):
# advice or not, they are a customer waiting on us, decided on their reading.
_OWN = re.compile(
    r"(?<!\w)(same here|me too|mine too|(i'?m|we'?re|i am|mine is|mine'?s) still|still ("
    r"broken|waiting|nothing|no|not|doesn'?t|don'?t|isn'?t|hasn'?t|haven'?t|can'?t|cannot)"
    r"|ainda (nao|estou|to|sem|espero|aguardo|nada|esperando|aguardando)|eu tambem"
    r"|(o meu|a minha) tambem|tambem (estou|to|tive|tenho|fui|fiquei|nao)"
    r"|mesma coisa (comigo|aqui)|(comigo|aqui) tambem|o mesmo (comigo|aqui)|passa-se o mesmo"
    r"|idem)(?!\w)"
)
# What someone else told the writer to do is no advice of theirs: "try again later, they said".
_REPORTED = re.compile(
    r"(?<!\w)(they (said|say|told)|(support|the agent|someone) (said|told)|told me|disseram"
    r"|dizem|falaram|me (mandaram|pediram)|mandaram-me|pediram-me)(?!\w)"
)
# A handle opening a clause after the reply's own opening handles: "… Also @lumora my refund".
_TURNS_TO = re.compile(
    r"(?:[.,;:!?\n]|\s(?:but|and|then|mas|porem|depois|e)\s)\W*"
    r"(?:(?:also|and|but|btw|ps|oh|ah|e|mas|tambem|alias)\W+)*@([\w.]+)"
)
# Spoken to, not spoken of: "@lumora, …", "@lumora: …", "@lumora my refund…" (not "@lumora
# fixed my order", the brand the subject of a sentence of advice).
_ADDRESSED = re.compile(
    r"\s*(?:[,:]|(?:i|i'?m|i'?ve|my|mine|we|our|eu|meu|minha|meus|minhas|o meu|a minha"
    r"|nosso|nossa)(?![\w']))"
)
_OPENING_HANDLES = re.compile(r"[^\w@]*(@[\w.]+[^\w@]*)*")
_SENTENCE_END = re.compile(r"[.!?\n]")
_FIRST_PERSON = re.compile(
    r"(?<![\w@'])(i|i'?m|i'?ve|me|my|mine|we|our|us|eu|meu|minha|meus|minhas|mim|comigo"
    r"|nosso|nossa)(?![\w'])"
)
_ASKED = re.compile(r"(?<!\w)(have|did) you (tried|try|called|contacted)|(?<!\w)ja (tent|exp|lig)")
# Clauses: sentences, commas, and either side of "but", "and then", "mas", "e".
_CLAUSES = re.compile(r"[.,;:!\n]+|\s(?:but|and|then|mas|porem|depois)\s")


def gives_advice(text: str, brand: Sequence[str] = ()) -> bool:
    """Whether the post tells someone what to do, or what worked for its author. `brand`: the
    brand's handles ("@lumora"), which a clause of the writer's own complaint may address."""
    if announces(text.lower()):  # the writer's own threat: "liga pra eles, eu vou no Procon"
        return False
    text = folded(text)
    if _OWN.search(text) or _turns_to_the_brand(text, brand):
        return False
    return any(_clause_advises(c) for c in _clauses(text) if not _REPORTED.search(c))


def _turns_to_the_brand(text: str, brand: Sequence[str]) -> bool:
    """A clause past the reply's opening handles that addresses the brand in the first person:
    "@ana try calling them. Also @lumora my refund is two weeks late". Not "@ana @lumora try
    calling them" (a reply names the thread's handles first), nor "try calling @lumora, they
    sorted mine" (the handle is what to call, not whom the writer talks to)."""
    handles = {folded(h).lstrip("@").split("@")[0] for h in brand}
    opening = _OPENING_HANDLES.match(text)
    for to in _TURNS_TO.finditer(text, opening.end() if opening else 0):
        if to.group(1).rstrip(".") not in handles or not _ADDRESSED.match(text, to.end()):
            continue
        end = _SENTENCE_END.search(text, to.end())
        if _FIRST_PERSON.search(text, to.end(), end.start() if end else len(text)):
            return True
    return False


def _clauses(text: str) -> list[str]:
    # A question mark ends its clause, which keeps it: "?" marks a question below.
    parts = re.split(r"(?<=\?)", text)
    return [c for part in parts for c in _CLAUSES.split(part) if c.strip()]


def _clause_advises(clause: str) -> bool:
    if "?" in clause and not _ASKED.search(clause):
        return False  # a question, to the brand as often as not: "can you call me?"
    start = _START.match(clause)
    if start and not _NOT_ADVICE.match(clause, start.end()):
        return True
    for cue in _ANYWHERE.finditer(clause):
        negated = _NEGATED.search(clause[: cue.start()] + " ")
        if not negated and not _AFTER.match(clause, cue.end()):
            return True
    return False


def as_advice(reading: Reading) -> Reading:
    """How the playbook sees a complaint that is advice to someone else: as a neutral post (no
    case, no apology, no alert). Praise stays praise. The classifier's reading is stored."""
    if reading.label is not Label.NEGATIVE:
        return reading
    return replace(reading, label=Label.NEUTRAL, frustration=0, is_question=False)
