"""pt-BR and pt-PT for a long case's page (data_case_long): the real number of its mentions
when only the first and the newest are listed, and the older drafts, notes and audit entries
it leaves out. Whoever wrote the mentions is "a pessoa", as elsewhere."""

from __future__ import annotations

LONG_CASE = {
    "{n} mentions by the author — the first and the {shown} newest shown, oldest first": (
        "{n} menções da pessoa — exibidas a primeira e as {shown} mais recentes, "
        "da mais antiga à mais recente"
    ),
    "show them all": "mostrar todas",
    "show the {n} newest": "mostrar as {n} mais recentes",
    "{n} older draft, already sent, rejected or withdrawn, not shown": (
        "{n} resposta mais antiga, já enviada, rejeitada ou retirada, não exibida"
    ),
    "{n} older drafts, already sent, rejected or withdrawn, not shown": (
        "{n} respostas mais antigas, já enviadas, rejeitadas ou retiradas, não exibidas"
    ),
    "{n} older note not shown": "{n} nota mais antiga não exibida",
    "{n} older notes not shown": "{n} notas mais antigas não exibidas",
    "{n} older entry not shown": "{n} registro mais antigo não exibido",
    "{n} older entries not shown": "{n} registros mais antigos não exibidos",
}

# Portugal: "mostrada", "registo"; laid over the pt-BR above (i18n_pt_pt.py).
LONG_CASE_PT = {
    "{n} mentions by the author — the first and the {shown} newest shown, oldest first": (
        "{n} menções da pessoa — mostradas a primeira e as {shown} mais recentes, "
        "da mais antiga para a mais recente"
    ),
    "{n} older draft, already sent, rejected or withdrawn, not shown": (
        "{n} resposta mais antiga, já enviada, rejeitada ou retirada, não mostrada"
    ),
    "{n} older drafts, already sent, rejected or withdrawn, not shown": (
        "{n} respostas mais antigas, já enviadas, rejeitadas ou retiradas, não mostradas"
    ),
    "{n} older note not shown": "{n} nota mais antiga não mostrada",
    "{n} older notes not shown": "{n} notas mais antigas não mostradas",
    "{n} older entry not shown": "{n} registo mais antigo não mostrado",
    "{n} older entries not shown": "{n} registos mais antigos não mostrados",
}
