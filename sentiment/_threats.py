"""Threats: the author's own step to an outside body or away from the brand, not advice.

"vou no Procon" and "I'm reporting you to the BBB" threaten; "vai no Procon, faz o chargeback
que resolve" and "you should report them to the BBB" tell another customer what to do, and the
writer threatens nothing. Each threat phrase is read in its clause: the last advice or
first-person cue before it decides. With neither, it stays a threat, since a missed threat
costs more than an extra escalation. Patterns are matched on lower-cased text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

# A complaint to an outside body, a lawyer or a court.
_OUTSIDE = (
    r"procon|reclame ?aqui|anatel|livro de reclama|portal ?da ?queixa|\bdeco\b|"
    r"\basae\b|regulator|trading standards|ombudsman|\bbbb\b|\bftc\b|consumer protection|lawyer|"
    r"solicitor|attorney|lawsuit|\bsu(?:e|ing) (?:you|u|them|the company)\b|legal action|"
    r"advogad|\b(?:vou|vamos|irei) processar\b|processar (?:vocês|voces|vcs|a empresa)|"
    r"\bjustiça\b|chargeback|small claims|\bcourt\b|tribunal|juizado|pequenas causas|"
    r"standards authority|formal (?:\w+ )?complaint|queixa formal|\bcnpd\b|\bofcom\b|\bfca\b|"
    r"denunciar|inmetro|"
    # Regulators and complaint bodies: Brazil, Portugal, the US and the UK.
    r"consumidor\.? ?gov|\bsenacon\b|\baneel\b|\banac\b|\bbacen\b|banco central|\banacom\b|"
    r"\berse\b|banco de portugal|\bcfpb\b|\bofgem\b|\bfcc\b|defensoria|"
    # As written in a hurry: "procom", "reclame aki", Portugal's "livro amarelo"; and a
    # chargeback by another name ("contestar a compra no cartão", "dispute the charge").
    r"\bprocom\b|reclame ?aki\b|livro amarelo|"
    r"\bcontest(?:ar|o|ei|arei) (?:a|essa|esta) (?:compra|cobran[çc]a)|"
    r"\bdisput(?:e|ing) (?:the|this|that|a) (?:charge|transaction|payment)|"
    # A charge reported as fraud, a complaint to the police, or a complaint with no body named
    # ("vou apresentar queixa", "registei queixa"): pt-PT says "queixa" for the formal kind.
    r"\bas fraud\b|\bcomo fraude\b|\bboletim de ocorr[êe]ncia\b|"
    r"\bqueixa (?:na|à|a) (?:polícia|policia|psp|gnr)\b|"
    r"\b(?:fazer|faço|farei|fiz|apresentar|apresento|apresentarei|apresentei|registar|registei|"
    r"registrar|registrei) (?:uma )?queixa\b"
)
# "nunca mais" leaves only with a verb of the author's buying or coming back, or alone ("Nunca
# mais."): "a encomenda nunca mais chega" says it is taking forever.
_NEVER_AGAIN = (
    r"nunca mais(?: (?:eu|na vida|aqui|lá|la|vou|irei|quero|hei de))*(?: (?:compr(?:o|arei|ar)|"
    r"volt(?:o|arei|ar)|pe[çc]o|pedi(?:rei|r)|us(?:o|arei|ar)|recomend(?:o|arei|ar)|"
    r"encomend(?:o|arei|ar)|assin(?:o|arei|ar)|contrat(?:o|arei|ar)|ponho|p[ôo]r|piso)\b|"
    r"\s*(?:[.!…]|$))"
)
# Leaving: cancelling the membership or account, closing it, buying elsewhere. Cancelling an
# order is a request, not a threat.
_LEAVING = (
    rf"never again|{_NEVER_AGAIN}|switching to|never (?:buying|shopping|ordering|buy|shop|order)\b|"
    r"\bcancel(?:l?ing|l?ed)? (?:my |our |the )?(?:\w+ ?\+|account|subscription|membership|plan)|"
    r"\b(?:i'?m|i am|we'?re|i'?ll|i will|going to|gonna) cancel(?:l?ing)?\b"
    r"(?! (?:my |the |this |that |an? |our )?(?:orders?|purchase|return|request)\b)|"
    r"\bclos(?:e|ing) (?:my|the|our) (?:\w+ )?account|\bdelet(?:e|ing) my (?:\w+ )?account|"
    r"\btak(?:e|ing) (?:my|our) (?:business|money|custom) (?:elsewhere|somewhere else)|"
    r"shop(?:ping)? (?:somewhere|elsewhere)|"
    r"\b(?:going|go|moving|move) (?:over )?to (?:a |your |the )?competitors?\b|"
    r"\bcancel\w* (?:o |a |minha |meu |a minha |o meu )?"
    r"(?:\w+ ?\+|assinatura|subscri[çc][ãa]o|conta\b|plano|tudo)|"
    # The author's step ("rescindir o contrato"), not the brand's ("cancelaram o meu contrato").
    r"\b(?:cancel(?:ar|o|ei|arei)|rescind(?:ir|o|i|irei)) (?:o |meu |o meu )?contrato\b|"
    r"\brescis[ãa]o (?:do|de) (?:meu )?contrato\b|"
    r"\b(?:fech|apag|encerr)(?:ar|ei|o|ando) (?:a |minha |a minha )?conta\b|"
    r"\bexclu(?:ir|í) (?:minha )?conta\b|\bmudo de operadora\b|"
    # Not "dá para mudar de loja de levantamento?": a store to collect from, no leaving.
    r"\b(?:vou|vamos|quero) (?:trocar|mudar) de (?:marca|loja(?! de levantamento)|operadora|"
    r"fornecedor)\b|"
    r"\b(?:ir|vou|vamos|irei|passar|passo) (?:pra|para|pra a|para a) "
    r"concorr(?:[êe]ncia|ente)\b|"
    r"n[ãa]o (?:volto a comprar|compro mais)\b|compr\w+ (?:noutro|em outro) (?:lado|lugar|sítio)|"
    # Said in passing, short: "Cancelled. Bye.", "cancelei, tchau", "não contem mais comigo",
    # "I'm done with this company", "you've lost a customer", "perderam um cliente".
    r"\bcancel(?:l?ed|ei|ad[oa])\b[^.!?\n]{0,30}[.!,;]\s*(?:bye|goodbye|tchau|adeus|xau|fui)\b|"
    r"\bn[ãa]o contem (?:mais )?comigo\b|"
    r"\b(?:i['’]?m|i am|we['’]?re|we are) (?:so |totally |completely |officially )?done with "
    r"(?:you|u|this (?:company|shop|store|brand)|your (?:company|shop|store|service))\b|"
    r"\b(?:lost|losing) (?:a|another|one|this|your) (?:loyal |long-time )?customer\b|"
    r"\bperder(?:am|ão|ao|am mais) (?:um|uma|mais um|mais uma) (?:client|freguês)"
)
# Whole phrases only: "sue" inside "issue", "processar o reembolso" ask for nothing drastic.
_THREAT = re.compile(f"{_OUTSIDE}|{_LEAVING}")
_OUTSIDE_BODY = re.compile(_OUTSIDE)

# Where a clause ends: "se não resolverem hoje, vou ao Procon", "next stop: my lawyer".
_CLAUSE_END = re.compile(r"[.!?;:,\n]|\s[-–—]\s")
# Verbs that tell someone to act: "file a chargeback", "vai no Procon", "faz queixa". Not
# "cancel my account" (a demand to the brand), nor "Reclame Aqui" (the site), nor "report
# filed".
_VERBS = (
    r"(?:go (?:to|straight|after)|head to|file|report(?! (?:filed|submitted|sent|made))|"
    r"take (?:them|it|\w+) to|get (?:a|an|your)|try|contact|call|complain|ask|tell|dispute|"
    r"open a|do a|hit them|threaten|escalate|sue|lodge|submit|raise|write to|email|reach out|"
    r"shop|switch|cancel(?! (?:my|our)\b)|"
    r"vai (?:no|na|nos|nas|ao|à|aos|pro|pra|para|lá|la|direto|logo|até)|"
    r"vá (?:ao|à|no|na|pro|pra|para)|fa[zç]a?m?|faca|abr[ae]m?|reclam(?:a|em|e(?! ?aqui))|"
    r"regist(?:r)?[ae]m?|denunci[ae]m?|lig(?:a|ue|uem) (?:pro|pra|para|pa|ao|à)|procur[ae]m?|"
    r"entr[ae]m? (?:no|na|em|com)|tent[ae]m?|experiment[ae]|recorr[ae]|conta(?:c)?t[ae]|"
    r"fal[ae] com|mand[ae]|coloca|põe|poe|bota|acion[ae]|pede|peça|peca|apresent[ae]|"
    r"escrev[ae]|us[ae]|lev[ae]|process[ae]m?|amea[çc][ae]|"
    r"cancel[ae]m?(?! (?:a |o )?(?:minha|meu)\b)|compr[ae]m?|troc[ae]|cham[ae]|fujam|foge)\b"
)
# Telling someone to act at the start of a clause ("@ana vai no Procon", "just file a
# chargeback"). Only there: "senão vai pro Reclame Aqui" says where the complaint goes, and
# "I will file a chargeback" is the author's.
_IMPERATIVE = re.compile(
    r"^\s*(?:@\S+\s+)*(?:(?:just|honestly|seriously|then|and|so|also|definitely|simply|maybe|"
    r"pls|só|simplesmente|então|entao|e|aí|ai|mas|mano|amiga|amigo|gente|tb|também|tambem|"
    rf"olha|depois|primeiro)\s+)*{_VERBS}"
)
# Advice anywhere before the threat: "you should", "I'd recommend", "vc deveria", "devias".
_ADVICE = re.compile(
    r"\byou (?:should|could|can|need to|have to|might|may want|must|gotta)\b|"
    r"\byou['’](?:ll|d) (?:want|need|better)\b|\byour (?:bank|card)\b|recommend|suggest|advis|"
    r"\bif i were you\b|\bi(?:['’]d| would) (?!like|love|rather|have)|\bmy advice\b|\btip\b|"
    r"\b(?:report|take|sue) them\b|\bif you (?!don|do not|can['’]?t|cannot|won['’]?t|refuse|"
    r"keep|ignore|fail)|"
    r"\b(?:você|voce|vc|tu) (?:deveria|devia|tem que|tem de)\b|\bdev(?:ia|eria)s?\b|\bdeves\b|"
    r"\btens (?:de|que)\b|\bprecisas?\b|recomendo|aconselho|sugiro|\bindico\b|\bo melhor é\b|"
    r"\bmelhor (?:é |e )?(?:abrir|ir|fazer|reclamar|regist|pedir|falar|ligar|procurar)|\bdica\b|"
    r"\bse (?:eu )?fosse (?:você|voce|vc|tu|a ti)\b|\bno (?:seu|teu) lugar\b|"
    r"\bse (?:você|voce|vc|tu) (?!não|nao)|\bse \w+aste\b|\bpodes\b|"
    r"\bpode (?:abrir|ir|fazer|reclamar|regist|pedir|tentar|ligar|procurar|contestar)|"
    r"\bv[ãa]o (?:no|na|nos|nas|ao|à|pro|pra|para)\b"
)
# The author's own step or threat: first person, a condition ("or", "senão") or "see you in".
_OWN = re.compile(
    r"\bi\b(?!['’]d)|\bi['’](?:m|ll|ve)\b|\b(?:im|ive|my|mine|we|our|gonna|otherwise|unless)\b|"
    # "or" as a condition ("refund me or it's a chargeback"), not between two steps of advice
    # ("dispute it with PayPal or file with the BBB").
    rf"\b(?:or|ou)\b(?!\s+(?:just\s+|só\s+)?{_VERBS})|"
    r"\bwe['’](?:re|ll|ve)\b|\bsee you\b|\bhear(?:ing)? from\b|\b(?:report|sue|take) you\b|"
    r"\b(?:eu|meu|minha|meus|minhas|vou|vamos|irei|tô|tou|estou|fui|abri|fiz|pedi|escrevi|"
    r"recorri|abro|faço|peço|mando|ligo|senão|senao|aguardem|esperar)\b|\bse n[ãa]o\b|"
    r"\bpr[óo]ximo passo\b|\b\w{2,}ei\b|\b\w+[aeiô]mos\b"
)
# A step still to come, the author's: "vou no Procon amanhã", "I'll take my business elsewhere",
# "resolve logo senão vai pro Reclame Aqui". Not a step taken ("fiz queixa e resolveram"),
# which a reply to another customer tells as advice.
_NEXT = re.compile(
    r"\bi['’]ll\b|\bi (?:will|shall)\b|\bi['’]?m (?:going to|gonna|about to|taking|reporting|"
    r"filing|cancell?ing|switching|closing|calling|contacting|heading|done)\b|"
    r"\b(?:gonna|going to|we['’]ll|we will|otherwise|unless|or else|see you|next stop)\b|"
    r"\b(?:vou|vamos|irei|iremos|senão|senao|aguardem)\b|\bse n[ãa]o\b|\bpr[óo]ximo passo\b|"
    r"\b(?:tô|tou|estou) (?:no|na|indo|a ir|pensando|a pensar)\b|\bto (?:indo|pensando)\b"
)
# The author's own step to come: `_NEXT` without its softer conditions ("otherwise file a
# chargeback", "se não resolverem, abre reclamação" advise as often as they threaten; "senão"
# and "or else" stay) and without a bare "going to" ("going to the BBB is what worked").
_ANNOUNCED = re.compile(
    r"\bi['’]ll\b|\bi (?:will|shall)\b|\bi['’]?m (?:going to|gonna|about to|taking|reporting|"
    r"filing|cancell?ing|switching|closing|calling|contacting|heading|done)\b|"
    r"\b(?:gonna|we['’]ll|we will|see you|next stop)\b|"
    r"\b(?:vou|vamos|irei|iremos|aguardem|senão|senao|or else)\b|\bpr[óo]ximo passo\b|"
    r"\b(?:tô|tou|estou) (?:no|na|indo|a ir|pensando|a pensar)\b|\bto (?:indo|pensando)\b"
)
# A rating, not a complaint: "a Noriq tem nota 4 no Reclame Aqui", "Noriq's BBB rating is an F".
_RATING_BEFORE = re.compile(
    r"\b(?:nota|reputação|reputacao|avaliação|avaliacao|rating|score) (?:\S+ ){0,3}"
    r"(?:no|na|on|at|with) (?:the )?$"
)
_RATING_AFTER = re.compile(r"^(?:['’]s)? (?:rating|score|reviews?|page|profile)\b")
_WINDOW = 200
# Each threat phrase costs a clause's reading; a post is rarely advice that many times over.
_MOST_READ = 30
# "the FTC and the BBB", "no Procon e no Reclame Aqui": a second body shares the first's reading.
_JOINED = re.compile(
    r"\s*(?:and|or|e|ou|/|&|\+)?\s*(?:(?:the|a|o|no|na|nos|nas|ao|à|aos|pro|pra|com|to|with|"
    r"in|at)\s+){0,2}"
)


def names_step(lowered: str) -> bool:
    """Whether the text names a step to an outside body or away from the brand, anyone's: with
    `threatens` false, it is advice to someone else ("vai no Procon", "file a chargeback")."""
    return _THREAT.search(lowered) is not None


def threatens(lowered: str) -> bool:
    """Whether the author threatens to go to an outside body or to leave (not advice)."""
    return _threat(lowered, _OWN, unsure=True)


def announces(lowered: str) -> bool:
    """Whether the author announces a step of their own still to come ("liga pra eles, eu vou
    no Procon amanhã"): a threat of theirs even in a reply that advises someone else. Stricter
    than `threatens`: a step taken ("fiz queixa, resolveram em 3 dias") and a threat word with
    no cue either way ("o que resolveu foi o Reclame Aqui") are no announcement."""
    return _threat(lowered, _ANNOUNCED, unsure=False)


def escalated(texts: Sequence[str], probs: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """`probs` with all of a post's mass on complaint (column 0) where its author announces a
    complaint to an outside body ("@lumora vou no Procon", "I will report you to the BBB").

    Both readers called such short posts neutral, and a neutral reading has frustration 0:
    the threat the frustration rules exist for was never seen. Leaving is not enough ("I'm
    switching to Lumora" is praise), nor advice to someone else (`announces` is strict).
    """
    for i, text in enumerate(texts):
        if probs[i, 0] < probs[i].max() and _threat(
            text.lower(), _ANNOUNCED, unsure=False, threat=_OUTSIDE_BODY
        ):
            probs[i] = (probs[i].sum(), 0.0, 0.0)
    return probs


def _threat(
    lowered: str, own_cue: re.Pattern[str], *, unsure: bool, threat: re.Pattern[str] = _THREAT
) -> bool:
    """`own_cue` marks the author's own step; `unsure`: a threat word with no cue either way."""
    ends = [m.end() for m in _CLAUSE_END.finditer(lowered)]
    previous: tuple[int, bool] | None = None
    for count, match in enumerate(threat.finditer(lowered)):
        if count == _MOST_READ:
            return unsure  # dozens of threat words, all advice? Unsure
        if previous and _JOINED.fullmatch(lowered, previous[0], match.start()):
            own = previous[1]
        else:
            before = bisect_right(ends, match.start())  # clause ends up to the match
            own = _own(lowered, match, ends[before - 1] if before else 0, own_cue, unsure)
        if own:
            return True
        previous = (match.end(), own)
    return False


def _own(
    lowered: str, match: re.Match[str], clause_start: int, cue: re.Pattern[str], unsure: bool
) -> bool:
    # A tweet's clause is short; a longer run without punctuation is read from its last
    # _WINDOW characters, so a post of thousands of threat words stays linear.
    start = max(clause_start, match.start() - _WINDOW)
    clause = lowered[start : match.end()]
    own = _last_end(cue, clause)
    imperative = _IMPERATIVE.match(clause) if start == clause_start else None
    advice = max(_last_end(_ADVICE, clause), imperative.end() if imperative else 0)
    if own or advice:
        return own > advice
    if not unsure:
        return False
    before = lowered[start : match.start()]
    # Naming the site for its score is neither advice nor a threat.
    return not (_RATING_BEFORE.search(before) or _RATING_AFTER.match(lowered[match.end() :]))


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    return max((m.end() for m in pattern.finditer(text)), default=0)
