"""Incoming-webhook sinks share this: a URL kept in an environment variable, one POST per alert."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import ValidationInfo, field_validator

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    OutboxAction,
    Pace,
    ResponderConfig,
    SinkRefused,
    Wording,
    require_env,
    secret_from_env,
    secrets_wanted,
)
from responders._http import WEBHOOK_REFUSED
from responders._rest import RestClient


class WebhookConfig(ResponderConfig):
    """`url_env` names the variable holding the webhook URL (the URL itself is a secret)."""

    url_env: str
    # The service, where it gives https:// URLs only (Discord, Teams): an http:// one is a
    # slip that sends the URL (a secret) and the alerts in clear, then meets a redirect.
    https_only: ClassVar[str] = ""

    @field_validator("url_env")
    @classmethod
    def _url_is_set(cls, variable: str, info: ValidationInfo) -> str:
        if not secrets_wanted(info):
            return require_env(variable, info)
        url = urlsplit(secret_from_env(variable).get_secret_value())
        if url.scheme not in ("http", "https") or not url.netloc:
            raise ValueError(f"environment variable {variable} does not hold an http(s) URL")
        if cls.https_only and url.scheme != "https" and url.hostname not in _LOOPBACK:
            raise ValueError(
                f"environment variable {variable} holds an http:// URL; {cls.https_only}'s "
                "webhook URLs are https:// (over http the URL, a secret, goes in clear)"
            )
        return variable


_LOOPBACK = ("127.0.0.1", "::1", "localhost")  # a local relay or test server


# A redirect is never followed: a 301 or 302 to a POST is followed as a GET (which Discord
# answers with the webhook itself: the alert counted as posted while nothing was), a 307 or
# 308 sends the mention on to wherever it points. Every alert would meet it: the sink refused.
_POSTED: dict[str, Any] = {"allow_redirects": False}
_REDIRECTED = "the URL redirects (written http:// for https://, or the server moved)"


class WebhookSink:
    """Base of the webhook responders: subclasses build the body for one alert."""

    what = "webhook"
    takes: ClassVar[frozenset[str]] = frozenset({"alert"})  # checked at start-up
    # An incoming webhook has no read: an alert sent before a crash or a restore cannot be
    # found, so `outbox look-first` names these for a person to hold what went out.
    finds_earlier_send: ClassVar[bool] = False
    pace: ClassVar[Pace | None] = None  # no documented figure; a subclass may set one
    # What `responders check` says of a sink with no check(): the URL is set, but an
    # incoming webhook has no read-only call that would prove it works.
    check_note = "URL is set; an incoming webhook cannot be tried without posting to it"

    def __init__(
        self, name: str, *, url: str, wording: Wording = ENGLISH, url_env: str | None = None
    ) -> None:
        self.name = name
        self.wording = wording  # [routing] language: what the alerts' words are in
        # A 401/403/404/410 from the webhook's URL refuses every alert alike: held together,
        # with what to fix named (the variable `url_env` holds the URL, where it is known).
        self.http = RestClient(
            url, self.what, whole=WEBHOOK_REFUSED, fix=url_fix(name, url_env), refusal=self._refusal
        )
        self._fix = url_fix(name, url_env)  # for a refusal read in a 200's text (Teams)
        self._where = url_where(name, url_env)  # for a fix that is not "set it to …" (Discord)
        self._url_digest = hashlib.sha256(url.encode()).hexdigest()[:16]

    def pace_key(self) -> str:
        """A webhook's limit is the webhook's: responders sharing a URL share its turns. The
        URL is a secret, so only a digest of it is kept here."""
        return f"{self.what} {self._url_digest}"

    def body(self, action: OutboxAction) -> dict[str, Any]:
        raise NotImplementedError

    def _refusal(self, status: int, said: bytes) -> None:
        if 300 <= status < 400:  # posts are sent with allow_redirects=False (_POSTED)
            raise SinkRefused(f"{self.what} answered {status}: {_REDIRECTED}; {self._fix}")
        self.refused(status, said)

    def refused(self, status: int, said: bytes) -> None:
        """A refusal's status and body, before the shared mapping (_http.check): a subclass
        whose service names the setting at fault raises its own error; this one leaves it."""

    async def deliver_body(self, action: OutboxAction, **kwargs: Any) -> Any:
        if action.kind != "alert":
            raise FatalError(f"{self.what} takes alerts, not {action.kind}; fix the routing")
        return await self.http.call("POST", "", json=self.body(action), **_POSTED, **kwargs)

    async def deliver_text(self, action: OutboxAction) -> str:
        """POST the body and return the answer's text, whatever its type: a webhook that puts
        its verdict in a 200's plain-text body (Teams' connectors) is read by the subclass."""
        if action.kind != "alert":
            raise FatalError(f"{self.what} takes alerts, not {action.kind}; fix the routing")
        answer = await self.http.raw("POST", "", json=self.body(action), **_POSTED)
        return answer[0].decode("utf-8", errors="replace") if answer else ""

    async def close(self) -> None:
        await self.http.close()


def url_fix(name: str, url_env: str | None) -> str:
    """What to set right when the webhook refuses as a whole: the variable holding its URL."""
    return f"set {url_where(name, url_env)} to the webhook's current URL, or restore its access"


def url_where(name: str, url_env: str | None) -> str:
    """Where the webhook's URL is set: its variable, where it is known."""
    return f"{url_env} (url_env of responder {name!r})" if url_env else f"the URL of {name!r}"


def webhook_url(config: WebhookConfig) -> str:
    return secret_from_env(config.url_env).get_secret_value()
