"""Praise for a problem put right (sentiment/_put_right.py), measured on the hand-written posts
of tests/data/praise_put_right.tsv: praise that names its problem, and the complaints that
look like it ("thanks for nothing", "obrigado pela espera de 3 semanas")."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import Label
from sentiment._praise_cues import has_praise_cue
from sentiment._put_right import credited, praises_put_right
from sentiment._sarcasm import sarcastic

DATA = Path(__file__).parent / "data" / "praise_put_right.tsv"


def _rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@cache
def _read() -> tuple[tuple[str, ...], tuple[Label, ...]]:
    """The shipped e5's labels for the set's posts (gold labels, read labels)."""
    from sentiment.e5 import E5Classifier

    texts = [r["text"] for r in _rows()]
    readings = E5Classifier().classify(texts, [None] * len(texts))
    return tuple(Label(r["label"]) for r in _rows()), tuple(r.label for r in readings)


def test_the_set_holds_every_language_and_kind() -> None:
    rows = _rows()
    assert len(rows) >= 60
    for lang in ("en", "pt-BR", "pt-PT"):
        labels = {r["label"] for r in rows if r["lang"] == lang}
        assert labels == {"positive", "negative", "neutral"}


def test_the_rule_never_takes_a_complaint_or_a_plain_post_for_praise() -> None:
    # Precision 1.00: none of the 31 complaints and 8 neutral posts; recall 32 of 40 praise
    # posts when written (the rest are praise with no fix told: "still going strong").
    rows = _rows()
    fired = [r["label"] for r in rows if praises_put_right(r["text"])]
    assert fired and set(fired) == {"positive"}
    assert len(fired) >= 30


def test_the_shipped_e5_reads_praise_for_a_fix_as_praise() -> None:
    # Measured when written: praise read as praise 21 → 35 of 40 (read as a complaint 15 → 0),
    # no complaint read as praise (2 → 0: "thanks for the three week wait", "thanks I guess").
    gold, read = _read()
    praise = [r for g, r in zip(gold, read, strict=True) if g is Label.POSITIVE]
    assert sum(r is Label.POSITIVE for r in praise) >= 33
    assert Label.NEGATIVE not in praise
    complaints = [r for g, r in zip(gold, read, strict=True) if g is Label.NEGATIVE]
    assert Label.POSITIVE not in complaints


@pytest.mark.parametrize(
    "text",
    [
        "Three awful weeks, but sorted now, thanks!",
        "Atrasou uma semana, mas resolveram rapidinho. Show de bola!",
        "O pedido veio errado, mas trocaram em 2 dias. Nota 10",
        "A encomenda atrasou, mas o apoio ao cliente resolveu tudo. Impecável",
        "Esperei uma semana, mas valeu a pena: atendimento impecável",
        "Small thing, but I noticed 👏",
    ],
)
def test_praise_after_the_problem_is_praise(text: str) -> None:
    assert praises_put_right(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for nothing, still no refund",
        "Valeu por nada, até agora sem estorno",
        "Obrigado pela espera de 3 semanas, Lumora",
        "Thanks for the three week wait, really appreciated",
        "Finally arrived after five weeks. Thanks I guess",
        "Resolved, but only after six emails and a chargeback threat",
        "Replaced it, but the new one is broken too. Thanks",
        "O apoio foi impecável, mas a encomenda continua sem chegar",
        "Atendimento nota 10, mas o produto chegou quebrado",
        "They never refunded me. Thanks",
        "Finally arrived, 9 h after schedule. Thanks",
    ],
)
def test_sarcasm_grudging_thanks_and_praise_taken_back_are_no_praise(text: str) -> None:
    assert not praises_put_right(text)


def test_sarcasm_about_a_long_wait_and_grudging_thanks_are_marked() -> None:
    assert sarcastic("Thanks for the three week wait, really appreciated")
    assert sarcastic("thanks for the 2-hour delay")
    assert sarcastic("Finally arrived after five weeks. Thanks I guess")
    assert not sarcastic("thank you for the quick two day delivery")
    assert not sarcastic("thanks, I guess I will try again tomorrow")


def test_only_a_complaint_reading_moves_to_praise() -> None:
    text = "Took two calls but it's fixed now. Thanks, Priya!"
    probs = np.array([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]], dtype=np.float32)
    out = credited([text, text], probs.copy())
    assert out[0].tolist() == pytest.approx([0.0, 0.3, 0.7])
    assert out[1].tolist() == pytest.approx([0.2, 0.7, 0.1])  # neutral stays as read


@pytest.mark.parametrize(
    "text",
    [
        "Returns with no fuss at all",
        "six years old and still going strong",
        "hard to beat for the build quality",
        "Refund before I asked. That's how you do it",
        "Pelo preço, difícil encontrar melhor",
        "tem 5 anos e continua perfeito",
        "É assim que se faz: devolução tratada em dois dias",
    ],
)
def test_praise_by_trouble_spared_is_a_cue(text: str) -> None:
    assert has_praise_cue(text)


@pytest.mark.parametrize(
    "text",
    ["They never got it right: third wrong size", "Não é assim que se faz, Lumora"],
)
def test_negated_spared_trouble_is_no_cue(text: str) -> None:
    assert not has_praise_cue(text)
