"""The e5 encoder's forward pass in numpy, with a fine-tuned adapter merged in.

Post-LayerNorm BERT layers, mean pooling over real tokens, then a linear head over the three
classes. numpy's BLAS does the matrix products, so reading needs no torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from sentiment._e5_image import Encoder, Layer, Matrix
from sentiment._e5_tokens import Ids, Mask, Tokenizer


@dataclass(frozen=True)
class Adapter:
    """What fine-tuning changed: low-rank weight updates, biases, norms, and the class head.

    `low_rank[name]` per layer is (A, B), and the layer's weight becomes w + A @ B. Fine-tuning
    may also keep only the first `layers` layers, which makes reading proportionally faster.
    """

    layers: int
    low_rank: list[dict[str, tuple[Matrix, Matrix]]]
    biases: list[dict[str, Matrix]]
    norms: list[dict[str, tuple[Matrix, Matrix]]]
    embedding_norm: tuple[Matrix, Matrix]
    head: tuple[Matrix, Matrix]  # weight (hidden, 3), bias (3,)


def merge(encoder: Encoder, adapter: Adapter) -> Encoder:
    """The encoder with the adapter folded into its weights (done once, at load)."""
    layers = []
    for layer, low_rank, biases, norms in zip(
        encoder.layers[: adapter.layers],
        adapter.low_rank,
        adapter.biases,
        adapter.norms,
        strict=True,
    ):
        weights = {k: w + low_rank[k][0] @ low_rank[k][1] for k, w in layer.weights.items()}
        layers.append(Layer(weights=weights, biases=dict(biases), norms=dict(norms)))
    return replace(encoder, layers=layers, embedding_norm=adapter.embedding_norm)


def pooled(encoder: Encoder, ids: Ids, mask: Mask) -> Matrix:
    """Mean of the last layer's states over each text's real tokens (batch x hidden)."""
    batch, width = ids.shape
    heads = encoder.heads
    size = encoder.hidden // heads
    x = encoder.word[ids] + encoder.position[:width][None] + encoder.token_type
    x = _norm(x, encoder.embedding_norm, encoder.eps)
    blocked = ((1.0 - mask) * -1e9)[:, None, None, :]

    def split(t: Matrix) -> Matrix:
        return t.reshape(batch, width, heads, size).transpose(0, 2, 1, 3)

    for layer in encoder.layers:
        w, b = layer.weights, layer.biases
        q, k, v = (split(_linear(x, w[n], b[n])) for n in ("q", "k", "v"))
        attention = _softmax(q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, width, -1)
        x = _norm(x + _linear(context, w["ao"], b["ao"]), layer.norms["aln"], encoder.eps)
        inner = _gelu(_linear(x, w["fi"], b["fi"]))
        x = _norm(x + _linear(inner, w["fo"], b["fo"]), layer.norms["oln"], encoder.eps)
    out: Matrix = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    return out


def probabilities(encoder: Encoder, head: tuple[Matrix, Matrix], ids: Ids, mask: Mask) -> Matrix:
    """Class probabilities (negative, neutral, positive) for a tokenised batch."""
    return _softmax(pooled(encoder, ids, mask) @ head[0] + head[1])


def read(
    encoder: Encoder,
    head: tuple[Matrix, Matrix],
    tokenizer: Tokenizer,
    texts: Sequence[str],
    batch_size: int = 32,
) -> Matrix:
    """Probabilities for any number of texts, batched by length so little is padding."""
    out = np.zeros((len(texts), 3), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        ids, mask = tokenizer.batch([texts[i] for i in rows])
        out[rows] = probabilities(encoder, head, ids, mask)
    return out


def _linear(x: Matrix, weight: Matrix, bias: Matrix) -> Matrix:
    # 2-D products: numpy hands those to BLAS; a 3-D @ 2-D product loops in numpy instead.
    flat = x.reshape(-1, x.shape[-1]) @ weight + bias
    out: Matrix = flat.reshape(*x.shape[:-1], weight.shape[1])
    return out


def _norm(x: Matrix, params: tuple[Matrix, Matrix], eps: float) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: Matrix = (x - mean) / np.sqrt(var + np.float32(eps)) * params[0] + params[1]
    return out


def _gelu(x: Matrix) -> Matrix:
    # The tanh form: within 1e-3 of erf-GELU, and what the adapter is trained with.
    inner = np.tanh(np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x))
    return (x * (inner + 1.0) * 0.5).astype(np.float32, copy=False)


def _softmax(x: Matrix) -> Matrix:
    shifted = np.exp(x - x.max(axis=-1, keepdims=True))
    out: Matrix = shifted / shifted.sum(axis=-1, keepdims=True)
    return out
