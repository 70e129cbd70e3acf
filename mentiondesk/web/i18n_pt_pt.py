"""What the desk says differently in European Portuguese (pt-PT): only the texts whose
pt-BR wording (i18n_pt*.py) a reader in Portugal takes for Brazil's; i18n.py lays these over
the pt-BR catalogs, so a text not here reads as in pt-BR.

The differences: vocabulary (utilizador, palavra-passe, equipa, guardar, separador; "apoio ao
cliente" for help desk and "pedido de apoio" for its ticket, as Portuguese support teams say),
spelling as Portugal writes it under AO90 (contactar, contacto, registar), "a + infinitive"
for the gerund ("a ser enviada"), the article before a possessive ("A sua resposta") and no
"você" where the sentence reads without it ("depois de a página ser aberta"). Numbers in the
texts follow CLDR for pt-PT (1024, not 1.024). tests/desk/test_i18n_pt_pt.py keeps a list of
Brazil-only words that no text may show through this locale.
"""

from __future__ import annotations

from mentiondesk.alert_words_pt import PT_PT_WORDS
from mentiondesk.web.i18n_pt_audit import AUDIT_PT as _AUDIT
from mentiondesk.web.i18n_pt_confirm import CONFIRM_PT as _CONFIRM
from mentiondesk.web.i18n_pt_draft_langs import DRAFT_LANGS_PT as _DRAFT_LANGS
from mentiondesk.web.i18n_pt_held import HELD_PT as _HELD
from mentiondesk.web.i18n_pt_impostor import IMPOSTOR_PT as _IMPOSTOR
from mentiondesk.web.i18n_pt_login_locks import LOGIN_LOCKS_PT as _LOGIN_LOCKS
from mentiondesk.web.i18n_pt_long_case import LONG_CASE_PT as _LONG_CASE
from mentiondesk.web.i18n_pt_privacy import PRIVACY_PT as _PRIVACY
from mentiondesk.web.i18n_pt_pt_admin import ADMIN as _ADMIN
from mentiondesk.web.i18n_pt_pt_bulk import BULK as _BULK
from mentiondesk.web.i18n_pt_pt_case import CASE as _CASE
from mentiondesk.web.i18n_pt_pt_hourly import HOURLY as _HOURLY
from mentiondesk.web.i18n_pt_pt_saved import SAVED as _SAVED
from mentiondesk.web.i18n_pt_pt_summary import SUMMARY as _SUMMARY
from mentiondesk.web.i18n_pt_scores import SCORES_PT as _SCORES
from mentiondesk.web.i18n_pt_sources import SOURCES_PT as _SOURCES
from mentiondesk.web.i18n_pt_tickets import TICKETS_PT as _TICKETS

