"""Stored values as the desk shows them in Brazilian Portuguese, by kind of value; also the
base of pt-PT (i18n_pt_pt.py is laid over it), so a change here reaches Portugal too.

The database, the URLs and the forms keep the English values (`negative`, `resolved`); only
what people read changes. A value missing here is shown as stored.
Labels, reasons and languages are mentiondesk.alert_words_pt's: alerts and tickets say them too.
"""

from __future__ import annotations

from mentiondesk.alert_words_pt import WORDS as SHARED
from mentiondesk.models import PLATFORM_NAMES

WORDS: dict[str, dict[str, str]] = {
    "label": SHARED["label"],
    "status": {
        "open": "aberto",
        "resolved": "resolvido",
        "closed": "encerrado",
        "pending": "pendente",
        "approved": "aprovado",
        "rejected": "rejeitado",
        "withdrawn": "retirado",
    },
    # A draft's status beside its heading, "Resposta privada": a reply (resposta) is feminine,
    # where a case (caso) and a draft (rascunho), which "status" serves, are masculine.
    "reply_status": {
        "pending": "pendente",
        "approved": "aprovada",
        "rejected": "rejeitada",
        "withdrawn": "retirada",
    },
    "kind": {"public": "pública", "private": "privada"},
    "weekday": SHARED["weekday"],  # [desk] business_hours days: seg–sex
    # Complaint reasons and topics (sentiment.topics), one vocabulary.
    "reason": SHARED["reason"],
    # Roles as functions, not people ("gestor" would assume a gender): "o papel de gestão".
    "role": {"agent": "agente", "manager": "gestão", "admin": "administração"},
    # What the audit trail records someone did (mentiondesk.audit).
    "action": {
        "approve": "aprovou",
        "reply": "respondeu",
        "posted": "publicou manualmente",
        "posted-reply": "publicou manualmente",
        "reject": "rejeitou",
        "edit": "editou",
        "assign": "atribuiu",
        "escalate": "encaminhou",
        "resolved": "resolveu",
        "closed": "encerrou",
        "note": "anotou",
        "relabel": "corrigiu a classificação",
        "restore": "restaurou",
        "do-not-contact": "marcou como não contatar",
        "allow-contact": "permitiu o contato de novo",
        "retry": "tentou enviar de novo",
    },
    # Why the outbox holds an approved reply: "Não enviada: {motivo}."
    "held": {
        "setup": "o atendimento não consegue enviar para lá (problema de configuração)",
        "opted-out": "a pessoa pediu para não ser contatada",
        "too-long": "longa demais para a plataforma",
        "dms-closed": "a pessoa não aceita mensagens privadas da marca",
        "deleted": "a publicação respondida foi apagada",
        "refused": "a plataforma recusou",
        "by-person": "alguém da equipe a reteve",
        "as-recorded": "retida",
    },
    "platform": PLATFORM_NAMES,  # each platform's own name, in every language
    # A reading's language ("und": the detector was unsure) or a draft's, with its region.
    "lang": SHARED["lang"],
}
