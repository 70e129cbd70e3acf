"""Chat alerts and help-desk tickets in Brazilian and European Portuguese (`[routing]
language`), keyed by the English text the responders and the Slack glue write.

The words follow the desk's catalogues (mentiondesk/web/i18n_pt*.py: Reclamação, Classificação,
Perfil, Encaminhar, Assumir…), which the core may not import; the labels, reasons and
languages below are the desk's own (its catalogues take them from here).
pt-BR is gender-neutral (Perfil, not autor); pt-PT lists only what Portugal says otherwise.
"""

from __future__ import annotations

# pt-PT's overrides live in their own module; imported from here as before.
from mentiondesk.alert_words_pt_pt import PT_PT_MESSAGES, PT_PT_WORDS
from mentiondesk.models import PLATFORM_NAMES

__all__ = ["MESSAGES", "PT_PT_MESSAGES", "PT_PT_WORDS", "WORDS"]

MESSAGES: dict[str, str] = {
    "on “{title}”": "em “{title}”",  # a comment's story or post, on a card
    # Slack card, Teams, Discord, Mattermost
    "New mention": "Nova menção",
    "{case} follow-up": "{case} (nova menção)",
    "{n} follower": "{n} seguidor",
    "{n} followers": "{n} seguidores",
    "frustration {n}/3": "frustração {n}/3",
    "Drafted reply:": "Rascunho de resposta:",
    "Drafted reply: ": "Rascunho de resposta: ",
    "Draft:": "Rascunho:",
    # Above a draft not in the author's language (responders/_text.py OTHER_LANGUAGE), with
    # WORDS["lang"]'s names: "Rascunho em português europeu — a pessoa escreveu em italiano"
    "Draft in {language} — the author wrote in {theirs}": (
        "Rascunho em {language} — a pessoa escreveu em {theirs}"
    ),
    "Label": "Classificação",
    # {who}: the handle as its platform writes it ("@ana", "u/ana", "ana")
    "{case}: {label} mention by {who}": "{case}: menção de {who} ({label})",
    # an erased author (`authors forget` blanks the handle): "Perfil", as the Author row
    "{case}: {label} mention by an erased author": "{case}: menção de perfil apagado ({label})",
    **{"erased author": "perfil apagado", "(erased on request)": "(apagado a pedido)"},
    "{platform} cannot be posted to from mentiondesk: reply there yourself, then press "
    "*Mark as posted* on the case page in the desk.": (
        "Não é possível publicar no {platform} pelo mentiondesk: responda lá e depois clique "
        "em *Marcar como publicada* na página do caso, no atendimento."
    ),
    "This draft is longer than Slack's edit box takes (3,000 characters): "
    "edit it on the desk, or approve it as it is.": (
        "Este rascunho é maior do que a caixa de edição do Slack aceita (3.000 caracteres): "
        "edite no atendimento ou aprove como está."
    ),
    "This draft is too long to show here: open it in the desk.": (
        "Este rascunho é longo demais para ser exibido aqui: abra no atendimento."
    ),
    # The card's buttons and the Edit dialog (their ids and values never change)
    "Approve": "Aprovar",
    "Edit": "Editar",
    "Reject": "Rejeitar",
    "Assign to me": "Assumir",
    "Escalate": "Encaminhar",
    "Edit reply": "Editar resposta",
    "Cancel": "Cancelar",
    "Reply": "Resposta",
    # The card after someone acted (mentiondesk/slack_work.py)
    "{verb} by {user} at {when}": "{verb} por {user} em {when}",
    "Approved": "Resposta aprovada",
    "Rejected": "Rascunho rejeitado",
    "Assigned": "Caso assumido",
    "Escalated to {target}": "Encaminhado ao help desk ({target})",
    "Edited and approved": "Resposta editada e aprovada",
    # Settled elsewhere (desk, CLI, another click), said on the card (mentiondesk/slack_card.py)
    "{verb} at {when}": "{verb} em {when}",
    "Assigned to {user}": "Caso atribuído a {user}",  # taken on the desk or another card
    "Withdrawn": "Rascunho retirado",
    "Case resolved": "Caso resolvido",
    "Case closed": "Caso encerrado",
    "Could not approve: {reason}.": "Não foi possível aprovar: {reason}.",
    "Could not {action}: {reason}": "Não foi possível {action}: {reason}",
    "Could not approve the edit: {reason}": "Não foi possível aprovar a edição: {reason}",
    "approve": "aprovar",
    "reject": "rejeitar",
    "assign": "assumir o caso",
    "escalate": "encaminhar",
    "edit": "editar",
    "Only the approvers listed for this Slack responder can act on these cards; ask an admin "
    "to add your member ID ({user}) to `approvers`.": (
        "Só quem está em `approvers` desta integração com o Slack pode agir nestes cartões; peça "
        "a quem administra o mentiondesk para incluir o seu ID de membro ({user})."
    ),
    "mentiondesk could not reach its database, so nothing was changed. Try again in a minute.": (
        "O mentiondesk não conseguiu acessar o banco de dados, então nada foi alterado. Tente "
        "de novo daqui a um minuto."
    ),
    "Slack did not open the edit box in time: nothing was changed. Press *Edit* again.": (
        "O Slack não abriu a caixa de edição a tempo: nada foi alterado. Clique em *Editar* de "
        "novo."
    ),
    # Why a click was refused, after "Could not …: " (mentiondesk/slack_refusals.py), in the
    # desk's words for the same refusals (its notices)
    "someone edited this draft after this card was posted: nothing was sent or rejected. "
    "Press *Edit* to read it as it is now, or open the case on the desk": (
        "alguém editou este rascunho depois que este cartão foi publicado: nada foi enviado nem "
        "rejeitado. Clique em *Editar* para ler o texto atual, ou abra o caso no atendimento"
    ),
    "someone else already acted on this (approved, rejected or closed it), or a newer draft "
    "replaced it. Nothing was sent twice": (
        "outra pessoa já agiu aqui (aprovou, rejeitou ou encerrou), ou um rascunho mais "
        "recente substituiu este. Nada foi enviado duas vezes"
    ),
    "this case is already resolved: nothing changed": "este caso já está resolvido: nada mudou",
    "this case is already closed: nothing changed": "este caso já está encerrado: nada mudou",
    "this case was already escalated: nothing new was sent to the help desk": (
        "este caso já tinha sido encaminhado: nada de novo foi enviado ao help desk"
    ),
    "the author asked not to be contacted: no private message is sent": (
        "esta pessoa pediu para não ser contatada: nenhuma mensagem privada é enviada"
    ),
    "this draft or case no longer exists": "este rascunho ou caso não existe mais",
    "the text is empty: nothing was changed": "o texto está vazio: nada foi alterado",
    "the reply is longer than the platform allows: shorten it first": (
        "a resposta é mais longa do que a plataforma permite: encurte antes de enviar"
    ),
    "this platform cannot be posted to from mentiondesk: reply there yourself, then press "
    "*Mark as posted* on the case page in the desk": (
        "não é possível publicar nesta plataforma pelo mentiondesk: responda lá e depois clique "
        "em *Marcar como publicada* na página do caso, no atendimento"
    ),
    "this platform has no private messages: send a public reply": (
        "esta plataforma não tem mensagens privadas: envie uma resposta pública"
    ),
    "no help desk is configured (routing.ticket)": (
        "nenhum help desk está configurado (routing.ticket)"
    ),
    "this card could not be read: nothing was changed": (
        "não foi possível ler este cartão: nada foi alterado"
    ),
    "{holder} took this case after this card was posted: it stays theirs, nothing changed": (
        "{holder} assumiu este caso depois que este cartão foi publicado: o caso continua com "
        "essa pessoa e nada mudou"
    ),
    # Help-desk tickets (Zendesk, Freshdesk, Request Tracker)
    # {handle}: as its platform writes it ("@ana", "u/ana", "ana")
    "{what} — {handle} on {platform}": "{what} — {handle} no {platform}",
    "{handle} on {platform}, post {id}": "{handle} no {platform}, publicação {id}",
    "follow-up:": "nova menção:",
    "Follow-up": "Nova menção",
    "Warning": "Atenção",  # a possible fake support account, said first
    "Case": "Caso",
    "Author": "Perfil",
    "Platform": "Plataforma",
    "Link": "Link",
    "Posted": "Publicada em",
    "Mention": "Menção",
    "Reading": "Classificação",
    "Reason": "Motivo",
    "Topics": "Assuntos",
    "Frustration": "Frustração",
    "Rule": "Regra",
    # The Rule of a ticket the desk or a chat card escalated, and of a follow-up's ticket
    "escalated by {who}": "encaminhado por {who}",
    "follow-up": "nova menção",
    "Drafted reply": "Rascunho de resposta",
    # The draft's row as it stands when the ticket is filed (responders/_ticket_rows.py)
    "Reply approved, not sent yet": "Resposta aprovada, ainda não enviada",
    "Reply sent": "Resposta enviada",
    "Rejected on mentiondesk: not to be sent": "Rejeitado no mentiondesk: não deve ser enviado",
    "Earlier in the case": "Menção anterior do caso",  # one row per earlier mention
    # The author's earlier resolved cases (responders/_ticket_rows.py past)
    "Earlier cases": "Casos anteriores",
    "{number} (resolved {when})": "{number} (resolvido em {when})",
    "{platform} post {id}": "publicação {id} no {platform}",
    # A follow-up filed anew after Freshdesk archived or deleted the case's ticket: that one
    "Earlier ticket": "Chamado anterior",
    "{id} (archived)": "{id} (arquivado)",
    "{id} (deleted)": "{id} (excluído)",
    # The digest of an alert route (mentiondesk/digest.py)
    # {when}: one of the four below ("no último minuto"); pt-PT reads the same
    "{route}: {n} mention {when}": "{route}: {n} menção {when}",
    "{route}: {n} mentions {when}": "{route}: {n} menções {when}",
    "in the last minute": "no último minuto",
    "in the last {minutes} min": "nos últimos {minutes} min",
    "in the last hour": "na última hora",
    "in the last {hours} hours": "nas últimas {hours} horas",
    "… and {n} more": "… e mais {n}",
    # [desk] public_url: the case's page, linked from alerts and tickets
    "Open in desk": "Abrir no atendimento",
    "Case page": "Página do caso",
    # A notice to the team chat: a source stopped for good (mentiondesk/source_alert.py);
    # the reason is the platform's or plugin's words, in English. pt-PT reads the same.
    "Source {source} stopped ({error}): {reason}": "A fonte {source} parou ({error}): {reason}",
    "No new mentions are read from it until mentiondesk is restarted.": (
        "Nenhuma menção nova será lida dessa fonte até que o mentiondesk seja reiniciado."
    ),
    "Fix the token (or the account), then restart mentiondesk.": (
        "Corrija o token (ou a conta) e depois reinicie o mentiondesk."
    ),
    # A ticket's Reading: the label and the classifier's probability for it; pt-PT alike
    "{label}, {certainty} sure, language {lang}": "{label}, {certainty} de certeza, idioma: {lang}",
    # An alert about a possible fake support account (responders/_text.py, IMPOSTOR…)
    "Possible fake support account (it resembles {term}, not one of the brand's accounts): "
    "report it to {platform}.": (
        "Possível perfil falso de atendimento (lembra {term}, mas não é uma das contas da "
        "marca): denuncie o perfil no {platform}."
    ),
    "Possible fake support account (it resembles {term}, not one of the brand's accounts): "
    "report it to {platform} and warn the customer it replied to.": (
        "Possível perfil falso de atendimento (lembra {term}, mas não é uma das contas da "
        "marca): denuncie o perfil no {platform} e avise a pessoa a quem ele respondeu."
    ),
    "possible fake support account, it resembles {term}": (
        "possível perfil falso de atendimento, lembra {term}"
    ),
}

