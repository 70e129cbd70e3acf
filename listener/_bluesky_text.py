"""A Bluesky post's words as the app shows them, not only its record's `text`.

The app shortens a link in `text` ("lumora.pt/loja/cand...") and keeps the whole address in a
link facet; a link card (`app.bsky.embed.external`) shows a title and description that are in
no `text`; an image's or video's alt text may be all that names the brand; a quote post's
`text` says nothing of what it quotes. So a post whose only "Lumora" was in a link, a card or
an image reached the desk as words that never name the brand. Here the link is whole again
(or follows its own words), and what the embed shows follows the text on lines of its own:
🔗 a link card, 🖼️ an alt text, ↪️ the quoted post's address. Only the record is read
(search hits and notifications both carry it); a part of another shape is left out.
"""

from __future__ import annotations

from typing import Any

LINK = "app.bsky.richtext.facet#link"
_ELLIPSES = ("...", "…")


def full_text(record: dict[str, Any]) -> str:
    """The record's text with its links whole, then what its embed shows; TypeError when
    the text is no string (the post cannot be read: it is skipped, not its page)."""
    text = record.get("text", "")
    if not isinstance(text, str):
        raise TypeError("the record's text is no string")
    text = expanded(text, record.get("facets"))
    extras = shown_by(record.get("embed"), text)
    return "\n\n".join(t for t in [text, *extras] if t) if extras else text


def expanded(text: str, facets: Any) -> str:
    """`text` with each link facet's shortened words as the whole link; words of their own
    ("our shop") keep it after them in brackets. Facets index UTF-8 bytes; one that cuts a
    character, overlaps another or lies outside the text is left as the text says it."""
    data, out, at = text.encode(), [], 0
    for start, end, uri in sorted(_links(facets)):
        if start < at or end > len(data) or start >= end:
            continue
        try:
            words = data[start:end].decode()
        except UnicodeDecodeError:
            continue
        out.append(data[at:start].decode(errors="replace"))
        out.append(_link_text(words, uri))
        at = end
    if not out:
        return text
    return "".join(out) + data[at:].decode(errors="replace")


def _links(facets: Any) -> list[tuple[int, int, str]]:
    found = []
    for facet in facets if isinstance(facets, list) else []:
        index = facet.get("index") if isinstance(facet, dict) else None
        features = facet.get("features") if isinstance(facet, dict) else None
        if not isinstance(index, dict) or not isinstance(features, list):
            continue
        start, end = index.get("byteStart"), index.get("byteEnd")
        uris = [f.get("uri") for f in features if isinstance(f, dict) and f.get("$type") == LINK]
        if isinstance(start, int) and isinstance(end, int) and uris and isinstance(uris[0], str):
            found.append((start, end, uris[0]))
    return found


def _link_text(words: str, uri: str) -> str:
    """The link's words as the reader should have them: the address, when the words are
    (a shortening of) it; else the words, the address after them."""
    bare = uri.split("://", 1)[-1].removeprefix("www.")
    shown = words.strip().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    cut = next((shown[: -len(e)] for e in _ELLIPSES if shown.endswith(e)), shown)
    if not uri or words.strip() == uri:
        return words
    if cut and bare.lower().startswith(cut.lower()):
        return uri
    return f"{words} ({uri})"


def shown_by(embed: Any, text: str) -> list[str]:
    """What a post's embed shows, a line each: a link card, alt texts, a quoted post."""
    if not isinstance(embed, dict):
        return []
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia":
        return [*shown_by(embed.get("media"), text), *shown_by(embed.get("record"), text)]
    if kind == "app.bsky.embed.external":
        return _card(embed.get("external"), text)
    if kind == "app.bsky.embed.images":
        images = embed.get("images")
        alts = (
            [i.get("alt") for i in images if isinstance(i, dict)]
            if isinstance(images, list)
            else []
        )
        return [f"🖼️ {a.strip()}" for a in alts if isinstance(a, str) and a.strip()]
    if kind == "app.bsky.embed.video":
        alt = embed.get("alt")
        return [f"🖼️ {alt.strip()}"] if isinstance(alt, str) and alt.strip() else []
    if kind == "app.bsky.embed.record":
        quoted = _post_url((embed.get("record") or {}).get("uri"))
        return [f"↪️ {quoted}"] if quoted else []
    return []


def _card(external: Any, text: str) -> list[str]:
    if not isinstance(external, dict):
        return []
    parts = [external.get(k) for k in ("title", "description", "uri")]
    uri = parts[2]
    if isinstance(uri, str) and uri in text:
        parts[2] = None  # the link is in the text already
    said = [p.strip() for p in parts if isinstance(p, str) and p.strip()]
    return ["🔗 " + "\n".join(said)] if said else []


def _post_url(uri: Any) -> str | None:
    """bsky.app's address of an at:// post URI (by its DID: it outlives a handle)."""
    if not isinstance(uri, str):
        return None
    did, _, rest = uri.removeprefix("at://").partition("/")
    collection, _, rkey = rest.partition("/")
    if not did or collection != "app.bsky.feed.post" or not rkey:
        return None
    return f"https://bsky.app/profile/{did}/post/{rkey}"
