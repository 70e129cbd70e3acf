"""The case page, held replies and the audit trail where European Portuguese words them
differently from pt-BR (see i18n_pt_pt.py): their own file, as in pt-BR."""

from __future__ import annotations

from mentiondesk.web.i18n_pt_counter import COUNTER_PT
from mentiondesk.web.i18n_pt_refusals import REFUSALS_PT

CASE = {
    **REFUSALS_PT,  # a too-long reply's, with its numbers
    **COUNTER_PT,  # the live counter's, over Bluesky's bytes
    # the case page (i18n_pt_case)
    "do not contact": "não contactar",
    "Save draft": "Guardar rascunho",
    "{who} edited this draft after you opened the page ({when}): nothing was changed.": (
        "{who} editou este rascunho depois de a página ser aberta ({when}): nada foi alterado."
    ),
    "Someone edited this draft after you opened the page: nothing was changed.": (
        "Alguém editou este rascunho depois de a página ser aberta: nada foi alterado."
    ),
    "Someone decided this draft after you opened this page: nothing was sent or saved. Your text "
    "is below, to copy.": (
        "Alguém decidiu sobre este rascunho depois de esta página ser aberta: nada foi enviado nem"
        " guardado. O seu texto está abaixo, para copiar."
    ),
    "Your reply was not sent: the case changed after you opened this page. Your text is below.": (
        "A sua resposta não foi enviada: o caso mudou depois de esta página ser aberta. O seu "
        "texto está abaixo."
    ),
    "{who} approved this draft after you opened the page ({when}): your text was not sent or "
    "saved.": (
        "{who} aprovou este rascunho depois de a página ser aberta ({when}): o seu texto não foi "
        "enviado nem guardado."
    ),
    "{who} rejected this draft after you opened the page ({when}): your text was not sent or "
    "saved.": (
        "{who} rejeitou este rascunho depois de a página ser aberta ({when}): o seu texto não foi "
        "enviado nem guardado."
    ),
    "This draft was withdrawn after you opened the page: your text was not sent or saved.": (
        "Este rascunho foi retirado depois de a página ser aberta: o seu texto não foi enviado nem"
        " guardado."
    ),
    "Your text, to copy (or to send with Reply now, if the case still needs it):": (
        "O seu texto, para copiar (ou enviar em Responder agora, se o caso ainda precisar):"
    ),
    "Your text, not sent": "O seu texto, não enviado",
    "{who} sent a reply after you opened the page ({when}): your reply was not sent.": (
        "{who} enviou uma resposta depois de a página ser aberta ({when}): a sua não foi enviada."
    ),
    "Someone answered this case after you opened the page: your reply was not sent.": (
        "Alguém respondeu a este caso depois de a página ser aberta: a sua resposta não foi "
        "enviada."
    ),
    "Read their reply above. Your text is still in the box below: send it if it still fits.": (
        "Leia a resposta dessa pessoa acima. O seu texto continua na caixa abaixo: envie-o se "
        "ainda fizer sentido."
    ),
    "{who} closed this case after you opened the page ({when}): your reply was not sent.": (
        "{who} encerrou este caso depois de a página ser aberta ({when}): a sua resposta não foi "
        "enviada."
    ),
    "{who} resolved this case after you opened the page ({when}): your reply was not sent.": (
        "{who} resolveu este caso depois de a página ser aberta ({when}): a sua resposta não foi "
        "enviada."
    ),
    "This case is no longer open: your reply was not sent.": (
        "Este caso já não está aberto: a sua resposta não foi enviada."
    ),
    "Your text, to copy:": "O seu texto, para copiar:",
    "Your text is still in the box below: approve or save it to use yours instead, or copy theirs "
    "in.": (
        "O seu texto continua na caixa abaixo: aprove ou guarde para usar o seu, ou copie o texto "
        "da outra pessoa para a caixa."
    ),
    "(sent at once, in your name)": "(enviada de imediato, em seu nome)",
    "No private message: the author asked not to be contacted.": (
        "Sem mensagem privada: a pessoa pediu para não ser contactada."
    ),
    "Your reply": "A sua resposta",
    "Withdrawn: the author has since complained, so this thank-you no longer fits.": (
        "Retirada: depois disso, a pessoa fez uma reclamação, e este agradecimento já não faz "
        "sentido."
    ),
    "Withdrawn: the author asked not to be contacted.": (
        "Retirada: a pessoa pediu para não ser contactada."
    ),
    "{who} put them on the do-not-contact list.": (
        "{who} incluiu a pessoa na lista de não contactar."
    ),
    "They were already on the do-not-contact list.": (
        "A pessoa já estava na lista de não contactar."
    ),
    "Add a note for the team": "Escreva uma nota para a equipa",
    "Ticket": "Pedido de apoio",
    "written by hand": "escrita pela equipa",
    "help desk ticket {ref}": "pedido de apoio {ref} no apoio ao cliente",
    "how urgent, to order the queue: frustration (0 to 3) × 10, + 5 for a complaint, + 1 for "
    "each tenfold of the author's followers (10, 100, 1,000…)": (
        "urgência, para ordenar a fila: frustração (0 a 3) × 10, + 5 se for reclamação, + 1 por "
        "cada dez vezes mais seguidores do perfil (10, 100, 1000…)"
    ),
    "Same handle on:": "Mesmo nome de utilizador em:",
    "Do not contact {handle} on {platform}": "Não contactar {handle} no {platform}",
    "{handle} on {platform} is on the do-not-contact list.": (
        "{handle} no {platform} está na lista de não contactar."
    ),
    "Allow contact again with {handle} on {platform}": (
        "Permitir contacto de novo com {handle} no {platform}"
    ),
    "The do-not-contact list goes by platform: each account is listed on its own.": (
        "A lista de não contactar é por plataforma: cada conta entra na lista separadamente."
    ),
    "Nothing was sent or saved: your text is still in the box below.": (
        "Nada foi enviado nem guardado: o seu texto continua na caixa abaixo."
    ),
    # desk-guards.js, before a saved reply replaces text the agent wrote
    "Replace the text you wrote with this saved reply?": (
        "Substituir o texto que escreveu por esta resposta pronta?"
    ),
    # held replies (i18n_pt_held)
    "Write a public reply below instead: it reaches them where a private message cannot.": (
        "Escreva abaixo uma resposta pública: chega onde a mensagem privada não chega."
    ),
    "They are no longer on the do-not-contact list, so it no longer holds this reply back: try "
    "sending it again.": (
        "A pessoa saiu da lista de não contactar, que já não retém esta resposta: tente enviar de "
        "novo."
    ),
    "There is nothing to reply to: close the case, unless the author wrote again (answer "
    "that mention).": (
        "Não há nada a que responder: encerre o caso, a menos que a pessoa tenha escrito de "
        "novo (responda a essa menção)."
    ),
    "What the outbox recorded": "O que a fila de envio registou",
    "Trying again would be held again while the author is on the do-not-contact list.": (
        "Uma nova tentativa também seria retida enquanto a pessoa estiver na lista de não "
        "contactar."
    ),
    "Trying again: the reply is back in the outbox. If it is held again, the page says why.": (
        "A tentar de novo: a resposta voltou à fila de envio. Se for retida outra vez, a página "
        "diz porquê."
    ),
    "That reply is no longer held (it was sent, or someone already tried again): here is how it "
    "stands now.": (
        "Essa resposta já não está retida (foi enviada, ou alguém já tentou de novo): veja como "
        "está agora."
    ),
    # audit trail (i18n_pt_audit)
    "{who} changed the password of {name}": "{who} alterou a palavra-passe de {name}",
    "{who} put {handle} on {platform} on the do-not-contact list": (
        "{who} colocou {handle} no {platform} na lista de não contactar"
    ),
    "{who} allowed {handle} on {platform} to be contacted again": (
        "{who} voltou a permitir contacto com {handle} no {platform}"
    ),
    "{who} put the person on {platform} on the do-not-contact list": (
        "{who} colocou a pessoa no {platform} na lista de não contactar"
    ),
    "{who} allowed the person on {platform} to be contacted again": (
        "{who} voltou a permitir contacto com a pessoa no {platform}"
    ),
    # without "você"
    "You replied publicly at {when}: still send this private message?": (
        "Respondeu publicamente em {when}: enviar esta mensagem privada mesmo assim?"
    ),
    "You sent a private message at {when}: still send this public reply?": (
        "Enviou uma mensagem privada em {when}: enviar esta resposta pública mesmo assim?"
    ),
    # Hacker News: read-only, so a reply is posted there by a person and marked as posted.
    "{platform} cannot be posted to from here: copy the text, reply on {platform}, then press "
    "Mark as posted.": (
        "Não é possível publicar no {platform} a partir daqui: copie o texto, responda no "
        "{platform} e depois carregue em Marcar como publicada."
    ),
    "Did you post this reply on {platform}? It is recorded as your answer; nothing is sent "
    "from here.": (
        "Publicou esta resposta no {platform}? Fica registada como a sua resposta; nada é "
        "enviado daqui."
    ),
    "(post it on {platform} yourself, then record it here)": (
        "(publique no {platform} e depois registe aqui)"
    ),
    "Replies to this platform cannot be sent from here: post it there yourself, then press "
    "Mark as posted. Nothing was sent.": (
        "As respostas para esta plataforma não podem ser enviadas daqui: publique a resposta "
        "lá e depois carregue em Marcar como publicada. Nada foi enviado."
    ),
    "{who} edited a reply and marked it as posted by hand": (
        "{who} editou uma resposta e marcou-a como publicada manualmente"
    ),
    "{who} wrote a reply posted by hand": ("{who} registou uma resposta publicada manualmente"),
    # desk-guards.js, before a submit or a link leaves text typed in another box unsent
    "You have text you have not sent or saved. Leave it and go on?": (
        "Há texto que ainda não enviou nem guardou. Deixá-lo e continuar?"
    ),
    "Another private message to this author waits in this case; reject it first to restore "
    "this one.": (
        "Outra mensagem privada para esta pessoa aguarda aprovação neste caso; rejeite primeiro "
        "a outra para restaurar esta."
    ),
    "reply approved, sending…": "resposta aprovada, a enviar…",
    "approved, sending…": "aprovada, a enviar…",
    # The help desk as Portuguese support teams say it: "apoio ao cliente", not English
    "Escalate to help desk": "Encaminhar para o apoio ao cliente",
    "No help desk is configured (routing.ticket).": (
        "Não está configurado nenhum sistema de apoio ao cliente (routing.ticket)."
    ),
    "escalate to the help desk": "encaminhar para o apoio ao cliente",
    "{who} escalated the case to the help desk ({target})": (
        "{who} encaminhou o caso para o apoio ao cliente ({target})"
    ),
    "This case was already escalated: nothing new was sent to the help desk.": (
        "Este caso já tinha sido encaminhado: nada de novo foi enviado para o apoio ao cliente."
    ),
    "Relabelled as {label}: nothing on this case reads as a complaint now. If nothing else is "
    "open on it, end it with Resolve or Close below.": (
        "Reclassificado como {label}: já nada neste caso está classificado como reclamação. "
        "Se não houver mais nada pendente, termine-o com Resolver ou Encerrar abaixo."
    ),
    "{name} (help desk)": "{name} (pelo apoio ao cliente)",
    # held replies (i18n_pt_held): Portugal registers with no "r" ("registrado" is Brazil's)
    "Held back by {who}, with no reason given.": "Retida por {who}, sem motivo indicado.",
    "Once the reply may go, send it with Try sending again.": (
        "Quando a resposta puder seguir, envie-a com Tentar enviar de novo."
    ),
    "Read the reason recorded below; once the reply may go, send it with Try sending again.": (
        "Leia abaixo o motivo registado; quando a resposta puder seguir, envie-a com Tentar "
        "enviar de novo."
    ),
    # an approved reply's post (i18n_pt_held): "a + infinitive" for Brazil's gerund
    "approved, sending failed — retrying": "aprovada, falha no envio — a tentar de novo",
    "The platform has not taken it yet: the outbox tries again by itself.": (
        "A plataforma ainda não aceitou a resposta: a fila de envio volta a tentar sozinha."
    ),
    # A satisfaction score read from the author's own post (i18n_pt_audit): "inquérito".
    "The author answered the survey in a post: {kind} {score}": (
        "A pessoa respondeu ao inquérito numa publicação: {kind} {score}"
    ),
    "The author answered the survey in a post: {kind} {score}, replacing {earlier} of {day}": (
        "A pessoa respondeu ao inquérito numa publicação: {kind} {score}, a substituir a nota "
        "{earlier} de {day}"
    ),
    "The author edited the post: its survey answer {kind} {score} is withdrawn": (
        "A pessoa editou a publicação: a resposta ao inquérito ({kind} {score}) foi retirada"
    ),
    # an edit after the reply that asks us to stop (i18n_pt_audit): Portugal's "contactar"
    "The author edited the post after it was answered, asking not to be contacted: the new text "
    "is kept, and they are on the do-not-contact list": (
        "A pessoa editou a publicação depois da resposta e pediu para não ser contactada: o novo "
        "texto foi mantido, e a pessoa está na lista de não contactar"
    ),
    "The author edited the post after its draft was rejected, asking not to be contacted: the "
    "new text is kept, and they are on the do-not-contact list": (
        "A pessoa editou a publicação depois de o rascunho ser rejeitado e pediu para não ser "
        "contactada: o novo texto foi mantido, e a pessoa está na lista de não contactar"
    ),
    # a reply in another customer's thread telling them what to do (bystanders.py)
    "advice to another customer in a thread": "conselho a outra pessoa numa conversa",
    "Advice to another customer, not a complaint: no case, no apology.": (
        "Conselho a outra pessoa, não uma reclamação: sem caso nem pedido de desculpa."
    ),
}
