"""The relabel → train-sentiment --corrections loop: the labels people type, and what is learnt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.case_history import stored_mention
from mentiondesk.corrections import corrected, relabel
from mentiondesk.erasure import erase
from mentiondesk.models import Label
from mentiondesk.store import Store
from mentiondesk.tables import READING
from tests.helpers import COMPLAINT, mention, write_config, write_mentions
from tests.sentiment_data import EN, write_folder
from tests.test_cli_sentiment import md, sentiment_config
from tests.test_contact_rules import _config, _run


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return sentiment_config(tmp_path)


def _reading(tmp_path: Path, mention_id: int) -> str:
    engine = sa.create_engine(f"sqlite:///{tmp_path}/desk.db")
    try:
        with engine.connect() as conn:
            found = READING.c.mention_id == mention_id
            return str(conn.scalar(sa.select(READING.c.label).where(found)))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0", "negative"),  # as train_labels.txt holds them
        ("1", "neutral"),
        ("2", "positive"),
        ("Reclamação", "negative"),  # the pt-BR desk's words
        ("reclamacao", "negative"),  # typed without accents
        ("NEUTRO", "neutral"),
        ("elogio", "positive"),
        ("negativo", "negative"),
        ("positivo", "positive"),
        ("complaint", "negative"),  # the English desk's words
        ("praise", "positive"),
    ],
)
def test_relabel_takes_the_labels_files_numbers_and_the_desks_words(
    config: Path, tmp_path: Path, typed: str, stored: str
) -> None:
    assert md(config, "run", "--once")[0] == 0
    start = "neutral" if stored != "neutral" else "positive"
    assert md(config, "relabel", "1", start)[0] == 0
    code, output = md(config, "relabel", "1", typed)
    assert code == 0, output
    assert f"→ {stored}" in output and _reading(tmp_path, 1) == stored


def test_a_wrong_label_is_refused_with_every_word_accepted(config: Path) -> None:
    assert md(config, "run", "--once")[0] == 0
    code, output = md(config, "relabel", "1", "angry")
    said = " ".join(output.replace("│", " ").split())
    assert code == 2
    assert "'angry' is not a label; use negative (or 0, complaint, negativo, reclamação)" in said
    assert "neutral (or 1, neutro) or positive (or 2, praise, positivo, elogio)" in said


def test_relabel_help_names_the_numbers_and_portuguese_words(config: Path) -> None:
    code, output = md(config, "relabel", "--help")
    said = " ".join(output.replace("│", " ").split())
    assert code == 0 and "or 0, 1, 2 as in a labels file" in said and "reclamação/elogio" in said


def test_relabel_to_the_label_it_has_says_it_was_confirmed(config: Path) -> None:
    assert md(config, "run", "--once")[0] == 0
    assert md(config, "relabel", "1", "negative")[0] == 0
    code, output = md(config, "relabel", "1", "0")
    said = " ".join(output.split())
    assert code == 0 and "negative → negative" not in said
    assert "mention 1 already read negative; kept as confirmed" in said


def _stored(store: Store, *texts: str, lang: str | None = None) -> None:
    posts = [mention(n, text, author=f"a{n}", lang=lang) for n, text in enumerate(texts, start=1)]
    store.ingest("test", posts, None)


def test_corrections_are_one_line_each_as_the_labels_folders_hold_texts(store: Store) -> None:
    _stored(store, "@lumora line one\nline two\tand a tab\r\n\u2028end  ")
    relabel(store, 1, Label.NEGATIVE)
    assert [text for text, _, _ in corrected(store).examples] == [
        "@lumora line one line two and a tab end"
    ]


def test_a_text_corrected_on_several_mentions_is_learnt_once_at_its_latest(
    store: Store,
) -> None:
    _stored(store, "@lumora the lamp is fine", "@lumora  the lamp is FINE\n", "@lumora awful")
    relabel(store, 1, Label.NEGATIVE)
    relabel(store, 3, Label.NEGATIVE)
    relabel(store, 2, Label.POSITIVE)  # the latest says what the text is
    relabel(store, 3, Label.NEUTRAL)  # relabelled again: the latest wins
    found = corrected(store)
    assert [(text, label) for text, label, _ in found.examples] == [
        ("@lumora the lamp is FINE", 2),
        ("@lumora awful", 1),
    ]
    assert found.repeats == 1 and found.blank == 0


def test_a_correction_with_no_text_is_not_learnt(store: Store) -> None:
    _stored(store, " \n\t", "@lumora ok")
    relabel(store, 1, Label.NEGATIVE)
    relabel(store, 2, Label.NEUTRAL)
    found = corrected(store)
    assert [text for text, _, _ in found.examples] == ["@lumora ok"] and found.blank == 1


def test_an_unread_mentions_platform_language_is_the_folders_code(store: Store) -> None:
    _stored(store, "@lumora meu pedido chegou quebrado", lang="pt-BR")
    relabel(store, 1, Label.NEGATIVE)  # relabelled before the pipeline read it
    assert [code for _, _, code in corrected(store).examples] == ["pt"]


def test_an_erased_authors_corrections_are_not_learnt(store: Store) -> None:
    _stored(store, "@lumora secret complaint of mine", "@lumora another post")
    relabel(store, 1, Label.NEGATIVE)
    relabel(store, 2, Label.POSITIVE)
    erase(store, "x", "h_a1", by="dpo")
    assert [text for text, _, _ in corrected(store).examples] == ["@lumora another post"]


def test_train_sentiment_says_which_corrections_repeat_a_text(
    tmp_path: Path,
) -> None:
    samples = [mention(1, "@lumora the lamp is fine"), mention(2, "@lumora the lamp is fine")]
    posts = write_mentions(tmp_path / "m.jsonl", samples)
    config = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=posts)
    assert md(config, "run", "--once")[0] == 0
    assert md(config, "relabel", "1", "0")[0] == 0
    assert md(config, "relabel", "2", "2")[0] == 0
    en = write_folder(tmp_path / "en", EN)
    args = ["--data", str(en), "--out", str(tmp_path / "m.npz"), "--corrections"]
    code, output = md(config, "train-sentiment", *args)
    said = " ".join(output.split())
    assert code == 0, output
    assert "used 1 of 2 corrections (1 repeating another corrected mention's text)" in said


async def test_a_post_edited_after_its_correction_is_not_learnt_until_corrected_again(
    tmp_path: Path, db_url: str
) -> None:
    config = _config(tmp_path, db_url, [mention(1, COMPLAINT)])
    async with _run(config) as (app, _):
        relabel(app.store, 1, Label.NEGATIVE, by="ana")
        with app.store.engine.connect() as conn:
            first, _ = stored_mention(conn, 1)
        edit = replace(first, text="@lumora sorted now, thank you so much!", edit_id="e2")
        app.store.ingest("x", [edit], None)
        await app.run_once()  # read again, at the edited text
        before = corrected(app.store)
        relabel(app.store, 1, Label.POSITIVE, by="ana")  # a label for the text it has now
        after = corrected(app.store)
    assert before.examples == [] and before.edited == 1
    assert [(t, y) for t, y, _ in after.examples] == [(edit.text, 2)] and after.edited == 0
