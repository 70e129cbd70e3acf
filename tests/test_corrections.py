"""Corrections from the desk and from the CLI land in one place and feed retraining."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import READING
from tests.helpers import mention
from tests.test_contact_rules import _config, _run
from tests.test_pipeline import COMPLAINT, PRAISE


async def test_desk_and_cli_corrections_both_feed_retraining(tmp_path: Path, db_url: str) -> None:
    from mentiondesk.audit import correct_label
    from mentiondesk.corrections import corrected_examples, relabel
    from mentiondesk.models import Label

    config = _config(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, PRAISE, author="b")])
    async with _run(config) as (app, _):
        correct_label(app.store, 1, label="neutral", by="desk:ana")  # the desk's one click
        relabel(app.store, 2, Label.NEGATIVE, by="cli")  # `mentiondesk relabel`
        examples = corrected_examples(app.store)
        with app.store.engine.connect() as conn:
            labels = list(conn.scalars(sa.select(READING.c.label).order_by(READING.c.mention_id)))
    assert [(text[:10], label) for text, label, _ in examples] == [
        (COMPLAINT[:10], 1),
        (PRAISE[:10], 0),
    ]
    assert labels == ["neutral", "negative"]
