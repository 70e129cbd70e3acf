"""Who wrote the mention, as the webhook chats' alerts (Mattermost, Discord, Teams) name them:
the handle as its platform writes it, as Slack's card does, or words for an erased author."""

from __future__ import annotations

from mentiondesk.models import ERASED_ON_REQUEST, Mention, Wording, handle_shown
from responders._text import author_followers, author_name, author_reach, visible

# `authors forget` blanks the handle of a queued alert: said in words, never an empty slot
# (" · (12.3k)") nor a lone platform prefix ("u/"). "Perfil", as Slack's "perfil eliminado".
ERASED = "erased author"
# A digest's line about an erased author, as `authors forget` rewrites it in the stored digest.
ERASED_LINE = f"• {ERASED_ON_REQUEST}"


def chat_handle(m: Mention, wording: Wording) -> str:
    """ "@ana" (X, Bluesky, Mastodon), "u/ana" (Reddit), "ana" (Hacker News), or "erased
    author" in the team's language. Plain text: each chat escapes it as it writes it."""
    if not m.author.handle:
        return wording.t(ERASED)
    return handle_shown(m.platform, m.author.handle)


def chat_name(m: Mention, wording: Wording) -> str:
    """The author's display name for a card that shows one beside the handle (Teams): their
    name, else their bare handle, else "Author" where neither draws anything (author_name);
    "erased author" where erasure blanked both."""
    if not m.author.handle and not visible(m.author.name or ""):
        return wording.t(ERASED)
    return author_name(m, wording)


def chat_reach(m: Mention, wording: Wording) -> str:
    """ " (12.3k)" after the handle; nothing for an erased author, as Slack's card: erasure
    left 0 followers, which are no one's ("perfil eliminado (0)")."""
    return author_reach(m, wording) if m.author.handle else ""


def chat_followers(m: Mention, wording: Wording) -> str | None:
    """ "12.3k followers" beside the name (Teams); None for an erased author (chat_reach)."""
    return author_followers(m, wording) if m.author.handle else None


def erased_named(text: str, wording: Wording) -> str:
    """A digest with its erased authors' lines as the alerts name them: "• erased author"
    ("• perfil eliminado"), in the team's language; the stored line is always English, and a
    digest still queued when its author was erased went out saying "(erased on request)"."""
    said = f"• {wording.t(ERASED)}"
    return "\n".join(said if line == ERASED_LINE else line for line in text.split("\n"))
