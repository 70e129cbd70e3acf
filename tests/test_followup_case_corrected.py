"""A corrected follow-up is decided again on the case it joined, as it was when it came in.

A São Paulo team's playbook drafts its own reply for a post that joins the author's open case
(`follow_up = true`). When an agent corrects how such a post reads, the drafts are rewritten
by the follow-up rule for the new label, not by the rule for a first post of that label.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.config import Config
from mentiondesk.corrected_drafts import correct_reading
from mentiondesk.models import Label, Mention
from mentiondesk.pipeline import App
from mentiondesk.playbook_build import build_playbook
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, FOLLOW_UP
from tests.helpers import COMPLAINT, config_for, mention, table_rows
from tests.test_pipeline import recorders

_RULES = """
[[rules]]
name = "repeat-complaint"
when = { label = ["negative"], follow_up = true }
actions = [{ type = "draft_public", template = "repeat" }]
stop = true

[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }]

[[rules]]
name = "case-news"
when = { label = ["neutral"], follow_up = true }
actions = [{ type = "draft_public", template = "case_news" }]

[[rules]]
name = "first-news"
when = { label = ["neutral"], follow_up = false }
actions = [{ type = "draft_public", template = "first_news" }]
"""
_EXTRA = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
_TEMPLATES = {
    "repeat": "Sorry again, a person has your case.",
    "case_news": "Thanks for the news on your case.",
    "first_news": "Hello, how can we help?",
}
_DRAFTS = sa.select(DRAFT.c.mention_id, DRAFT.c.rule, DRAFT.c.text, DRAFT.c.status, DRAFT.c.case_id)


def _config(tmp_path: Path, db_url: str, mentions: list[Mention]) -> Config:
    (tmp_path / "rules.toml").write_text(_RULES, encoding="utf-8")
    folder = tmp_path / "tpl" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in _TEMPLATES.items():
        (folder / f"{name}.j2").write_text(text, encoding="utf-8")
    return config_for(tmp_path, db_url, mentions, extra=_EXTRA)


async def test_a_corrected_follow_up_is_redrafted_by_the_follow_up_rule(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, COMPLAINT)]
    mentions = [*first, mention(2, COMPLAINT.replace("lost", "still lost"))]
    for batch in (first, mentions):  # the complaint opens the case; the second one joins it
        async with App(_config(tmp_path, db_url, batch), responders=recorders()) as app:
            await app.run_once()
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.case_id, FOLLOW_UP.c.mention_id)) == [(1, 2)]
    assert table_rows(db_url, _DRAFTS) == [
        (2, "repeat-complaint", _TEMPLATES["repeat"], "pending", 1)
    ]

    # The agent marks the follow-up as neutral news ("the order number is 12345").
    store = Store(db_url)
    try:
        playbook = build_playbook(_config(tmp_path, db_url, mentions))
        done = correct_reading(store, playbook, 2, Label.NEUTRAL, by="ana")
    finally:
        store.engine.dispose()
    assert done.previous == "negative" and len(done.withdrawn) == 1 and len(done.written) == 1
    assert table_rows(db_url, _DRAFTS.order_by(DRAFT.c.id)) == [
        (2, "repeat-complaint", _TEMPLATES["repeat"], "withdrawn", 1),
        # The follow-up rule's reply, on the case it joined; not a first post's greeting.
        (2, "case-news", _TEMPLATES["case_news"], "pending", 1),
    ]
