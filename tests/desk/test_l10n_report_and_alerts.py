"""`mentiondesk report` (its calendar month and volume rows) and the Slack card of a team that
only wants alerts, as a reader in Portugal and one in Brazil get them: Portugal's text has none
of Brazil's words (test_i18n_pt_pt.BRAZIL_ONLY) and writes its ordinal "1.ª"; Brazil's has
none of Portugal's forms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import Config, load_config
from mentiondesk.report_words import REPORT_WORDS
from mentiondesk.store import Store
from responders.slack import SlackResponder
from tests.desk.seed import write_config
from tests.desk.test_board_month import _run, _seed_autumn
from tests.desk.test_i18n_pt_pt import _BRAZIL_ONLY
from tests.desk.test_l10n_board_and_held import PORTUGAL_ONLY
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action

HOURS = 'business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }'
DESK = f'timezone = "Europe/Lisbon"\nlanguage = "pt-PT"\n{HOURS}'


def _report(config: Config, *args: str) -> str:
    code, text = _run(config, *args)
    assert code == 0, text
    return text


def _catalog(lang: str) -> list[str]:
    words = REPORT_WORDS[lang]
    return [*words.messages.values(), *(w for kind in words.words.values() for w in kind.values())]


def test_the_reports_catalogs_keep_to_their_country() -> None:
    assert not [t for t in _catalog("pt-PT") if _BRAZIL_ONLY.search(t)]
    assert not [t for t in _catalog("pt-BR") if PORTUGAL_ONLY.search(t)]


@pytest.mark.parametrize("fmt", ["plain", "csv"])
def test_a_months_report_reads_as_its_country_writes(
    tmp_path: Path, db_url: str, store: Store, fmt: str
) -> None:
    config = load_config(write_config(tmp_path, db_url, desk=DESK))
    _seed_autumn(store)
    pt = _report(config, "--month", "2025-10", "--format", fmt, "--lang", "pt-PT")
    br = _report(config, "--month", "2025-10", "--format", fmt, "--lang", "pt-BR")
    assert not _BRAZIL_ONLY.search(pt) and not PORTUGAL_ONLY.search(br)
    assert "1.ª resposta, seg–sex 09:00–18:00" in pt and "1ª resposta, seg–sex" in br
    assert "horário de expediente" in pt and "horário comercial" in br
    if fmt == "plain":
        assert "01/10/2025 a 31/10/2025" in pt and "01/10/2025 a 31/10/2025" in br


@pytest.mark.parametrize(
    ("lang", "link"), [("pt-BR", "Abrir no atendimento"), ("pt-PT", "Abrir no atendimento")]
)
async def test_an_alerts_only_card_links_to_the_desk_in_portuguese(
    fake_api: FakeAPI, lang: str, link: str
) -> None:
    fake = SlackFake(fake_api)
    url = "https://desk.example/cases/MD-000007"
    responder = SlackResponder(
        "slack",
        token=SecretStr("xoxb-test"),
        signing_secret=None,  # alerts only: a link where the buttons were
        channel="C0TEAM",
        base_url=fake.base_url,
        wording=wording_for(lang, "Europe/Lisbon"),
    )
    alert = action()
    await responder.deliver(replace(alert, context=replace(alert.context, case_url=url)))
    blocks: list[dict[str, Any]] = fake.posted()[-1]["blocks"]
    texts = [str(e.get("text")) for b in blocks for e in b.get("elements") or []]
    assert f"<{url}|{link}>" in texts
    shown = " ".join(str(b) for b in blocks)
    assert "Open in desk" not in shown
    found = _BRAZIL_ONLY if lang == "pt-PT" else PORTUGAL_ONLY
    assert not found.search(shown.replace(alert.context.mention.text, ""))
