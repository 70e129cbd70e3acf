"""The desk in Brazilian Portuguese: English text → what a community manager in Brazil reads.
Also the base of pt-PT (i18n_pt_pt.py is laid over it): a change here reaches Portugal too.

A placeholder in braces ({n}, {brand}) must appear in the translation too; the tests check.
Whoever wrote a mention is "a pessoa" (contatada), never "o autor": the desk does not
know their gender. "help desk" stays: Brazilian CX teams use the term as it is.
"""

from __future__ import annotations

from mentiondesk.web.i18n_pt_admin import ADMIN as _ADMIN
from mentiondesk.web.i18n_pt_audit import AUDIT as _AUDIT
from mentiondesk.web.i18n_pt_bulk import BULK as _BULK
from mentiondesk.web.i18n_pt_case import CASE as _CASE
from mentiondesk.web.i18n_pt_confirm import CONFIRM as _CONFIRM
from mentiondesk.web.i18n_pt_dashboard import DASHBOARD as _DASHBOARD
from mentiondesk.web.i18n_pt_draft_langs import DRAFT_LANGS as _DRAFT_LANGS
from mentiondesk.web.i18n_pt_filters import FILTERS as _FILTERS
from mentiondesk.web.i18n_pt_held import HELD as _HELD
from mentiondesk.web.i18n_pt_impostor import IMPOSTOR as _IMPOSTOR
from mentiondesk.web.i18n_pt_login_locks import LOGIN_LOCKS as _LOGIN_LOCKS
from mentiondesk.web.i18n_pt_long_case import LONG_CASE as _LONG_CASE
from mentiondesk.web.i18n_pt_notices import NOTICES as _NOTICES
from mentiondesk.web.i18n_pt_privacy import PRIVACY as _PRIVACY
from mentiondesk.web.i18n_pt_private import PRIVATE as _PRIVATE
from mentiondesk.web.i18n_pt_reading import READING as _READING
from mentiondesk.web.i18n_pt_saved import SAVED as _SAVED
from mentiondesk.web.i18n_pt_scores import SCORES as _SCORES
from mentiondesk.web.i18n_pt_solved import SOLVED as _SOLVED
from mentiondesk.web.i18n_pt_sources import SOURCES as _SOURCES
from mentiondesk.web.i18n_pt_tickets import TICKETS as _TICKETS

