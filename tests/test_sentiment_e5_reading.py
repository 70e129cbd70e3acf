"""The e5 reader's shortcuts give what the plain computation gives."""

from __future__ import annotations

from sentiment._e5_tokens import _META, _SPACES, Tokenizer
from tests.test_sentiment_e5 import TEXTS, encoder

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
