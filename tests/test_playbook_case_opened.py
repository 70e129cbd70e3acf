"""`{{ case_opened }}` and `{{ case }}`: the day the case a post joins was opened, and its
number, for a Brazilian shop's (and its Lisbon branch's) private message to a detractor:
"Olá Ana, vimos que o seu caso aberto em 12/03/2026 ainda não foi resolvido…". The date is
written as the draft's language writes one ("12/03/2026" in Portuguese, "12 March 2026" in
English), on the day it was in `[desk] timezone`; "" for a post that joins no case, which a
template must test before writing it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from mentiondesk.models import ActionKind, Brand, ConfigError, History, Label, Reading
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT
from playbooks import Playbook, load_playbook
from playbooks.placeholders import case_opened
from tests.helpers import (
    COMPLAINT,
    config_for,
    mention,
    run_cli,
    table_rows,
    write_config,
    write_mentions,
)
from tests.test_pipeline import Recorder

_RULE = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "draft_private", template = "dm" }]
"""
_TEXTS = {
    "en": "Hi{% if name %} {{ name }}{% endif %}, "
    "{% if case_opened %}we see the case you opened on {{ case_opened }} ({{ case }}) is still "
    "open.{% else %}sorry about that.{% endif %}",
    "pt": "Olá{% if name %} {{ name }}{% endif %}, "
    "{% if case_opened %}vimos que o seu caso aberto em {{ case_opened }} ainda não foi "
    "resolvido.{% else %}sentimos muito.{% endif %}",
    "pt-PT": "Olá{% if name %} {{ name }}{% endif %}, "
    "{% if case_opened %}vimos que o seu caso aberto em {{ case_opened }} ainda não está "
    "resolvido.{% else %}lamentamos muito.{% endif %}",
}
_SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # UTC-3
_LISBON = ZoneInfo("Europe/Lisbon")  # UTC+0 in March, before summer time
# 01:30 UTC on 13 March: still 12 March, 22:30, in São Paulo.
_OPENED = datetime(2026, 3, 13, 1, 30, tzinfo=UTC)
_JOINS = History(
    past_cases=("MD-000007",),
    open_cases=("MD-000007",),
    mentions_before=1,
    joins_case="MD-000007",
    joins_case_opened_at=_OPENED,
)
_EUROPEAN = "o meu telemóvel não chegou, estou à espera"


def _templates(folder: Path, texts: dict[str, str]) -> Path:
    for lang, text in texts.items():
        (folder / lang).mkdir(parents=True, exist_ok=True)
        (folder / lang / "dm.j2").write_text(text, encoding="utf-8")
    return folder


def _playbook(
    tmp_path: Path, texts: dict[str, str] = _TEXTS, zone: ZoneInfo = _SAO_PAULO
) -> Playbook:
    (tmp_path / "rules.toml").write_text(_RULE)
    return load_playbook(
        [tmp_path / "rules.toml"],
        brand=Brand(name="Lumora"),
        template_dir=_templates(tmp_path / "tpl", texts),
        timezone=zone,
        clock=lambda: datetime(2026, 3, 20, 12, 0, tzinfo=UTC),
    )


def _draft(playbook: Playbook, lang: str, text: str, history: History = _JOINS) -> tuple[str, str]:
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang=lang)
    (_, action) = playbook.decide(mention(1, text), reading, history)
    assert action.kind is ActionKind.DRAFT_PRIVATE and action.text and action.lang
    return action.text, action.lang


def test_each_language_writes_the_date_its_own_way(tmp_path: Path) -> None:
    playbook = _playbook(tmp_path)
    assert _draft(playbook, "pt", "meu pedido não chegou") == (
        "Olá Ana, vimos que o seu caso aberto em 12/03/2026 ainda não foi resolvido.",
        "pt",
    )
    assert _draft(playbook, "pt", _EUROPEAN) == (
        "Olá Ana, vimos que o seu caso aberto em 12/03/2026 ainda não está resolvido.",
        "pt-PT",
    )
    assert _draft(playbook, "en", "my order is late") == (
        "Hi Ana, we see the case you opened on 12 March 2026 (MD-000007) is still open.",
        "en",
    )


def test_the_day_is_the_desks(tmp_path: Path) -> None:
    # The Lisbon branch's desk: 01:30 UTC on 13 March is 01:30 there, the 13th.
    playbook = _playbook(tmp_path, zone=_LISBON)
    assert "aberto em 13/03/2026 " in _draft(playbook, "pt", _EUROPEAN)[0]
    assert case_opened(_OPENED, "en", UTC) == "13 March 2026"  # a desk with no zone: UTC
    assert case_opened(datetime(2026, 3, 5, 15, 0), "pt-BR", UTC) == "05/03/2026"
    # French writes the day first, as Portugal does; a language the desk knows no date of, as
    # English does (tests/test_europe_drafts_own_folders.py: it/, fr/, de/, nl/ templates).
    assert case_opened(datetime(2026, 9, 5, 15, 0, tzinfo=UTC), "fr", UTC) == "05/09/2026"
    assert case_opened(datetime(2026, 9, 5, 15, 0, tzinfo=UTC), "sv", UTC) == "5 September 2026"


