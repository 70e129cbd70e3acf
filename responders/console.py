"""The console sink: the embedded default's team chat and platform poster.

Alerts and posts are printed to the terminal (or a file), one line each, with the
mention text stripped of control characters and terminal escapes.
"""

from __future__ import annotations

import sys
from typing import ClassVar, Literal, TextIO

from mentiondesk.models import (
    OutboxAction,
    PluginContext,
    Receipt,
    ResponderConfig,
    handle_shown,
)
from responders._text import (
    author_reach,
    case_title,
    impostor_warning,
    other_language_note,
    plain,
)


class ConsoleResponderConfig(ResponderConfig):
    kind: Literal["console"] = "console"
    stream: Literal["stdout", "stderr"] = "stdout"
    width: int = 100


class ConsoleResponder:
    """Prints alerts, tickets and posts; idempotent because the outbox records each key once."""

    Config = ConsoleResponderConfig
    # What the routing may send it (checked at start-up): a console prints anything.
    takes: ClassVar[frozenset[str]] = frozenset({"alert", "ticket", "comment", "post"})
    check_note = "prints to this terminal: nothing to check"  # said by `responders check`

    def __init__(
        self, name: str = "console", *, out: TextIO | None = None, width: int = 100
    ) -> None:
        self.name = name
        self._out = out
        self._width = width

    @classmethod
    def from_config(
        cls, config: ConsoleResponderConfig, context: PluginContext
    ) -> ConsoleResponder:
        out = sys.stderr if config.stream == "stderr" else None
        return cls(config.name or "console", out=out, width=config.width)

    async def deliver(self, action: OutboxAction) -> Receipt:
        out = self._out or sys.stdout  # looked up late so test capture and redirection work
        out.write(self.format(action) + "\n")
        out.flush()
        return Receipt(ref=f"{self.name}:{action.key}")

    def format(self, action: OutboxAction) -> str:
        if action.text_only:  # a digest, or a notice (a source stopped): the text says it all
            tag = "notice" if action.notice else "digest"
            return f"[{tag}] {plain(action.text or '', self._width * 4)}"
        ctx = action.context
        m, r = ctx.mention, ctx.reading
        handle = plain(handle_shown(m.platform, m.author.handle), 42)
        who = f"{m.platform} {handle}{author_reach(m)}"
        if action.kind == "post":
            verb = "private message to" if action.private else "public reply to"
            return f"[post] {verb} {who}: {plain(action.text or '', self._width)}"
        case = case_title(ctx, none="no case")
        detail = f"{r.label.value}"
        if r.reason:
            detail += f"/{r.reason}"
        if r.frustration:
            detail += f" frustration {r.frustration}"
        text = plain(m.text, self._width)
        # The language may be a platform's own tag, older than its check: cleaned as text is.
        line = f"[{action.kind}] {case} {detail} · {who} [{plain(r.lang)}]: “{text}”"
        if m.on_title:  # a comment: the story's or post's title it answers
            line += f" on “{plain(m.on_title, 80)}”"
        # English, as the rest of the line: the console writes no team's language.
        for said in (impostor_warning(ctx), other_language_note(ctx)):
            line += f" {plain(said)}" if said else ""
        return line

    async def close(self) -> None:
        return None
