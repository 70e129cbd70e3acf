"""The e5 encoder's forward pass in numpy, with a fine-tuned adapter merged in.

Post-LayerNorm BERT layers, mean pooling over real tokens, then a linear head over the three
classes. numpy's BLAS does the matrix products, so reading needs no torch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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

    @property
    def rank(self) -> int:
        """The rank of the low-rank updates (A's columns)."""
        return int(next(iter(self.low_rank[0].values()))[0].shape[1])


def merge(encoder: Encoder, adapter: Adapter) -> Encoder:
    """The encoder with the adapter folded into its weights (done once, at load).

    ValueError when an array does not fit the encoder (an adapter for another base model).
    """
    check(encoder, adapter)
    layers = []
    for layer, low_rank, biases, norms in zip(
        encoder.layers[: adapter.layers],
        adapter.low_rank,
        adapter.biases,
        adapter.norms,
        strict=True,
    ):
        weights = {k: w + low_rank[k][0] @ low_rank[k][1] for k, w in layer.weights.items()}
        fused, fused_biases = _fused_qkv(weights, dict(biases))
        layers.append(Layer(weights=fused, biases=fused_biases, norms=dict(norms)))
    return replace(encoder, layers=layers, embedding_norm=adapter.embedding_norm)


def check(encoder: Encoder, adapter: Adapter) -> None:
    """ValueError naming the first of the adapter's arrays that does not fit `encoder`: numpy
    would broadcast some of them silently, or fail with a message naming no array."""
    if not 0 <= adapter.layers <= len(encoder.layers):
        raise ValueError(f"{adapter.layers} layers, the encoder has {len(encoder.layers)}")
    for key, array, shape in _expected_shapes(encoder, adapter):
        if array.shape != shape:
            raise ValueError(f"{key} has shape {array.shape}, expected {shape}")


def _expected_shapes(
    encoder: Encoder, adapter: Adapter
) -> Iterator[tuple[str, Matrix, tuple[int, ...]]]:
    """Each array of the adapter, by its key in the file, with the shape the encoder needs."""
    first = adapter.low_rank[0]["q"][0] if adapter.low_rank else None
    hidden, rank = (encoder.hidden,), first.shape[-1] if first is not None and first.ndim else 0
    yield "head.w", adapter.head[0], (encoder.hidden, 3)
    yield "head.b", adapter.head[1], (3,)
    yield from zip(("emb.ln.w", "emb.ln.b"), adapter.embedding_norm, (hidden, hidden), strict=True)
    parts = zip(encoder.layers, adapter.low_rank, adapter.biases, adapter.norms, strict=False)
    for i, (layer, low_rank, biases, norms) in enumerate(parts):
        for name, weight in layer.weights.items():
            a, b = low_rank[name]
            yield f"l{i}.{name}.a", a, (weight.shape[0], rank)
            yield f"l{i}.{name}.b", b, (rank, weight.shape[1])
            yield f"l{i}.{name}.bias", biases[name], layer.biases[name].shape
        for name, (w, b) in norms.items():
            yield f"l{i}.{name}.w", w, layer.norms[name][0].shape
            yield f"l{i}.{name}.b", b, layer.norms[name][1].shape


def _fused_qkv(
    weights: dict[str, Matrix], biases: dict[str, Matrix]
) -> tuple[dict[str, Matrix], dict[str, Matrix]]:
    """q, k and v as one (hidden, 3 x hidden) weight: one wide product instead of three narrow
    ones is about a third faster on two cores, and the separate copies are dropped (no memory
    added)."""
    names = ("q", "k", "v")
    weights["qkv"] = np.ascontiguousarray(np.concatenate([weights.pop(n) for n in names], axis=1))
    biases["qkv"] = np.concatenate([biases.pop(n) for n in names])
    return weights, biases


def pooled(encoder: Encoder, ids: Ids, mask: Mask) -> Matrix:
    """Mean of the last layer's states over each text's real tokens (batch x hidden)."""
    batch, width = ids.shape
    heads = encoder.heads
    size = encoder.hidden // heads
    x = encoder.word[ids] + encoder.position[:width][None] + encoder.token_type
    x = _norm(x, encoder.embedding_norm, encoder.eps)
    blocked = ((1.0 - mask) * -1e9)[:, None, None, :]
    scale = np.float32(1.0 / np.sqrt(size))

    def split(t: Matrix) -> Matrix:
        return t.reshape(batch, width, heads, size).transpose(0, 2, 1, 3)

    for layer in encoder.layers:
        w, b = layer.weights, layer.biases
        if "qkv" in w:  # merged encoders (see `merge`); the bare image keeps them apart
            q, k, v = (split(t) for t in np.split(_linear(x, w["qkv"], b["qkv"]), 3, axis=-1))
        else:
            q, k, v = (split(_linear(x, w[n], b[n])) for n in ("q", "k", "v"))
        scores: Matrix = q @ k.transpose(0, 1, 3, 2)
        scores *= scale
        scores += blocked
        context = (_softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(batch, width, -1)
        attended = _linear(context, w["ao"], b["ao"])
        attended += x
        x = _norm(attended, layer.norms["aln"], encoder.eps)
        out = _linear(_gelu(_linear(x, w["fi"], b["fi"])), w["fo"], b["fo"])
        out += x
        x = _norm(out, layer.norms["oln"], encoder.eps)
    pooled_states: Matrix = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    return pooled_states


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
    # Sorted by token count, not characters: emoji, URLs and Portuguese accents tokenise at
    # very different rates, and every padded position costs as much as a real one.
    encoded = [tokenizer.encode(text) for text in texts]
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        ids, mask = tokenizer.padded([encoded[i] for i in rows])
        out[rows] = probabilities(encoder, head, ids, mask)
    return out


# The helpers below overwrite their input (always a fresh intermediate here) instead of
# allocating: on two cores reading is as much memory traffic as arithmetic.
_CHUNK = 1 << 16  # floats per elementwise pass: the GELU steps stay in cache between passes
_GELU_A = np.float32(0.7978845608)  # sqrt(2 / pi)
_GELU_B = np.float32(0.044715)


def _linear(x: Matrix, weight: Matrix, bias: Matrix) -> Matrix:
    # 2-D products: numpy hands those to BLAS; a 3-D @ 2-D product loops in numpy instead.
    flat = x.reshape(-1, x.shape[-1]) @ weight
    flat += bias
    out: Matrix = flat.reshape(*x.shape[:-1], weight.shape[1])
    return out


def _norm(x: Matrix, params: tuple[Matrix, Matrix], eps: float) -> Matrix:
    """LayerNorm over the last axis, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("...i,...i->...", x, x)[..., None] / np.float32(x.shape[-1])
    x *= 1.0 / np.sqrt(var + np.float32(eps))
    x *= params[0]
    x += params[1]
    return x


def _gelu(x: Matrix) -> Matrix:
    """The tanh form (within 1e-3 of erf-GELU, and what the adapter is trained with), in place."""
    x = np.ascontiguousarray(x)  # a no-op for _linear's output; the flat view must write through
    flat = x.reshape(-1)
    scratch = np.empty(min(_CHUNK, flat.size), dtype=np.float32)
    for start in range(0, flat.size, _CHUNK):
        v = flat[start : start + _CHUNK]
        t = scratch[: v.size]
        np.multiply(v, v, out=t)
        t *= v
        t *= _GELU_B
        t += v
        t *= _GELU_A
        np.tanh(t, out=t)
        t += np.float32(1.0)
        t *= np.float32(0.5)
        v *= t
    return x


def _softmax(x: Matrix) -> Matrix:
    """Softmax over the last axis, in place."""
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x
