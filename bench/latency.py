"""Latency from a mention appearing on a platform to its chat alert being delivered.

The five platform fakes publish complaints at a steady rate (round robin) while the App
runs with all five sources polling them; a timing chat sink notes when each alert is
delivered. Prints p50/p99 per platform and overall, mentions/s, and one `name=value` line.

    .venv/bin/python -m bench.latency --seconds 60 --rate 10 --poll 1
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

# Run as `python bench/x.py`: the checkout's packages first (bench/sentiment.py is not them).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentiondesk.config import load_config
from mentiondesk.models import OutboxAction, Receipt
from mentiondesk.pipeline import App
from responders.local import LocalHelpdeskResponder
from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.hackernews import HackerNewsFake
from tests.fakes.mastodon import MastodonFake
from tests.fakes.reddit import RedditFake
from tests.fakes.x import XFake
from tests.platforms.scenario import five_sources_config

PLATFORMS = ("x", "reddit", "mastodon", "bluesky", "hackernews")
SECRETS = {
    "X_BEARER_TOKEN": "t",
    "REDDIT_CLIENT_ID": "c",
    "REDDIT_CLIENT_SECRET": "s",
    "REDDIT_USERNAME": "lumora_bot",
    "REDDIT_PASSWORD": "p",
    "MASTODON_ACCESS_TOKEN": "t",
    "BLUESKY_HANDLE": "lumora.bsky.social",
    "BLUESKY_APP_PASSWORD": "p",
}
COMPLAINT = "my lumora lamp arrived broken, terrible service, awful support #{n}"


class TimingSink:
    """A chat sink that only notes when each alert arrived."""

    def __init__(self) -> None:
        self.name = "console"
        self.arrived: dict[tuple[str, str], float] = {}

    async def deliver(self, action: OutboxAction) -> Receipt:
        m = action.context.mention
        self.arrived.setdefault((m.platform, m.external_id), time.monotonic())
        return Receipt(ref=action.key)

    async def close(self) -> None:
        return None


def _publish(fakes: dict[str, Any], platform: str, n: int) -> str:
    text = COMPLAINT.format(n=n)
    if platform == "x":
        return str(fakes["x"].publish(f"@lumora {text}", search=False)["id"])
    if platform == "reddit":
        return str(fakes["reddit"].mention(f"u/lumora_bot {text}")["data"]["name"])
    if platform == "mastodon":
        return str(fakes["mastodon"].mention(f"@lumora {text}")["id"])
    if platform == "bluesky":
        return str(fakes["bluesky"].mention(f"@lumora.bsky.social {text}")["uri"])
    return str(fakes["hackernews"].comment(text)["objectID"])


async def _publisher(
    fakes: dict[str, Any], *, seconds: float, rate: float, published: dict[Any, float]
) -> None:
    start, n = time.monotonic(), 0
    while (due := start + n / rate) < start + seconds:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        platform = PLATFORMS[n % len(PLATFORMS)]
        published[(platform, _publish(fakes, platform, n))] = time.monotonic()
        n += 1


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(seconds: float, rate: float, poll: float) -> int:
    os.environ.update(SECRETS)
    published: dict[tuple[str, str], float] = {}
    sink = TimingSink()
    async with AsyncExitStack() as stack:
        apis = [await stack.enter_async_context(FakeAPI()) for _ in PLATFORMS]
        fakes = {
            "x": XFake(apis[0]),
            "reddit": RedditFake(apis[1]),
            "mastodon": MastodonFake(apis[2]),
            "bluesky": BlueskyFake(apis[3]),
            "hackernews": HackerNewsFake(apis[4]),
        }
        for fake in fakes.values():
            fake.window.limit = 1_000_000  # the bench measures latency, not the fakes' limits
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        path = five_sources_config(
            tmp,
            x=fakes["x"],
            reddit=fakes["reddit"],
            mastodon=fakes["mastodon"],
            bluesky=fakes["bluesky"],
            hn=fakes["hackernews"],
            poll_seconds=poll,
        )
        responders = {"console": sink, "cases": LocalHelpdeskResponder("cases")}
        async with App(load_config(path), responders=responders) as app:
            await app.start()
            started = time.monotonic()
            await _publisher(fakes, seconds=seconds, rate=rate, published=published)
            deadline = time.monotonic() + poll + 10
            # The sink has no event per key; a short poll is fine in a benchmark's tail.
            while time.monotonic() < deadline and not set(published) <= set(sink.arrived):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - started
            await app.stop()
    return _report(published, sink.arrived, elapsed=elapsed, poll=poll)


def _report(
    published: dict[tuple[str, str], float],
    arrived: dict[tuple[str, str], float],
    *,
    elapsed: float,
    poll: float,
) -> int:
    latencies: dict[str, list[float]] = {p: [] for p in PLATFORMS}
    for key, sent in published.items():
        if key in arrived:
            latencies[key[0]].append(arrived[key] - sent)
    every = [v for values in latencies.values() for v in values]
    for platform, values in latencies.items():
        count = sum(1 for k in published if k[0] == platform)
        print(
            f"{platform:>10}: {len(values):5d}/{count:<5d} delivered  "
            f"p50 {_pct(values, 0.5):6.3f} s  p99 {_pct(values, 0.99):6.3f} s"
        )
    delivered = len(every)
    starved = [p for p, values in latencies.items() if not values]
    p50, p99 = _pct(every, 0.5), _pct(every, 0.99)
    print(
        f"overall: {delivered}/{len(published)} alerts, mean {statistics.fmean(every or [0]):.3f} s"
    )
    print(
        f"latency p50_s={p50:.3f} p99_s={p99:.3f} mentions_per_s={delivered / elapsed:.2f} "
        f"published={len(published)} delivered={delivered} poll_s={poll} "
        f"goal_p99_le_s={poll + 1} starved={','.join(starved) or 'none'}"
    )
    return 0 if delivered == len(published) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="publishing time (60 = a minute)"
    )
    parser.add_argument(
        "--rate", type=float, default=10.0, help="mentions per second, all platforms"
    )
    parser.add_argument("--poll", type=float, default=1.0, help="poll interval of every source, s")
    parser.add_argument("--n", type=int, default=None, help="total mentions (sets --seconds)")
    args = parser.parse_args()
    seconds = args.n / args.rate if args.n else args.seconds
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    sys.exit(asyncio.run(run(seconds, args.rate, args.poll)))


if __name__ == "__main__":
    main()
