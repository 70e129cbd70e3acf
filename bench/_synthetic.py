"""Synthetic mentions for benchmarks: varied EN/PT texts, authors, platforms and times."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

_EN = [
    "@lumora my order {n} never arrived and support is not answering. Terrible.",
    "@lumora the {p} stopped working after a week, really disappointed",
    "Love my new {p} from @lumora, delivery was super fast!",
    "@lumora does the {p} work with Alexa?",
    "Still waiting for my refund for order {n} @lumora, third time asking!!",
    "@lumora great support today, thanks to Carla for sorting my {p}",
    "Anyone else seeing @lumora prices go up on the {p}?",
    "Can't log in to my @lumora account, the 2FA code never arrives",
]
_PT = [
    "@lumora_br meu pedido {n} não chegou até hoje, que absurdo",
    "A {p} da Lumora é ótima, chegou antes do prazo!",
    "@lumora_pt a encomenda {n} está parada nos CTT há uma semana",
    "vcs entregam em Manaus? queria a {p} @lumora_br",
    "@lumora_br já é a terceira vez que peço o estorno, vou no Procon",
    "Adorei o atendimento da Lumora, resolveram tudo rapidinho",
    "@lumora_pt o reembolso por MB Way nunca mais chega",
    "não consigo entrar na minha conta da Lumora, a senha não funciona",
]
_PRODUCTS = ["X200 vacuum", "air fryer", "Aura headphones", "smart lamp", "coffee machine"]
_PLATFORMS = ["x", "reddit", "mastodon", "bluesky", "hackernews"]


def mentions(n: int, *, seed: int = 7, authors: int = 5000) -> Iterator[dict[str, object]]:
    """`n` mention dicts in the replay JSONL shape, deterministic for a seed."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for i in range(n):
        text = rng.choice(_EN if rng.random() < 0.55 else _PT)
        author = rng.randrange(authors)
        yield {
            "platform": rng.choice(_PLATFORMS),
            "external_id": f"bench-{i}",
            "url": f"https://example.test/{i}",
            "author": {
                "id": f"u{author}",
                "handle": f"user{author}",
                "name": f"User {author}",
                "followers": rng.randrange(0, 50_000),
            },
            "text": text.format(n=rng.randrange(10**6), p=rng.choice(_PRODUCTS)),
            "lang": None,
            "created_at": (start + timedelta(seconds=i * 7)).isoformat(),
            "thread_id": None,
            "parent_id": None,
        }


def write_jsonl(path: Path, n: int, *, seed: int = 7) -> list[str]:
    """Write `n` mentions to `path`; return their texts (for the baseline timing)."""
    texts = []
    with path.open("w", encoding="utf-8") as handle:
        for item in mentions(n, seed=seed):
            texts.append(str(item["text"]))
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return texts
