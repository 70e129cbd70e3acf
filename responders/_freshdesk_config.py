"""The Freshdesk responder's `[[responders]]` table, checked at start-up."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import field_validator

from mentiondesk.models import ResponderConfig, env_key, require_env
from responders._helpdesk import account_url

FIRST_CUSTOM = 6  # Freshdesk numbers an account's own statuses from 6


class FreshdeskResponderConfig(ResponderConfig):
    kind: Literal["freshdesk"] = "freshdesk"
    base_url: str  # https://yourcompany.freshdesk.com
    api_key_env: str = env_key("FRESHDESK_API_KEY")
    case_field: str | None = None  # e.g. "cf_case_number", a custom text field you created
    # Only accounts with Freshdesk's unique contact identifier take it; others answer 400.
    unique_external_id: bool = False
    # Authors off X become <platform>.<author id>@this domain (X authors: their twitter_id).
    requester_domain: str | None = None
    # Your custom statuses that wait on the author, like Pending: a follow-up sets them Open.
    reopen_statuses: tuple[int, ...] = ()

    _env = field_validator("api_key_env")(require_env)
    _account = field_validator("base_url")(account_url)

    @field_validator("reopen_statuses")
    @classmethod
    def _custom(cls, statuses: tuple[int, ...]) -> tuple[int, ...]:
        if own := [s for s in statuses if s < FIRST_CUSTOM]:
            raise ValueError(
                f"{own[0]} is not a custom status; list your own statuses that wait on the "
                f"author, numbered from {FIRST_CUSTOM} (Admin > Ticket Fields > Status), as "
                "reopen_statuses = [6]: Pending, Resolved and Closed are set open already"
            )
        return statuses

    @field_validator("requester_domain")
    @classmethod
    def _domain(cls, domain: str | None) -> str | None:
        if domain is not None and not _DOMAIN.fullmatch(domain):
            raise ValueError(
                f"{domain!r} is not a domain; give one like social.example.com (authors "
                "become reddit.t2_abc@social.example.com)"
            )
        return domain

    def unready_for(self, platforms: set[str]) -> list[str]:
        """Start-up problems for these platforms: an author off X has no twitter_id, so
        without either setting every such ticket would be held."""
        if self.unique_external_id or self.requester_domain or not platforms - {"x"}:
            return []
        return [
            "requester_domain: Freshdesk needs to know who a ticket is from, and authors on "
            f"{', '.join(sorted(platforms - {'x'}))} have no twitter_id; set requester_domain = "
            '"social.example.com" (they become reddit.t2_abc@social.example.com) or, if your '
            "account has unique contact identifiers, unique_external_id = true"
        ]


_DOMAIN = re.compile(r"(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")
