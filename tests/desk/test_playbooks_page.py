"""The Playbooks page reads as words a manager knows, in their language, not the playbook
file's keys (`min_frustration = 3`, `draft_private`), which stay in each badge's title."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.models import ActionKind, Brand, Label
from mentiondesk.period import last_days
from mentiondesk.store import Store
from mentiondesk.tables import MENTION, READING
from mentiondesk.web import data_rules
from mentiondesk.web.data_rules import matched_this_week
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE
from mentiondesk.web.i18n_pt import MESSAGES
from mentiondesk.web.rule_words import actions, conditions
from playbooks import load_playbook
from playbooks.rules import ActionSpec, Rule, When
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_LOCALE = load_playbook([], brand=Brand(name="Lumora")).locale
_BADGE = re.compile(r'<span class="badge" title="([^"]*)">([^<]*)</span>')


def _row(page: str, rule: str) -> dict[str, str]:
    """A rule's badges: the file's words (title) → what the page shows."""
    row = page.split(f'<code class="rule-id">{rule}</code>', 1)[1].split("</tr>", 1)[0]
    return {title: shown for title, shown in _BADGE.findall(row)}


async def test_the_shipped_rules_read_in_words(as_role: Login) -> None:
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    assert _row(page, "urgent-complaint") == {
        "label = negative": "sentiment is complaint",
        "min_frustration = 3": "frustration is 3 or more (of 3)",
        "escalate": "escalate to the help desk",
    }
    assert _row(page, "complaint")["draft_private (complaint_dm)"] == "draft a private reply"
    assert _row(page, "praise")["question = false"] == "it is not a question"
    # Conditions join with "and", a list's values with "or": not "neutral, positive · is a
    # question", which read as "positive is a question".
    question = page.split('<code class="rule-id">question</code>', 1)[1].split("</tr>", 1)[0]
    assert re.search(
        r">sentiment is neutral or praise</span> <span class=\"joiner\">and</span> "
        r"<span[^>]*>it is a question<",
        question,
    )
    assert "open_case</span>" not in page and ">label = " not in page
    spam = page.split('<code class="rule-id">spam</code>', 1)[1].split("</tr>", 1)[0]
    assert "nothing more" in spam  # a rule with no actions says so, not an empty cell


async def test_the_rules_read_in_portuguese(as_role: Login) -> None:
    desk = await as_role("manager")
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get("/playbooks", headers=pt)).text()
    assert _row(page, "urgent-complaint") == {
        "label = negative": "o sentimento é reclamação",
        "min_frustration = 3": "a frustração é de pelo menos 3 (de 3)",
        "escalate": "encaminhar ao help desk",
    }
    assert _row(page, "question") == {
        "label = neutral, positive": "o sentimento é neutro ou elogio",
        "question = true": "é uma pergunta",
        "open_case": "abrir um caso",
    }
    assert '<span class="joiner">e</span>' in page
    assert "<title>Regras ·" in page or ">Regras</a>" in page  # the menu: not "Playbooks"
    assert "Playbooks" not in re.sub(r"<[^>]*>", " ", page)


def test_every_condition_and_action_has_words_in_both_languages() -> None:
    """A site's own playbook may use any of them: none may break the page or show English."""
    when = When(
        label=["positive"],
        lang=["pt"],
        platform=["x"],
        topic=["delivery"],
        reason=["refund_payment"],
        min_score=0.5,
        max_score=0.9,
        min_reach=10000,
        max_reach=50000,
        min_frustration=2,
        question=True,
        returning_author=False,
    )
    specs = [
        ActionSpec(type=ActionKind.OPEN_CASE),
        ActionSpec(type=ActionKind.ASSIGN, to="ana"),
        ActionSpec(type=ActionKind.ALERT, to="slack"),
        ActionSpec(type=ActionKind.DRAFT_PRIVATE, template="dm"),
        ActionSpec(type=ActionKind.DRAFT_PUBLIC, template="thanks", auto=True),
        ActionSpec(type=ActionKind.ESCALATE),
    ]
    english = [p.text for p in conditions(when, ENGLISH) + actions(specs, ENGLISH)]
    assert "the author has at least 10,000 followers" in english
    assert "topic is delivery" in english and "the classifier is at least 50% sure" in english
    assert "assign to ana" in english and "alert the team → slack" in english
    assert "draft a public reply (sent without approval)" in english
    portuguese = [p.text for p in conditions(when, PORTUGUESE) + actions(specs, PORTUGUESE)]
    assert (
        "a pessoa tem pelo menos 10.000 seguidores" in portuguese
        and "a classificação automática tem pelo menos 50% de certeza" in portuguese
    )
    assert "o motivo é reembolso/pagamento" in portuguese and "atribuir a ana" in portuguese
    assert not set(english) & set(portuguese)
    assert all(p.text != p.source for p in conditions(when, PORTUGUESE))
    assert "draft a public reply" in MESSAGES


def _week(page: str, rule: str) -> str:
    """A rule's "Fired in the last 7 days" cell, each count out of the span that keeps it on
    one line ("114 alerts", never "114 / alerts")."""
    row = page.split(f'<code class="rule-id">{rule}</code>', 1)[1].split("</tr>", 1)[0]
    cell = row.split('class="fired"', 1)[1].split("</td>", 1)[0]
    return re.sub(r'<span class="count">(.*?)</span>', r"\1", cell)


