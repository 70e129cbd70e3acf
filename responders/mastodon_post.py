"""Posts approved replies on Mastodon through Mastodon.py; private ones as `visibility=direct`.

Every reply starts with the author's @handle (Mastodon notifies only the accounts a status
mentions) and is never seen more widely than the post it answers: a reply to a followers-only
post is followers-only, to a direct one direct (as Mastodon.py's status_reply keeps the
post's visibility). A reply to a post behind a content warning carries the same warning,
as Mastodon's own apps copy it: the brand's answer to "CW: intoxicação alimentar" would
otherwise show the subject openly under it.
Mastodon keeps an `Idempotency-Key` for an hour: the outbox key is sent as that key, so a
retry after a crash gets the same status back instead of a second one.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Literal

from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)
from pydantic import Field, field_validator

from mentiondesk.models import (
    VISIBILITIES,
    FatalError,
    OutboxAction,
    Pace,
    PluginContext,
    RateLimited,
    Receipt,
    ResponderConfig,
    TransientError,
    mastodon_reply_text,
    narrower,
    require_env,
    secret_from_env,
)
from mentiondesk.models.mastodon import build_mastodon
from responders._mastodon_limit import DEFAULT, limit_note, server_limit
from responders._post import post_parts, sent_before, sent_for
from responders._refusal import GONE, recognised, status_words

_LOGGER = logging.getLogger(__name__)
_BREAK = re.compile(r"<br\s*/?>|</p\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_REMOTE = re.compile(r"(?<![\w@])@(\w+)@[\w.-]*\w")  # @user@domain
# Mastodon's words for a refusal an agent can act on, said in ours. The server writes them
# in its locale (the account's, else the instance's DEFAULT_LOCALE): "Validation failed: Text
# character limit of 500 exceeded", on a Brazilian instance "A validação falhou: Texto limite
# de caracteres de 500 excedido", on a Portuguese one "… limite de caracter excedeu 500".
_TOO_LONG = "the text is over the server's character limit; shorten it and approve it again"
_TOO_LONG_WORDS = ("character limit", "too long", "limite de caracter", "límite de caracteres")
_HINTS = ((_TOO_LONG_WORDS, _TOO_LONG),)
# A 403 is the token or the account, whatever the words ("This action is outside the
# authorized scopes", "Your login is currently disabled"): a set-up problem on the desk.
_FORBIDDEN = (
    "check the token's scopes (write:statuses) and that the brand's account is not "
    "disabled or suspended on its server"
)
# The check reads the token's account (verify_credentials): its scope is another.
_CHECK_FORBIDDEN = _FORBIDDEN.replace("(write:statuses)", "(profile or read:accounts)")


def _status_text(content: str) -> str:
    """A status's HTML as the words it shows, comparable with `_comparable(our text)`.

    Mastodon wraps mentions, hashtags and links in inline tags (`@<span>alice</span>`,
    `<span class="invisible">https://</span>brand.example`): they must vanish without a
    space, or the text never matches ours; a `<br>` or a paragraph's end is a line break.
    (listener/mastodon.py reads mentions the same way; components do not share code.)
    """
    return _comparable(html.unescape(_TAG.sub("", _BREAK.sub("\n", content))))


def _comparable(text: str) -> str:
    """Whitespace folded, and `@user@domain` as `@user`: Mastodon shows a mention by its
    username alone, so our "@dan@remote.test …" reads "@dan …" in the status."""
    return " ".join(_REMOTE.sub(r"@\1", text).split())


def _failed(what: str, exc: Exception) -> str:
    """A 5xx by its status ("mastodon posting: 503 Service Unavailable"), a network failure by
    its kind: never Mastodon.py's tuple."""
    return f"{what}: {status_words(_status(exc)) or type(exc).__name__}"


def _status(exc: Exception) -> object:
    """The HTTP status of a Mastodon.py error: its args are message, status, reason, and the
    server's error (None where it has none, as a network failure)."""
    return exc.args[1] if len(exc.args) > 1 else None


