"""The audit trail's lines about a follow-up and its case's ticket (web/audit_ticket_waits):
it waits for the ticket, went once the ticket was filed, or was held as the ticket was
dropped, sent elsewhere or never filed. i18n_pt_audit lays OUTBOX into pt-BR's audit texts
and OUTBOX_PT into pt-PT's ("pedido de apoio" and "apoio ao cliente")."""

from __future__ import annotations

OUTBOX = {
    # A follow-up waited for its case's ticket to be filed, and went once it was.
    "The author's new message waits for the case's ticket to be filed at the help desk "
    "({target}), and goes on it then (outbox action {action}; the ticket's: {ticket_action})": (
        "A nova mensagem da pessoa aguarda a abertura do chamado do caso no help desk "
        "({target}) e será acrescentada a ele depois (ação {action} da fila de envio; a do "
        "chamado: {ticket_action})"
    ),
    "The author's new message was added to the case's ticket at the help desk ({target}) "
    "once the ticket was filed (outbox action {action})": (
        "A nova mensagem da pessoa foi acrescentada ao chamado do caso no help desk ({target}) "
        "depois que o chamado foi aberto (ação {action} da fila de envio)"
    ),
    # A follow-up waiting on a ticket a person held (`outbox hold`): only a release files it.
    "The author's new message waits on the case's ticket for the help desk ({target}), which "
    "is held (outbox action {ticket_action}): nothing files it until someone releases it with "
    "`mentiondesk outbox retry {ticket_action}`; the message goes on it then (outbox action "
    "{action})": (
        "A nova mensagem da pessoa aguarda o chamado do caso no help desk ({target}), que está "
        "retido (ação {ticket_action} da fila de envio): nada o abre até que alguém o libere "
        "com `mentiondesk outbox retry {ticket_action}`; a mensagem será acrescentada a ele "
        "depois (ação {action} da fila de envio)"
    ),
    # The worker held one at its claim, the ticket dropped before (outbox_claim).
    "The case's ticket for the help desk ({target}; outbox action {ticket_action}) was "
    "dropped, so the outbox held the author's new message for it (outbox action {action}): "
    "to send it, escalate {number} to {target} again, then `mentiondesk outbox retry "
    "{action}`; or drop it with `mentiondesk outbox drop {action}`": (
        "O chamado do caso no help desk ({target}; ação {ticket_action} da fila de envio) foi "
        "descartado, e a fila de envio reteve a nova mensagem da pessoa para ele (ação "
        "{action} da fila de envio): para enviá-la, encaminhe {number} de novo para {target} e "
        "depois rode `mentiondesk outbox retry {action}`; ou descarte-a com `mentiondesk "
        "outbox drop {action}`"
    ),
    # `outbox drop` of a case's ticket held the follow-ups waiting for it.
    "{who} dropped the case's ticket for the help desk ({target}; outbox action "
    "{ticket_action}), so the author's new message for it is held (outbox action {action}): "
    "to send it, escalate {number} to {target} again, then `mentiondesk outbox retry "
    "{action}`; or drop it with `mentiondesk outbox drop {action}`": (
        "{who} descartou o chamado do caso no help desk ({target}; ação {ticket_action} da "
        "fila de envio), e a nova mensagem da pessoa para ele ficou retida (ação {action} da "
        "fila de envio): para enviá-la, encaminhe {number} de novo para {target} e depois rode "
        "`mentiondesk outbox retry {action}`; ou descarte-a com `mentiondesk outbox drop "
        "{action}`"
    ),
    # The claim held a follow-up whose case never had a ticket there (outbox_old_holds).
    "The outbox held the author's new message for the help desk ({target}; outbox action "
    "{action}): the case has no ticket there to add it to. To send it, escalate {number} to "
    "{target}, then `mentiondesk outbox retry {action}`; or drop it with `mentiondesk outbox "
    "drop {action}`": (
        "A fila de envio reteve a nova mensagem da pessoa para o help desk ({target}; ação "
        "{action} da fila de envio): o caso não tem chamado lá onde acrescentá-la. Para "
        "enviá-la, encaminhe {number} para {target} e depois rode `mentiondesk outbox retry "
        "{action}`; ou descarte-a com `mentiondesk outbox drop {action}`"
    ),
    # `outbox retry` of a follow-up the outbox held for want of the case's ticket.
    "the case had no ticket at the help desk to add it to": (
        "o caso não tinha chamado no help desk onde acrescentá-la"
    ),
    # A follow-up held at its desk, its ticket sent elsewhere without it (case_tickets).
    "The outbox held the author's new message for the help desk ({target}; outbox action "
    "{action}): the case's ticket is at {elsewhere} now, sent there without it. To send it "
    "there too, `mentiondesk outbox retry {action} --to {elsewhere}`; or drop it with "
    "`mentiondesk outbox drop {action}`": (
        "A fila de envio reteve a nova mensagem da pessoa para o help desk ({target}; ação "
        "{action} da fila de envio): o chamado do caso agora está em {elsewhere}, enviado "
        "para lá sem ela. Para enviá-la para lá também, rode `mentiondesk outbox retry "
        "{action} --to {elsewhere}`; ou descarte-a com `mentiondesk outbox drop {action}`"
    ),
    # The same, the case's tickets at several desks (a desk per country): each one named.
    "The outbox held the author's new message for the help desk ({target}; outbox action "
    "{action}): the case's tickets are at {desks} now, each sent there without it. To send it "
    "to the ticket it belongs on, {sends}; or drop it with `mentiondesk outbox drop {action}`": (
        "A fila de envio reteve a nova mensagem da pessoa para o help desk ({target}; ação "
        "{action} da fila de envio): os chamados do caso agora estão em {desks}, cada um "
        "enviado para lá sem ela. Para enviá-la ao chamado ao qual ela pertence, rode "
        "{sends}; ou descarte-a com `mentiondesk outbox drop {action}`"
    ),
    # A follow-up a person held, sent along with its ticket (outbox_follow_ups), still held.
    "{who} sent the case's ticket to the help desk ({target}; outbox action {ticket_action}) "
    "with the author's new message for it (outbox action {action}), which stays held, as a "
    "person held it: `mentiondesk outbox retry {action}` releases it": (
        "{who} enviou o chamado do caso para o help desk ({target}; ação {ticket_action} da "
        "fila de envio) com a nova mensagem da pessoa para ele (ação {action} da fila de "
        "envio), que continua retida, pois alguém a reteve: `mentiondesk outbox retry "
        "{action}` a libera"
    ),
}

