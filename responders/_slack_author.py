"""The case card's author line in Slack: name linked to the post, handle, followers."""

from __future__ import annotations

from mentiondesk.models import Mention, Wording, handle_prefix
from responders._chat_author import ERASED
from responders._escape import slack_handle, slack_link, slack_mrkdwn, units
from responders._text import author_followers, author_name

# The longest post URL linked on the card: with the author's name and handle it stays
# within SECTION_LIMIT (a platform's own, or a remote server's, could be any length).
URL_LIMIT = 2000


def author_line(m: Mention, wording: Wording) -> str:
    """ "*<url|Ann>* u/ann · 12.3k followers": the name bold, linked to the post (past
    URL_LIMIT, unlinked); the platform's prefix ("@", "u/", none: handle_prefix) outside the
    handle's code span, as the notification writes "@`_lumora_`". A name that draws nothing
    (spaces, U+200B, U+202E) reads as the handle, or "Author" (author_name). An erased author
    (their handle blanked: `authors forget`) is erased_line()."""
    if not m.author.handle:
        return erased_line(wording)
    name = author_name(m, wording)  # never `<url|>`: Slack showed the bare URL
    url = m.url if units(m.url) <= URL_LIMIT else ""
    prefix = handle_prefix(m.platform, m.author.handle)
    author = f"*{slack_link(url, name)}* {prefix}{slack_handle(m.author.handle)}"
    if count := author_followers(m, wording):
        author += f" · {count}"
    return author


def erased_line(wording: Wording) -> str:
    """ "*erased author*" ("*perfil eliminado*", pt-PT "*perfil apagado*"), as the other
    chats and the notification say it: no link (a post's URL names them,
    "x.com/ana/status/…": it would lead to them), no label-less `<url|>` (Slack showed the
    bare URL), and no follower count (erasure left 0, which is no one's)."""
    return f"*{slack_mrkdwn(wording.t(ERASED), 80)}*"
