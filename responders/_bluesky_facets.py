"""A Bluesky reply's facets: links, #tags and @mentions, by UTF-8 byte offsets, as the app
makes them (atproto's detection, ported from the app's).

An @mention notifies the account its DID names. A reply greets its mention's author by the
handle the desk read ("Oi @ana.bsky.social"), but a handle is only a name: resolved when the
reply is sent, hours later, one the author has since left (for her own domain) leads to
whoever took it after her, and the brand's answer about her card lands in a stranger's
notifications. The author's handle as read is theirs by the DID the mention was read with;
any other handle is resolved, and one that does not resolve stays plain text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from atproto_client import models
from atproto_client.exceptions import BadRequestError
from atproto_client.models import get_model_as_dict
from atproto_client.utils.facet_detection import detect_facets, detect_mentions

Resolve = Callable[[str], Awaitable[Any]]  # AsyncClient.resolve_handle


async def facets(text: str, known: dict[str, str], resolve: Resolve) -> list[dict[str, Any]]:
    """`text`'s facets as record dicts, sorted by offset; `known`: handle (lower case) → DID."""
    found = list(detect_facets(text))
    dids: dict[str, str | None] = dict(known)
    for mention in detect_mentions(text):
        handle = mention.handle.lower()
        if handle not in dids:
            dids[handle] = await _resolved(resolve, handle)
        if (did := dids[handle]) is None:
            continue
        feature = models.AppBskyRichtextFacet.Mention(did=did)
        span = models.AppBskyRichtextFacet.ByteSlice(
            byte_start=mention.byte_start, byte_end=mention.byte_end
        )
        found.append(models.AppBskyRichtextFacet.Main(features=[feature], index=span))
    found.sort(key=lambda facet: facet.index.byte_start)
    return [get_model_as_dict(facet) for facet in found]


async def _resolved(resolve: Resolve, handle: str) -> str | None:
    try:
        return str((await resolve(handle)).did)
    except BadRequestError:  # "Unable to resolve handle": no one has it
        return None