# pt-PT (laid over OUTBOX through AUDIT_PT): "pedido de apoio" and "apoio ao cliente".
OUTBOX_PT = {
    "The case's ticket for the help desk ({target}; outbox action {ticket_action}) was "
    "dropped, so the outbox held the author's new message for it (outbox action {action}): "
    "to send it, escalate {number} to {target} again, then `mentiondesk outbox retry "
    "{action}`; or drop it with `mentiondesk outbox drop {action}`": (
        "O pedido de apoio do caso no apoio ao cliente ({target}; ação {ticket_action} da fila "
        "de envio) foi descartado, e a fila de envio reteve a nova mensagem da pessoa para ele "
        "(ação {action} da fila de envio): para a enviar, encaminhe {number} de novo para "
        "{target} e depois execute `mentiondesk outbox retry {action}`; ou descarte-a com "
        "`mentiondesk outbox drop {action}`"
    ),
    "The outbox held the author's new message for the help desk ({target}; outbox action "
    "{action}): the case has no ticket there to add it to. To send it, escalate {number} to "
    "{target}, then `mentiondesk outbox retry {action}`; or drop it with `mentiondesk outbox "
    "drop {action}`": (
        "A fila de envio reteve a nova mensagem da pessoa para o apoio ao cliente ({target}; "
        "ação {action} da fila de envio): o caso não tem pedido de apoio lá onde a acrescentar. "
        "Para a enviar, encaminhe {number} para {target} e depois execute `mentiondesk outbox "
        "retry {action}`; ou descarte-a com `mentiondesk outbox drop {action}`"
    ),
    "the case had no ticket at the help desk to add it to": (
        "o caso não tinha pedido de apoio no apoio ao cliente onde a acrescentar"
    ),
    "The author's new message waits for the case's ticket to be filed at the help desk "
    "({target}), and goes on it then (outbox action {action}; the ticket's: {ticket_action})": (
        "A nova mensagem da pessoa aguarda a abertura do pedido de apoio do caso no apoio ao "
        "cliente ({target}) e será acrescentada depois (ação {action} da fila de envio; a do "
        "pedido de apoio: {ticket_action})"
    ),
    "The author's new message was added to the case's ticket at the help desk ({target}) "
    "once the ticket was filed (outbox action {action})": (
        "A nova mensagem da pessoa foi acrescentada ao pedido de apoio do caso no apoio ao "
        "cliente ({target}) depois de o pedido de apoio ser aberto (ação {action} da fila de "
        "envio)"
    ),
    "The author's new message waits on the case's ticket for the help desk ({target}), which "
    "is held (outbox action {ticket_action}): nothing files it until someone releases it with "
    "`mentiondesk outbox retry {ticket_action}`; the message goes on it then (outbox action "
    "{action})": (
        "A nova mensagem da pessoa aguarda o pedido de apoio do caso no apoio ao cliente "
        "({target}), que está retido (ação {ticket_action} da fila de envio): nada o abre até "
        "alguém o libertar com `mentiondesk outbox retry {ticket_action}`; a mensagem será "
        "acrescentada depois (ação {action} da fila de envio)"
    ),
    "{who} dropped the case's ticket for the help desk ({target}; outbox action "
    "{ticket_action}), so the author's new message for it is held (outbox action {action}): "
    "to send it, escalate {number} to {target} again, then `mentiondesk outbox retry "
    "{action}`; or drop it with `mentiondesk outbox drop {action}`": (
        "{who} descartou o pedido de apoio do caso no apoio ao cliente ({target}; ação "
        "{ticket_action} da fila de envio), e a nova mensagem da pessoa para ele ficou retida "
        "(ação {action} da fila de envio): para a enviar, encaminhe {number} de novo para "
        "{target} e depois execute `mentiondesk outbox retry {action}`; ou descarte-a com "
        "`mentiondesk outbox drop {action}`"
    ),
    "The outbox held the author's new message for the help desk ({target}; outbox action "
    "{action}): the case's ticket is at {elsewhere} now, sent there without it. To send it "
    "there too, `mentiondesk outbox retry {action} --to {elsewhere}`; or drop it with "
    "`mentiondesk outbox drop {action}`": (
        "A fila de envio reteve a nova mensagem da pessoa para o apoio ao cliente ({target}; "
        "ação {action} da fila de envio): o pedido de apoio do caso está agora em {elsewhere}, "
        "enviado para lá sem ela. Para a enviar para lá também, execute `mentiondesk outbox "
        "retry {action} --to {elsewhere}`; ou descarte-a com `mentiondesk outbox drop {action}`"
    ),
    "The outbox held the author's new message for the help desk ({target}; outbox action "
    "{action}): the case's tickets are at {desks} now, each sent there without it. To send it "
    "to the ticket it belongs on, {sends}; or drop it with `mentiondesk outbox drop {action}`": (
        "A fila de envio reteve a nova mensagem da pessoa para o apoio ao cliente ({target}; "
        "ação {action} da fila de envio): os pedidos de apoio do caso estão agora em {desks}, "
        "cada um enviado para lá sem ela. Para a enviar ao pedido de apoio a que diz "
        "respeito, execute {sends}; ou descarte-a com `mentiondesk outbox drop {action}`"
    ),
    "{who} sent the case's ticket to the help desk ({target}; outbox action {ticket_action}) "
    "with the author's new message for it (outbox action {action}), which stays held, as a "
    "person held it: `mentiondesk outbox retry {action}` releases it": (
        "{who} enviou o pedido de apoio do caso para o apoio ao cliente ({target}; ação "
        "{ticket_action} da fila de envio) com a nova mensagem da pessoa para ele (ação "
        "{action} da fila de envio), que continua retida, por alguém a ter retido: "
        "`mentiondesk outbox retry {action}` liberta-a"
    ),
}
