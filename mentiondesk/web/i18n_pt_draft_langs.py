"""pt-BR and pt-PT for a draft not in its author's language (draft_langs.authors_langs): an
Italian post answered from the Portuguese templates, as a Lisbon team's playbook does for a
language it writes no templates in. The case page's line by the draft and the queue's tag."""

from __future__ import annotations

DRAFT_LANGS = {
    "Written in {language}, not in the author’s language: they wrote in {theirs}, and this "
    "reply has no {theirs} template. Rewrite it in {theirs}, or be sure they read {language}, "
    "before you approve.": (
        "Escrito em {language}, não no idioma de quem escreveu: a menção está em {theirs}, e "
        "esta resposta não tem modelo em {theirs}. Reescreva em {theirs}, ou confirme que a "
        "pessoa lê {language}, antes de aprovar."
    ),
    "in {language}: the author wrote in {theirs}": "em {language}: a pessoa escreveu em {theirs}",
    "This reply has no {theirs} template: check it before you approve.": (
        "Esta resposta não tem modelo em {theirs}: confira antes de aprovar."
    ),
}

DRAFT_LANGS_PT = {
    "Written in {language}, not in the author’s language: they wrote in {theirs}, and this "
    "reply has no {theirs} template. Rewrite it in {theirs}, or be sure they read {language}, "
    "before you approve.": (
        "Escrito em {language}, não na língua de quem escreveu: a menção está em {theirs}, e "
        "esta resposta não tem modelo em {theirs}. Reescreva-a em {theirs}, ou confirme que a "
        "pessoa lê {language}, antes de aprovar."
    ),
    "This reply has no {theirs} template: check it before you approve.": (
        "Esta resposta não tem modelo em {theirs}: verifique-a antes de aprovar."
    ),
}
