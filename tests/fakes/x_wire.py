"""How X's API v2 writes posts and refusals, for the fake X (tests/fakes/x.py).

Sources: docs.x.com (edit posts, build a query, rate limits), twarc PR #702 (`note_tweet`
only when `tweet.fields` asks; `text` cut short), xdevplatform/samples#202 (text cut at 270),
xdevplatform/xdk#25 (the usage-capped body, while `x-rate-limit-remaining` still shows
requests left), akrherz/iembot#163 (the duplicate-content 403), tweepy users' reports of
"400 Bad Request Your Tweet text is too long" and of `&amp;`/`&lt;`/`&gt;` in `text`;
docs.x.com's post object (`entities.urls`: every link in `text` is a t.co link, the original in
`expanded_url`) and replies' `text` starting with the @handle answered.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import datetime
from typing import Any

BRAND_ID = "1000"  # the brand's own account
LIMIT = 280  # weighted characters in a post (twitter-text v3)
CUT = 270  # where `text` stops for a longer post; the whole is in note_tweet.text
_LINK = re.compile(r"https?://\S*[^\s.,;:!?'\")\]]")  # trailing punctuation is not the link's
# A bare domain X knows the top-level domain of is a link too (twitter-text); a few here.
_BARE = re.compile(r"(?<![\w@./])(?:[\w-]+\.)+(?:com|br|pt|net|org)(?![\w-])(?:/\S*[^\s.,;:!?])?")
_SHORT = itertools.count(1)
_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))  # code points weighing 1
# What an emoji sequence adds to its first code point, counted with it: a variation selector,
# a skin tone, a keycap, tag characters, a ZWJ and what it joins; a flag's second letter too.
_EMOJI_TAIL = re.compile(
    "[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]|\u200d.",
    re.S,
)
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])[\U0001f1e6-\U0001f1ff]")  # two letters, one flag
_TERM = re.compile(r'"[^"]*"|\S+')  # a quoted phrase, or a word
# What X sends of a post, and of a user, unless `tweet.fields` / `user.fields` ask for more.
TWEET_DEFAULTS = frozenset({"id", "text", "edit_history_tweet_ids"})
USER_DEFAULTS = frozenset({"id", "name", "username"})


def fields(request: Any, name: str) -> list[str]:
    """The comma-separated `name` fields a request asks for (`tweet.fields`)."""
    return str(request.query.get(name, "")).split(",")


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def problem(status: int, title: str, detail: str = "") -> dict[str, Any]:
    return {"title": title, "detail": detail or title, "type": "about:blank", "status": status}


TOO_LONG = problem(
    400,
    "Bad Request",
    "Your Tweet text is too long. For more information on how Twitter determines text "
    "length see https://github.com/twitter/twitter-text.",
)
DUPLICATE = problem(
    403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
)
USAGE_CAPPED = {
    "account_id": "1234",
    "product_name": "standard-basic",
    "title": "UsageCapExceeded",
    "period": "Monthly",
    "scope": "Product",
    "detail": "Usage cap exceeded: Monthly product cap",
    "type": "https://api.twitter.com/2/problems/usage-capped",
}


def weighted_length(text: str) -> int:
    """A post's length as X counts it: links (bare domains too) 23, code points outside the
    light ranges 2, an emoji with its skin tone or a ZWJ family 2 in all (twitter-text v3's
    emoji parsing)."""
    text = unicodedata.normalize("NFC", text)
    links = len(_LINK.findall(text))
    text = _LINK.sub("", text)
    links += len(_BARE.findall(text))
    rest = _FLAG.sub(r"\1", _EMOJI_TAIL.sub("", _BARE.sub("", text)))
    weights = (1 if any(lo <= ord(c) <= hi for lo, hi in _LIGHT) else 2 for c in rest)
    return 23 * links + sum(weights)


def escaped(text: str) -> str:
    """`text` as X sends it: `&`, `<` and `>` as HTML entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def written(text: str, tweet: dict[str, Any]) -> None:
    """Set `tweet`'s text the way X stores a post: over 280, `text` is cut and the whole is
    kept for `note_tweet` (the fake's private `_whole`)."""
    tweet.pop("_whole", None)
    if weighted_length(text) > LIMIT:
        tweet["_whole"] = text
        text = text[:CUT] + "…"
    tweet["text"] = text


