"""A customer answers the CSAT question with "5", then edits the post into a complaint ("5
dias sem internet, resolvam!"): the answer is no longer theirs, so it is withdrawn (audited
without the text) and the complaint is read as any edited post. The other way round, a post
edited into a score is recorded as the answer it now is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import AUDIT, CASE, DRAFT, SURVEY
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.helpers import COMPLAINT, mention, table_rows
from tests.test_audit_lines_variants import _entry
from tests.test_survey_answers_pipeline import CSAT, LATER, _answers, _case_then, _of_mention, _run

FIRST = mention(1, COMPLAINT)


def _survey_lines(db_url: str, mention_id: int) -> list[str]:
    query = sa.select(AUDIT.c.detail).where(
        AUDIT.c.mention_id == mention_id, AUDIT.c.action == "survey"
    )
    return [r[0] for r in table_rows(db_url, query.order_by(AUDIT.c.id))]


async def test_a_score_edited_into_a_complaint_is_withdrawn(tmp_path: Path, db_url: str) -> None:
    answer = mention(LATER, "5")
    await _case_then(tmp_path, db_url, [answer])
    assert [a[2:] for a in _answers(db_url)] == [("csat", 5)]
    edited = replace(answer, text="5 dias sem internet, resolvam! Terrible service", edit_id="e1")
    await _run(tmp_path, db_url, [FIRST, answer, edited], CSAT)  # the replay reads on
    post = _of_mention(db_url, answer.external_id)
    assert _answers(db_url) == []
    assert _survey_lines(db_url, post) == ["csat 5", "csat 5 withdrawn"]  # never the text
    cases = table_rows(db_url, sa.select(CASE.c.id).where(CASE.c.mention_id == post))
    assert len(cases) == 1  # the complaint reaches the desk


async def test_an_earlier_answer_counts_again_once_the_later_is_withdrawn(
    tmp_path: Path, db_url: str
) -> None:
    first, second = mention(LATER, "4"), mention(LATER + 1, "nota 5")
    await _case_then(tmp_path, db_url, [first, second])
    edited = replace(second, text="afinal 5 dias sem resposta", edit_id="e1")
    await _run(tmp_path, db_url, [FIRST, first, second, edited], CSAT)
    assert [a[2:] for a in _answers(db_url)] == [("csat", 4)]


async def test_a_score_edited_into_another_is_the_new_answer(tmp_path: Path, db_url: str) -> None:
    answer = mention(LATER, "5")
    await _case_then(tmp_path, db_url, [answer])
    edits = [
        replace(answer, text="4", edit_id="e1"),
        replace(answer, text="4 ⭐⭐⭐⭐", edit_id="e2"),
    ]
    await _run(tmp_path, db_url, [FIRST, answer, edits[0]], CSAT)
    await _run(tmp_path, db_url, [FIRST, answer, *edits], CSAT)  # the same answer, once
    post = _of_mention(db_url, answer.external_id)
    assert [a[2:] for a in _answers(db_url)] == [("csat", 4)]
    assert _survey_lines(db_url, post) == ["csat 5", "csat 5 withdrawn", "csat 4"]


async def test_a_post_edited_into_a_score_is_recorded(tmp_path: Path, db_url: str) -> None:
    typo = mention(LATER, "Obrigada pela ajuda, adorei o atendimento!")
    await _case_then(tmp_path, db_url, [typo])
    assert _answers(db_url) == []
    await _run(
        tmp_path, db_url, [FIRST, typo, replace(typo, text="5 obrigada", edit_id="e1")], CSAT
    )
    post = _of_mention(db_url, typo.external_id)
    assert [a[2:] for a in _answers(db_url)] == [("csat", 5)]
    assert _survey_lines(db_url, post) == ["csat 5"]
    waiting = sa.select(DRAFT.c.id).where(DRAFT.c.mention_id == post, DRAFT.c.status == "pending")
    assert table_rows(db_url, waiting) == []  # a score gets no draft
    assert table_rows(db_url, sa.select(SURVEY.c.case_id))[0][0] == 1


def test_a_withdrawn_answer_is_said_in_the_desks_words() -> None:
    line = _entry("survey", "csat 5 withdrawn", actor="their reply")
    said = "The author edited the post: its survey answer CSAT 5 is withdrawn"
    assert audit_line(ENGLISH, line) == said
    assert audit_line(EUROPEAN_PORTUGUESE, line) == (
        "A pessoa editou a publicação: a resposta ao inquérito (CSAT 5) foi retirada"
    )
    assert "resposta à pesquisa (CSAT 5)" in audit_line(PORTUGUESE, line)
