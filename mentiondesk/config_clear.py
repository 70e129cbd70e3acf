"""check-config's warning for a responder that would send its token over plain http."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from mentiondesk.config import Config


def tokens_in_clear(config: Config) -> list[str]:
    """A warning for each responder whose URL (`base_url`, `auth_url`) is `http://` while it
    sends a secret from a `…_env` variable: anyone on the way can read the token and act as
    the team. Not refused: a help desk on the same private network may speak only http.
    localhost and loopback addresses are left out (fakes and tunnels live there)."""
    warnings = []
    for index, responder in enumerate(config.responders):
        fields = responder.model_dump()
        # A webhook's URL is its own secret (url_env); a signing secret is never sent.
        secrets = sorted(
            f"${fields[k]}"
            for k in fields
            if k.endswith("_env") and k != "url_env" and "signing" not in k
        )
        for key, url in sorted(fields.items()):
            if not (key.endswith("url") and isinstance(url, str) and secrets):
                continue
            if urlsplit(url).scheme.lower() != "http" or _loopback(url):
                continue
            url = _shown(url)  # the warning goes to logs and terminals too
            warnings.append(
                f"responders[{index}].{key}: {url!r} is plain http, so the {responder.kind} "
                f"responder {responder.name or responder.kind!r} sends {' and '.join(secrets)} "
                "in clear, readable by anyone on the network between; write "
                f'{key} = "https{url[4:]}" (not refused: a help desk on a private network may '
                "speak only http)"
            )
    return warnings


def _shown(url: str) -> str:
    """`url` with the password of its user part (`http://agent:…@desk`) starred."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
