"""The Request Tracker responder's `[[responders]]` table, checked at start-up."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from mentiondesk.models import ResponderConfig, env_key, require_env


class RequestTrackerResponderConfig(ResponderConfig):
    kind: Literal["request_tracker"] = "request_tracker"
    base_url: str  # e.g. https://rt.example.com/REST/2.0/
    queue: str = "General"
    token_env: str = env_key("RT_TOKEN")

    @field_validator("base_url")
    @classmethod
    def _rest2(cls, url: str) -> str:
        if not url.rstrip("/").endswith("REST/2.0"):
            raise ValueError(
                f"{url!r} must end in REST/2.0/ (e.g. https://rt.example.com/REST/2.0/)"
            )
        return url.rstrip("/") + "/"

    _env = field_validator("token_env")(require_env)

    @field_validator("queue")
    @classmethod
    def _named(cls, queue: str) -> str:
        # RT refuses a ticket in no queue: every one would wait in the outbox, held.
        if not queue.strip():
            raise ValueError("is empty; name the RT queue tickets go to (e.g. General)")
        return queue.strip()
