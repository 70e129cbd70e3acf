"""European Portuguese for the People and Playbooks pages (i18n_pt_admin's pt-BR): session
ends, logins, passwords and why a person was not added, in Portugal's words; i18n_pt_pt
lays them over the pt-BR catalogs."""

from __future__ import annotations

ADMIN = {
    "Log out everywhere": "Terminar todas as sessões",
    "End every desk session of yours, on every browser and device, this one too?": (
        "Terminar todas as suas sessões do atendimento, em todos os browsers e dispositivos, "
        "incluindo esta?"
    ),
    "You are logged out everywhere: every desk session of yours has ended.": (
        "Saiu de todas as sessões: todas as suas sessões do atendimento foram terminadas."
    ),
    "Status": "Estado",
    "Agents work the queue; managers also see the dashboard and assign cases; admins also manage "
    "people.": (
        "O papel de agente trata da fila; o de gestão também vê o painel e atribui casos; o de "
        "administração também gere as pessoas."
    ),
    "(you)": "(a sua conta)",
    "Reset password": "Gerar nova palavra-passe",
    "Disable {name}? They cannot log in, and their open desk tabs are logged out now.": (
        "Desativar {name}? Essa pessoa deixa de conseguir entrar, e a sessão termina já nos "
        "separadores abertos do atendimento."
    ),
    "Give {name} a new password? The one they have stops working, and their open desk tabs are "
    "logged out.": (
        "Gerar uma nova palavra-passe para {name}? A palavra-passe atual deixa de funcionar, e a "
        "sessão termina nos separadores abertos do atendimento."
    ),
    "New password for {name}": "Nova palavra-passe de {name}",
    "Shown only this once: give it to them privately now. Their open desk tabs are logged out; "
    "they log in with this password.": (
        "Mostrada só desta vez: transmita-a agora, em privado. A sessão terminou nos separadores "
        "abertos do atendimento; o acesso passa a ser com esta palavra-passe."
    ),
    "Someone leaves: Disable stops their login at once, and their open desk tabs are logged out at"
    " their next click.": (
        "Alguém saiu da equipa: Desativar corta o acesso de imediato, e a sessão termina nos "
        "separadores abertos do atendimento ao próximo clique."
    ),
    "User disabled: they cannot log in, and their open desk tabs are logged out now.": (
        "Acesso desativado: a pessoa já não consegue entrar, e a sessão terminou agora nos "
        "separadores abertos do atendimento."
    ),
    "User enabled: they log in again with their current password, the last one set for them.": (
        "Acesso reativado: a pessoa pode entrar de novo com a palavra-passe atual, a última "
        "definida para ela."
    ),
    "You cannot disable your own login: nothing changed.": (
        "Não pode desativar o seu próprio acesso: nada foi alterado."
    ),
    "That is the last active admin: no one would be left to manage people. Nothing changed.": (
        "Essa é a última conta de administração ativa: mais ninguém poderia gerir as pessoas. "
        "Nada foi alterado."
    ),
    "Change your own password at the terminal (mentiondesk users passwd): here it would log you "
    "out. Nothing changed.": (
        "Altere a sua própria palavra-passe no terminal (mentiondesk users passwd): aqui "
        "terminaria a sua sessão. Nada foi alterado."
    ),
    "Recent changes to logins": "Alterações recentes nos acessos",
    "Added": "Adicionado em",
    "active rules, in order; read-only": "ativas, na ordem em que são avaliadas; só de leitura",
    "alert the team": "alertar a equipa",
    "{n} ticket": "{n} pedido de apoio",
    "{n} tickets": "{n} pedidos de apoio",
    "This rule records nothing (no case, draft or alert): these are the mentions of the last 7 "
    "days whose reading it matches.": (
        "Esta regra não regista nada (nem caso, nem rascunho, nem alerta): estas são as menções "
        "dos últimos 7 dias cuja classificação ela captura."
    ),
    "This rule records nothing, and whether it matched a mention depends on the author’s earlier "
    "mentions, which cannot be checked again afterwards.": (
        "Esta regra não regista nada, e se capturou uma menção depende das menções anteriores da "
        "pessoa, que não é possível verificar de novo depois."
    ),
    # People: why a person was not added (people_refused.py)
    "The password is too short: at least 12 characters (it has {n}). A few words make a good "
    "one.": (
        "A palavra-passe é demasiado curta: são pelo menos 12 caracteres (esta tem {n}). "
        "Algumas palavras juntas fazem uma boa palavra-passe."
    ),
    "The password is too long: at most 1,024 characters (the login form reads no more).": (
        "A palavra-passe é demasiado longa: são no máximo 1024 caracteres (o formulário de "
        "início de sessão não lê mais do que isso)."
    ),
    "Nothing was added: type the password again.": (
        "Nada foi adicionado: escreva a palavra-passe de novo."
    ),
}
