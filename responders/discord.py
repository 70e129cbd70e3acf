"""Discord incoming webhook: `content` ≤ 2000 characters, markdown escaped, no mention pings."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator

from mentiondesk.models import (
    ENGLISH,
    OutboxAction,
    Pace,
    PluginContext,
    Receipt,
    Wording,
    env_key,
)
from responders._chat_author import chat_handle, chat_reach, erased_named
from responders._discord_refusal import raise_known
from responders._discord_url import versioned
from responders._escape import discord_markdown
from responders._settled import delivered_line
from responders._text import case_title, impostor_warning, other_language_note
from responders._webhook import WebhookConfig, WebhookSink, webhook_url

SUPPRESS_EMBEDS = 1 << 2  # a message flag Execute Webhook takes


class DiscordResponderConfig(WebhookConfig):
    kind: Literal["discord"] = "discord"
    url_env: str = env_key("DISCORD_WEBHOOK_URL")
    https_only = "Discord"
    username: str = "mentiondesk"

    @field_validator("username")
    @classmethod
    def _name_discord_takes(cls, name: str) -> str:
        """Discord answers 400 to every message sent under a name it refuses (one containing
        "discord" or "clyde", one that is "everyone" or "here", one not 1 to 80 characters):
        each alert would be held, so the config is refused at start-up instead."""
        if not 1 <= len(name.strip()) <= 80:
            raise ValueError("username must be 1 to 80 characters (Discord refuses others)")
        lowered = name.strip().lower()
        if any(word in lowered for word in ("discord", "clyde")) or lowered in _NOT_NAMES:
            raise ValueError(f"username {name!r} is one Discord refuses; choose another")
        return name


_NOT_NAMES = ("everyone", "here", "system message")


class DiscordResponder(WebhookSink):
    """Posts alerts with `allowed_mentions: {parse: []}`, so nothing in them pings anyone."""

    Config = DiscordResponderConfig
    what = "discord"
    # Webhooks: 5 requests per 2 s, and 30 a minute per channel: both kept.
    pace = Pace(per=5, seconds=10.0)

    def __init__(
        self,
        name: str,
        *,
        url: str,
        username: str = "mentiondesk",
        wording: Wording = ENGLISH,
        url_env: str | None = None,
    ) -> None:
        # With its API version: a URL as Discord gives it is served as v6, whose 429s count
        # milliseconds where check() reads seconds (responders/_discord_url.py).
        super().__init__(name, url=versioned(url), wording=wording, url_env=url_env)
        self.username = username

    @classmethod
    def from_config(
        cls, config: DiscordResponderConfig, context: PluginContext
    ) -> DiscordResponder:
        return cls(
            config.name or "discord",
            url=webhook_url(config),
            username=config.username,
            wording=context.wording,
            url_env=config.url_env,
        )

    def body(self, action: OutboxAction) -> dict[str, Any]:
        return {
            "content": content(action, self.wording),
            "username": self.username,
            "allowed_mentions": {"parse": []},
            # SUPPRESS_EMBEDS: a link in a mention's text would unfurl into a preview card of
            # whatever page it names (a phishing page's title and image) under the alert.
            "flags": SUPPRESS_EMBEDS,
        }

    def refused(self, status: int, said: bytes) -> None:
        """A webhook in a forum channel (400), a deleted thread or webhook (404): held as a
        whole, saying what to set right; a field refused (400): this alert alone, naming it;
        Discord's IP ban (429 with no retry time): waited out in longer steps."""
        raise_known(status, said, url_fix=self._fix, where=self._where)

    async def check(self) -> str:
        """Discord answers GET on a webhook URL with the webhook (nothing is posted)."""
        answer = await self.http.call("GET", "")
        return f"webhook {str((answer or {}).get('name', '?'))!r} found"

    async def deliver(self, action: OutboxAction) -> Receipt:
        answer = await self.deliver_body(action, params={"wait": "true"})
        return Receipt(ref=str((answer or {}).get("id") or "") or None, detail="posted to discord")


def content(action: OutboxAction, wording: Wording = ENGLISH) -> str:
    """The message text, cut so the whole stays within Discord's 2000 characters."""
    w = wording
    if action.extra.get("digest"):
        return _digest(erased_named(action.text or "", w), int(action.extra["digest"]), w)
    if action.text_only:
        return discord_markdown(erased_named(action.text or "", w), 2000, lines=True)
    ctx = action.context
    m, r = ctx.mention, ctx.reading
    head = (
        f"**{discord_markdown(case_title(ctx, wording=w), 40)}** · "
        f"{discord_markdown(w.word('platform', m.platform), 20)} · "
        f"{w.word('label', r.label.value)} · {w.t('frustration {n}/3', n=r.frustration)} · "
        # The `@` escaped with the handle: apart, a handle "everyone" read as @everyone.
        f"{discord_markdown(chat_handle(m, w), 62)}"
        f"{chat_reach(m, w)}\n"
    )
    if warning := impostor_warning(ctx, w):  # a possible fake support account
        head += f"**{discord_markdown(warning, 400)}**\n"
    draft = f"\n{w.t('Draft:')} {discord_markdown(ctx.draft_text, 400)}" if ctx.draft_text else ""
    if note := other_language_note(ctx, w):  # above a draft not in the author's language
        draft = f"\n**{discord_markdown(note, 200)}**{draft}"
    if said := delivered_line(action, w, str):  # decided, or ended, before it was delivered
        draft += f"\n{discord_markdown(said, 300)}"
    # <…> around the URL: a link without Discord's preview of the (login) page under it.
    page = f"\n[{w.t('Open in desk')}](<{ctx.case_url}>)" if ctx.case_url else ""
    room = 2000 - len(head) - len(draft) - len(page) - 2
    return f"{head}> {discord_markdown(m.text, room)}{draft}{page}"


def _digest(text: str, total: int, wording: Wording) -> str:
    """A digest's lines whole, as many as fit in 2000 characters. Cut anywhere else, the lines
    past the cut (and the digest's own "… and N more") vanished: every mention left out is
    counted in the last line instead, as the digest counts those it does not list."""
    lines = [discord_markdown(line, 2000) for line in text.split("\n")]
    if len("\n".join(lines)) <= 2000:
        return "\n".join(lines)
    kept = lines[:1]  # the heading: "route: 30 mentions in the last 60 min"
    for n, line in enumerate(lines[1:]):  # the n-th mention, or the digest's own count
        more = discord_markdown(wording.t("… and {n} more", n=wording.number(total - n)), 100)
        if len("\n".join([*kept, line, more])) > 2000:  # this line, and a count after it
            return "\n".join([*kept, more])
        kept.append(line)
    return "\n".join(kept)  # not reached: the lines together did not fit
