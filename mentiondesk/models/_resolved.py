"""Resolution cues: whether a post says its problem is solved ("sorted now, thanks", "já
chegou, obrigado"), for the glue's follow-up handling (mentiondesk.resolution) and the
sentiment readers alike (praise for a problem put right), so both read it one way.

The list is written from general usage (EN, pt-BR, pt-PT), not from any set we measure on; a
cue that is negated ("still not solved", "ainda não chegou"), wished for ("hope it gets
fixed", "quando vai ser resolvido"), asked about ("was it solved?") or reported from someone
else ("they told me it was fixed", "disseram que estava resolvido", "supposedly solved") does
not count.
"""

from __future__ import annotations

import re

from mentiondesk.models._text import folded

# Matched on lower-cased text without accents ("ja" for "já"); each one a whole phrase.
_EN = (
    r"(solved|resolved|sorted( out)?|fixed)",
    r"all (good|sorted|fixed|set) now",
    r"(working|works|worked) (now|again|fine now|perfectly now)",
    r"(it|that) worked",
    r"back (up and running|to normal|online)",
    r"(refund|money|payment|credit) (came|went) through",
    r"(refund|money|replacement|parcel|package|order) (arrived|landed|showed up|came)",
    r"(got|received|have) (my|the) (refund|money back|replacement|order|parcel|package)",
    r"(been )?refunded",
    r"(it|parcel|package|order|item) (finally )?arrived",
    r"finally (arrived|came|got it)",
    r"no longer an? (issue|problem)",
    r"problem'?s? gone",
    r"thanks? (you )?for (sorting|fixing|solving|resolving)",
)
_PT = (
    r"(problema )?(ja )?(esta |ta |foi |ficou |se encontra |esta tudo |ficou tudo |tudo )?"
    r"(resolvid|solucionad|consertad|corrigid|tratad)[oa]s?",
    r"(ja )?(se )?(resolveu|resolveram|resolvi|solucionaram|consertaram|corrigiram|trataram)",
    r"(ja )?(me )?(reembolsaram|estornaram|devolveram o dinheiro)",
    r"(reembolso|estorno|dinheiro|pagamento) (ja )?(caiu|entrou|chegou|foi devolvido)",
    r"ja (chegou|chegaram|recebi|esta aqui|ta aqui|tenho)",
    r"(chegou|chegaram) (certinho|direitinho|hoje|finalmente|em perfeito estado|bem)",
    r"finalmente (chegou|chegaram|recebi|funcionou|funciona|resolveram)",
    r"recebi (o reembolso|o estorno|a encomenda|o pedido|o produto|a troca|o dinheiro)",
    r"(funcionou|deu certo)",
    r"(ja )?(funciona|esta a funcionar|ta funcionando|esta funcionando|voltou a funcionar)"
    r"( agora| de novo| outra vez| bem| perfeitamente)?",
    r"tudo (certo|ok|bem|em ordem|normal) agora",
    r"(aprovaram|fizeram|efetuaram|efectuaram) a troca",
)
# Words that, a few words before a cue, make it no statement that the problem is solved:
# negations, wishes and what is still to come ("needs to be fixed", "vai ser resolvido").
_BLOCK = (
    # A contraction with its apostrophe, or one of those written without ("dont", "didnt"):
    # not any word ending in "nt" ("the agent fixed it", "payment", "went").
    r"not|no|never|nobody|nothing|\w+n['\u2019]t|(do|does|did|is|was|are|were|has|have|had"
    r"|could|would|should|must|ca|wo|ai)nt|still|yet|will|would|should|could|can|to|be"
    r"|hope|hopefully|if|when|until|unless|please|pls|get|need|needs|want|wants|once"
    r"|nao|nunca|jamais|nem|sem|ninguem|nada|ainda|vai|vao|sera|serao|seja|sejam|ser|quando"
    r"|se|espero|ate|enquanto|precisa|preciso|para|pra|quero|queria|favor|consigam|possam"
    r"|wish|supposed|suposto|deveria|deveriam|devia|deviam"
)
# Who says it is solved, when it is not the author ("they told me it was fixed", "disseram que
# estava resolvido", "marked as resolved"), or hearsay ("supposedly", "alegadamente"): a few
# words before a cue, with no comma or new event ("and", "e") between, the cue is theirs.
_REPORTER = re.compile(
    r"(?<!\w)(said|says|told|claims?|claimed|(they|you|u|support) say|supposedly|apparently"
    r"|allegedly|reportedly|marked|closed|disse|disseram|dizem|diz|falaram|falou|alegam|alegaram"
    r"|afirmam|afirmaram|garantiram|garantem|supostamente|alegadamente|teoricamente|em teoria"
    r"|marcaram|marcou|marcad[oa]|fecharam|fechou|fechad[oa])(?!\w)"
)
_NEW_EVENT = {"and", "e", "then", "depois", "entao"}
_PURPOSE = {"to", "para", "pra"}  # "had to", "para reiniciar": what one was told to do
_REPORT_GAP = 6  # words between the reporter and the cue: "me falaram que ja tinha sido"
# Phrases with a blocking word that block nothing: "thanks to you, solved", "just wanted to
# say it arrived", "queria avisar que ja chegou".
_HARMLESS = re.compile(
    r"(?<!\w)(thanks? to|due to|(just )?(wanted|writing|here) to (say|tell you|let you know"
    r"|confirm)|((so )?(queria|quero) (so )?|so para |so pra )(dizer|avisar|informar))(?!\w)"
)
_CUE = re.compile(r"(?<!\w)(" + "|".join(_EN + _PT) + r")(?!\w)")
# What follows a cue may take it back: "fixed price", "arrived broken", "chegou errado".
_AFTER = re.compile(
    r"\s*(price|fee|rate|amount|broken|damaged|wrong|empty|missing|half|partially|for now"
    r"|quebrad|errad|danificad|amassad|vazi|aberto|pela metade|parcialmente|em parte|\?)"
)
_BLOCKED = re.compile(r"(?<!\w)(" + _BLOCK + r")\W+(\w+\W+){0,2}$")
# Clauses: sentences, and either side of "but" ("took a week but it's sorted"); the group
# says which clauses a "but" opens. The word stands after a space or punctuation ("...but")
# and usually before a comma ("However, it's broken"). Brazil's "entretanto" is "however",
# with or without its comma; Portugal's is "meanwhile" ("Entretanto recebi o email"), read as
# a "but" too: erring towards a person reading the post, as with "sorted, but it took weeks".
_CLAUSES = re.compile(
    r"(?<=[.!?;\n])|(?<![^\s.!?;,:])"
    r"(but|however|mas|porem|contudo|no entanto|so que|entretanto)[\s,:;.]"
)


