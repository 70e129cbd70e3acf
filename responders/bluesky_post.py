"""Posts approved replies on Bluesky through atproto, private ones as chat messages.

A reply's record key is derived from the outbox key, so a retry that may follow a post the
PDS accepted (a crash, a lost answer) reads that record first and posts only when it is not
there: the PDS answers a second create with the same key with a bare 500. Replies carry
facets (links, #tags, @mentions resolved to DIDs), so they are clickable and notify. Chat
messages (`chat.bsky.convo`, through the PDS with the chat service's proxy header) take no
client key: a retry first looks in the conversation for the message we sent.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, ClassVar, Literal

from atproto import AsyncClient
from atproto_client import exceptions as atp
from pydantic import Field, field_validator

from mentiondesk.models import (
    FatalError,
    Mention,
    OutboxAction,
    Pace,
    PluginContext,
    RateLimited,
    Receipt,
    ResponderConfig,
    TransientError,
    require_env,
    secret_from_env,
)
from mentiondesk.models.bluesky import session_ended
from responders._bluesky_facets import facets
from responders._post import post_parts, same_text, sent_before, sent_for, utc_iso
from responders._refusal import DMS_CLOSED, TOO_LONG, recognised, refusal

_LOGGER = logging.getLogger(__name__)
_COLLECTION = "app.bsky.feed.post"
_B32 = "234567abcdefghijklmnopqrstuvwxyz"  # atproto's base32-sortable alphabet
_RECENT_MESSAGES = 50  # how far back a retry looks in the conversation for our message


class BlueskyPostResponderConfig(ResponderConfig):
    kind: Literal["bluesky-post"] = "bluesky-post"
    base_url: str = "https://bsky.social"
    handle_env: str = Field(default="BLUESKY_HANDLE", validate_default=True)
    app_password_env: str = Field(default="BLUESKY_APP_PASSWORD", validate_default=True)

    _env = field_validator("handle_env", "app_password_env")(require_env)


def record_key(key: str, when: datetime) -> str:
    """A TID-shaped record key that is the same for the same outbox key (and mention time)."""
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    micros = int(when.timestamp() * 1_000_000) + digest % 1_000_000
    value = ((micros & ((1 << 53) - 1)) << 10) | ((digest >> 20) & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_B32[value & 31])
        value >>= 5
    return "".join(reversed(chars))


class BlueskyPostResponder:
    """A reply in the mention's thread, with a deterministic record key: posted once."""

    Config = BlueskyPostResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"post"})  # checked at start-up
    finds_earlier_send: ClassVar[bool] = True  # its record key, or the message
    platform: ClassVar[str] = "bluesky"  # posts only for this platform's mentions
    # Writes: 5000 points an hour, a create costing 3 (1666); kept a little under.
    pace: ClassVar[Pace | None] = Pace(per=1600, seconds=3600.0)

    def __init__(
        self, name: str = "bluesky-post", *, handle: str, password: str, base_url: str
    ) -> None:
        self.name = name
        self.client = AsyncClient(base_url=base_url)
        self._handle, self._password = handle, password  # the sign-in identifier (or email)
        self._did: str | None = None
        self._signed_in_as = ""  # the account's handle now, as the PDS says it
        self._chat: AsyncClient | None = None

    @classmethod
    def from_config(
        cls, config: BlueskyPostResponderConfig, context: PluginContext
    ) -> BlueskyPostResponder:
        return cls(
            config.name or "bluesky-post",
            handle=secret_from_env(config.handle_env).get_secret_value(),
            password=secret_from_env(config.app_password_env).get_secret_value(),
            base_url=config.base_url,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        mention, text = post_parts(action, self.platform)
        if action.private:
            return await self._message(action, mention.author.id, text)
        did = await self._login()
        rkey = record_key(action.key, mention.created_at)
        existing = await sent_before(self.name, action, lambda: self._existing(did, rkey))
        if existing is not None:
            return existing
        record = await self._record(mention, text, action.context.reading.lang)
        data = {"repo": did, "collection": _COLLECTION, "rkey": rkey, "record": record}
        created = await self._call(self.client.com.atproto.repo.create_record, data)
        return Receipt(ref=created.uri, url=self._web_url(rkey), detail="reply")

    async def check(self) -> str:
        """Say whether the handle and app password work, for `mentiondesk responders check`."""
        did = await self._login()
        try:
            await self._call((await self._chat_client()).chat.bsky.convo.list_convos, {"limit": 1})
        except FatalError as exc:
            return f"signed in as {self._handle} ({did}); private messages will be held: {exc}"
        return f"signed in as {self._handle} ({did}); private messages allowed"

    async def close(self) -> None:
        if self._chat is not None:  # the chat client has its own connection pool
            await self._chat.request.close()
        await self.client.request.close()

    async def _message(self, action: OutboxAction, author_did: str, text: str) -> Receipt:
        """A chat message to the author, in the conversation Bluesky keeps for the two of us."""
        chat = await self._chat_client()
        found = await self._call(
            chat.chat.bsky.convo.get_convo_for_members, {"members": [author_did]}
        )
        convo_id = found.convo.id
        look = partial(self._sent_message, chat, convo_id, action, text)
        earlier = await sent_before(self.name, action, look)
        if earlier is not None:
            return earlier
        data = {"convo_id": convo_id, "message": {"text": text}}
        sent = await self._call(chat.chat.bsky.convo.send_message, data)
        return Receipt(ref=f"{convo_id}/{sent.id}", detail="direct message")

    async def _sent_message(
        self, chat: AsyncClient, convo_id: str, action: OutboxAction, text: str
    ) -> Receipt | None:
        """Our message with this text in the conversation, sent since the action was queued."""
        params = {"convo_id": convo_id, "limit": _RECENT_MESSAGES}
        page = await self._call(chat.chat.bsky.convo.get_messages, params)
        for message in page.messages:  # deleted and system messages have no text
            sender = getattr(getattr(message, "sender", None), "did", None)
            ours = sender == self._did and sent_for(action, getattr(message, "sent_at", None))
            if ours and same_text(text, getattr(message, "text", "")):
                return Receipt(ref=f"{convo_id}/{message.id}", detail="direct message (found)")
        return None

    async def _chat_client(self) -> AsyncClient:
        # Made after login: a clone keeps the base URL of the moment, and login may move it
        # to the account's own PDS.
        await self._login()
        if self._chat is None:
            self._chat = self.client.with_bsky_chat_proxy()
        return self._chat

    async def _record(self, mention: Mention, text: str, lang: str) -> dict[str, Any]:
        found = await self._call(
            self.client.app.bsky.feed.get_posts, {"uris": [mention.external_id]}
        )
        if not found.posts:
            raise FatalError("the post to answer is gone (deleted); nothing to reply to")
        post = found.posts[0]
        # The thread's author gated replies (a threadgate): the PDS takes the record, but
        # the AppView hides it, so the reply would "succeed" unseen.
        if getattr(post.viewer, "reply_disabled", None):
            raise FatalError("the author limits replies to this thread: reply privately or by hand")
        parent = {"uri": post.uri, "cid": post.cid}
        reply = getattr(post.record, "reply", None)
        root = {"uri": reply.root.uri, "cid": reply.root.cid} if reply else parent
        record: dict[str, Any] = {
            "$type": _COLLECTION,
            "text": text,
            "createdAt": utc_iso(),
            "reply": {"root": root, "parent": parent},
        }
        if lang and lang != "und":
            record["langs"] = [lang]
        # As the app does: byte-offset (UTF-8) facets for links, #tags and @handles; the
        # author's handle as read is the author's DID (see _bluesky_facets).
        author = mention.author
        known = {author.handle.lower(): author.id} if author.id.startswith("did:") else {}
        found_facets = await self._call(facets, text, known, self.client.resolve_handle)
        if found_facets:
            record["facets"] = found_facets
        return record

    async def _existing(self, did: str, rkey: str) -> Receipt | None:
        """Our reply under this record key, if an earlier attempt made it; None if absent."""
        params = {"repo": did, "collection": _COLLECTION, "rkey": rkey}
        found = await self._call(self._get_record, params)
        if found is None:
            return None
        return Receipt(ref=found.uri, url=self._web_url(rkey), detail="reply (found)")

    def _web_url(self, rkey: str) -> str:
        """Our reply's bsky.app address, by the handle the account has now: the one signed in
        with may be an email, or the handle before the brand moved to its own domain."""
        return f"https://bsky.app/profile/{self._signed_in_as or self._handle}/post/{rkey}"

    async def _get_record(self, params: dict[str, str]) -> Any:
        try:
            return await self.client.com.atproto.repo.get_record(params)
        except atp.BadRequestError as exc:
            if _xrpc_error(exc)[0] == "RecordNotFound":
                return None
            raise

    async def _login(self) -> str:
        if self._did is None:
            try:
                profile = await self._attempt(self.client.login, self._handle, self._password)
            except _SessionEnded as ended:  # a session just made was refused: the PDS's trouble
                raise TransientError(f"bluesky sign-in: {ended}") from None
            self._did = str(profile.did)
            self._signed_in_as = str(getattr(profile, "handle", "") or "")
        return self._did

    async def _call(self, method: Any, *args: Any) -> Any:
        """Call; when the PDS says our session ended (expired, revoked), sign in again once."""
        try:
            return await self._attempt(method, *args)
        except _SessionEnded as ended:
            _LOGGER.info("bluesky session ended (%s); signing in again", ended)
        self._did = None
        await self._login()
        try:
            return await self._attempt(method, *args)
        except _SessionEnded as again:
            raise TransientError(f"bluesky posting: {again}") from None

    async def _attempt(self, method: Any, *args: Any) -> Any:
        try:
            return await method(*args)
        except atp.RateLimitExceededError as exc:
            raise RateLimited(_limit_ends(exc), "bluesky posting") from None
        except atp.BadRequestError as exc:
            code, message = _xrpc_error(exc)
            if session_ended(code, message):  # its code alone: a message may quote the request
                raise _SessionEnded(code) from None
            raise FatalError(_refused(exc)) from None
        except (atp.UnauthorizedError, atp.LoginRequiredError) as exc:
            raise FatalError(_refused(exc)) from None
        except (atp.AtProtocolError, ValueError) as exc:
            raise TransientError(f"bluesky posting: {type(exc).__name__}") from None


def _limit_ends(exc: atp.RateLimitExceededError) -> datetime:
    """When a 429 ends: its `ratelimit-reset`, else the `Retry-After` a proxy or the chat
    service says (a minute whatever it said met a spent hour-long window 60 times)."""
    reset: datetime | None = exc.reset_at
    wait = exc.retry_after
    return reset or datetime.now(UTC) + timedelta(seconds=60 if wait is None else wait)


class _SessionEnded(Exception):
    """The PDS refused our access token: the session is over, a new one will do."""


def _xrpc_error(exc: atp.RequestErrorBase) -> tuple[str, str]:
    """The XRPC error's code and message (its `content`: a model, or a dict when the body
    has more fields than the model)."""
    content = getattr(exc.response, "content", None)
    if isinstance(content, dict):
        return str(content.get("error") or ""), str(content.get("message") or "")
    return str(getattr(content, "error", "") or ""), str(getattr(content, "message", "") or "")


# What an agent can do about the refusals a post or chat message meets most, recognised by
# the PDS's words (never copied: a message may quote the request, the password included).
_HINTS = (
    (
        ("bad token method",),
        "the app password has no permission for direct messages: create one with "
        '"Allow access to your direct messages" ticked',
    ),
    (("incoming messages",), DMS_CLOSED),  # "…only from someone they follow", "…disabled"
    (("graphemes", "too long"), TOO_LONG.format(platform="Bluesky (300 characters)")),
)


def _refused(exc: atp.AtProtocolError) -> str:
    """The PDS's refusal as its status and XRPC error code, and what to do where we know."""
    if not isinstance(exc, atp.RequestErrorBase):  # LoginRequiredError: no request made
        return f"bluesky posting: {type(exc).__name__}; the responder is not signed in"
    status = getattr(exc.response, "status_code", None)
    code, message = _xrpc_error(exc)
    hint = recognised([message], _HINTS)
    if hint is None and status == 401:
        hint = "check the handle and app password (the responder's handle_env, app_password_env)"
    return refusal("bluesky posting", status, [code], hint)