def as_posted(text: str, reply_handle: str | None = None) -> dict[str, Any]:
    """A post or DM of ours as X keeps it: each link a t.co link (the original in
    `entities.urls`), a reply led by the @handle it answers unless it names it first. The
    fake's private `_sent` is the text as we sent it, for the duplicate-content check."""
    sent = text
    if reply_handle and not text.lower().startswith(f"@{reply_handle.lower()}"):
        text = f"@{reply_handle} {text}"
    out, urls, at = "", [], 0
    for link in _LINK.finditer(text):
        short = f"https://t.co/Lm{next(_SHORT):08d}"
        out += text[at : link.start()]
        display = re.sub(r"^https?://(www\.)?", "", link.group())
        urls.append(
            {
                "start": len(out),
                "end": len(out) + len(short),
                "url": short,
                "expanded_url": link.group(),
                "display_url": display if len(display) <= 27 else display[:26] + "…",
            }
        )
        out += short
        at = link.end()
    kept: dict[str, Any] = {"text": out + text[at:], "_sent": sent}
    if urls:  # like X, no `entities` where there is none
        kept["entities"] = {"urls": urls}
    return kept


def served(tweet: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """`tweet` as an answer carries it: its default fields and those `fields` asks for,
    entity-escaped, `note_tweet` only when asked for."""
    out = {k: v for k, v in tweet.items() if k in TWEET_DEFAULTS or k in fields}
    out["text"] = escaped(tweet["text"])
    if "_whole" in tweet and "note_tweet" in fields:
        out["note_tweet"] = {"text": escaped(tweet["_whole"])}
    return out


def user(account: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """A user as an answer carries one: its default fields and those `fields` asks for."""
    return {k: v for k, v in account.items() if k in USER_DEFAULTS or k in fields}


def matches(query: str, text: str) -> bool:
    """X's search, minimally: any OR alternative whose terms all occur in `text` (any case);
    operators (`-is:retweet`, `lang:en`) and parentheses are set aside."""
    body = text.lower()
    for alternative in re.split(r"\s+OR\s+", query.replace("(", " ").replace(")", " ")):
        terms = [
            t.strip('"').lower()
            for t in _TERM.findall(alternative)
            if not t.startswith("-") and ":" not in t
        ]
        if terms and all(t in body for t in terms):
            return True
    return False


def retweet_text(handle: str, text: str) -> str:
    """What a retweet's own `text` says: "RT @author: " and the start of the post."""
    whole = f"RT @{handle}: {text}"
    return whole if len(whole) <= 140 else whole[:139] + "…"


def invalid_since(since: str, week_ago: datetime) -> dict[str, Any]:
    message = f"Invalid 'since_id':'{since}'. 'since_id' must be a tweet id created after "
    return {
        "errors": [{"parameters": {"since_id": [since]}, "message": message + iso(week_ago)}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request",
    }


def not_found(tweet_id: str) -> dict[str, Any]:
    """X's error object for a referenced post it cannot serve (deleted, or its author
    suspended or protected), sent in a 200 answer beside `data` (docs.x.com, "partial
    errors"; the shape of resource-not-found)."""
    return {
        "value": tweet_id,
        "detail": f"Could not find tweet with referenced_tweets.id: [{tweet_id}].",
        "title": "Not Found Error",
        "resource_type": "tweet",
        "parameter": "referenced_tweets.id",
        "resource_id": tweet_id,
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }


def is_retweet(tweet: dict[str, Any]) -> bool:
    return any(r["type"] == "retweeted" for r in tweet.get("referenced_tweets") or [])


def refusal(
    text: str, reply_to: str | None, ours: list[dict[str, Any]], since: str
) -> dict[str, Any] | None:
    """X's refusal of a post: over 280, or the text of one of `ours` (posted `since`) again,
    in reply to the same post. (Whether X also refuses it in reply to another post, it does
    not say: the fake does not.)"""
    if weighted_length(text) > LIMIT:
        return TOO_LONG
    target = [reply_to] if reply_to else []
    for tweet in ours:
        refs = [r["id"] for r in tweet.get("referenced_tweets") or []]
        if (
            tweet.get("_sent", tweet["text"]) == text
            and refs == target
            and tweet["created_at"] >= since
        ):
            return DUPLICATE
    return None
