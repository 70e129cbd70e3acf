"""The Discord API version a webhook is posted to.

Discord hands out webhook URLs with no version in them (…/api/webhooks/ID/TOKEN), and serves
those as its deprecated default, v6: there a 429's Retry-After header, and its `retry_after`,
count milliseconds (discord-api-docs#2360, #4722), which _http.check reads as seconds: a
burst's 429 with "Retry-After: 1500" (1.5 s) held every Discord alert for 25 minutes. Posted
to v10, as discord.py posts, both count seconds, as the docs and check() say.
"""

from __future__ import annotations

import re

API_VERSION = "v10"
# The URL's path up to "/api", where no version follows it, or v6 or v7 (which count the
# same milliseconds); "/api/v9/webhooks/…" and later are kept.
_UNVERSIONED = re.compile(r"^(https?://[^/?#]+/api)(?:/v[67])?/webhooks/")


def versioned(url: str) -> str:
    """`url` with Discord's API version in its path, if it had none (or v6, v7); any other
    URL as it is (a local relay's)."""
    return _UNVERSIONED.sub(rf"\1/{API_VERSION}/webhooks/", url, count=1)