def says_resolved(text: str) -> bool:
    """Whether the post states, in a clause of its own, that the problem is solved, and no
    later clause takes it back with a "but": "took a week but it's sorted" is solved, "it
    arrived but it's broken" or "já chegou. Mas veio partida" is not, nor (erring towards a
    person reading it) "sorted, but it took three weeks"."""
    said = False
    parts = _CLAUSES.split(folded(text))
    # split() puts each "but" (or None, at a sentence's end) before the clause it opens.
    for opener, clause in zip([None, *parts[1::2]], parts[::2], strict=True):
        if _clause_says(clause):
            said = True
        elif opener and clause.strip():
            said = False
    return said


def _clause_says(clause: str) -> bool:
    if "?" in clause:  # "was it solved?", "quando vai ser resolvido?"
        return False
    clause = _HARMLESS.sub(" ", clause)
    for cue in _CUE.finditer(clause):
        before = clause[: cue.start()]
        if _blocked(before) or _AFTER.match(clause, cue.end()) or _reported(before):
            continue
        return True
    return False


def _blocked(before: str) -> bool:
    """Whether a blocking word stands a few words before the cue (`before` ends at it). One of
    purpose ("told me to restart and it worked", "disseram-me para reiniciar e funcionou")
    blocks nothing once a new event ("and", "e") comes between."""
    block = _BLOCKED.search(before + " ")
    if block is None:
        return False
    purpose = block.group(1) in _PURPOSE
    return not (purpose and _NEW_EVENT & set(re.findall(r"\w+", block.group(0))[1:]))


def _reported(before: str) -> bool:
    """Whether someone else says it, a few words before the cue (`before` ends at it)."""
    for reporter in _REPORTER.finditer(before):
        gap = before[reporter.end() :]
        words = re.findall(r"\w+", gap)
        if "," not in gap and len(words) <= _REPORT_GAP and not _NEW_EVENT & set(words):
            return True
    return False
