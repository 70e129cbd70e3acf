"""The Playbooks and People pages (managers and admins) in Brazilian Portuguese."""

from __future__ import annotations

ADMIN = {
    "Role": "Papel",
    "Status": "Situação",
    "Added": "Incluído em",
    "active": "ativo",
    "disabled": "desativado",
    "Agents work the queue; managers also see the dashboard and assign cases; admins also "
    "manage people.": (
        "Agentes trabalham a fila; gestores também veem o painel e atribuem casos; "
        "administradores também gerenciam as pessoas."
    ),
    "Add a person": "Adicionar uma pessoa",
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
    "confidence is at least {v}": "a confiança é de pelo menos {v}",
    "confidence is at most {v}": "a confiança é de no máximo {v}",
    "the author has at least {v} followers": "a pessoa tem pelo menos {v} seguidores",
    "the author has at most {v} followers": "a pessoa tem no máximo {v} seguidores",
    "frustration is {v} or more (of 3)": "a frustração é {v} ou mais (de 3)",
    "it is a question": "é uma pergunta",
    "it is not a question": "não é uma pergunta",
    "the author wrote before": "a pessoa já escreveu antes",
    "it is the author's first mention": "é a primeira menção da pessoa",
    "and": "e",
    "or": "ou",
    "open a case": "abrir um caso",
    "assign to {to}": "atribuir a {to}",
    "alert the team": "alertar a equipe",
    "draft a private reply": "redigir uma resposta privada",
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
        "menções dos últimos 7 dias cuja leitura ela captura."
    ),
    "This rule records nothing, and whether it matched a mention depends on the author’s "
    "earlier mentions, which cannot be checked again afterwards.": (
        "Esta regra não registra nada, e se ela capturou uma menção depende das menções "
        "anteriores da pessoa, que não dá para verificar de novo depois."
    ),
}