def test_a_post_that_joins_no_case_takes_the_other_branch(tmp_path: Path) -> None:
    playbook = _playbook(tmp_path)
    # A resolved case is no case joined: nothing says "opened on None".
    resolved = History(past_cases=("MD-000003",), mentions_before=2)
    assert _draft(playbook, "en", "my order is late", resolved) == (
        "Hi Ana, sorry about that.",
        "en",
    )
    assert _draft(playbook, "pt", "meu pedido não chegou", History()) == (
        "Olá Ana, sentimos muito.",
        "pt",
    )
    assert case_opened(None, "pt", _SAO_PAULO) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Hi, about the case you opened on {{ case_opened }}.",
        # An open case is no guard: advice to another customer joins none.
        "Hi.{% if open_cases %} Your case ({{ case }}) is with us.{% endif %}",
        "Hi.{% if not returning %}{% else %} Opened on {{ case_opened|upper }}.{% endif %}",
        # The branch taken when there is no case, and a fallback for a value never undefined
        # ("" is defined: `default` keeps it) were let through; so were a variable and a macro.
        "Hi.{% if not case %} Your case ({{ case }}) is with us.{% endif %}",
        'Hi, about your case {{ case|default("MD-000000") }}.',
        "{% set c = case %}Hi, about your case {{ c }}.",
        "{% macro ref(c) %}case {{ c }}{% endmacro %}Hi, about your {{ ref(case) }}.",
    ],
)
def test_a_date_written_where_no_case_may_be_joined_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(
        ConfigError, match=r"en/dm\.j2, line 1: \{\{ case(_opened)? \}\} is written outside"
    ):
        _playbook(tmp_path, {"en": text})


@pytest.mark.parametrize(
    "text",
    [
        "Hi.{% if case %} Your case {{ case }}, opened on {{ case_opened }}.{% endif %}",
        "Hi.{% if open_cases and case_opened %} Opened on {{ case_opened }}.{% endif %}",
        'Hi, about your case (opened {{ case_opened or "recently" }}).',
        'Hi, about your case (opened {{ case_opened|default("recently", true) }}).',
        # `{% if not case %}`'s else is taken only for a case: it was refused.
        "Hi.{% if not case %} Thanks!{% else %} Your case {{ case }} is with us.{% endif %}",
        "{% macro ref() %}Your case {{ case }}.{% endmacro %}"
        "Hi.{% if case %} {{ ref() }}{% endif %}",
        "{% set c = case %}Hi.{% if c and returning %} Your case {{ c }}.{% endif %}",
    ],
)
def test_a_date_written_for_a_joined_case_passes(tmp_path: Path, text: str) -> None:
    _playbook(tmp_path, {"en": text})


def test_where_the_check_cannot_tell_it_says_so(tmp_path: Path) -> None:
    # A case number is never "", so `c == case` holds only for a case; but the check does not
    # read comparisons between two values: it says it cannot tell, and how to write it.
    text = (
        "Hi.{% for c in open_cases %}{% if c == case %} Your case {{ case }} is still open."
        "{% endif %}{% endfor %}"
    )
    with pytest.raises(ConfigError) as caught:
        _playbook(tmp_path, {"en": text})
    said = " ".join(str(caught.value).split())
    assert (
        "en/dm.j2, line 1: cannot tell whether {{ case }} is written only for a post that joins"
        in said
    )
    assert "it goes through {% if … %}, which this check does not follow" in said
    assert "write {{ case }} itself inside {% if case %}…{% endif %}" in said
    assert "is written outside" not in said


def test_a_misspelt_date_is_named_with_the_placeholder_meant(tmp_path: Path) -> None:
    text = "Hi.{% if case_opened %} Opened on {{ case_openned }}.{% endif %}"
    with pytest.raises(ConfigError) as caught:
        _playbook(tmp_path, {"en": text})
    said = str(caught.value)
    assert "en/dm.j2, line 1: {{ case_openned }} is not one of the values" in said
    assert "did you mean {{ case_opened }}?" in said
    assert "{{ case_opened }}" in said.split("the values are ")[1]


def test_check_config_knows_the_placeholder(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    (tmp_path / "rules.toml").write_text(_RULE)
    _templates(tmp_path / "tpl", _TEXTS)
    playbooks = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
    config.write_text(config.read_text() + playbooks)
    code, output = run_cli(config, "check-config")
    assert code == 0 and "is valid" in output, output
    assert "undefined" not in output
    typo = _TEXTS["pt-PT"].replace("em {{ case_opened }}", "em {{ case_opend }}")
    (tmp_path / "tpl" / "pt-PT" / "dm.j2").write_text(typo, encoding="utf-8")
    code, output = run_cli(config, "check-config")
    flat = " ".join(output.split())
    assert code == 2 and "{{ case_opend }} is not one of the values" in flat, output
    assert "pt-PT/dm.j2, line " in flat and "did you mean {{ case_opened }}?" in flat


async def test_a_follow_up_complaint_is_told_the_day_its_case_opened(
    tmp_path: Path, db_url: str
) -> None:
    (tmp_path / "rules.toml").write_text(_RULE)
    _templates(tmp_path / "tpl", _TEXTS)
    extra = (
        '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
        '\n[desk]\ntimezone = "America/Sao_Paulo"\n'
    )

    async def run(mentions: list) -> None:  # type: ignore[type-arg]
        app = App(
            config_for(tmp_path, db_url, mentions, extra=extra),
            responders={"console": Recorder("console"), "cases": Recorder("cases")},
        )
        async with app:
            await app.run_once()

    first = [mention(1, COMPLAINT)]
    await run(first)
    store = Store(db_url)
    with store.engine.begin() as conn:  # the first complaint opened its case late on 12 March
        conn.execute(sa.update(CASE).values(opened_at=_OPENED))
    store.engine.dispose()
    await run([*first, mention(2, COMPLAINT)])
    drafts = dict(table_rows(db_url, sa.select(DRAFT.c.mention_id, DRAFT.c.text)))
    assert drafts[1] == "Hi Ana, sorry about that."
    assert drafts[2] == (
        "Hi Ana, we see the case you opened on 12 March 2026 (MD-000001) is still open."
    )