async def test_the_spam_rule_counts_the_mentions_it_matched(as_role: Login, store: Store) -> None:
    # It makes no case, draft or alert: counting those showed 0 however much spam came in.
    for text in ("sigam e sigo", "follow for follow"):
        add(store, text, label="positive", topics=("spam",), case=False, draft=None)
    old, _, _ = add(store, "an old giveaway", topics=("spam",), case=False, draft=None)
    with store.engine.begin() as conn:  # read 8 days ago: out of the week
        eight_days_ago = datetime.now(UTC) - timedelta(days=8)
        conn.execute(
            sa.update(READING).where(READING.c.mention_id == old).values(created_at=eight_days_ago)
        )
    add(store, "where is my order")  # a complaint: the spam rule does not match it
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    assert ">2 mentions matched<" in _week(page, "spam")
    assert _week(page, "complaint").strip().endswith(">1 case, 1 draft")
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get("/playbooks", headers=pt)).text()
    assert "2 menções correspondentes" in _week(page, "spam")
    assert "1 caso, 1 rascunho" in _week(page, "complaint")


async def test_one_matched_mention_is_singular(as_role: Login, store: Store) -> None:
    add(store, "f4f", topics=("spam",), case=False, draft=None)
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    assert ">1 mention matched<" in _week(page, "spam")


def test_a_silent_rule_that_depends_on_history_is_not_counted(store: Store) -> None:
    """A rule's match on "author wrote before" cannot be told again from a stored reading:
    neither can any silent rule below it that stops on it."""
    add(store, "hello", label="neutral", case=False, draft=None)
    rules = [
        Rule(name="quiet", when=When(label=[Label.NEUTRAL])),
        Rule(name="regulars", when=When(returning_author=True), stop=True),
        Rule(name="below", when=When(label=[Label.NEUTRAL])),
        Rule(name="acts", actions=[ActionSpec(type=ActionKind.OPEN_CASE)]),
    ]
    now = datetime.now(UTC)
    assert matched_this_week(store, rules, now=now, locale=_LOCALE) == {
        "quiet": 1,
        "regulars": None,
        "below": None,
    }


def test_only_readings_a_silent_rule_could_match_are_checked_again(store: Store) -> None:
    """The week's readings are narrowed in SQL (label, language, platform, reason, topic) and
    only those are re-checked: the counts are the same, and a busy week costs what it matches."""
    add(store, "f4f", label="positive", topics=("spam",), case=False, draft=None)
    add(store, "spam spam", label="negative", topics=("spam",), case=False, draft=None)
    add(store, "spammy?", label="positive", topics=("spammy",), case=False, draft=None)
    add(store, "on reddit", label="positive", platform="reddit", topics=("spam",), draft=None)
    add(store, "where is my order", case=False, draft=None)
    when = When(label=[Label.POSITIVE], platform=["x"], topic=["spam"])
    with store.engine.connect() as conn:
        query = data_rules._readings_in(last_days(datetime.now(UTC), 1))
        rows = conn.execute(query.where(data_rules._could_match(when))).all()
        everything = conn.scalar(sa.select(sa.func.count()).select_from(MENTION))
    # "spammy" passes the SQL superset (topics are comma-joined text); the exact check drops it.
    assert (len(rows), everything) == (2, 5)
    rules = [Rule(name="quiet", when=when)]
    assert matched_this_week(store, rules, now=datetime.now(UTC), locale=_LOCALE) == {"quiet": 1}


def test_a_silent_rule_on_a_region_counts_the_mentions_answered_there(store: Store) -> None:
    """A rule on "pt-PT" is checked on the reply's locale, told again from the stored text."""
    portuguese = [add(store, t, case=False, draft=None)[0] for t in ("estou a aguardar", "cadê")]
    add(store, "where is my order", case=False, draft=None)
    with store.engine.begin() as conn:
        conn.execute(READING.update().where(READING.c.mention_id.in_(portuguese)).values(lang="pt"))
    rules = [
        Rule(name="portugal", when=When(lang=["pt-PT"])),
        Rule(name="brazil", when=When(lang=["pt-BR"])),
        Rule(name="portuguese", when=When(lang=["pt"])),
    ]
    counts = matched_this_week(store, rules, now=datetime.now(UTC), locale=_LOCALE)
    assert counts == {"portugal": 1, "brazil": 1, "portuguese": 2}


def test_a_list_condition_reads_as_any_of_its_values() -> None:
    when = When(lang=["pt", "en", "es"], label=["negative"])
    assert [p.text for p in conditions(when, ENGLISH)] == [
        "sentiment is complaint",
        "language is Portuguese, English or Spanish",
    ]
    assert [p.text for p in conditions(when, PORTUGUESE)][1] == (
        "o idioma é português, inglês ou espanhol"
    )


def test_a_language_or_platform_condition_reads_as_their_names() -> None:
    # Not "o idioma é pt-PT" nor "a plataforma é hackernews": the codes are the file's.
    when = When(lang=["pt-PT"], platform=["hackernews", "x"])
    pt = [p.text for p in conditions(when, PORTUGUESE)]
    assert pt == ["o idioma é português europeu", "a plataforma é Hacker News ou X"]
    assert [p.text for p in conditions(when, ENGLISH)][1] == "platform is Hacker News or X"
    assert [p.source for p in conditions(when, PORTUGUESE)][1] == "platform = hackernews, x"
