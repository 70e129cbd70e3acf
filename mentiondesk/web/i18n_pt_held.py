"""Approved replies the outbox holds (queue badge, case page, notices) in Brazilian Portuguese;
also the base of pt-PT (i18n_pt_pt.py is laid over it), so a change here reaches Portugal too."""

from __future__ import annotations

HELD = {
    "The approved reply was never sent: open the case to see why and try again.": (
        "A resposta aprovada nunca foi enviada: abra o caso para ver o motivo e tentar de novo."
    ),
    "approved, not sent": "aprovada, não enviada",  # the queue's badge and the case page's status
    "approved, dropped: never sent": "aprovada, descartada: não enviada",  # `outbox drop`
    "Not sent: {reason}.": "Não enviada: {reason}.",
    "The author has not been answered.": "A pessoa ainda não recebeu resposta.",
    "Trying again sends the same text: write a shorter reply below instead.": (
        "Tentar de novo envia o mesmo texto: escreva abaixo uma resposta mais curta."
    ),
    "Write a public reply below instead: it reaches them where a private message cannot.": (
        "Escreva abaixo uma resposta pública, que chega aonde a mensagem privada não chega."
    ),
    "Send them no private message: write a public reply below if one is needed, or close "
    "the case.": (
        "Não envie mensagem privada: escreva abaixo uma resposta pública, se for preciso, ou "
        "encerre o caso."
    ),
    "They are no longer on the do-not-contact list, so it no longer holds this reply back: "
    "try sending it again.": (
        "A pessoa saiu da lista de não contatar, que não retém mais esta resposta: tente "
        "enviar de novo."
    ),
    "There is nothing to reply to: close the case, unless the author wrote again (answer "
    "that mention).": (
        "Não há o que responder: encerre o caso, a menos que a pessoa tenha escrito de novo "
        "(responda a essa menção)."
    ),
    "Tell whoever runs the desk: the desk is not set up to send this. Try again once it is "
    "fixed.": (
        "Avise quem administra o atendimento: a configuração não permite enviar isto. Tente "
        "de novo depois da correção."
    ),
    "Try sending again; if it is held again, write a different reply below.": (
        "Tente enviar de novo; se for retida outra vez, escreva abaixo outra resposta."
    ),
    # a reply held as too long: by how much, as its platform counts it (_held_reply.html); the
    # sentence names "a resposta": before it stands only "N caracteres acima do limite."
    "{n} character over the limit.": "{n} caractere acima do limite.",
    "{n} characters over the limit.": "{n} caracteres acima do limite.",
    "By the desk's count it is {length} characters and {platform} allows {limit}, but "
    "{platform} counted it as longer.": (
        "Pela contagem do atendimento, a resposta tem {length} caracteres e o {platform} "
        "aceita até {limit}, mas o {platform} a contou como mais longa."
    ),
    "What the outbox recorded": "O que a fila de envio registrou",
    "after {n} try": "após {n} tentativa",
    "after {n} tries": "após {n} tentativas",
    "Trying again would be held again while the author is on the do-not-contact list.": (
        "Uma nova tentativa também seria retida enquanto a pessoa estiver na lista de não contatar."
    ),
    "Try sending again": "Tentar enviar de novo",
    "Trying again: the reply is back in the outbox. If it is held again, the page says why.": (
        "Tentando de novo: a resposta voltou para a fila de envio. Se for retida outra vez, a "
        "página diz por quê."
    ),
    "That reply is no longer held (it was sent, or someone already tried again): here is how "
    "it stands now.": (
        "Essa resposta não está mais retida (foi enviada, ou alguém já tentou de novo): veja "
        "como ela está agora."
    ),
    "Held back by {who}: {reason}": "Retida por {who}: {reason}",
    "Held back by {who}, with no reason given.": "Retida por {who}, sem motivo informado.",
    "Once the reply may go, send it with Try sending again.": (
        "Quando a resposta puder ir, envie com Tentar enviar de novo."
    ),
    "Read the reason recorded below; once the reply may go, send it with Try sending again.": (
        "Leia abaixo o motivo registrado; quando a resposta puder ir, envie com Tentar enviar "
        "de novo."
    ),
    # an approved reply's post as the outbox left it (case.html's draft status)
    "approved, sending failed — retrying": "aprovada, falha no envio — tentando de novo",
    "The platform has not taken it yet: the outbox tries again by itself.": (
        "A plataforma ainda não aceitou a resposta: a fila de envio tenta de novo sozinha."
    ),
    "sent": "enviada",  # the reply (a resposta), never the person
    "Sent {when}": "Enviada em {when}",
    "Open the reply on {platform}": "Abrir a resposta no {platform}",
}

# Where Portugal words them otherwise (laid into i18n_pt_pt.py): "carácter", the clitic after.
HELD_PT = {
    "{n} character over the limit.": "{n} carácter acima do limite.",
    "By the desk's count it is {length} characters and {platform} allows {limit}, but "
    "{platform} counted it as longer.": (
        "Pela contagem do atendimento, a resposta tem {length} caracteres e o {platform} "
        "aceita até {limit}, mas o {platform} contou-a como mais longa."
    ),
}
