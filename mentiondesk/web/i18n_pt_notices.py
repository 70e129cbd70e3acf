"""The notices a desk action leaves on the next page (approved, saved, escalated…) in
Brazilian Portuguese; kept apart from i18n_pt.py so each catalog module stays short. Also
the base of pt-PT (i18n_pt_pt.py is laid over it), so a change here reaches Portugal too."""

from __future__ import annotations

from mentiondesk.web.i18n_pt_counter import COUNTER
from mentiondesk.web.i18n_pt_refusals import REFUSALS

NOTICES = {
    **REFUSALS,  # a too-long reply's, with its numbers
    **COUNTER,  # the live counter's, over Bluesky's bytes
    "Reply approved: it is on its way.": "Resposta aprovada: já está a caminho.",
    "Draft rejected: nothing will be sent.": "Rascunho rejeitado: nada será enviado.",
    # The queue's, naming the case whose row is gone
    "{case}: reply approved: it is on its way.": "{case}: resposta aprovada: já está a caminho.",
    "{case}: draft rejected: nothing will be sent.": (
        "{case}: rascunho rejeitado: nada será enviado."
    ),
    "Draft saved.": "Rascunho salvo.",
    "Draft restored: it waits for approval again.": (
        "Rascunho restaurado: voltou a aguardar aprovação."
    ),
    "Case closed.": "Caso encerrado.",
    "Case resolved.": "Caso resolvido.",
    "Case closed; {n} pending draft withdrawn.": "Caso encerrado; {n} rascunho pendente retirado.",
    "Case closed; {n} pending drafts withdrawn.": (
        "Caso encerrado; {n} rascunhos pendentes retirados."
    ),
    "Case resolved; {n} pending draft withdrawn.": (
        "Caso resolvido; {n} rascunho pendente retirado."
    ),
    "Case resolved; {n} pending drafts withdrawn.": (
        "Caso resolvido; {n} rascunhos pendentes retirados."
    ),
    "Case assigned.": "Caso atribuído.",
    "Case unassigned: it is nobody's now.": "Atribuição removida: o caso está sem responsável.",
    "There is no active desk user by that name: nothing changed.": (
        "Ninguém com esse nome tem acesso ativo ao atendimento: nada foi alterado."
    ),
    "Escalated: a help-desk ticket is being opened.": (
        "Encaminhado: um chamado está sendo aberto no help desk."
    ),
    "This case is already resolved: nothing changed.": "Este caso já está resolvido: nada mudou.",
    "This case is already closed: nothing changed.": "Este caso já está encerrado: nada mudou.",
    "This case was already escalated: nothing new was sent to the help desk.": (
        "Este caso já tinha sido encaminhado: nada de novo foi enviado ao help desk."
    ),
    "Note added.": "Nota adicionada.",
    "The note is longer than 5,000 characters: nothing was added.": (
        "A nota tem mais de 5.000 caracteres: nada foi adicionado."
    ),
    "Label corrected, thank you: it is kept for retraining. No draft was changed.": (
        "Classificação corrigida — agradecemos: a correção fica guardada para o retreino. "
        "Nenhum rascunho foi alterado."
    ),
    "Label corrected, thank you: it is kept for retraining. Drafts written for the old "
    "reading are withdrawn, and the new reading's drafts wait below for approval.": (
        "Classificação corrigida — agradecemos: a correção fica guardada para o retreino. Os "
        "rascunhos escritos para a classificação anterior foram retirados, e os da nova "
        "aguardam aprovação abaixo."
    ),
    "Label corrected, thank you: it is kept for retraining. Drafts written for the old "
    "reading are withdrawn and no new one was written: write a reply with Reply now if it "
    "needs one.": (
        "Classificação corrigida — agradecemos: a correção fica guardada para o retreino. Os "
        "rascunhos escritos para a classificação anterior foram retirados, e nenhum novo foi "
        "escrito: escreva uma resposta em Responder agora, se o caso precisar."
    ),
    "Someone else already acted on this (approved, rejected or closed it), or a newer "
    "draft replaced it. Nothing was sent twice; here is how it stands now.": (
        "Outra pessoa já agiu aqui (aprovou, rejeitou ou encerrou), ou um rascunho mais "
        "recente substituiu este. Nada foi enviado duas vezes; veja como está agora."
    ),
    "Someone edited this draft after the page was shown: nothing was sent or rejected. "
    "Read it again before deciding.": (
        "Alguém editou este rascunho depois que a página foi exibida: nada foi enviado nem "
        "rejeitado. Leia de novo antes de decidir."
    ),
    "Someone edited a draft after you opened this page: nothing was changed. Their text and "
    "yours are both below.": (
        "Alguém editou um rascunho depois que você abriu esta página: nada foi alterado. O "
        "texto dessa pessoa e o seu estão abaixo."
    ),
    "The author's account on this platform is on the do-not-contact list: its pending "
    "private drafts are withdrawn.": (
        "A conta desta pessoa nesta plataforma está na lista de não contatar: os rascunhos "
        "privados pendentes foram retirados."
    ),
    "The author's account on this platform may be contacted again; withdrawn drafts stay "
    "withdrawn.": (
        "A conta desta pessoa nesta plataforma pode ser contatada de novo; os rascunhos "
        "retirados continuam retirados."
    ),
    "This author asked not to be contacted: no private message is sent.": (
        "Esta pessoa pediu para não ser contatada: nenhuma mensagem privada é enviada."
    ),
    "This author asked not to be contacted: the reply stays held. A manager can allow "
    "contact again on the case page.": (
        "Esta pessoa pediu para não ser contatada: a resposta continua retida. Quem tem o "
        "papel de gestão pode permitir o contato de novo na página do caso."
    ),
    "Your reply is being sent.": "Sua resposta está sendo enviada.",
    "This platform has no private messages: send a public reply.": (
        "Esta plataforma não tem mensagens privadas: envie uma resposta pública."
    ),
    "The text is empty: nothing was changed.": "O texto está vazio: nada foi alterado.",
    "The reply is longer than the platform allows: shorten it first.": (
        "A resposta é mais longa do que a plataforma permite: encurte antes de enviar."
    ),
    "User added.": "Pessoa adicionada.",
    # Hacker News: read-only, so a reply is posted there by a person and marked as posted.
    "Marked as posted: the case counts as answered, and nothing is sent.": (
        "Marcada como publicada: o caso conta como respondido, e nada é enviado."
    ),
    "Replies to this platform cannot be sent from here: post it there yourself, then press "
    "Mark as posted. Nothing was sent.": (
        "Respostas para esta plataforma não podem ser enviadas daqui: publique a resposta lá "
        "e depois clique em Marcar como publicada. Nada foi enviado."
    ),
    "Replies to this platform are sent from here: use Approve instead.": (
        "Respostas para esta plataforma são enviadas daqui: use Aprovar."
    ),
    # Restore draft refused: the case's one private message waits already (queue.DmWaits).
    "Draft not restored: another private message to this author already waits in this case, "
    "and only one can wait at a time. Reject that one first if this one should go instead.": (
        "Rascunho não restaurado: outra mensagem privada para esta pessoa já aguarda aprovação "
        "neste caso, e só uma pode aguardar por vez. Se esta deve ir no lugar dela, rejeite "
        "aquela primeiro."
    ),
    # base.html, to managers: a source stopped for good (a revoked token); the reason is the
    # platform's or plugin's words, in English.
    "Source “{name}” stopped: {reason}. No new mentions are read from it until mentiondesk "
    "is restarted.": (
        "A fonte “{name}” parou: {reason}. Nenhuma menção nova será lida dessa fonte até que o "
        "mentiondesk seja reiniciado."
    ),
    # base.html's held endpoints: i18n_pt_sources.py
    # queue.html once it shows pages_queue.MAX_SHOWN rows: "Show more" would add none.
    "The queue shows only the first {n}: narrow it with the filters above to see the others.": (
        "A fila mostra só os {n} primeiros: refine com os filtros acima para ver os demais."
    ),
    # A correction that wrote drafts and withdrew none (notices_corrected); pt-PT alike
    "Label corrected, thank you: it is kept for retraining. No draft was withdrawn; the new "
    "reading's drafts wait below for approval.": (
        "Classificação corrigida — agradecemos: a correção fica guardada para o retreino. "
        "Nenhum rascunho foi retirado; os da nova classificação aguardam aprovação abaixo."
    ),
    # Assign, naming whom (case_notices); pt-PT alike ("seu" agrees with "caso")
    "Case assigned to {who}.": "Caso atribuído a {who}.",
    "Case assigned to you.": "O caso agora é seu.",
    # Assign from a page older than a colleague's Assign (case_notices); pt-PT: i18n_pt_pt
    "Someone gave you this case meanwhile: nothing changed.": (
        "Alguém atribuiu este caso a você enquanto isso: nada mudou."
    ),
    "{who} took this case meanwhile: nothing changed. Ask them before taking it over.": (
        "{who} assumiu este caso enquanto isso: nada mudou. Converse com essa pessoa antes de "
        "assumi-lo."
    ),
    "Someone unassigned this case from {who} meanwhile: nothing changed. It is nobody's now.": (
        "Alguém tirou este caso de {who} enquanto isso: nada mudou. Agora ele não é de ninguém."
    ),
    # case.html with follow-ups: the post a reading correction acts on; pt-PT alike
    "Reading of the mention of {when}": "Classificação da menção de {when}",
    "Wrong? Mark the mention of {when} as": "Classificação errada? Marcar a menção de {when} como",
}
