"""The placeholder a saved reply's writer meant by a word that is not one: a Portuguese word
(`nome`, `utilizador`, `protocolo`: pt-BR's and pt-PT's), another tool's (`first_name`) or a
slip (`nme`). Shared by the single-brace check (saved_braces) and the unknown-placeholder one
(saved_replies), so both name the same fix."""

from __future__ import annotations

import difflib
from collections.abc import Collection

from playbooks.template_names import english

# Words for a placeholder the playbooks' list (template_names.english) lacks: the desk's own
# values, pt-PT's words and other tools'; compared in lower case.
_MEANT = {
    "nome": "name",
    "primeiro_nome": "name",
    "first_name": "name",
    "firstname": "name",
    "nome_completo": "full_name",
    "fullname": "full_name",
    "marca": "brand",
    "agente": "agent",
    "atendente": "agent",
    "assistente": "agent",
    "caso": "case",
    "referencia": "case",
    "referência": "case",
    "plataforma": "platform",
    "rede": "platform",
    "usuario": "handle",
    "usuário": "handle",
    "utilizador": "handle",
    "username": "handle",
    "user": "handle",
    "saudacao": "time_greeting",
    "saudação": "time_greeting",
    "data_abertura": "case_opened",
    "aberto_em": "case_opened",
}


def meant(word: str, known: Collection[str]) -> str | None:
    """The placeholder of `known` that `word` stands for: itself, or the one it translates
    (never a playbook value saved replies lack, such as `motivo`'s `reason`)."""
    lower = word.lower()
    if lower in known:
        return lower
    for found in (_MEANT.get(lower), english(word)):
        if found in known:
            return found
    return None


def guess(word: str, known: Collection[str]) -> str | None:
    """`meant`, else the placeholder spelt closest (`nme`: `name`); None if none is close."""
    return meant(word, known) or next(
        iter(difflib.get_close_matches(word.lower(), list(known), n=1)), None
    )