_LAYOUT = {
    "{brand} desk": "Atendimento {brand}",
    "Queue": "Fila",
    "Dashboard": "Painel",
    "Playbooks": "Regras",  # the page lists rules; "playbook" is not a word the team uses
    "People": "Pessoas",
    "Language": "Idioma",
    "Log out": "Sair",
    "Back to the queue": "Voltar para a fila",
    "Not allowed": "Sem permissão",
    "Not found": "Não encontrado",
    "Error": "Erro",
    "Page not available": "Página indisponível",
    "This address only takes the desk's forms. Go back to the case or the queue.": (
        "Este endereço só recebe formulários do atendimento. Volte ao caso ou à fila."
    ),
    "Form expired": "Formulário expirado",
    "Form not read": "Formulário não lido",
    "This form could not be read. Reload the page and try again.": (
        "Não foi possível ler este formulário. Recarregue a página e tente de novo."
    ),
    "Too long": "Texto longo demais",  # a form's text: the desk takes no files
    "What you sent is too long: shorten it and try again.": (
        "O texto enviado é longo demais: encurte e tente de novo."
    ),
    "Something went wrong": "Algo deu errado",
    "Something went wrong on our side. Reload the page; if it keeps happening, tell whoever "
    "runs the desk.": (
        "Algo deu errado do nosso lado. Recarregue a página; se continuar acontecendo, avise "
        "quem administra o atendimento."
    ),
    "{s}s": "{s} s",  # a wait's units, as the timers write them
    "{m}m": "{m} min",
    "{h}h {m}m": "{h} h {m} min",
    "{d}d {h}h": "{d} d {h} h",
    "Your role does not give access to this page.": "Seu papel não dá acesso a esta página.",
    "There is nothing here. The case or page may not exist.": (
        "Não há nada aqui. O caso ou a página pode não existir."
    ),
    "This form has expired. Reload the page and try again.": (
        "Este formulário expirou. Recarregue a página e tente de novo."
    ),
    "Session ended": "Sessão encerrada",
    "Your session has ended, so nothing was sent or saved. Your text is below: copy it, log in "
    "again, and paste it where you were.": (
        "Sua sessão terminou, então nada foi enviado nem salvo. Seu texto está abaixo: copie, "
        "entre de novo e cole onde estava."
    ),
    "Your text (not sent)": "Seu texto (não enviado)",
    "Request refused": "Pedido recusado",
    "This request came from another site, not from the desk's own pages, so the desk refused "
    "it: nothing was sent or saved. Open the desk and do it there.": (
        "Este pedido veio de outro site, não das páginas do atendimento, então foi recusado: "
        "nada foi enviado nem salvo. Abra o atendimento e faça isso por lá."
    ),
    "This page needs the agent role.": "Esta página exige o papel de agente.",
    "This page needs the manager role.": "Esta página exige o papel de gestão.",
    "This page needs the admin role.": "Esta página exige o papel de administração.",
    "Database unreachable": "Banco de dados inacessível",
    "The desk can't reach its database right now; nothing you did was lost — "
    "try again in a minute.": (
        "O atendimento não consegue acessar o banco de dados agora; nada do que você fez se "
        "perdeu — tente de novo daqui a um minuto."
    ),
    "There is no such case. It may have been typed wrong.": (
        "Esse caso não existe. Talvez o número tenha sido digitado errado."
    ),
    "There is no such mention.": "Essa menção não existe.",
    "Agents can take a case; managers assign it to others.": (
        "Agentes podem assumir um caso; quem tem o papel de gestão o atribui a outras pessoas."
    ),
    "No help desk is configured (routing.ticket).": (
        "Nenhum help desk está configurado (routing.ticket)."
    ),
    # the desk's scripts (static/desk-*.js)
    "… more": "… mais",
    "Longer than the platform allows: shorten it first": (
        "Mais longa do que a plataforma permite: encurte antes de enviar"
    ),
}

_LOGIN = {
    "Log in": "Entrar",
    "Log in to the {brand} desk": "Entrar no atendimento {brand}",
    "Log in to {brand} desk": "Entrar no atendimento {brand}",
    "Name": "Nome",
    "Password": "Senha",
    "Too many failed attempts. Wait 15 minutes and try again.": (
        "Tentativas demais sem sucesso. Espere 15 minutos e tente de novo."
    ),
    "Wrong name or password.": "Nome ou senha incorretos.",
    "Too many sign-in attempts right now. Try again in a minute.": (
        "Há muitas tentativas de entrar neste momento. Tente de novo daqui a um minuto."
    ),
    "Too many sign-in attempts from your address. Try again in a minute.": (
        "Muitas tentativas de entrar a partir do seu endereço. Tente de novo daqui a um minuto."
    ),
    "Too many failed sign-ins to this name. Wait an hour and try again, or ask an admin "
    'for a new password ("Reset password" on the People page): that ends the lock.': (
        "Tentativas demais sem sucesso com este nome. Espere uma hora e tente de novo, ou peça "
        'à administração do atendimento uma nova senha ("Gerar nova senha" na página Pessoas): '
        "isso desfaz o bloqueio."
    ),
}

