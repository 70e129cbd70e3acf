"""pt-BR and pt-PT for the case page's other help-desk tickets: the one a follow-up ticket
replaced (closed, archived or deleted), or another help desk's."""

from __future__ import annotations

TICKETS = {
    "also:": "também:",
    "Other tickets of this case: one a follow-up's ticket replaced, or another help desk's": (
        "Outros chamados deste caso: um anterior, substituído pelo de uma nova menção, ou o de "
        "outro help desk"
    ),
}

TICKETS_PT = {
    "Other tickets of this case: one a follow-up's ticket replaced, or another help desk's": (
        "Outros pedidos de apoio deste caso: um anterior, substituído pelo de uma nova menção, "
        "ou o de outro apoio ao cliente"
    ),
}
