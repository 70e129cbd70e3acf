"""Playbook decisions are pure: table-driven cases over label, language, reach, topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, ConfigError, History, Label, Reading
from playbooks import load_playbook
from playbooks.templates import Templates
from sentiment import topics
from tests.helpers import mention

BRAND = Brand(name="Lumora")
SHIPPED = load_playbook([], brand=BRAND)


def _reading(
    label: Label,
    *,
    lang: str = "en",
    topics: tuple[str, ...] = (),
    frustration: int = 0,
    question: bool = False,
    reason: str | None = None,
) -> Reading:
    return Reading(
        label=label,
        score=0.9,
        lang=lang,
        topics=topics,
        reason=reason,
        frustration=frustration,
        is_question=question,
    )


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        (_reading(Label.NEGATIVE, frustration=1), ["open_case", "alert", "draft_private"]),
        (
            _reading(Label.NEGATIVE, frustration=3),
            ["open_case", "alert", "draft_private", "escalate"],
        ),
        (_reading(Label.POSITIVE), ["draft_public"]),
        (_reading(Label.NEUTRAL, question=True), ["open_case"]),
        (_reading(Label.NEUTRAL), []),
        (_reading(Label.NEGATIVE, topics=("spam",)), []),
    ],
)
def test_shipped_rules(reading: Reading, expected: list[str]) -> None:
    actions = SHIPPED.decide(mention(1), reading, History())
    assert [a.kind.value for a in actions] == expected


def test_private_message_is_in_the_authors_language_and_personal() -> None:
    history = History(past_cases=("MD-000007",), mentions_before=1)
    pt = _reading(Label.NEGATIVE, lang="pt", reason="delivery", frustration=1)
    (draft,) = [
        a for a in SHIPPED.decide(mention(1), pt, history) if a.kind is ActionKind.DRAFT_PRIVATE
    ]
    assert draft.text is not None
    assert (
        draft.text.startswith("Olá, Ana! Aqui é a equipe Lumora.")
        and "entrega" in draft.text
        and "MD-000007" in draft.text
    )


def test_unknown_language_falls_back_to_default() -> None:
    de = _reading(Label.POSITIVE, lang="de")
    (draft,) = SHIPPED.decide(mention(1, name="Jürgen"), de, History())
    assert draft.text == "Thank you, Jürgen! It made our day at Lumora."
    assert draft.lang == "en"


def test_a_draft_names_the_platform_as_people_read_it(tmp_path: Path) -> None:
    # `{{ platform }}` reads as the desk shows it ("Hacker News"), as in a saved reply.
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "where.j2").write_text("Thanks for the post on {{ platform }}!")
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rules]]\nname = "w"\nactions = [{ type = "draft_public", template = "where" }]'
    )
    book = load_playbook([rules], brand=BRAND, template_dir=tmp_path)
    (draft,) = book.decide(mention(1, platform="hackernews"), _reading(Label.POSITIVE), History())
    assert draft.text == "Thanks for the post on Hacker News!"


def test_template_syntax_in_a_mention_is_data(tmp_path: Path) -> None:
    evil = mention(1, "{{ 7*7 }} {% for x in range(3) %}x{% endfor %}", name="Ana {{7*7}}")
    (draft,) = SHIPPED.decide(evil, _reading(Label.POSITIVE), History())
    assert draft.text == "Thank you, Ana! It made our day at Lumora."
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "full.j2").write_text("Hi {{ full_name }}")
    rendered, _ = Templates([tmp_path]).render("full", "en", {"full_name": "{{7*7}}"})
    assert rendered == "Hi {{7*7}}"


def test_templates_cannot_reach_python_internals(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "evil.j2").write_text("{{ name.__class__.__mro__[1].__subclasses__() }}")
    templates = Templates([tmp_path])
    from jinja2.exceptions import SecurityError

    with pytest.raises(SecurityError):
        templates.render("evil", "en", {"name": "x"})


@pytest.mark.parametrize(
    ("when", "reach", "lang", "fires"),
    [
        ("{ min_reach = 1000 }", 5000, "en", True),
        ("{ min_reach = 1000 }", 50, "en", False),
        ('{ lang = ["pt"], platform = ["x"] }', 5, "pt", True),
        ('{ lang = ["pt"], platform = ["reddit"] }', 5, "pt", False),
        ('{ topic = ["delivery"], min_score = 0.5 }', 5, "en", True),
    ],
)
def test_rule_conditions(tmp_path: Path, when: str, reach: int, lang: str, fires: bool) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text(
        f'[[rules]]\nname = "r"\nwhen = {when}\nactions = [{{ type = "assign", to = "senior" }}]\n'
    )
    playbook = load_playbook([rules], brand=BRAND)
    reading = _reading(Label.NEGATIVE, lang=lang, topics=("delivery",))
    actions = playbook.decide(mention(1, followers=reach), reading, History())
    assert bool(actions) is fires


@pytest.mark.parametrize("folder", ["pt-pt", "pt_PT", "PT-PT"])
def test_a_templates_folder_not_written_as_a_tag_stops_start_up(
    tmp_path: Path, folder: str
) -> None:
    """Drafts look for pt-PT/: a folder named otherwise was loaded and never used."""
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "complaint_dm.j2").write_text("Olá! Somos a equipa.")
    with pytest.raises(ConfigError, match=rf"the folder {folder}/ is never used; name it pt-PT/"):
        load_playbook([], brand=BRAND, template_dir=tmp_path)


@pytest.mark.parametrize("folder", ["old-drafts", "Drafts_2024", "OLD"])
def test_a_templates_folder_that_is_no_language_gets_advice_that_fits(
    tmp_path: Path, folder: str
) -> None:
    """A folder that is no language is not told to be renamed "old-DRAFTS/"."""
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "complaint_dm.j2").write_text("Hi")
    with pytest.raises(ConfigError) as info:
        load_playbook([], brand=BRAND, template_dir=tmp_path)
    error = str(info.value)
    if folder == "OLD":  # three letters: a language tag, as far as a name tells
        assert "name it old/" in error, error
    else:
        assert f"the folder {folder}/ is never used; it is not a language folder" in error
        assert "e.g. en/, pt/, pt-PT/" in error and "move it out of the templates" in error
        assert "(the language in lower case" not in error, error


def test_a_default_language_without_templates_names_the_setting() -> None:
    with pytest.raises(ConfigError, match=r"^playbooks\.default_lang: .*: en, pt, pt-BR, pt-PT,"):
        load_playbook([], brand=BRAND, default_lang="tlh")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rules]]\nname = "r"\nactions = [{ type = "draft_private" }]\n', "needs template"),
        ('[[rules]]\nname = "r"\nactions = [{ type = "alert", auto = true }]\n', "auto = true"),
        ('[[rules]]\nname = "r"\nwhen = { colour = ["red"] }\n', "colour"),
        (f'[[rules]]\nname = "{"r" * 65}"\n', "rule 1: name: 'rrrr"),
        (
            '[[rules]]\nname = "r"\nactions = [{ type = "draft_public", template = "nope" }]\n',
            r"template 'nope' not found \(en/nope.j2\)",
        ),
        # The key, the rule by name, and the fix, as config.toml's own problems read.
        (
            '[[rules]]\nname = "complaint"\nwhen = { lable = ["negative"] }\n',
            r"rule 'complaint': when\.lable: unknown key; did you mean 'label'\?",
        ),
        ('[[rule]]\nname = "r"\n', r"rule: unknown key; did you mean 'rules'\?"),
        (
            '[[rules]]\nname = "r"\nwhen = { label = ["negativ"] }\n',
            r"rule 'r': when\.label: no label 'negativ'; did you mean 'negative'\?",
        ),
        (
            '[[rules]]\nname = "a"\n[[rules]]\nname = "complaint"\n'
            'actions = [{ type = "alert" },\n'
            '  { type = "draft_private", template = "complaint_dmm" }]\n',
            r"r\.toml: rule 'complaint', action 2: template: template "
            r"'complaint_dmm' not found .*did you mean 'complaint_dm'\? the templates are "
            r"complaint_dm, thank_you",
        ),
        # Conditions no post can meet: the rule would load and never fire.
        (
            '[[rules]]\nname = "r"\nwhen = { min_score = 0.9, max_score = 0.5 }\n',
            r"rule 'r': when: min_score = 0\.9 is above max_score = 0\.5: no post",
        ),
        (
            '[[rules]]\nname = "r"\nwhen = { min_reach = 1000, max_reach = 10 }\n',
            r"min_reach = 1000 is above max_reach = 10: no post could match; swap them",
        ),
        (
            '[[rules]]\nname = "r"\nwhen = { platform = [] }\n',
            r"rule 'r': when\.platform: an empty list matches nothing; remove",
        ),
        ('[[rules]]\nname = "r"\nwhen = { label = [] }\n', r"when\.label: .*empty list"),
    ],
)
def test_bad_rule_files_are_config_errors(tmp_path: Path, body: str, message: str) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_playbook([rules], brand=BRAND)


def test_a_misspelt_variable_in_any_branch_stops_start_up(tmp_path: Path) -> None:
    # The start-up sample is a delivery complaint: only the price branch names `prise`.
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "complaint_dm.j2").write_text(
        'Hi.{% if reason == "price" %} Sorry about {{ prise }}.{% endif %}'
        "{% for case in past_cases %} {{ case }}{% endfor %}"
    )
    with pytest.raises(
        ConfigError, match=r"en/complaint_dm\.j2, line 1: \{\{ prise \}\} is not one"
    ):
        load_playbook([], brand=BRAND, template_dir=tmp_path)


def test_follow_for_follow_bait_read_as_praise_gets_no_thank_you() -> None:
    # The demo's "sigam … que eu sigo de volta" read as praise and was thanked in public.
    text = "sigam @lumora_br e me sigam que eu sigo de volta!!! sdv garantido 💯"
    bait = _reading(Label.POSITIVE, lang="pt", topics=topics.topics(text))
    assert SHIPPED.decide(mention(1), bait, History()) == []
