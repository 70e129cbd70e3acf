"""`[survey]`: answers read from posts are off unless asked for; a wrong value stops start-up
naming the key and what to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.config_sections import SurveySection
from mentiondesk.models import ConfigError
from mentiondesk.saved_replies import load_saved_replies
from tests.helpers import write_config, write_mentions


def _load(tmp_path: Path, extra: str) -> SurveySection:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    return load_config(path).settings.survey


def test_off_by_default(tmp_path: Path) -> None:
    survey = _load(tmp_path, "")
    assert (survey.answers_from_posts, survey.within_days) == ("none", 7)


@pytest.mark.parametrize(
    ("written", "read"), [("csat", "csat"), ("NPS", "nps"), (" none ", "none")]
)
def test_the_kind_is_read_in_any_case(tmp_path: Path, written: str, read: str) -> None:
    survey = _load(tmp_path, f'\n[survey]\nanswers_from_posts = "{written}"\nwithin_days = 30\n')
    assert (survey.answers_from_posts, survey.within_days) == (read, 30)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (
            'answers_from_posts = "yes"',
            'survey.answers_from_posts: \'yes\': write "csat" (answers 1-5), "nps" (0-10) or '
            '"none"',
        ),
        ("within_days = 0", "survey.within_days: 0 is too low; write a whole number from 1 to 60"),
        (
            "within_days = 61",
            "survey.within_days: 61 is too high; write a whole number from 1 to 60",
        ),
        ("within = 3", "survey.within: unknown key; did you mean 'within_days'?"),
    ],
)
def test_a_wrong_value_stops_start_up_naming_the_key(tmp_path: Path, extra: str, said: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, f"\n[survey]\n{extra}\n")
    assert said in str(raised.value)


SHIPPED = Path(__file__).parent.parent / "saved_replies.toml"
ASKS = {
    "en": "On a scale of 1 to 5, how would you rate our service?",
    "pt-BR": "De 1 a 5, como você avalia nosso atendimento?",
    "pt-PT": "De 1 a 5, como avalia o atendimento que recebeu?",
}


@pytest.mark.parametrize("lang", list(ASKS))
def test_the_shipped_replies_ask_for_the_score_in_each_language(lang: str) -> None:
    values = {"name": "Ana", "full_name": "Ana Souza", "platform": "X", "handle": "@ana"}
    values |= {"brand": "Lumora", "case": "MD-000001", "agent": "bia"}
    filled = load_saved_replies(SHIPPED).for_case(lang, values)
    asking = [f for f in filled if f.lang == lang and ASKS[lang] in f.text]
    assert len(asking) == 1
    assert asking[0].kind is None  # offered in private messages and public replies alike
    assert "Ana!" in asking[0].text
