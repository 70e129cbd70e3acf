"""The e5 reader's shortcuts give what the plain computation gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from sentiment import _e5_net
from sentiment._e5_tokens import _META, _SPACES, Tokenizer
from tests.test_sentiment_e5 import TEXTS, _adapter, encoder

# Long pieces, accents, emoji, runs of spaces, a character outside the vocabulary.
MORE = [
    "internationalisation responsabilidades incompatibilidade",
    "Ótimo atendimento!!! 👍👍 recomendo   muito",
    "@lumora_help where's my refund?? #fail https://t.co/xyz",
    "\u2603\u0f3a 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]


def _every_substring(tokenizer: Tokenizer, text: str) -> list[int]:
    """The split scoring every substring up to the longest piece, as before the prefix cut."""
    marked = _SPACES.sub(" ", text.translate(tokenizer.table))
    marked = (marked if marked.startswith(" ") else " " + marked).replace(" ", _META)
    size = len(marked)
    best, back = [0.0] + [-1e30] * size, [(0, 0)] * (size + 1)
    for start in range(size):
        for end in range(start + 1, min(size, start + tokenizer.longest) + 1):
            piece = tokenizer.ids.get(marked[start:end])
            if piece is None or piece == tokenizer.unknown:
                continue
            if best[start] + tokenizer.scores[piece] > best[end]:
                best[end], back[end] = best[start] + tokenizer.scores[piece], (piece, start)
        if best[start] + tokenizer.unknown_score > best[start + 1]:
            best[start + 1] = best[start] + tokenizer.unknown_score
            back[start + 1] = (tokenizer.unknown, start)
    out, at = [], size
    while at > 0:
        piece, at = back[at]
        out.append(piece)
    return out[::-1]


def test_split_stopping_at_no_known_prefix_equals_scoring_every_substring() -> None:
    tokenizer = Tokenizer(encoder().vocabulary)
    for text in TEXTS + MORE:
        assert tokenizer.pieces(text) == _every_substring(tokenizer, text), text


def test_batched_reading_gives_each_text_its_own_reading() -> None:
    adapter = _adapter()
    merged = _e5_net.merge(encoder(), adapter)
    tokenizer = Tokenizer(encoder().vocabulary)
    texts = TEXTS + MORE
    batched = _e5_net.read(merged, adapter.head, tokenizer, texts, batch_size=3)
    alone = np.vstack([_e5_net.read(merged, adapter.head, tokenizer, [t]) for t in texts])
    assert np.allclose(batched, alone, atol=1e-5)


def test_fused_attention_product_equals_separate_ones() -> None:
    adapter = _adapter()
    merged = _e5_net.merge(encoder(), adapter)
    layers = []
    for layer in merged.layers:
        weights, biases = dict(layer.weights), dict(layer.biases)
        for i, name in enumerate(("q", "k", "v")):
            weights[name] = np.ascontiguousarray(weights["qkv"][:, i * 384 : (i + 1) * 384])
            biases[name] = biases["qkv"][i * 384 : (i + 1) * 384]
        del weights["qkv"], biases["qkv"]
        layers.append(replace(layer, weights=weights, biases=biases))
    apart = replace(merged, layers=layers)
    ids, mask = Tokenizer(encoder().vocabulary).batch(TEXTS + MORE)
    fused = _e5_net.pooled(merged, ids, mask)
    assert "qkv" not in apart.layers[0].weights
    assert np.allclose(fused, _e5_net.pooled(apart, ids, mask), atol=1e-4)
