"""Why a `[[sources]]` or `[[responders]]` table's `kind` is refused, in words a first-timer
can act on: the kind meant ("twitter": did you mean 'x'?), or that mentiondesk does not read
that platform (Instagram) rather than a bare "unknown kind"."""

from __future__ import annotations

import difflib

from mentiondesk import registry
from mentiondesk.models import FORMER_PLATFORMS

# Other names people write for a kind (lower case, spaces and dashes as written).
_ALIASES: dict[str, str] = {
    **FORMER_PLATFORMS,
    "bsky": "bluesky",
    "blue sky": "bluesky",
    "hn": "hackernews",
    "hacker news": "hackernews",
    "hacker-news": "hackernews",
    "ycombinator": "hackernews",
    "ms teams": "teams",
    "msteams": "teams",
    "microsoft teams": "teams",
    "rt": "request_tracker",
    "request tracker": "request_tracker",
    "request-tracker": "request_tracker",
}
# Platforms people ask for that no built-in plugin reads or posts to (a plugin registered
# under one of these names is a known kind, and never reaches this list).
_UNSUPPORTED: dict[str, str] = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "meta": "Facebook and Instagram",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
    "threads": "Threads",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "kwai": "Kwai",
    "pinterest": "Pinterest",
    "twitch": "Twitch",
    "tumblr": "Tumblr",
    "reclameaqui": "Reclame Aqui",
    "reclame aqui": "Reclame Aqui",
    "google": "Google reviews",
    "trustpilot": "Trustpilot",
}
_POST = "-post"  # a platform's posting responder: `x-post`


def kind_problem(group: registry.Group, kind: object) -> str:
    """What is wrong with `kind` (absent, not text, or not a kind of `group`), and the fix."""
    known = registry.kinds(group)
    listed = f"use one of: {', '.join(known)}"
    if kind is None:
        return f"is missing; {listed}"
    if not isinstance(kind, str):
        return f"must be text in quotes, e.g. kind = {known[0]!r}; {listed}"
    written = " ".join(kind.strip().lower().replace("_", " ").split())
    if meant := _meant(written, known):
        return f"{kind!r} is not a known kind; did you mean {meant!r}? ({listed})"
    if platform := _UNSUPPORTED.get(written.removesuffix(_POST).replace("-", " ")):
        return _unsupported(group, kind, platform, known)
    return f"{kind!r} is not a known kind; {listed}"


def _meant(written: str, known: list[str]) -> str | None:
    """The kind `written` (lower-cased, trimmed) most likely means, if any."""
    forms = {
        written,
        written.replace(" ", "_"),
        written.replace(" ", "-"),
        written.replace(" ", ""),
    }
    for form in sorted(forms):
        if form in known:
            return form
        if (alias := _ALIASES.get(form)) is not None:
            return _in_group(alias, known)
        if form.endswith(_POST) and (alias := _ALIASES.get(form.removesuffix(_POST))):
            return _in_group(alias, known)
        if (as_kind := _in_group(form, known)) is not None:  # `x-post` among the sources
            return as_kind
    # A typo ("tweeter", "mastadon"): close to a kind, or to another name of one.
    names = [*known, *(a for a, k in _ALIASES.items() if _in_group(k, known))]
    close = difflib.get_close_matches(written, names, n=1, cutoff=0.7)
    return _in_group(_ALIASES.get(close[0], close[0]), known) if close else None


def _in_group(kind: str, known: list[str]) -> str | None:
    """`kind` as this group has it: a platform among the responders means its `-post`
    responder; a `-post` responder among the sources, its platform."""
    for candidate in (kind, kind.removesuffix(_POST), f"{kind}{_POST}"):
        if candidate in known:
            return candidate
    return None


def _unsupported(group: registry.Group, kind: str, platform: str, known: list[str]) -> str:
    """Plainly: mentiondesk has nothing for that platform yet; what it has instead."""
    if group == "sources":
        read = [k for k in known if k in registry.platforms()]
        return (
            f"{kind!r}: mentiondesk does not read {platform} (yet); it reads: "
            f"{', '.join(read)} (and replay, mentions recorded in a file)"
        )
    posts = [k for k in known if k.endswith(_POST)]
    return (
        f"{kind!r}: mentiondesk does not post to or alert on {platform} (yet); it posts "
        f"replies with: {', '.join(posts)}; use one of: {', '.join(known)}"
    )
