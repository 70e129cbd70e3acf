"""The local help desk: escalations stay in mentiondesk's own case list.

Escalating marks the case as escalated (the outbox worker records the receipt's ref on
the case), so the embedded default needs no external help-desk server.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from mentiondesk.models import OutboxAction, PluginContext, Receipt, ResponderConfig
from responders import _helpdesk as desk


class LocalHelpdeskResponderConfig(ResponderConfig):
    kind: Literal["local"] = "local"


class LocalHelpdeskResponder:
    """Turns a ticket action into a local escalation reference: `local:MD-000123`."""

    Config = LocalHelpdeskResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"ticket", "comment"})  # checked at start-up
    finds_earlier_send: ClassVar[bool] = True  # the case is in the store: nothing goes out
    check_note = "escalations stay in the store: nothing to check"  # `responders check`

    def __init__(self, name: str = "cases") -> None:
        self.name = name

    @classmethod
    def from_config(
        cls, config: LocalHelpdeskResponderConfig, context: PluginContext
    ) -> LocalHelpdeskResponder:
        return cls(config.name or "cases")

    async def deliver(self, action: OutboxAction) -> Receipt:
        number = desk.case_of(action)
        if action.kind == "comment":  # the case page lists its follow-ups already
            return Receipt(ref=f"local:{number}", detail="follow-up shown on the local case")
        return Receipt(ref=f"local:{number}", detail="escalated in the local case list")

    async def close(self) -> None:
        return None
