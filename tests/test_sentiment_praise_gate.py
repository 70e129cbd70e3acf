"""The e5 cascade's praise gate: praise cues send sure "complaints" to the encoder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import Label, PluginContext
from sentiment import _e5_adapter, _e5_image, _e5_net
from sentiment._praise_cues import has_praise_cue

# Praise for a problem put right, which the n-gram model reads as a sure complaint. The fix
# is told in words that sentiment/_put_right.py does not know ("refunded", "trocaram" it
# does, and would read as praise whatever the gate did), so these tests see the gate alone.
PUT_RIGHT = [
    "Parcel lost at first, they found it the next day. Genuinely impressed",
    "produto chegou quebrado, o novo chegou em 2 dias, nota 10",
]
PLAIN_COMPLAINT = "my parcel never arrived, terrible service"
PLAIN_PRAISE = "Love it, amazing service, thank you so much!"


@pytest.mark.parametrize(
    "text",
    [
        "Genuinely impressed @lumora",
        "shout-out to Ana in support",
        "Credit where it's due: refund in a day",
        "PARABÉNS pela entrega",
        "parabens pela entrega",  # tweets drop accents
        "obrigada pela ajuda",
        "atendimento impecável",
        "5 estrelas para o apoio ao cliente",
        # Praise by understatement, which n-grams weigh as a complaint ("bad", "complain")
        "Not bad at all, thanks @lumora",
        "Can’t complain, delivery was fast",
        "no complaints, arrived early",
        "A entrega não foi nada demorada",
        "nada a reclamar, chegou certinho",
        # Value for money, which n-grams trained on airline complaints can read as one
        "absurdly comfy for the price. 6 hour flight and I forgot they were on",
        "worth every penny",
        "Ótimo custo-benefício, chegou rápido",
        "fone excelente pelo preço",
        "excelente relação qualidade-preço",
        "vale cada cêntimo",
        # The trade's own words for praise, and the applause that stands in for them
        "Credit to the support team, refund in a day",
        "ok. All credit to Ana: sorted in one chat",
        "Refund landed in two days. Painless.",
        "great job on the new packaging",
        "you're a star, Marcus",
        "deixo aqui o meu elogio ao apoio ao cliente",
        "Reembolso no próprio dia. Assim dá gosto",
        "Tenho de dar o braço a torcer: resolveram em cinco minutos",
        "troca sem burocracia",
        "chegou no dia seguinte 👏👏",
        "entrega rapidíssima 👏🏾",
        "finally sorted 🙌",
    ],
)
def test_praise_expressions_are_cues(text: str) -> None:
    assert has_praise_cue(text)


@pytest.mark.parametrize(
    "text",
    [
        "not impressed at all",
        "Não recomendo",
        "a entrega atrasou de novo",
        "unimpressed",
        "I have complaints about the delivery",
        "not bad, just broken on arrival",
        "terrible for the price",
        "não vale cada centavo",
        "péssimo custo-benefício",
        # A credit to an account is a refund, not praise
        "they promised a credit to my card and nothing came",
        "not painless at all",
        "nada de elogios, a entrega atrasou",
    ],
)
def test_negated_praise_and_complaints_are_no_cues(text: str) -> None:
    assert not has_praise_cue(text)


@cache
def _base() -> _e5_image.Encoder:
    return _e5_image.read(_e5_image.default_image())


def _leaning_to(tmp: Path, label: int, *, skip_above: float = 0.0) -> Path:
    """An adapter file whose encoder reads every text as `label` and, by confidence alone,
    reads none (skip_above 0): only the gate can send it a text. Blend and bias as shipped."""
    base = _base()
    bias = np.full(3, -20.0, dtype=np.float32)
    bias[label] = 20.0
    adapter = _e5_net.Adapter(
        layers=0,
        low_rank=[],
        biases=[],
        norms=[],
        embedding_norm=base.embedding_norm,
        head=(np.zeros((384, 3), dtype=np.float32), bias),
    )
    path = tmp / f"leaning-{label}-{skip_above}.npz"
    _e5_adapter.save(
        adapter, {"blend": 0.5, "skip_above": skip_above, "bias": [0.4, 0.0, -0.2]}, path
    )
    return path


def _labels(tmp: Path, label: int, texts: list[str], *, gate: bool = True) -> list[Label]:
    from sentiment.e5 import E5Classifier

    e5 = E5Classifier(adapters={"*": _leaning_to(tmp, label)}, praise_gate=gate)
    return [r.label for r in e5.classify(texts, [None] * len(texts))]


def test_praise_cues_send_sure_complaints_to_the_encoder_alone(tmp_path: Path) -> None:
    # Blended half and half, the n-gram model's sure complaint would win after the bias.
    assert _labels(tmp_path, 2, PUT_RIGHT) == [Label.POSITIVE] * 2


def test_without_the_gate_the_ngram_confidence_alone_decides(tmp_path: Path) -> None:
    # (so the n-gram model is sure these are complaints: the gate is what turns them)
    assert _labels(tmp_path, 2, PUT_RIGHT, gate=False) == [Label.NEGATIVE] * 2


def test_texts_without_cues_or_already_read_as_praise_stay_with_the_ngrams(
    tmp_path: Path,
) -> None:
    assert _labels(tmp_path, 2, [PLAIN_COMPLAINT]) == [Label.NEGATIVE]
    assert _labels(tmp_path, 0, [PLAIN_PRAISE]) == [Label.POSITIVE]


def test_praise_cues_take_the_encoder_alone_when_the_ngrams_are_unsure(tmp_path: Path) -> None:
    # skip_above 1.0: every text is one the n-grams are unsure of. Blended half and half with
    # their complaint, the encoder's praise loses after the bias towards complaints.
    path = _leaning_to(tmp_path, 2, skip_above=1.0)
    from sentiment.e5 import E5Classifier

    for gate, expected in ((True, Label.POSITIVE), (False, Label.NEGATIVE)):
        e5 = E5Classifier(adapters={"*": path}, praise_gate=gate)
        labels = [r.label for r in e5.classify(PUT_RIGHT, [None] * 2)]
        assert labels == [expected] * 2


def test_the_setting_turns_the_gate_off(tmp_path: Path) -> None:
    from sentiment.e5 import E5Classifier, E5ClassifierConfig

    _leaning_to(tmp_path, 2)
    context = PluginContext(brand=None, base_dir=tmp_path)  # type: ignore[arg-type]
    config = E5ClassifierConfig(adapter="leaning-2-0.0.npz", praise_gate=False)
    e5 = E5Classifier.from_config(config, context)
    assert [r.label for r in e5.classify(PUT_RIGHT, [None] * 2)] == [Label.NEGATIVE] * 2


def test_the_shipped_e5_reads_value_for_money_as_praise() -> None:
    # The demo's first post: `ngram` learnt "flight" from airline complaints and was sure
    # (0.90) it was one, so the encoder was never asked until "comfy for the price" was a cue.
    from sentiment.e5 import E5Classifier

    texts = [
        "the Lumora Aura headphones are absurdly comfy for the price. 6 hour flight and I "
        "forgot they were on",
        "terrible for the price, broke after a week",
    ]
    labels = [r.label for r in E5Classifier().classify(texts, [None] * 2)]
    assert labels == [Label.POSITIVE, Label.NEGATIVE]


def test_the_tuner_simulates_the_gate_on_unsure_texts_too() -> None:
    # An unsure n-gram complaint holding a cue: the encoder's praise alone, as classified.
    from sentiment import _e5_tuning

    unsure_complaint, praise = [0.55, 0.2, 0.25], [0.1, 0.1, 0.8]
    v = _e5_tuning.ValProbs(
        np.array([unsure_complaint] * 2, np.float32),
        np.array([praise] * 2, np.float32),
        [2, 0],
        cued=np.array([True, False]),
    )
    tuned = _e5_tuning.Tuned(skip_above=0.6, blend=0.5, bias=(0.4, 0.0, -0.2), objective=0.0)
    read = _e5_tuning.blended(v, tuned)
    assert np.allclose(read[0], np.log(praise) + np.array(tuned.bias))  # not blended
    assert list(read.argmax(axis=1)) == [2, 0]  # without the cue the blend's complaint wins


def test_the_shipped_e5_no_longer_reads_credit_to_the_brand_as_a_complaint() -> None:
    # "Credit to @brand" opening a post is praise; `ngram` was sure (0.99) of a complaint
    # ("missing parcel", "refunded"), and the shipped encoder reads it as no complaint.
    from sentiment.e5 import E5Classifier

    texts = [
        "Credit to @shopco, the missing parcel was refunded within the hour.",
        "they promised a credit to my card for the missing parcel, still nothing",
    ]
    labels = [r.label for r in E5Classifier().classify(texts, [None] * 2)]
    assert labels[0] != Label.NEGATIVE
    assert labels[1] == Label.NEGATIVE
