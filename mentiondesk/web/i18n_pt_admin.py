"""The Playbooks and People pages (managers and admins) and one's own sessions (the header's
"Log out everywhere") in Brazilian Portuguese; also the base of pt-PT (i18n_pt_pt.py is laid
over it), so a change here reaches Portugal too."""

from __future__ import annotations

ADMIN = {
    "Last login": "Último acesso",
    "never": "nunca",
    "just now": "agora mesmo",
    "{n} minute ago": "há {n} minuto",
    "{n} minutes ago": "há {n} minutos",
    "{n} hour ago": "há {n} hora",
    "{n} hours ago": "há {n} horas",
    "{n} day ago": "há {n} dia",
    "{n} days ago": "há {n} dias",
    "Log out everywhere": "Sair de todas as sessões",
    "End every desk session of yours, on every browser and device, this one too?": (
        "Encerrar todas as suas sessões do atendimento, em todos os navegadores e aparelhos, "
        "inclusive esta?"
    ),
    "You are logged out everywhere: every desk session of yours has ended.": (
        "Você saiu de todas as sessões: todas as suas sessões do atendimento foram encerradas."
    ),
    "Role": "Papel",
    "Status": "Situação",
    "Added": "Data de inclusão",  # "Incluído em" would assume a gender
    "active": "acesso ativo",  # a person's login, not "ativo" (a gender)
    "disabled": "acesso desativado",
    "Agents work the queue; managers also see the dashboard and assign cases; admins also "
    "manage people.": (
        "O papel de agente cuida da fila; o de gestão também vê o painel e atribui casos; o "
        "de administração também gerencia as pessoas."
    ),
    "Add a person": "Adicionar uma pessoa",
    "(you)": "(você)",
    "Disable": "Desativar",
    "Enable": "Reativar",
    "Reset password": "Gerar nova senha",
    "Disable {name}? They cannot log in, and their open desk tabs are logged out now.": (
        "Desativar {name}? Essa pessoa não vai mais conseguir entrar, e as abas abertas do "
        "atendimento serão desconectadas agora."
    ),
    "Give {name} a new password? The one they have stops working, and their open desk tabs "
    "are logged out.": (
        "Gerar uma nova senha para {name}? A senha atual deixa de funcionar, e as abas abertas "
        "do atendimento são desconectadas."
    ),
    "New password for {name}": "Nova senha de {name}",
    "Shown only this once: give it to them privately now. Their open desk tabs are logged "
    "out; they log in with this password.": (
        "Exibida só desta vez: repasse agora, em particular. As abas abertas do atendimento "
        "foram desconectadas; o acesso passa a ser com esta senha."
    ),
    "Someone leaves: Disable stops their login at once, and their open desk tabs are logged "
    "out at their next click.": (
        "Alguém saiu da equipe: Desativar corta o acesso na hora, e as abas abertas do "
        "atendimento são desconectadas no próximo clique."
    ),
    "Recent changes to logins": "Mudanças recentes nos acessos",
    # What the People page's buttons say they did (common.NOTICES).
    "User disabled: they cannot log in, and their open desk tabs are logged out now.": (
        "Acesso desativado: a pessoa não consegue mais entrar, e as abas abertas do "
        "atendimento foram desconectadas agora."
    ),
    "User enabled: they log in again with their current password, the last one set for them.": (
        "Acesso reativado: a pessoa pode entrar de novo com a senha atual, a última definida "
        "para ela."
    ),
    "There is no desk user by that name: nothing changed.": (
        "Ninguém com esse nome tem acesso ao atendimento: nada foi alterado."
    ),
    "You cannot disable your own login: nothing changed.": (
        "Você não pode desativar o seu próprio acesso: nada foi alterado."
    ),
    "That is the last active admin: no one would be left to manage people. Nothing changed.": (
        "Essa é a última conta de administração ativa: ninguém mais poderia gerenciar as "
        "pessoas. Nada foi alterado."
    ),
    "Change your own password at the terminal (mentiondesk users passwd): here it would "
    "log you out. Nothing changed.": (
        "Troque a sua própria senha pelo terminal (mentiondesk users passwd): aqui ela "
        "desconectaria você. Nada foi alterado."
    ),
    "Add": "Adicionar",
    "active rules, in order; read-only": "ativas, na ordem em que são avaliadas; somente leitura",
    "When": "Quando",
    "Then": "Então",
    "Fired in the last 7 days": "Disparos nos últimos 7 dias",
    "stops here": "interrompe aqui",
    "Rules below this one are not tried for a mention it matches.": (
        "As regras abaixo desta não são avaliadas para uma menção que ela captura."
    ),
    "always": "sempre",
    "nothing more": "nada mais",
    # A rule's conditions and actions in words (rule_words.py).
    "sentiment is {v}": "o sentimento é {v}",
    "language is {v}": "o idioma é {v}",
    "platform is {v}": "a plataforma é {v}",
    "topic is {v}": "o assunto é {v}",
    "reason is {v}": "o motivo é {v}",
    "the author has at least {v} followers": "a pessoa tem pelo menos {v} seguidores",
    "the author has at most {v} followers": "a pessoa tem no máximo {v} seguidores",
    "frustration is {v} or more (of 3)": "a frustração é de pelo menos {v} (de 3)",
    "it is a question": "é uma pergunta",
    "it is not a question": "não é uma pergunta",
    "the author wrote before": "a pessoa já escreveu antes",
    "it is the author's first mention": "é a primeira menção da pessoa",
    "it joins the author's open case as a follow-up": (
        "entra no caso aberto da pessoa como nova menção"
    ),
    "the author has no open case": "a pessoa não tem caso aberto",
    "and": "e",
    "or": "ou",
    "open a case": "abrir um caso",
    "assign to {to}": "atribuir a {to}",
    "alert the team": "alertar a equipe",
    "draft a private reply": "redigir uma mensagem privada",
    "draft a public reply": "redigir uma resposta pública",
    "escalate to the help desk": "encaminhar ao help desk",
    "(sent without approval)": "(enviada sem aprovação)",
    # What a rule did in the week, one and many (rule_words.count).
    "{n} case": "{n} caso",
    "{n} cases": "{n} casos",
    "{n} draft": "{n} rascunho",
    "{n} drafts": "{n} rascunhos",
    "{n} alert": "{n} alerta",
    "{n} alerts": "{n} alertas",
    "{n} ticket": "{n} chamado",
    "{n} tickets": "{n} chamados",
    "{n} mention matched": "{n} menção correspondente",
    "{n} mentions matched": "{n} menções correspondentes",
    "not counted": "sem contagem",
    "This rule records nothing (no case, draft or alert): these are the mentions of the last "
    "7 days whose reading it matches.": (
        "Esta regra não registra nada (nem caso, nem rascunho, nem alerta): estas são as "
        "menções dos últimos 7 dias cuja classificação ela captura."
    ),
    "This rule records nothing, and whether it matched a mention depends on the author’s "
    "earlier mentions, which cannot be checked again afterwards.": (
        "Esta regra não registra nada, e se ela capturou uma menção depende das menções "
        "anteriores da pessoa, que não podem ser verificadas de novo depois."
    ),
    # The header of the people table's buttons column, for screen readers (shown empty).
    "Actions": "Ações",
    # The dashboard chart's figures as a table (a folded one, under the chart).
    "The figures, day by day": "Os números, dia a dia",
    # The first link of every page, shown on focus: past the header to the page's own content.
    "Skip to the content": "Pular para o conteúdo",
    # A timer's urgency, read after its figure by screen readers (desk-counts.js).
    "past the target": "fora do prazo",
    "close to the target": "perto do prazo",
    # The queue's switch for j/k/o/a/r (off: keys type nothing into the page).
    "One-key shortcuts": "Atalhos de uma tecla",
    # People: why a person was not added, next to the field at fault (people_refused.py)
    "That name is taken by {name} (upper and lower case count as the same).": (
        "Esse nome já está em uso por {name} (maiúsculas e minúsculas contam como iguais)."
    ),
    "A name may contain no spaces: use one word, e.g. ana.lima.": (
        "O nome não pode ter espaços: use uma palavra só, como ana.lima."
    ),
    "A name has 1 to 64 characters.": "O nome tem de 1 a 64 caracteres.",
    "The password is too short: at least 12 characters (it has {n}). A few words make a good "
    "one.": (
        "A senha é curta demais: são pelo menos 12 caracteres (esta tem {n}). Algumas palavras "
        "juntas fazem uma boa senha."
    ),
    "The password is too long: at most 1,024 characters (the login form reads no more).": (
        "A senha é longa demais: são no máximo 1.024 caracteres (o formulário de login não lê "
        "mais que isso)."
    ),
    "Choose one of the listed roles.": "Escolha um dos papéis da lista.",
    "Nothing was added: type the password again.": "Nada foi adicionado: digite a senha de novo.",
    # A rule's min_score / max_score (rule_words.py), worded as the case page's reading
    "the classifier is at least {v} sure": (
        "a classificação automática tem pelo menos {v} de certeza"
    ),
    "the classifier is at most {v} sure": "a classificação automática tem no máximo {v} de certeza",
}
