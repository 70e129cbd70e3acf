"""Where Portugal words chat alerts and help-desk tickets otherwise than Brazil
(mentiondesk/alert_words_pt.py has the rest): keyed by the same English text, only what
differs. The pt-PT alert wording is alert_words_pt's with these laid over it.
"""

from __future__ import annotations

# Where Portugal words it otherwise: "carregue em", "aceder à base de dados", "Ligação",
# 3000 without a separator (CLDR pt-PT), "tal como está".
PT_PT_MESSAGES: dict[str, str] = {
    # The help desk and its ticket as the pt-PT desk names them (web/i18n_pt_pt.py)
    "Escalated to {target}": "Encaminhado para o apoio ao cliente ({target})",
    "Earlier ticket": "Pedido de apoio anterior",
    "{platform} cannot be posted to from mentiondesk: reply there yourself, then press "
    "*Mark as posted* on the case page in the desk.": (
        "Não é possível publicar no {platform} a partir do mentiondesk: responda lá e depois "
        "carregue em *Marcar como publicada* na página do caso, no atendimento."
    ),
    "This draft is longer than Slack's edit box takes (3,000 characters): "
    "edit it on the desk, or approve it as it is.": (
        "Este rascunho é maior do que a caixa de edição do Slack aceita (3000 caracteres): "
        "edite-o no atendimento ou aprove-o tal como está."
    ),
    "This draft is too long to show here: open it in the desk.": (
        "Este rascunho é demasiado longo para ser mostrado aqui: abra-o no atendimento."
    ),
    "Only the approvers listed for this Slack responder can act on these cards; ask an admin "
    "to add your member ID ({user}) to `approvers`.": (
        "Só quem está em `approvers` desta integração com o Slack pode agir nestes cartões; peça "
        "a quem administra o mentiondesk que inclua o seu ID de membro ({user})."
    ),
    "mentiondesk could not reach its database, so nothing was changed. Try again in a minute.": (
        "O mentiondesk não conseguiu aceder à base de dados, por isso nada foi alterado. "
        "Tente de novo daqui a um minuto."
    ),
    "Slack did not open the edit box in time: nothing was changed. Press *Edit* again.": (
        "O Slack não abriu a caixa de edição a tempo: nada foi alterado. Carregue novamente em "
        "*Editar*."
    ),
    # Why a click was refused (slack_refusals.py), as the desk's pt-PT says it
    "someone edited this draft after this card was posted: nothing was sent or rejected. "
    "Press *Edit* to read it as it is now, or open the case on the desk": (
        "alguém editou este rascunho depois de este cartão ser publicado: nada foi enviado nem "
        "rejeitado. Carregue em *Editar* para ler o texto atual, ou abra o caso no atendimento"
    ),
    "this case was already escalated: nothing new was sent to the help desk": (
        "este caso já tinha sido encaminhado: nada de novo foi enviado para o apoio ao cliente"
    ),
    "the author asked not to be contacted: no private message is sent": (
        "esta pessoa pediu para não ser contactada: nenhuma mensagem privada é enviada"
    ),
    "this draft or case no longer exists": "este rascunho ou caso já não existe",
    "the reply is longer than the platform allows: shorten it first": (
        "a resposta é mais longa do que a plataforma permite: encurte-a primeiro"
    ),
    "this platform cannot be posted to from mentiondesk: reply there yourself, then press "
    "*Mark as posted* on the case page in the desk": (
        "não é possível publicar nesta plataforma a partir do mentiondesk: responda lá e "
        "depois carregue em *Marcar como publicada* na página do caso, no atendimento"
    ),
    "no help desk is configured (routing.ticket)": (
        "não está configurado nenhum sistema de apoio ao cliente (routing.ticket)"
    ),
    "{holder} took this case after this card was posted: it stays theirs, nothing changed": (
        "{holder} assumiu este caso depois de este cartão ser publicado: o caso continua com "
        "essa pessoa e nada mudou"
    ),
    "Link": "Ligação",
    # "por enviar", as Portugal says what is still to be done
    "Reply approved, not sent yet": "Resposta aprovada, ainda por enviar",
    "{id} (deleted)": "{id} (eliminado)",
    "Possible fake support account (it resembles {term}, not one of the brand's accounts): "
    "report it to {platform}.": (
        "Possível perfil falso de apoio ao cliente (parece-se com {term}, mas não é uma das "
        "contas da marca): denuncie-o no {platform}."
    ),
    "Possible fake support account (it resembles {term}, not one of the brand's accounts): "
    "report it to {platform} and warn the customer it replied to.": (
        "Possível perfil falso de apoio ao cliente (parece-se com {term}, mas não é uma das "
        "contas da marca): denuncie-o no {platform} e avise a pessoa a quem respondeu."
    ),
    "possible fake support account, it resembles {term}": (
        "possível perfil falso de apoio ao cliente, parece-se com {term}"
    ),
}

PT_PT_WORDS: dict[str, dict[str, str]] = {
    "reason": {"opt_out": "cancelamento de subscrição", "support": "apoio ao cliente"},
}
