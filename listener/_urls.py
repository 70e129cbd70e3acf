"""Which link opens a federated post. A Mastodon status's `url` is whatever the author's
server sent: it could point anywhere ("view on Mastodon" leading to a look-alike login page),
while its `uri`, the ActivityPub id, is checked by the receiving server to be on the author's
own server. The desk's link, the chat card's and the ticket's use this one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit


def status_url(status: Mapping[str, Any], base_url: str | None) -> str:
    """The status's `url` when https and on the host of its `uri` or of its account's page;
    else its `uri` when https; else the status on the configured instance
    (`{base_url}/@{acct}/{id}`, Mastodon's own page for any status it has)."""
    uri = str(status.get("uri") or "")
    url = str(status.get("url") or "")
    account = status.get("account") or {}
    trusted = {_host(uri), _host(str(account.get("url") or ""))} - {""}
    if _host(url) in trusted:
        return url
    if _host(uri):
        return uri
    acct = quote(str(account.get("acct") or ""), safe="@")
    return f"{(base_url or '').rstrip('/')}/@{acct}/{quote(str(status.get('id') or ''), safe='')}"


def _host(url: str) -> str:
    """The host of an https URL, lower-case; "" for anything else (http, a `tag:` id, junk)."""
    try:
        parts = urlsplit(url.strip())
        return (parts.hostname or "") if parts.scheme.lower() == "https" else ""
    except ValueError:  # an unbalanced "[" in the host
        return ""