MESSAGES: dict[str, str] = {
    **_AUDIT,
    **_CASE,
    **_SAVED,
    **_SUMMARY,
    **_BULK,
    **_HOURLY,
    **_SCORES,
    **_SOURCES,
    **_TICKETS,
    **_IMPOSTOR,
    **_DRAFT_LANGS,
    **_CONFIRM,
    **_PRIVACY,
    **_HELD,
    **_LOGIN_LOCKS,
    **_LONG_CASE,
    # layout
    "Log out": "Terminar sessão",
    "Back to the queue": "Voltar à fila",
    "Back to the mention": "Voltar à menção",
    "Too long": "Texto demasiado longo",
    "What you sent is too long: shorten it and try again.": (
        "O texto enviado é demasiado longo: encurte-o e tente de novo."
    ),
    "Something went wrong": "Algo correu mal",
    "The note is longer than 5,000 characters: nothing was added.": (
        "A nota tem mais de 5000 caracteres: nada foi adicionado."
    ),
    "Something went wrong on our side. Reload the page; if it keeps happening, tell whoever "
    "runs the desk.": (
        "Algo correu mal do nosso lado. Recarregue a página; se continuar a acontecer, avise "
        "quem gere o atendimento."
    ),
    "Your role does not give access to this page.": "O seu papel não dá acesso a esta página.",
    "Database unreachable": "Base de dados inacessível",
    "The desk can't reach its database right now; nothing you did was lost — try again in a "
    "minute.": (
        "O atendimento não consegue aceder à base de dados neste momento; nada do que fez se "
        "perdeu — tente de novo daqui a um minuto."
    ),
    "Agents can take a case; managers assign it to others.": (
        "Os agentes podem assumir um caso; quem tem o papel de gestão atribui-o a outras pessoas."
    ),
    "There is no such case. It may have been typed wrong.": (
        "Esse caso não existe. Talvez o número tenha sido mal escrito."
    ),
    # notices (i18n_pt_notices)
    "Draft saved.": "Rascunho guardado.",
    "Draft restored: it waits for approval again.": (
        "Rascunho restaurado: volta a aguardar aprovação."
    ),
    "Escalated: a help-desk ticket is being opened.": (
        "Encaminhado: está a ser aberto um pedido de apoio no apoio ao cliente."
    ),
    "Someone edited this draft after the page was shown: nothing was sent or rejected. Read it "
    "again before deciding.": (
        "Alguém editou este rascunho depois de a página ser mostrada: nada foi enviado nem "
        "rejeitado. Leia-o de novo antes de decidir."
    ),
    "Someone edited a draft after you opened this page: nothing was changed. Their text and yours "
    "are both below.": (
        "Alguém editou um rascunho depois de esta página ser aberta: nada foi alterado. O texto "
        "dessa pessoa e o seu estão abaixo."
    ),
    "The author's account on this platform is on the do-not-contact list: its pending private "
    "drafts are withdrawn.": (
        "A conta desta pessoa nesta plataforma está na lista de não contactar: os rascunhos "
        "privados pendentes foram retirados."
    ),
    "The author's account on this platform may be contacted again; withdrawn drafts stay "
    "withdrawn.": (
        "A conta desta pessoa nesta plataforma pode ser contactada de novo; os rascunhos retirados"
        " continuam retirados."
    ),
    "This author asked not to be contacted: no private message is sent.": (
        "Esta pessoa pediu para não ser contactada: nenhuma mensagem privada é enviada."
    ),
    "This author asked not to be contacted: the reply stays held. A manager can allow "
    "contact again on the case page.": (
        "Esta pessoa pediu para não ser contactada: a resposta continua retida. Quem tem o "
        "papel de gestão pode voltar a permitir o contacto na página do caso."
    ),
    "Your reply is being sent.": "A sua resposta está a ser enviada.",
    "Your reply was not sent: your text is still in the box below.": (
        "A sua resposta não foi enviada: o seu texto continua na caixa abaixo."
    ),
    "The reply is longer than the platform allows: shorten it first.": (
        "A resposta é mais longa do que a plataforma permite: encurte-a primeiro."
    ),
    # desk-counts.js, the Approve button's tooltip
    "Longer than the platform allows: shorten it first": (
        "Mais longa do que a plataforma permite: encurte-a antes de enviar"
    ),
    # login
    "Log in": "Iniciar sessão",
    "Session ended": "Sessão terminada",
    "Your session has ended, so nothing was sent or saved. Your text is below: copy it, log in "
    "again, and paste it where you were.": (
        "A sua sessão terminou, por isso nada foi enviado nem guardado. O seu texto está abaixo: "
        "copie-o, inicie sessão de novo e cole-o onde estava."
    ),
    "Your text (not sent)": "O seu texto (não enviado)",
    "This request came from another site, not from the desk's own pages, so the desk refused "
    "it: nothing was sent or saved. Open the desk and do it there.": (
        "Este pedido veio de outro site, não das páginas do atendimento, por isso foi recusado: "
        "nada foi enviado nem guardado. Abra o atendimento e faça-o lá."
    ),
    "Log in to the {brand} desk": "Iniciar sessão no atendimento {brand}",
    "Log in to {brand} desk": "Iniciar sessão no atendimento {brand}",
    "Password": "Palavra-passe",
    "Too many failed attempts. Wait 15 minutes and try again.": (
        "Demasiadas tentativas falhadas. Aguarde 15 minutos e tente de novo."
    ),
    "Wrong name or password.": "Nome ou palavra-passe incorretos.",
    "Too many sign-in attempts right now. Try again in a minute.": (
        "Há demasiadas tentativas de iniciar sessão neste momento. Tente de novo daqui a um minuto."
    ),
    "Too many sign-in attempts from your address. Try again in a minute.": (
        "Demasiadas tentativas de iniciar sessão a partir do seu endereço. Tente de novo daqui a "
        "um minuto."
    ),
    "Too many failed sign-ins to this name. Wait an hour and try again, or ask an admin for a new "
    'password ("Reset password" on the People page): that ends the lock.': (
        "Demasiadas tentativas falhadas com este nome. Aguarde uma hora e tente de novo, ou peça à"
        ' administração do atendimento uma nova palavra-passe ("Gerar nova palavra-passe" na '
        "página Pessoas): isso desfaz o bloqueio."
    ),
    # queue
    "Waiting for a first response; target {target}": (
        "À espera da primeira resposta; meta de {target}"
    ),
    "waiting again": "à espera de novo",  # an answered case whose author wrote again
    "Waiting for a reply to their new message; target {target}": (
        "À espera de resposta à nova mensagem; meta de {target}"
    ),
    "in business hours ({hours})": "em horário de expediente ({hours})",
    "Showing the {shown} most urgent of {total} waiting: {what}.": (
        "A mostrar os {shown} mais urgentes de {total} na fila: {what}."
    ),
    "The author has written since the mention this draft answers.": (
        "A pessoa escreveu de novo depois da menção a que este rascunho responde."
    ),
    # dashboard
    "median first response of the last 24 h's answers": "mediana da 1.ª resposta das últimas 24 h",
    "Median first response": "Tempo da 1.ª resposta (mediana)",  # Portugal's ordinal has the dot
    "{n} waiting": "{n} à espera",
    "waiting": "à espera",  # before a case's timer ("aguardando" is Brazil's gerund)
    "{n} mention not read yet": "{n} menção ainda por ler",
    "{n} mentions not read yet": "{n} menções ainda por ler",
    "Stored and not read yet: in none of the figures on this page until they are read.": (
        "Recebidas e ainda por ler: ficam fora de todos os números desta página até serem lidas."
    ),
    # layout and case
    "Skip to the content": "Saltar para o conteúdo",  # "pular" is Brazil's
    "Draft not restored: another private message to this author already waits in this case, "
    "and only one can wait at a time. Reject that one first if this one should go instead.": (
        "Rascunho não restaurado: outra mensagem privada para esta pessoa já aguarda aprovação "
        "neste caso, e só pode aguardar uma de cada vez. Se deve ir esta em vez dela, rejeite "
        "primeiro a outra."
    ),
    # The queue at its cap (pages_queue.MAX_SHOWN): "os restantes", as Portugal says it.
    "The queue shows only the first {n}: narrow it with the filters above to see the others.": (
        "A fila mostra apenas os primeiros {n}: para ver os restantes, refine com os filtros acima."
    ),
    # Assign from an older page (case_notices): "entretanto", not Brazil's "enquanto isso".
    "Someone gave you this case meanwhile: nothing changed.": (
        "Entretanto, alguém atribuiu-lhe este caso: nada mudou."
    ),
    "{who} took this case meanwhile: nothing changed. Ask them before taking it over.": (
        "{who} assumiu este caso entretanto: nada mudou. Fale com essa pessoa antes de o assumir."
    ),
    "Someone unassigned this case from {who} meanwhile: nothing changed. It is nobody's now.": (
        "Alguém tirou este caso a {who} entretanto: nada mudou. Agora não é de ninguém."
    ),
    **_ADMIN,  # last, as its texts stood: they override the catalogs above
}

# Stored values (i18n_pt_words.WORDS) that read differently, by kind.
WORDS: dict[str, dict[str, str]] = {
    "reason": PT_PT_WORDS["reason"],  # as alerts and tickets say them
    "action": {
        "do-not-contact": "marcou como não contactar",
        "allow-contact": "permitiu o contacto de novo",
    },
    "held": {
        "opted-out": "a pessoa pediu para não ser contactada",
        "too-long": "demasiado longa para a plataforma",  # "longa demais" is Brazil's
        "by-person": "alguém da equipa a reteve",
    },
}