_QUEUE = {
    "answered": "respondido",
    "waiting": "aguardando",  # before a case's timer: waiting for a first response
    "Waiting for a first response; target {target}": (
        "Aguardando a primeira resposta; meta de {target}"
    ),
    "waiting again": "aguardando de novo",  # an answered case whose author wrote again
    "Waiting for a reply to their new message; target {target}": (
        "Aguardando resposta à nova mensagem; meta de {target}"
    ),
    # The target in {target}: Locale.target
    "{n} min": "{n} min",
    "{n} h": "{n} h",
    "{h} h {m} min": "{h} h {m} min",
    "Queue at a glance": "A fila em resumo",
    # The KPIs' words after their count: "1 caso aberto", "2 casos abertos".
    "case open": "caso aberto",
    "cases open": "casos abertos",
    "draft to approve": "rascunho para aprovar",
    "drafts to approve": "rascunhos para aprovar",
    "case answered in 24 h": "caso respondido em 24 h",
    "cases answered in 24 h": "casos respondidos em 24 h",
    # The median over the cases answered in the last 24 h (a wait of days is possible)
    "median first response of the last 24 h's answers": "mediana da 1ª resposta das últimas 24 h",
    # FRT counted in [desk] business_hours: "tempo em horário comercial" is the trade's term.
    "in business hours ({hours})": "em horário comercial ({hours})",
    "and": "e",  # between a day's shifts: "seg–sex 08:00–12:00 e 13:00–18:00"
    "show": "mostrar",
    "needs a reply": "precisa de resposta",
    "all open cases": "todos os casos abertos",
    "platform": "plataforma",
    "language": "idioma",
    "sentiment": "sentimento",
    "reason": "motivo",
    "assignee": "responsável",
    "brand / source": "marca / fonte",
    "all": "todos",
    "unassigned": "sem responsável",
    "Filter": "Filtrar",
    "Filters": "Filtros",
    "Clear": "Limpar",
    "move": "navegar",
    "open": "abrir",
    "approve": "aprovar",
    "reject": "rejeitar",
    "Nothing is waiting.": "Nada na fila.",
    "Try clearing the filters.": "Tente limpar os filtros.",
    "Well done.": "Bom trabalho!",
    "Draft": "Rascunho",
    "Draft for {handle}": "Rascunho para {handle}",  # a queue row's link: its visible word first
    "open the mention of {when}": "abrir a menção de {when}",  # the case's "open" link
    "latest of {n} mentions": "a mais recente de {n} menções",
    "The author wrote again: this is their latest mention. The case page shows them all.": (
        "A pessoa escreveu de novo: esta é a menção mais recente. A página do caso mostra todas."
    ),
    "the draft answers": "o rascunho responde",
    "The draft below answers this mention; the author has written since.": (
        "O rascunho abaixo responde a esta menção; a pessoa escreveu de novo depois dela."
    ),
    "Newer from the author:": "Mais recente da pessoa:",
    "Read the case before approving": "Leia o caso antes de aprovar",
    "The author has written since the mention this draft answers.": (
        "A pessoa escreveu de novo depois da menção à qual este rascunho responde."
    ),
    "{n} follower": "{n} seguidor",
    "{n} followers": "{n} seguidores",
    "later mentions by the author, joined to this case": (
        "menções posteriores da mesma pessoa, reunidas neste caso"
    ),
    "+{n} follow-up": "+{n} nova menção",
    "+{n} follow-ups": "+{n} novas menções",
    "posted praise: resolved?": "elogiou: resolvido?",
    "The latest mention in this case is praise: if the problem is solved, resolve the case.": (
        "A menção mais recente deste caso é um elogio: se o problema foi resolvido, resolva o caso."
    ),
    "{kind} reply": "resposta {kind}",
    "Approve": "Aprovar",
    "Reject": "Rejeitar",
    "Reject this draft? Nothing will be sent.": "Rejeitar este rascunho? Nada será enviado.",
    "Open": "Abrir",
    "Showing the {shown} most urgent of {total} waiting: {what}.": (
        "Mostrando os {shown} mais urgentes de {total} na fila: {what}."
    ),
    "{cases} and {drafts}": "{cases} e {drafts}",
    "{n} draft without a case": "{n} rascunho sem caso",
    "{n} drafts without a case": "{n} rascunhos sem caso",
    "Open cases, and drafts answering mentions outside any case (thank-yous for praise).": (
        "Casos abertos e rascunhos que respondem a menções fora de qualquer caso "
        "(agradecimentos por elogios)."
    ),
    "Show more": "Mostrar mais",
    "or narrow it with the filters above": "ou refine com os filtros acima",
}

MESSAGES: dict[str, str] = {
    **_LAYOUT,
    **_NOTICES,
    **_LOGIN,
    **_LOGIN_LOCKS,
    **_QUEUE,
    **_FILTERS,
    **_CASE,
    **_HELD,
    **_AUDIT,
    **_DASHBOARD,
    **_ADMIN,
    **_SAVED,
    **_PRIVATE,
    **_PRIVACY,
    **_SCORES,
    **_SOLVED,
    **_SOURCES,
    **_TICKETS,
    **_READING,
    **_IMPOSTOR,
    **_DRAFT_LANGS,
    **_CONFIRM,
    **_BULK,
    **_LONG_CASE,
}