def _language(lang: str) -> str | None:
    """The reply's language as Mastodon takes it (ISO 639: "pt" for pt-PT and pt-BR), so
    followers who read only Portuguese see it and it is not tagged as the account's default
    posting language; None where the reading found none ("und")."""
    primary = lang.split("-", 1)[0].lower()
    known = primary.isascii() and primary.isalpha() and primary != "und"
    return primary if known and 2 <= len(primary) <= 3 else None


class MastodonPostResponderConfig(ResponderConfig):
    kind: Literal["mastodon-post"] = "mastodon-post"
    base_url: str = "https://mastodon.social"
    access_token_env: str = Field(default="MASTODON_ACCESS_TOKEN", validate_default=True)
    visibility: Literal["public", "unlisted"] = "public"  # of public replies
    timeout_seconds: float = Field(default=30.0, gt=0)
    # The most characters a status may have on the brand's server (its /api/v2/instance
    # configuration.statuses.max_characters): 500 is Mastodon's default, many allow 5000.
    # Approval, the desk's counter and a held reply's wording count a reply against it.
    max_characters: int = Field(default=DEFAULT, gt=0, strict=True)

    _env = field_validator("access_token_env")(require_env)


class MastodonPostResponder:
    """Reply to the mention's status, or a direct status that mentions the author, once."""

    Config = MastodonPostResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"post"})  # checked at start-up
    finds_earlier_send: ClassVar[bool] = True  # our reply with the same text
    platform: ClassVar[str] = "mastodon"  # posts only for this platform's mentions
    # The API's documented default: 300 requests per 5 minutes per account.
    pace: ClassVar[Pace | None] = Pace(per=300, seconds=300.0)

    def __init__(
        self,
        name: str = "mastodon-post",
        *,
        api: Mastodon,
        visibility: str = "public",
        max_characters: int = DEFAULT,
    ) -> None:
        self.name = name
        self.api = api
        self.visibility = visibility
        self.max_characters = max_characters  # what the desk counts replies to (the check's)
        self._lock = asyncio.Lock()  # Mastodon.py keeps rate-limit state: one call at a time

    @classmethod
    def from_config(
        cls, config: MastodonPostResponderConfig, context: PluginContext
    ) -> MastodonPostResponder:
        token = secret_from_env(config.access_token_env).get_secret_value()
        api = build_mastodon(config.base_url, token, timeout=config.timeout_seconds)
        return cls(
            config.name or "mastodon-post",
            api=api,
            visibility=config.visibility,
            max_characters=config.max_characters,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        mention, text = post_parts(action, self.platform)
        # The post as Mastodon has it now narrows too: a mention stored without its visibility
        # (before it was kept, or by a source that did not send it) reads as public.
        warning, seen_by = await self._answered(mention.external_id)
        wanted = "direct" if action.private else self.visibility
        visibility = narrower(narrower(wanted, mention.visibility), seen_by)
        text = mastodon_reply_text(mention.author.handle, text)
        earlier = await sent_before(
            self.name, action, lambda: self._our_reply(action, text, visibility)
        )
        if earlier:
            # Mastodon forgets idempotency keys after an hour; the thread remembers.
            return Receipt(ref=str(earlier["id"]), url=earlier.get("url"), detail="already sent")
        status = await self._post(
            text,
            in_reply_to_id=mention.external_id,
            visibility=visibility,
            spoiler_text=warning,
            language=_language(action.context.reading.lang),
            idempotency_key=action.key,
        )
        return Receipt(ref=str(status["id"]), url=status.get("url"), detail=visibility)

    async def _our_reply(self, action: OutboxAction, text: str, visibility: str) -> Any:
        """Our own reply under the mention, with this very text, dated since the action was
        queued, and a direct message if we send one: what an earlier attempt of it sent. (A
        public reply holding the text of a DM that follows is not that DM.) Only whether it is
        direct is compared: Mastodon makes a limited account's public reply unlisted."""
        status_id = action.context.mention.external_id
        async with self._lock:
            try:
                me = await asyncio.to_thread(self.api.account_verify_credentials)
                context = await asyncio.to_thread(self.api.status_context, status_id)
            except MastodonRatelimitError:  # not a MastodonAPIError: its reset, as a post's
                raise self._rate_limited("mastodon thread check") from None
            except (MastodonServerError, MastodonNetworkError) as exc:
                raise TransientError(_failed("mastodon thread check", exc)) from None
            except MastodonAPIError:
                return None  # the status is gone: nothing to find
        wanted = _comparable(text)
        return next(
            (
                s
                for s in context["descendants"]
                if str(s["account"]["id"]) == str(me["id"])
                and str(s.get("in_reply_to_id")) == str(status_id)
                and (s.get("visibility") == "direct") == (visibility == "direct")
                and _status_text(s.get("content") or "") == wanted
                and sent_for(action, s.get("created_at"))
            ),
            None,
        )

    async def _answered(self, status_id: str) -> tuple[str | None, str | None]:
        """The content warning of the status answered (None: it has none) and who may see it
        (one this version does not know, a fork's "local", as direct; None: not said); a
        status gone is refused as the post would be, one we may not read (403) is answered
        as the stored mention says."""
        async with self._lock:
            try:
                status = await asyncio.to_thread(self.api.status, status_id)
            except MastodonRatelimitError:
                raise self._rate_limited("mastodon reading the post") from None
            except (MastodonServerError, MastodonNetworkError) as exc:
                raise TransientError(_failed("mastodon reading the post", exc)) from None
            except MastodonNotFoundError:
                raise FatalError(
                    f"mastodon refused the post ({status_words(404)}): {GONE}"
                ) from None
            except MastodonAPIError:
                return None, None
        if not isinstance(status, dict):
            return None, None
        warning, seen_by = status.get("spoiler_text"), status.get("visibility")
        known = seen_by if seen_by in VISIBILITIES else "direct" if seen_by else None
        return (warning.strip() or None if isinstance(warning, str) else None), known

    async def check(self) -> str:
        """Say whether the token works, for `mentiondesk responders check`."""
        async with self._lock:
            try:
                me = await asyncio.to_thread(self.api.account_verify_credentials)
            except MastodonUnauthorizedError:
                raise FatalError("mastodon: the access token is refused") from None
            except MastodonAPIError as exc:  # its words only pick a hint, as a post's
                status = _status(exc)
                hint = f"; {_CHECK_FORBIDDEN}" if status == 403 else ""
                raise FatalError(
                    f"mastodon: {status_words(status) or 'bad answer'}{hint}"
                ) from None
            try:
                instance = await asyncio.to_thread(self.api.instance_v2)
            except MastodonError:  # before Mastodon 4.0, or locked down: nothing to say
                instance = None
        note = limit_note(server_limit(instance), self.max_characters, self.name)
        return f"signed in as @{me['acct']}{note}"

    async def close(self) -> None:
        session = getattr(self.api, "session", None)
        if session is not None:
            await asyncio.to_thread(session.close)

    def _rate_limited(self, what: str) -> RateLimited:
        """A 429 as RateLimited until X-RateLimit-Reset (Mastodon.py keeps it), else a minute."""
        reset = self.api.ratelimit_reset
        until = (
            datetime.fromtimestamp(reset, UTC)
            if reset
            else datetime.now(UTC) + timedelta(minutes=1)
        )
        return RateLimited(until, what)

    async def _post(self, text: str, **kwargs: Any) -> Any:
        async with self._lock:
            try:
                return await asyncio.to_thread(self.api.status_post, text, **kwargs)
            except MastodonRatelimitError:
                raise self._rate_limited("mastodon posting") from None
            except MastodonUnauthorizedError:
                raise FatalError("mastodon posting: 401 Unauthorized; check the token") from None
            except (MastodonServerError, MastodonNetworkError) as exc:
                raise TransientError(_failed("mastodon posting", exc)) from None
            except MastodonAPIError as exc:
                # Mastodon.py's args: message, status, reason, the server's error (its words
                # may quote the request: they only pick our hint, never shown).
                status = _status(exc)
                if status in (403, 404, 422):
                    said = exc.args[3] if len(exc.args) > 3 else ""
                    hint = {404: GONE, 403: _FORBIDDEN}.get(status) or recognised([said], _HINTS)
                    words = f"({status_words(status)})" + (f": {hint}" if hint else "")
                    raise FatalError(f"mastodon refused the post {words}") from None
                said = status_words(status) or "bad answer"
                raise TransientError(f"mastodon posting: {said}") from None
