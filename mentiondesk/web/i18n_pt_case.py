"""The case page in Brazilian Portuguese (its own file: the page says the most); also the
base of pt-PT (i18n_pt_pt_case.py is laid over it), so a change here reaches Portugal too."""

from __future__ import annotations

from mentiondesk.web.i18n_pt_stale import STALE as _STALE

CASE = {
    "Mention": "Menção",
    "Mention {id}": "Menção {id}",
    "Case {number}": "Caso {number}",
    "do not contact": "não contatar",
    "on {platform}": "no {platform}",
    "on “{title}”": "em “{title}”",  # what a comment answers: the story's or post's title
    "view on {platform}": "ver no {platform}",
    "In this case": "Neste caso",
    "{n} mentions by the author, oldest first": (
        "{n} menções da pessoa, da mais antiga à mais recente"
    ),
    "opened the case": "abriu o caso",
    "follow-up": "nova menção",
    "Thread": "Conversa",
    "rule: {rule}": "regra: {rule}",
    "answers": "responde a",
    "another mention in this case": "outra menção deste caso",
    "Reply text": "Texto da resposta",
    "{limit} characters": "{limit} caracteres",
    "Approve and send": "Aprovar e enviar",
    "Save draft": "Salvar rascunho",
    # Someone acted on the case after this page was loaded (i18n_pt_stale).
    **_STALE,
    "{status} by {who}": "{status} por {who}",
    "{name} (terminal)": "{name} (pelo terminal)",
    "written by hand": "escrita pela equipe",
    "Reply now": "Responder agora",
    "(sent at once, in your name)": "(enviada na hora, em seu nome)",
    "Send as": "Enviar como",
    "public reply": "resposta pública",
    "private message": "mensagem privada",
    "No private message: the author asked not to be contacted.": (
        "Sem mensagem privada: a pessoa pediu para não ser contatada."
    ),
    "No private messages on {platform}.": "O {platform} não tem mensagens privadas.",
    "Your reply": "Sua resposta",
    "Send this reply to the author now?": "Enviar esta resposta à pessoa agora?",
    "Send reply": "Enviar resposta",
    "Withdrawn: the author has since posted praise.": (
        "Retirada: depois disso, a pessoa publicou um elogio."
    ),
    "See the praise": "Ver o elogio",
    "Withdrawn: the author has since complained, so this thank-you no longer fits.": (
        "Retirada: depois disso, a pessoa fez uma reclamação, e este agradecimento não faz "
        "mais sentido."
    ),
    "See the complaint": "Ver a reclamação",
    "The complaint is about something else? This thank-you waits for approval again.": (
        "A reclamação é sobre outra coisa? Este agradecimento volta a aguardar aprovação."
    ),
    "Replaced by a newer draft, written when the author posted again.": (
        "Substituída por um rascunho mais recente, escrito quando a pessoa voltou a escrever."
    ),
    "See the newer draft": "Ver o rascunho mais recente",
    "Withdrawn: the author asked not to be contacted.": (
        "Retirada: a pessoa pediu para não ser contatada."
    ),
    "See their message": "Ver a mensagem",
    "{who} put them on the do-not-contact list.": (
        "{who} incluiu a pessoa na lista de não contatar."
    ),
    "They were already on the do-not-contact list.": "A pessoa já estava na lista de não contatar.",
    "Restore draft": "Restaurar rascunho",
    "The praise did not settle it? This draft waits for approval again.": (
        "O elogio não resolveu? Este rascunho volta a aguardar aprovação."
    ),
    "Internal notes": "Notas internas",
    "never sent to the author": "nunca enviadas à pessoa",
    "Add a note for the team": "Escreva uma nota para a equipe",
    "Note": "Nota",
    "Add note": "Adicionar nota",
    "Reading": "Classificação",
    "corrected by {who} (was {label})": "corrigida por {who} (era {label})",
    "reading corrected to {label}": "classificação corrigida para {label}",
    "Reason": "Motivo",
    "Frustration": "Frustração",
    "Topics": "Assuntos",
    "Wrong? Mark it as": "Classificação errada? Marcar como",
    "Not read yet.": "Ainda não classificada.",  # the mention
    "Case": "Caso",
    "Priority": "Prioridade",
    "Rule": "Regra",
    "Opened": "Aberto em",
    "First response": "Primeira resposta",
    "Assignee": "Responsável",
    "nobody": "ninguém",
    "Ticket": "Chamado",
    "help desk ticket {ref}": "chamado {ref} no help desk",
    "how urgent, to order the queue: frustration (0 to 3) × 10, + 5 for a complaint, + 1 for "
    "each tenfold of the author's followers (10, 100, 1,000…)": (
        "urgência, para ordenar a fila: frustração (0 a 3) × 10, + 5 se for reclamação, + 1 a "
        "cada dez vezes mais seguidores do perfil (10, 100, 1.000…)"
    ),
    "how urgent, to order the queue: frustration (0 to 3) × 10, + 5 for a complaint ({platform} "
    "gives no follower count: no reach is counted)": (
        "urgência, para ordenar a fila: frustração (0 a 3) × 10, + 5 se for reclamação "
        "(o {platform} não informa seguidores: o alcance não conta)"
    ),
    "No draft: {platform} has no private messages — reply by hand with Reply now (Mark as "
    "posted).": (
        "Sem rascunho: o {platform} não tem mensagens privadas — responda manualmente em "
        "Responder agora (Marcar como publicada)."
    ),
    "Copy": "Copiar",
    "Copied": "Copiado",
    "Assign to": "Atribuir a",
    "choose a person…": "escolha uma pessoa…",
    "nobody (unassign)": "ninguém (remover atribuição)",
    "Assign": "Atribuir",
    "Take this case": "Assumir este caso",
    "Escalate to help desk": "Encaminhar ao help desk",
    "Close this case?": "Encerrar este caso?",
    "Resolve this case?": "Resolver este caso?",
    "Close this case? Its pending draft is withdrawn.": (
        "Encerrar este caso? O rascunho pendente será retirado."
    ),
    "Close this case? Its {n} pending drafts are withdrawn.": (
        "Encerrar este caso? Os {n} rascunhos pendentes serão retirados."
    ),
    "Resolve this case? Its pending draft is withdrawn.": (
        "Resolver este caso? O rascunho pendente será retirado."
    ),
    "Resolve this case? Its {n} pending drafts are withdrawn.": (
        "Resolver este caso? Os {n} rascunhos pendentes serão retirados."
    ),
    "Resolve: the author's problem is solved. Close: nothing more to do, though not solved "
    "(spam, a duplicate, no answer from the author).": (
        "Resolver: o problema da pessoa foi resolvido. Encerrar: não há mais nada a fazer, "
        "mas sem solução (spam, duplicado, a pessoa não respondeu)."
    ),
    "Resolve": "Resolver",
    "Close": "Encerrar",
    "Author history": "Histórico da pessoa",
    "Stop private messages to {handle} on {platform}? Their pending private drafts are "
    "withdrawn.": (
        "Parar as mensagens privadas para {handle} no {platform}? Os rascunhos privados "
        "pendentes serão retirados."
    ),
    "Do not contact {handle} on {platform}": "Não contatar {handle} no {platform}",
    "{handle} on {platform} is on the do-not-contact list.": (
        "{handle} no {platform} está na lista de não contatar."
    ),
    "Allow private messages to {handle} on {platform} again? Drafts already withdrawn stay "
    "withdrawn.": (
        "Permitir de novo mensagens privadas para {handle} no {platform}? Os rascunhos já "
        "retirados continuam retirados."
    ),
    "Allow contact again with {handle} on {platform}": (
        "Permitir contato de novo com {handle} no {platform}"
    ),
    # Accounts matched by their handle alone, maybe not one person's: not "Mesmo perfil".
    "Same handle on:": "Mesmo nome de usuário em:",
    "The do-not-contact list goes by platform: each account is listed on its own.": (
        "A lista de não contatar é por plataforma: cada conta entra na lista separadamente."
    ),
    "Sentiment over time": "Sentimento ao longo do tempo",
    # The author's other cases and replies, newer ones too (a later case on another
    # platform, still open): not "anteriores", which reads as before this one.
    "Other cases": "Outros casos",
    "No other cases.": "Nenhum outro caso.",
    "Other replies": "Outras respostas",
    "No other replies.": "Nenhuma outra resposta.",
    "Audit trail": "Histórico de ações",
    "Nobody has acted yet.": "Ninguém agiu ainda.",
    # The saved-reply picker ([desk] saved_replies): the team's ready texts.
    "Saved reply": "Resposta pronta",
    "choose a saved reply…": "escolha uma resposta pronta…",
    "In the case’s language ({lang})": "No idioma do caso ({lang})",
    "Other languages": "Outros idiomas",
    "Put in the box": "Colocar na caixa",
    # desk-guards.js, before a saved reply replaces text the agent wrote
    "Replace the text you wrote with this saved reply?": (
        "Substituir o texto que você escreveu por esta resposta pronta?"
    ),
    # A pending draft of the other kind after someone's own reply: asked, not withdrawn.
    "You replied publicly at {when}: still send this private message?": (
        "Você respondeu publicamente em {when}: enviar esta mensagem privada mesmo assim?"
    ),
    "{who} replied publicly at {when}: still send this private message?": (
        "{who} respondeu publicamente em {when}: enviar esta mensagem privada mesmo assim?"
    ),
    "You sent a private message at {when}: still send this public reply?": (
        "Você enviou uma mensagem privada em {when}: enviar esta resposta pública mesmo assim?"
    ),
    "{who} sent a private message at {when}: still send this public reply?": (
        "{who} enviou uma mensagem privada em {when}: enviar esta resposta pública mesmo assim?"
    ),
    # A draft a correction of the reading withdrew (corrected_drafts).
    "Withdrawn: the reading was corrected, and this draft was written for the old one.": (
        "Retirada: a classificação foi corrigida, e este rascunho foi escrito para a anterior."
    ),
    "Still fits the corrected reading? This draft waits for approval again.": (
        "Ainda faz sentido com a classificação corrigida? Este rascunho volta a aguardar aprovação."
    ),
    # Hacker News: read-only, so a reply is posted there by a person and marked as posted.
    "{platform} has no private messages: reject this draft and reply publicly.": (
        "O {platform} não tem mensagens privadas: rejeite este rascunho e responda em público."
    ),
    "{platform} cannot be posted to from here: copy the text, reply on {platform}, then press "
    "Mark as posted.": (
        "Não é possível publicar no {platform} daqui: copie o texto, responda no {platform} e "
        "depois clique em Marcar como publicada."
    ),
    "Open the post on {platform}": "Abrir a publicação no {platform}",
    "Did you post this reply on {platform}? It is recorded as your answer; nothing is sent "
    "from here.": (
        "Você publicou esta resposta no {platform}? Fica registrada como sua resposta; "
        "nada é enviado daqui."
    ),
    "Mark as posted": "Marcar como publicada",
    "Posted on {platform} by hand by {who}": "Publicada manualmente no {platform} por {who}",
    "posted by hand": "publicada manualmente",
    "(post it on {platform} yourself, then record it here)": (
        "(publique no {platform} e depois registre aqui)"
    ),
    "Post by hand": "Publicar manualmente",
    # desk-guards.js, before a submit or a link leaves text typed in another box unsent
    "You have text you have not sent or saved. Leave it and go on?": (
        "Há um texto que você ainda não enviou nem salvou. Deixar o texto e continuar?"
    ),
    # The queue's case-number box (web/pages_find.py): a number from a Slack card or a ticket
    "case number": "número do caso",
    "Go to case": "Ir para o caso",
    "e.g. MD-000019": "ex.: MD-000019",
    "There is no case with that number. Case numbers look like MD-000019.": (
        "Não há nenhum caso com esse número. Os números de caso são como MD-000019."
    ),
    # Restore draft, unavailable while the case's one private message waits (queue.DmWaits)
    "Another private message to this author waits in this case; reject it first to restore "
    "this one.": (
        "Outra mensagem privada para esta pessoa aguarda aprovação neste caso; rejeite aquela "
        "primeiro para restaurar esta."
    ),
    "No case “{number}”: case numbers look like MD-000019 or 19.": (
        "Não há nenhum caso “{number}”: os números de caso são como MD-000019 ou 19."
    ),
    # The case page while a person's approved reply waits in the outbox (not yet delivered)
    "reply approved, sending…": "resposta aprovada, enviando…",
    "approved, sending…": "aprovada, enviando…",
    # The case page once a person relabelled the case's complaint (Reading panel, Case panel)
    "(the machine's earlier reading)": "(a classificação automática anterior)",
    "Relabelled as {label}: nothing on this case reads as a complaint now. If nothing else is "
    "open on it, end it with Resolve or Close below.": (
        "Reclassificado como {label}: agora nada neste caso está classificado como reclamação. "
        "Se não houver mais nada pendente, finalize-o com Resolver ou Encerrar abaixo."
    ),
    # The case-number box sent empty (pages_find); pt-PT words it alike
    "Type a case number (e.g. MD-000019).": "Escreva um número de caso (ex.: MD-000019).",
    # Under an agent's Take this case (case.html); pt-PT words it alike
    "Managers assign cases to others.": (
        "Quem tem o papel de gestão atribui casos a outras pessoas."
    ),
    # The queue's `a` key asks first (queue.html, desk-queue.js); pt-PT words it alike
    "Approve and send this public reply to {handle} on {platform} now?": (
        "Aprovar e enviar agora esta resposta pública para {handle} no {platform}?"
    ),
    "Approve and send this private message to {handle} on {platform} now?": (
        "Aprovar e enviar agora esta mensagem privada para {handle} no {platform}?"
    ),
    # The frustration the case's priority counts, beside a mention's own (case.html,
    # queue.html); pt-PT words it alike
    "Frustration of this mention": "Frustração desta menção",
    "Highest frustration in the case": "Maior frustração do caso",
    # The queue's `a` or `r` on a row with no draft to act on there (desk-queue.js); pt-PT alike
    "No draft to approve here: open the case (o)": (
        "Nenhum rascunho para aprovar aqui: abra o caso (o)"
    ),
    "No draft to reject here: open the case (o)": (
        "Nenhum rascunho para rejeitar aqui: abra o caso (o)"
    ),
    "Approve this draft on the case page: open the case (o)": (
        "Aprove este rascunho na página do caso: abra o caso (o)"
    ),
    "Nothing sent yet: read the whole draft, then Approve again": (
        "Ainda não foi enviado nada: leia o rascunho inteiro e depois aprove de novo"
    ),
    # Folded drafts, named as their panels ("Resposta… rejeitada"), a draft's language; pt-PT alike
    "{n} earlier draft withdrawn or rejected": "{n} resposta anterior retirada ou rejeitada",
    "{n} earlier drafts withdrawn or rejected": (
        "{n} respostas anteriores retiradas ou rejeitadas"
    ),
    "Draft in {language}: write your changes in {language} too.": (
        "Rascunho em {language}: escreva as alterações também em {language}."
    ),
    # the author history chart's text (its axes label the readings and days)
    "Sentiment of their latest mention, {first}": "Sentimento da menção mais recente, {first}",
    "Sentiment of their last {n} mentions, {first} to {last}": (
        "Sentimento das {n} menções mais recentes, de {first} a {last}"
    ),
    # a local ticket: "Ticket: in the local case list (MD-000104)", one colon, no "atendimento"
    "in the local case list ({ref})": "na lista de casos local ({ref})",
}
