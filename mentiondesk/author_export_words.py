"""The words of an access request's export read as text, in the person's language.

The export is sent to the person who asked (LGPD art. 18 and 19, GDPR art. 12 and 15: in
clear and plain language): someone who writes to the brand in Portuguese gets its headings
and field names in Portuguese, chosen by the language their own posts were read in. Only the
words are translated: the values (their text, times in ISO 8601, ids) stay as stored. The
JSON export keeps its English keys, which scripts read. Neutral Portuguese, read alike in
Brazil and Portugal (no "contato"/"contacto", "usuário"/"utilizador", "você"/"si").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

# Section and field names (the export's keys) in Portuguese; a key missing here is shown as
# it is, underscores as spaces.
_PT = {
    # sections
    "authors": "Contas",
    "mentions": "Publicações",
    "readings": "Leituras das publicações",
    "cases": "Casos",
    "follow_ups": "Publicações seguintes no mesmo caso",
    "drafts": "Rascunhos de resposta",
    "notes": "Notas do atendimento",
    "corrections": "Correções de leitura",
    "surveys": "Avaliações de satisfação",
    "kept_texts": "Textos guardados de formulários",
    "audit": "Histórico de ações sobre os seus dados",
    "outbox": "Envios (alertas, tickets de suporte, respostas)",
    "digest_items": "Alertas agrupados em resumos",
    "replies": "Respostas e mensagens privadas enviadas",
    "help_desk_tickets": "Tickets de suporte",
    # fields
    "action": "ação",
    "actor": "feita por",
    "advice": "conselho a outra pessoa",
    "answered_at": "respondida em",
    "assignee": "responsável",
    "at": "em",
    "attempts": "tentativas",
    "author": "autor da nota",
    "author_id": "conta (número interno)",
    "auto": "automático",
    "case_id": "caso (número interno)",
    "claimed_until": "em leitura até",
    "classifier": "classificador",
    "closed_at": "encerrado em",
    "context": "cópia do caso",
    "corrected_at": "corrigida em",
    "corrected_by": "corrigida por",
    "created_at": "criado em",
    "decided_at": "decidido em",
    "decided_by": "decidido por",
    "detail": "detalhe",
    "do_not_contact": "pediu para não receber mensagens",
    "draft_id": "rascunho (número interno)",
    "edit_id": "id da versão editada",
    "external_id": "id na plataforma",
    "first_response_at": "primeira resposta em",
    "first_seen": "vista pela primeira vez em",
    "first_text": "texto antes da edição",
    "flushed_at": "enviado no resumo em",
    "followers": "seguidores",
    "frustration": "frustração",
    "handle": "nome na plataforma (@)",
    "help_desk": "sistema de suporte",
    "id": "número interno",
    "ingested_at": "lida em",
    "is_question": "é uma pergunta",
    "kind": "tipo",
    "label": "classificação",
    "lang": "idioma",
    "last_error": "último erro",
    "lines": "linhas sobre a sua conta",
    "mention_id": "publicação (número interno)",
    "name": "nome",
    "number": "número do caso",
    "on_title": "título da publicação comentada",
    "opened_at": "aberto em",
    "parent_id": "responde à publicação",
    "payload": "conteúdo enviado",
    "platform": "plataforma",
    "previous_label": "classificação anterior",
    "priority": "prioridade",
    "private": "privada",
    "processed": "já lida",
    "reason": "motivo",
    "ref": "id devolvido pela plataforma",
    "refusal": "texto guardado",
    "resolves": "diz que o problema foi resolvido",
    "rule": "regra",
    "score": "nota",
    "source": "fonte",
    "sent_by": "enviada por",
    "status": "estado",
    "target": "destino",
    "text": "texto",
    "thread_id": "conversa",
    "ticket": "ticket",
    "ticket_ref": "ticket",
    "ticket_url": "link do ticket",
    "topics": "assuntos",
    "url": "link",
    "visibility": "visibilidade",
}


class Words:
    """How an export's headings and field names read in one language."""

    def __init__(self, names: Mapping[str, str], yes_no: tuple[str, str] | None = None) -> None:
        self._names, self._yes_no = names, yes_no

    def section(self, key: str) -> str:
        """A section's heading."""
        return self._names.get(key) or key.replace("_", " ").capitalize()

    def field(self, key: str) -> str:
        """A field's name, before its value."""
        return self._names.get(key, key)

    def flag(self, value: bool) -> str:
        """A yes-or-no field's value."""
        return str(value) if self._yes_no is None else self._yes_no[0 if value else 1]


ENGLISH = Words({})
PORTUGUESE = Words(_PT, ("sim", "não"))


def words_for(export: Mapping[str, Sequence[Mapping[str, Any]]]) -> Words:
    """The words of the language most of their posts were read in (the readings', else the
    language the platform gave): Portuguese for "pt" (pt-BR, pt-PT), else English."""
    langs = [r.get("lang") for r in export.get("readings", ())]
    langs = [lang for lang in langs if lang] or [m.get("lang") for m in export.get("mentions", ())]
    found = Counter(str(lang).split("-")[0].lower() for lang in langs if lang)
    first = found.most_common(1)
    return PORTUGUESE if first and first[0][0] == "pt" else ENGLISH