WORDS: dict[str, dict[str, str]] = {
    "label": {"negative": "Reclamação", "neutral": "Neutro", "positive": "Elogio"},
    # Complaint reasons and topics, one vocabulary (as the desk's i18n_pt_words).
    "reason": {
        "delivery": "entrega",
        "refund_payment": "reembolso/pagamento",
        "product_quality": "qualidade do produto",
        "support": "atendimento",
        "price": "preço",
        "account_login": "conta/login",
        "spam": "spam",
        "opt_out": "descadastro",
        "other": "outros",
        "no_reason": "sem motivo identificado",  # reason_counts.NO_REASON
    },
    "platform": PLATFORM_NAMES,
    "lang": {
        "en": "inglês",
        "pt": "português",
        # Not "português (Brasil)": it goes inside parentheses ("Pedido (português do Brasil)").
        "pt-PT": "português europeu",
        "pt-BR": "português do Brasil",
        "es": "espanhol",
        "fr": "francês",
        "it": "italiano",
        "de": "alemão",
        "nl": "neerlandês",
        "und": "não identificado",
    },
    # [desk] business_hours days, as Brazilian and Portuguese teams abbreviate them: seg–sex.
    "weekday": {
        "mon": "seg",
        "tue": "ter",
        "wed": "qua",
        "thu": "qui",
        "fri": "sex",
        "sat": "sáb",
        "sun": "dom",
    },
}
