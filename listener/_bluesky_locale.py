"""The variant a Bluesky account is answered in (`locale = "pt-PT"` in its `[[sources]]`
table): what is known where the post itself does not say it.

A Bluesky reply carries no @handle in its text, and its app tags it "pt" whichever side of the
Atlantic it is written on, so a reply to a Lisbon brand's account read as Brazil's and was
answered "sua equipe". Only posts written to the account take its variant: its notifications
(replies, mentions, quotes), and search hits that reply to its posts or name its @handle; any
other search hit is about the brand, not to this account, and may be Brazil's. The post's
language is kept as the app tagged it: only the region is added, so the language read (the tag
is the classifier's hint) cannot change, and an app's own region ("pt-BR") is left as written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from listener._own import OwnAccounts
from mentiondesk.models import Mention

# The regions told apart (playbooks/variants.py): Portuguese is read as "pt" either way.
LOCALES = ("pt-PT", "pt-BR")


def account_locale(value: str | None) -> str | None:
    """`value` as a locale is written ("pt_pt" → "pt-PT"), or ValueError naming the fix."""
    if value is None:
        return None
    language, _, region = value.strip().replace("_", "-").partition("-")
    tag = f"{language.lower()}-{region.upper()}" if region else language.lower()
    if tag not in LOCALES:
        raise ValueError(
            f"{value!r}: write the variant the account is answered in, "
            f"{' or '.join(repr(v) for v in LOCALES)} (only Portuguese's are told apart)"
        )
    return tag


def in_locale(mention: Mention, locale: str | None) -> Mention:
    """`mention` with the account's region where its app tagged only the language."""
    if not locale or mention.lang is None or mention.lang.lower() != locale.split("-")[0]:
        return mention
    return replace(mention, lang=locale)


def written_to(mention: Mention, own: OwnAccounts, handle: str) -> bool:
    """Whether the post replies to one of the account's (its parent's DID is the account's)
    or names its @handle."""
    parent = (mention.parent_id or "").removeprefix("at://").split("/", 1)[0]
    if parent and own.account(parent, ""):
        return True
    # "@lumora.pt." ends a sentence; "@lumora.pt.example" is another account.
    named = rf"(?<![\w@])@{re.escape(handle)}(?![\w-]|\.\w)"
    return bool(handle) and re.search(named, mention.text, re.IGNORECASE) is not None
