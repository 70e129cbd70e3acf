"""A small JSON-over-HTTP client for help desks and webhooks, with the shared error mapping."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Collection, Iterator
from typing import Any

import aiohttp

from mentiondesk.models import TransientError
from responders._http import AUTH_REFUSED, check, connection_error, session
from responders._refusal import code_of

_INVALID = (400, 422)  # a validation refusal: its body names the fields
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,63}")  # "tags", "custom_fields.cf_case"


def basic_auth(user: str, password: str) -> dict[str, str]:
    """The Basic `Authorization` header (aiohttp's BasicAuth is deprecated)."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


class RestClient:
    """One lazily opened aiohttp session; every answer checked, JSON decoded."""

    def __init__(
        self,
        base: str,
        what: str,
        *,
        headers: dict[str, str] | None = None,
        whole: Collection[int] = AUTH_REFUSED,
        fix: str = "check the URL, token and permissions",
        refusal: Callable[[int, bytes], None] | None = None,
        json_only: bool = True,
    ) -> None:
        self.base = base
        # Whether a body is decoded only when its content type says JSON; else whatever it
        # says (Request Tracker's REST2), and one that is not JSON is an error.
        self._json_only = json_only
        # Reads a refusal's body first, for a service whose body says which of its settings
        # is wrong (Mattermost's error ids): it raises its own error, or leaves it to check().
        # A redirect not followed (allow_redirects=False) is shown to it too (webhooks).
        self._refusal = refusal
        self.what = what
        # Statuses that refuse the sink as a whole, and what to set right then (_http.check).
        self._whole, self._fix = frozenset(whole), fix
        self._headers = dict(headers or {})
        self._session: aiohttp.ClientSession | None = None

    async def call(
        self, method: str, path: str, *, missing: Collection[int] = (), **kwargs: Any
    ) -> Any:
        """`method base+path`; the decoded JSON body (None when empty, or when the status is
        one of `missing`: what is not there, asked on purpose, is no error)."""
        answer = await self.raw(method, path, missing=missing, **kwargs)
        if answer is None:
            return None
        raw, content_type = answer
        if not raw.strip() or (self._json_only and content_type != "application/json"):
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise TransientError(f"{self.what} sent a body that is not JSON") from None

    async def raw(
        self, method: str, path: str, *, missing: Collection[int] = (), **kwargs: Any
    ) -> tuple[bytes, str] | None:
        """`method base+path`, checked; its body and content type, whatever they are (None for
        a status in `missing`): for a service that answers in plain text (Teams' connectors)."""
        if self._session is None:
            self._session = session(headers=self._headers)
        try:
            async with self._session.request(method, self.base + path, **kwargs) as response:
                if response.status in missing:
                    return None
                if response.status >= 300 and self._refusal is not None:
                    self._refusal(response.status, await response.read())
                said = await response.read() if response.status in _INVALID else b""
                check(
                    response.status,
                    response.headers,
                    self.what,
                    whole=self._whole,
                    fix=self._fix,
                    invalid=invalid_fields(said),
                )
                return await response.read(), response.content_type
        except aiohttp.ClientError as exc:
            raise connection_error(exc, self.what) from None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def invalid_fields(raw: bytes) -> str:
    """The fields a validation refusal names, with their error codes ("tags: TooLong"):
    Zendesk's `details` and Freshdesk's `errors`. Only names and codes that are plain
    identifiers: a description may quote the values sent (the mention, a name)."""
    try:
        body = json.loads(raw) if raw.strip() else None
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    named = dict.fromkeys(
        f"{field}: {code}" if code else field
        for field, code in _pairs(body)
        if isinstance(field, str) and _FIELD.fullmatch(field)
    )
    return ", ".join(list(named)[:10])


def _pairs(body: dict[str, Any]) -> Iterator[tuple[object, str | None]]:
    """(field, code or None) of a Zendesk 422 (`details`: field → [{"error"}]) or a
    Freshdesk 400 (`errors`: [{"field", "code"}])."""
    details = body.get("details")
    if isinstance(details, dict):
        for field, problems in details.items():
            for problem in problems if isinstance(problems, list) else [problems]:
                code = problem.get("error") if isinstance(problem, dict) else None
                yield field, code_of(code)
    errors = body.get("errors")
    for error in errors if isinstance(errors, list) else []:
        if isinstance(error, dict):
            yield error.get("field"), code_of(error.get("code"))
