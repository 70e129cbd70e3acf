"""Mattermost incoming webhook: markdown escaped and every @-mention broken in untrusted text."""

from __future__ import annotations

from typing import Any, Literal

from mentiondesk.models import ENGLISH, OutboxAction, PluginContext, Receipt, Wording, env_key
from responders._chat_author import chat_handle, chat_reach, erased_named
from responders._escape import mattermost_markdown
from responders._mattermost_refusal import raise_known
from responders._settled import delivered_line
from responders._text import case_title, impostor_warning, other_language_note
from responders._webhook import WebhookConfig, WebhookSink, webhook_url

# Characters (runes) in one post; Mattermost splits a longer webhook text into several posts.
MAX_RUNES = 16383


class MattermostResponderConfig(WebhookConfig):
    kind: Literal["mattermost"] = "mattermost"
    url_env: str = env_key("MATTERMOST_WEBHOOK_URL")
    channel: str | None = None
    username: str = "mentiondesk"


class MattermostResponder(WebhookSink):
    """Posts alerts as Markdown text; `@channel`, `@all`, `@here` from a mention ping nobody."""

    Config = MattermostResponderConfig
    what = "mattermost"

    def __init__(
        self,
        name: str,
        *,
        url: str,
        channel: str | None = None,
        username: str = "mentiondesk",
        wording: Wording = ENGLISH,
        url_env: str | None = None,
    ) -> None:
        super().__init__(name, url=url, wording=wording, url_env=url_env)
        self.channel = channel
        self.username = username

    @classmethod
    def from_config(
        cls, config: MattermostResponderConfig, context: PluginContext
    ) -> MattermostResponder:
        return cls(
            config.name or "mattermost",
            url=webhook_url(config),
            channel=config.channel,
            username=config.username,
            wording=context.wording,
            url_env=config.url_env,
        )

    def body(self, action: OutboxAction) -> dict[str, Any]:
        body: dict[str, Any] = {"text": text(action, self.wording), "username": self.username}
        if self.channel:
            body["channel"] = self.channel
        return body

    def refused(self, status: int, said: bytes) -> None:
        """A deleted webhook (400), a `channel` it may not post to (403, 404): held as a whole,
        naming the setting to fix."""
        raise_known(status, said, url_fix=self._fix, name=self.name, channel=self.channel)

    async def deliver(self, action: OutboxAction) -> Receipt:
        await self.deliver_body(action)
        return Receipt(detail="posted to mattermost")


def text(action: OutboxAction, wording: Wording = ENGLISH) -> str:
    w = wording
    if action.text_only:
        # Mattermost's own limit: at the default 4000 a digest of 20 mentions full of markup
        # (each character escaped) was cut, and the mentions past the cut went unseen.
        return mattermost_markdown(erased_named(action.text or "", w), MAX_RUNES, lines=True)
    ctx = action.context
    m, r = ctx.mention, ctx.reading
    lines = [
        f"**{mattermost_markdown(case_title(ctx, wording=w), 40)}** · "
        f"{mattermost_markdown(w.word('platform', m.platform), 20)} · "
        f"{w.word('label', r.label.value)} · {w.t('frustration {n}/3', n=r.frustration)} · "
        # As its platform writes it ("@ana", "u/ana"), as Slack's card: the `@` is broken with
        # the handle's, so "@channel" from an author named "channel" pings nobody.
        f"{mattermost_markdown(chat_handle(m, w), 62)}{chat_reach(m, w)}",
    ]
    if warning := impostor_warning(ctx, w):  # a possible fake support account
        lines.append(f"**{mattermost_markdown(warning, 400)}**")
    lines.append("> " + mattermost_markdown(m.text, 3000))
    after = _after_quote(action, w)
    # A blank line ends the quote: Markdown carries a quote on over the lines after it
    # ("lazy continuation"), and the draft and the desk's link read as the customer's words.
    return "\n".join([*lines, "", *after] if after else lines)


def _after_quote(action: OutboxAction, w: Wording) -> list[str]:
    """The lines under the quoted mention: the draft, what was settled, the desk's link."""
    ctx = action.context
    lines = []
    if note := other_language_note(ctx, w):  # above a draft not in the author's language
        lines.append(f"**{mattermost_markdown(note, 200)}**")
    if ctx.draft_text:
        lines.append(w.t("Draft:") + " " + mattermost_markdown(ctx.draft_text, 800))
    if said := delivered_line(action, w, str):  # decided, or ended, before it was delivered
        lines.append(mattermost_markdown(said, 300))
    if ctx.case_url:
        lines.append(f"[{w.t('Open in desk')}]({ctx.case_url})")
    return lines
