"""Failure modes found in review: double claims, broken templates, bad headers, bad routing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.casework import AlreadyEscalated, escalate_case
from mentiondesk.config import OutboxSection, load_config
from mentiondesk.models import Brand, CaseContext, ConfigError, Label, OutboxAction, Reading
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.pipeline import App
from mentiondesk.report import report
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, MENTION, OUTBOX
from playbooks import load_playbook
from tests.helpers import mention, write_config, write_mentions
from tests.test_pipeline import COMPLAINT, Recorder, recorders


def test_two_claimers_never_take_the_same_outbox_row(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'race.db'}")
    store.create_all()
    now = datetime.now(UTC)
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=1.0))
    rows = [
        outbox_row(OutboxAction(key=f"k{i}", kind="alert", target="t", context=context), None, now)
        for i in range(40)
    ]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), rows)
    workers = [OutboxWorker(store, {}, OutboxSection(batch_size=5)) for _ in range(4)]
    taken: list[str] = []
    lock = threading.Lock()

    def claim(worker: OutboxWorker) -> None:
        for _ in range(10):
            try:
                got = worker._claim(None)
            except sa.exc.OperationalError:  # SQLite "database is locked": try again
                continue
            with lock:
                taken.extend(c.action.key for c in got)

    threads = [threading.Thread(target=claim, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.dispose()
    assert len(taken) == len(set(taken))


def test_a_broken_translation_fails_at_start_up(tmp_path: Path) -> None:
    for lang in ("en", "pt"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "thanks.j2").write_text("Thanks{% if name %} {{ name }}{% endif %}")
    (tmp_path / "pt" / "thanks.j2").write_text("Obrigado {{ nome }}")
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[[rules]]\nname = "r"\nactions = [{ type = "draft_public", template = "thanks" }]\n'
    )
    with pytest.raises(ConfigError, match=r"pt/thanks\.j2, line 1: \{\{ nome \}\} is not one"):
        load_playbook([rules], brand=Brand(name="L"), template_dir=tmp_path)


async def test_a_draft_only_rule_whose_template_fails_opens_a_case_instead(
    tmp_path: Path,
) -> None:
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    (tmp_path / "tpl" / "en" / "odd.j2").write_text("{{ 10 // (frustration - 1) }}")
    (tmp_path / "r.toml").write_text(
        '[[rules]]\nname = "r"\nwhen = { label = ["negative"] }\n'
        'actions = [{ type = "draft_private", template = "odd" }]\n'
    )
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])  # frustration 1
    extra = '\n[playbooks]\npaths = ["r.toml"]\ntemplates = "tpl"\n'
    path = write_config(tmp_path, db_url="sqlite:///d.db", samples=samples, extra=extra)
    app = App(load_config(path), responders=recorders())
    async with app:
        await app.run_once()
        with app.store.engine.connect() as conn:
            rules = list(conn.scalars(sa.select(CASE.c.rule)))
        assert report(app.store)["mentions"] == 1
    assert rules == ["r"]  # the draft is skipped; a person still sees the mention


# Passes both start-up samples ("Sam": 3 letters; no name: 0) and fails for a 4-letter name.
_FOUR_LETTERS = "Hi{% if 1 // (name|length - 4) %} there{% endif %}"
_RULES = """
[[rules]]
name = "complaints"
when = { label = ["negative"] }
actions = [
  { type = "open_case" },
  { type = "alert", to = "console" },
  { type = "escalate", to = "cases" },
  { type = "draft_private", template = "odd" },
]
"""


async def test_a_template_failing_at_run_time_skips_only_its_draft(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    (tmp_path / "tpl" / "en" / "odd.j2").write_text(_FOUR_LETTERS)
    (tmp_path / "r.toml").write_text(_RULES)
    lara = mention(1, COMPLAINT, name="Lara Souza")
    samples = write_mentions(tmp_path / "m.jsonl", [lara, mention(2, COMPLAINT, author="a2")])
    extra = '\n[playbooks]\npaths = ["r.toml"]\ntemplates = "tpl"\n'
    path = write_config(tmp_path, db_url="sqlite:///d.db", samples=samples, extra=extra)
    chat, cases = Recorder("console"), Recorder("cases")
    async with App(load_config(path), responders={"console": chat, "cases": cases}) as app:
        await app.run_once()
        with app.store.engine.connect() as conn:
            case_rules = list(conn.scalars(sa.select(CASE.c.rule)))
            drafts = list(conn.scalars(sa.select(DRAFT.c.text)))
            laras = conn.scalar(sa.select(MENTION.c.id).where(MENTION.c.external_id == "m1"))
        assert report(app.store)["mentions"] == 2
    assert case_rules == ["complaints", "complaints"]
    assert [a.kind for a in chat.delivered] == ["alert", "alert"]
    assert [a.kind for a in cases.delivered] == ["ticket", "ticket"]
    assert drafts == ["Hi there"]  # Ana's only: Lara's was skipped
    (line,) = [r.getMessage() for r in caplog.records if "draft skipped" in r.getMessage()]
    assert "'complaints'" in line and "'odd'" in line
    assert line.startswith(f"mention {laras}: ")  # the operator can find it
    assert "Lara" not in caplog.text and "parcel" not in caplog.text


# An empty {{ name }} outside {% if name %} renders without an error, "Hi , thanks": refused too.
@pytest.mark.parametrize("text", ["Hi {{ full_name.split()[1] }}", "Hi {{ name }}, thanks"])
def test_a_template_failing_for_a_nameless_author_stops_start_up(tmp_path: Path, text: str) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "hi.j2").write_text(text)
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[[rules]]\nname = "r"\nactions = [{ type = "draft_public", template = "hi" }]\n'
    )
    message = (
        r"r\.toml: rule 'r', action 1: template: template .*en/hi\.j2, line 1: cannot be "
        r"filled in for an author with no readable name .*put \{\{ name \}\} inside "
        r"\{% if name %\}…\{% endif %\} or write \{\{ name or \"there\" \}\}"
    )
    with pytest.raises(ConfigError, match=message):
        load_playbook([rules], brand=Brand(name="L"), template_dir=tmp_path)


@pytest.mark.parametrize(
    "text", ["Hi {{ name or 'there' }}", "Hi {{ name|default('there', true) }}, thanks"]
)
def test_a_template_that_never_writes_an_empty_name_loads(tmp_path: Path, text: str) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "hi.j2").write_text(text)
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[[rules]]\nname = "r"\nactions = [{ type = "draft_public", template = "hi" }]\n'
    )
    assert load_playbook([rules], brand=Brand(name="L"), template_dir=tmp_path).rules


def test_a_template_raising_a_python_error_stops_start_up(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "hi.j2").write_text("Hi {{ 1 // (frustration - 2) }}")  # the sample's 2
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[[rules]]\nname = "r"\nactions = [{ type = "draft_public", template = "hi" }]\n'
    )
    with pytest.raises(
        ConfigError, match=r"template .*en/hi\.j2, line 1: integer division or modulo"
    ):
        load_playbook([rules], brand=Brand(name="L"), template_dir=tmp_path)


def test_routing_post_needs_a_default(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        db_url="sqlite:///d.db",
        samples=tmp_path / "m.jsonl",
        extra='\n[routing]\npost = { x = "console" }\n',
    )
    with pytest.raises(ConfigError, match=r"routing\.post: add default"):
        load_config(path)


def test_outbox_lease_must_outlast_a_delivery() -> None:
    with pytest.raises(ValueError, match="lease_seconds"):
        OutboxSection(lease_seconds=30)
    assert OutboxSection().lease_seconds > 60


async def test_escalating_an_escalated_case_queues_no_second_ticket(tmp_path: Path) -> None:
    angry = "@lumora THIRD time, awful, terrible service. I am going to the regulator!!"
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, angry)])
    config = load_config(write_config(tmp_path, db_url="sqlite:///d.db", samples=samples))
    app = App(config, responders=recorders())
    async with app:
        await app.run_once()
        with pytest.raises(AlreadyEscalated):  # the rules did: the person is told, not audited
            escalate_case(app.store, 1, by="tester", target="cases")
        with app.store.engine.connect() as conn:
            tickets = conn.scalar(
                sa.select(sa.func.count()).select_from(OUTBOX).where(OUTBOX.c.kind == "ticket")
            )
            escalations = conn.scalar(
                sa.select(sa.func.count()).where(AUDIT.c.action == "escalate")
            )
    assert (tickets, escalations) == (1, 0)


def test_a_draft_is_labelled_with_the_language_it_was_written_in() -> None:
    from mentiondesk.models import History

    playbook = load_playbook([], brand=Brand(name="Lumora"))
    spanish = Reading(label=Label.POSITIVE, score=0.9, lang="es")
    (draft,) = playbook.decide(mention(1), spanish, History())
    assert draft.lang == "en" and draft.text is not None and draft.text.startswith("Thank you")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('\n[store]\nurl = "mysql://x"\n', r"store\.url: 'mysql://x' is not a database URL"),
        ('\n[playbooks]\ntemplates = "nope"\n', r"playbooks\.templates: folder 'nope' not found"),
        (
            '\n[sentiment]\nclassifier = "vader"\nsettings = { treshold = 0.1 }\n',
            r"sentiment\.settings\.treshold: unknown key; did you mean 'threshold'",
        ),
    ],
)
def test_more_config_mistakes_are_caught_before_start(
    tmp_path: Path, extra: str, message: str
) -> None:
    text = write_config(tmp_path, db_url="sqlite:///d.db", samples=tmp_path / "m.jsonl").read_text()
    text = text.replace('[store]\nurl = "sqlite:///d.db"\n', "").replace(
        '[sentiment]\nclassifier = "vader"\nbatch_size = 50\n', ""
    )
    (tmp_path / "config.toml").write_text(text + extra)
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path / "config.toml")
