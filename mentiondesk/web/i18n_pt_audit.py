"""The case page's audit trail (web/audit_lines.py) in Brazilian Portuguese; also the base of
pt-PT (i18n_pt_pt.py is laid over it), so a change here reaches Portugal too."""

from __future__ import annotations

from mentiondesk.web.i18n_pt_audit_outbox import OUTBOX, OUTBOX_PT

AUDIT = {
    "someone at the terminal": "alguém pelo terminal",
    "{name} (terminal)": "{name} (pelo terminal)",
    "Slack user {name} ({id})": "{name} ({id}, pelo Slack)",
    "Slack user {name}": "{name} (pelo Slack)",
    "{who} approved a reply": "{who} aprovou uma resposta",
    "{who} edited and approved a reply": "{who} editou e aprovou uma resposta",
    "{who} wrote and sent a reply": "{who} escreveu e enviou uma resposta",
    "{who} marked a reply as posted by hand": (
        "{who} marcou uma resposta como publicada manualmente"
    ),
    "{who} edited a reply and marked it as posted by hand": (
        "{who} editou uma resposta e a marcou como publicada manualmente"
    ),
    "{who} wrote a reply posted by hand": ("{who} registrou uma resposta publicada manualmente"),
    "{who} rejected a draft": "{who} rejeitou um rascunho",
    "{who} edited a draft": "{who} editou um rascunho",
    "{who} restored a draft": "{who} restaurou um rascunho",
    "{who} resolved the case": "{who} resolveu o caso",
    "{who} closed the case": "{who} encerrou o caso",
    "{who} added a note": "{who} adicionou uma nota",
    "{who} escalated the case to the desk's case list": (
        "{who} encaminhou o caso para a lista de casos do atendimento"
    ),
    "{who} escalated the case to the help desk ({target})": (
        "{who} encaminhou o caso ao help desk ({target})"
    ),
    "{who} added {name} to the desk as {role}": (
        "{who} deu a {name} acesso ao atendimento com o papel de {role}"
    ),
    "{who} disabled the login of {name}": "{who} desativou o acesso de {name}",
    "{who} let {name} log in again": "{who} reativou o acesso de {name}",
    "{who} changed the password of {name}": "{who} trocou a senha de {name}",
    "{who} left the case with nobody": "{who} deixou o caso sem responsável",
    "{who} took the case": "{who} assumiu o caso",
    "{who} assigned the case to {assignee}": "{who} atribuiu o caso a {assignee}",
    "{who} corrected the reading to {new}": "{who} corrigiu a classificação para {new}",
    "{who} corrected the reading from {old} to {new}": (
        "{who} corrigiu a classificação de {old} para {new}"
    ),
    "{who} put {handle} on {platform} on the do-not-contact list": (
        "{who} colocou {handle} no {platform} na lista de não contatar"
    ),
    "{who} allowed {handle} on {platform} to be contacted again": (
        "{who} voltou a permitir contato com {handle} no {platform}"
    ),
    "{who} put the person on {platform} on the do-not-contact list": (
        "{who} colocou a pessoa no {platform} na lista de não contatar"
    ),
    "{who} allowed the person on {platform} to be contacted again": (
        "{who} voltou a permitir contato com a pessoa no {platform}"
    ),
    "{who} sent the reply again after it was held: {reason}": (
        "{who} enviou de novo a resposta que estava retida: {reason}"
    ),
    "{who} sent the reply again": "{who} enviou a resposta de novo",
    "{who} sent a held action again (it was held: {reason})": (
        "{who} enviou de novo uma ação retida (motivo: {reason})"
    ),
    "{who} sent an action again": "{who} enviou uma ação de novo",
    "{text}, this time through {to}": "{text}, desta vez por {to}",
    # The People page's recent changes to logins.
    # A correction's drafts (corrected_drafts).
    "{who} corrected the reading: a draft written for the old one was withdrawn": (
        "{who} corrigiu a classificação: um rascunho escrito para a anterior foi retirado"
    ),
    "{who} corrected the reading: the playbook wrote a draft for the new one": (
        "{who} corrigiu a classificação: as regras escreveram um rascunho para a nova"
    ),
    # `outbox hold`: a person held a queued send, e.g. one sent before a restore.
    "{who} held the reply back from sending: {reason}": (
        "{who} reteve a resposta, sem enviar: {reason}"
    ),
    "{who} held an action back from sending: {reason}": (
        "{who} reteve uma ação, sem enviar: {reason}"
    ),
    "{who} held the reply back from sending": "{who} reteve a resposta, sem enviar",
    "{who} held an action back from sending": "{who} reteve uma ação, sem enviar",
    # The outbox worker held a send by itself, at its claim (a follow-up with no ticket).
    "The outbox held the reply back from sending: {reason}": (
        "A fila de envio reteve a resposta, sem enviar: {reason}"
    ),
    "The outbox held an action back from sending: {reason}": (
        "A fila de envio reteve uma ação, sem enviar: {reason}"
    ),
    # `outbox drop`: a person dropped a held or queued send for good.
    "{who} dropped the reply: it will not be sent": (
        "{who} descartou a resposta, que não será enviada"
    ),
    "{who} dropped an action: it will not be sent": (
        "{who} descartou uma ação, que não será enviada"
    ),
    "{who} dropped the reply, not to be sent: {reason}": (
        "{who} descartou a resposta, que não será enviada: {reason}"
    ),
    "{who} dropped an action, not to be sent: {reason}": (
        "{who} descartou uma ação, que não será enviada: {reason}"
    ),
    # A case the help desk resolved when its ticket was solved (actor "helpdesk:NAME").
    "{name} (help desk)": "{name} (pelo help desk)",
    # A satisfaction score read from the author's own post (survey_answers).
    "The author answered the survey in a post: {kind} {score}": (
        "A pessoa respondeu à pesquisa em uma publicação: {kind} {score}"
    ),
    "The author answered the survey in a post: {kind} {score}, replacing {earlier} of {day}": (
        "A pessoa respondeu à pesquisa em uma publicação: {kind} {score}, substituindo a nota "
        "{earlier} de {day}"
    ),
    "The author edited the post: its survey answer {kind} {score} is withdrawn": (
        "A pessoa editou a publicação: a resposta à pesquisa ({kind} {score}) foi retirada"
    ),
    # The author edited a post already read (edited_posts); its draft withdrawn for the edit.
    "The author edited the post after it was answered: the new text is kept": (
        "A pessoa editou a publicação depois da resposta: o novo texto foi mantido"
    ),
    "The author edited the post after its draft was rejected: the new text is kept, and no "
    "new draft is written": (
        "A pessoa editou a publicação depois de o rascunho ser rejeitado: o novo texto foi "
        "mantido, e nenhum rascunho novo é escrito"
    ),
    "The author edited the post: read again, still as {new}": (
        "A pessoa editou a publicação: lida de novo, ainda como {new}"
    ),
    "The author edited the post: read again as {new} (was {old})": (
        "A pessoa editou a publicação: lida de novo como {new} (antes, {old})"
    ),
    "Withdrawn: the author edited the post, and this draft was written for what it said before.": (
        "Retirada: a pessoa editou a publicação, e este rascunho foi escrito para o texto anterior."
    ),
    # Under an edited post on the case page: its first text, folded away.
    "Edited — show the first version": "Editada — mostrar a primeira versão",
    "The author edited the post after it was answered, asking not to be contacted: the new text "
    "is kept, and they are on the do-not-contact list": (
        "A pessoa editou a publicação depois da resposta e pediu para não ser contatada: o novo "
        "texto foi mantido, e a pessoa está na lista de não contatar"
    ),
    "The author edited the post after its draft was rejected, asking not to be contacted: the "
    "new text is kept, and they are on the do-not-contact list": (
        "A pessoa editou a publicação depois de o rascunho ser rejeitado e pediu para não ser "
        "contatada: o novo texto foi mantido, e a pessoa está na lista de não contatar"
    ),
    # The things an erasure's and a retention run's lines count (web/audit_erasures); their
    # sentences, with the words for erasing and keeping, are i18n_pt_privacy's.
    "{n} mention": "{n} menção",
    "{n} mentions": "{n} menções",
    "{n} outbox action": "{n} ação da fila de envio",
    "{n} outbox actions": "{n} ações da fila de envio",
    "{n} note": "{n} nota",
    "{n} notes": "{n} notas",
    "{n} correction": "{n} correção",
    "{n} corrections": "{n} correções",
    "{n} follow-up": "{n} nova mensagem no caso",
    "{n} follow-ups": "{n} novas mensagens no caso",
    "{n} survey answer": "{n} resposta de pesquisa",
    "{n} survey answers": "{n} respostas de pesquisa",
    "{n} digest alert": "{n} alerta de resumo",
    "{n} digest alerts": "{n} alertas de resumo",
    "{n} delivered action": "{n} ação entregue",
    "{n} delivered actions": "{n} ações entregues",
    "{n} audit line": "{n} linha do histórico de auditoria",
    "{n} audit lines": "{n} linhas do histórico de auditoria",
    "{n} author": "{n} conta",  # an author's row: "autor" would assume a gender
    "{n} authors": "{n} contas",
    # A follow-up and its case's ticket (waits, holds): i18n_pt_audit_outbox.
    **OUTBOX,
}

# pt-PT (laid over AUDIT by i18n_pt_pt.py): "pedido de apoio" and "apoio ao cliente".
AUDIT_PT = {
    **OUTBOX_PT,
    # The things an erasure's and a retention run's lines count (their words: i18n_pt_privacy).
    "{n} audit line": "{n} linha do registo de auditoria",
    "{n} audit lines": "{n} linhas do registo de auditoria",
    "{n} survey answer": "{n} resposta a inquérito",
    "{n} survey answers": "{n} respostas a inquéritos",
}
