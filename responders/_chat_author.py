"""Who wrote the mention, as the webhook chats' alerts (Mattermost, Discord, Teams) name them:
the handle as its platform writes it, as Slack's card does, or words for an erased author."""

from __future__ import annotations

from mentiondesk.models import Mention, Wording, handle_shown

# `authors forget` blanks the handle of a queued alert: said in words, never an empty slot
# (" · (12.3k)") nor a lone platform prefix ("u/"). "Perfil", as Slack's "perfil apagado".
ERASED = "erased author"


def chat_handle(m: Mention, wording: Wording) -> str:
    """ "@ana" (X, Bluesky, Mastodon), "u/ana" (Reddit), "ana" (Hacker News), or "erased
    author" in the team's language. Plain text: each chat escapes it as it writes it."""
    if not m.author.handle:
        return wording.t(ERASED)
    return handle_shown(m.platform, m.author.handle)


def chat_name(m: Mention, wording: Wording) -> str:
    """The author's display name for a card that shows one beside the handle (Teams): their
    name, else their bare handle, else "erased author"."""
    return m.author.name or m.author.handle or wording.t(ERASED)
