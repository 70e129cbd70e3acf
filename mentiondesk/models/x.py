"""What X's listener and X's poster both read off a refused request.

It lives here because `mentiondesk.models` is the one package both `listener/` and
`responders/` may import; `mentiondesk.models` itself does not import this module, so tweepy
is loaded only by the plugins that use it.
"""

from __future__ import annotations

import aiohttp
import tweepy

# The problem type of the 429 X answers once the project's monthly post cap is spent; its
# x-rate-limit-reset still names the 15-minute window, so only the body tells them apart.
USAGE_CAPPED = "https://api.twitter.com/2/problems/usage-capped"


async def usage_capped(exc: tweepy.HTTPException) -> bool:
    """Whether X's 429 is the monthly usage cap: only the body says (its problem type)."""
    try:  # tweepy has read the body already; json() parses it again
        body = await exc.response.json()
    except (ValueError, AttributeError, aiohttp.ClientError):
        return False
    if not isinstance(body, dict):
        return False
    return body.get("type") == USAGE_CAPPED or body.get("title") == "UsageCapExceeded"
