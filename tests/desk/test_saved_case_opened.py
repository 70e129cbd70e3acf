"""`{{ case_opened }}` in saved replies, as a São Paulo agent writes it ("Olá {{ name }}, o seu
caso {{ case }} aberto em {{ case_opened }} já está com a equipe…"): accepted at start-up and in
the desk's editor (whose help lists it, in each language), filled in on the case page with the
day the case was opened in `[desk] timezone`, written as each reply's language writes a date,
and "" where the post has no case, as `{{ case }}` is (a reply writing either as it is is not
offered there); previewed for the sample case."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentiondesk.saved_replies import SAMPLE, check_reply, placeholders
from mentiondesk.store import Store
from mentiondesk.web.saved_preview import preview
from tests.desk.conftest import Clock, Desk, desk_client
from tests.desk.seed import add, dated_case

SAVED = '''
[[replies]]
id = "seguimento"
title = "Seguimento"
lang = "pt-BR"
text = """Olá{% if name %} {{ name }}{% endif %}, o seu caso {{ case }} aberto em \\
{{ case_opened }} já está com a equipe."""

[[replies]]
id = "follow-up"
title = "Follow-up"
lang = "en"
text = "Your case {{ case }}, opened on {{ case_opened }}, is with the team."
'''
_OPTION = re.compile(r'<option value="([a-z-]+)" data-text="([^"]*)"')
_ORDER = {"id": "caso", "title": "Caso", "lang": "pt-BR", "kind": ""}
_DESK = 'saved_replies = "saved.toml"\ntimezone = "America/Sao_Paulo"'
# 01:30 UTC on 13 March: still 12 March, 22:30, in São Paulo.
_OPENED = datetime(2026, 3, 13, 1, 30, tzinfo=UTC)


async def _page(
    tmp_path: Path, db_url: str, store: Store, path: str, headers: dict[str, str]
) -> str:
    """`path` as the desk (in São Paulo, with the replies above) shows it to a manager."""
    (tmp_path / "saved.toml").write_text(SAVED, encoding="utf-8")
    clock = Clock()
    clock.now = datetime(2026, 3, 20, 15, tzinfo=UTC)
    async with desk_client(tmp_path, db_url, store, _DESK, clock=clock) as client:
        assert await Desk(client).login("admin") == 303
        return await (await client.get(path, headers=headers)).text()


async def test_the_picker_dates_the_case_in_the_desk_s_day_and_each_reply_s_language(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    case = dated_case(store, _OPENED)
    options = dict(_OPTION.findall(await _page(tmp_path, db_url, store, f"/cases/{case}", {})))
    number = f"MD-{case:06d}"
    assert options["seguimento"].endswith(
        f"o seu caso {number} aberto em 12/03/2026 já está com a equipe."
    )
    assert options["follow-up"] == f"Your case {number}, opened on 12 March 2026, is with the team."


async def test_a_post_with_no_case_is_not_offered_a_reply_that_would_leave_a_gap(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    # A thank-you drafted for praise: its box has a picker, the post no case. Both replies
    # write the case's number and date as they are: offered, they would read "Your case ,
    # opened on , …" (test_saved_case_guard: how a reply says them safely).
    mention, case, _ = add(
        store, "Love my lamp!", label="positive", case=False, draft="Thanks!", draft_kind="public"
    )
    assert case is None
    page = await _page(tmp_path, db_url, store, f"/mentions/{mention}", {})
    assert "Your case ," not in page
    assert not {"follow-up", "seguimento"} & dict(_OPTION.findall(page)).keys()


def test_the_start_up_sample_has_a_date_and_the_editor_accepts_it() -> None:
    assert SAMPLE["case_opened"] == "30 September 2026"  # the longest date written
    assert "{{ case_opened }}" in placeholders()
    _, template = check_reply({**_ORDER, "text": "Caso {{ case }}, aberto em {{ case_opened }}."})
    assert template.render(**SAMPLE) == "Caso MD-000001, aberto em 30 September 2026."


def test_the_preview_dates_the_sample_case_in_the_reply_s_language() -> None:
    template = check_reply({**_ORDER, "text": "Caso {{ case }} aberto em {{ case_opened }}."})[1]
    shown = preview(template, "pt-BR", brand="Lumora", agent="ana")
    assert shown.text == "Caso MD-000123 aberto em 12/03/2026."
    assert preview(template, "en", brand="Lumora", agent="ana").text == (
        "Caso MD-000123 aberto em 12 March 2026."
    )


@pytest.mark.parametrize(
    ("headers", "opening", "empty"),
    [
        (
            {},
            "is the day the case was opened",
            "it and {{ case }} are empty on a post with no case",
        ),
        (
            {"Accept-Language": "pt-BR"},
            "é o dia em que o caso foi aberto",
            "publicação sem caso, {{ case_opened }} e {{ case }} ficam vazios",
        ),
        (
            {"Accept-Language": "pt-PT"},
            "é o dia em que o caso foi aberto",
            "tal como {{ case }}, fica vazio numa publicação sem caso",
        ),
    ],
)
async def test_the_editor_s_help_lists_and_explains_case_opened(
    tmp_path: Path, db_url: str, store: Store, headers: dict[str, str], opening: str, empty: str
) -> None:
    page = await _page(tmp_path, db_url, store, "/saved-replies", headers)
    assert "{{ case_opened }}, {{ full_name }}" in page  # in the list of placeholders
    assert f"{{{{ case_opened }}}} {opening}" in page and empty in page
    assert "(12/03/2026 " in page and ", 12 March 2026 " in page
