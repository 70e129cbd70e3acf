"""`[routing] language`: a pt-BR or pt-PT config makes the chat alerts and help-desk tickets
Portuguese through the real clients (slack_sdk and aiohttp to the fakes); English stays byte
for byte what it was (tests/data/alerts_en.json, taken before alerts had a language)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from mentiondesk import alert_words_pt
from mentiondesk.alert_wording import checked_language, wording_for
from mentiondesk.config import load_config
from mentiondesk.models import ENGLISH, Label, Responder
from mentiondesk.plugins import build_responders
from mentiondesk.web import i18n_pt_pt, i18n_pt_words
from responders.freshdesk import FreshdeskResponder
from responders.slack import SlackResponder
from responders.zendesk import ZendeskResponder
from tests.docs_text import docs_text, page
from tests.fakes import freshdesk as fd
from tests.fakes import webhooks
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.helpers import run_cli, write_config, write_mentions
from tests.responders._data import action, follow_up
from tests.responders._snapshot import texts

Built = Callable[[str | None], dict[str, Responder]]
SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "alerts_en.json"


def _config(tmp_path: Path, base: str, routing: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f"""
[routing]
{routing}
[desk]
timezone = "America/Sao_Paulo"
[[responders]]
kind = "slack"
channel = "C0TEAM"
base_url = "{base}/api/"
[[responders]]
kind = "zendesk"
name = "zd"
base_url = "{base}"
email = "{zd.EMAIL}"
[[responders]]
kind = "freshdesk"
name = "fd"
base_url = "{base}"
requester_domain = "social.example.com"
[[responders]]
kind = "teams"
[[responders]]
kind = "discord"
[[responders]]
kind = "mattermost"
"""
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch, fake_api: FakeAPI) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    monkeypatch.setenv("ZENDESK_TOKEN", zd.TOKEN)
    monkeypatch.setenv("FRESHDESK_API_KEY", fd.API_KEY)
    paths = {"TEAMS": webhooks.TEAMS, "DISCORD": webhooks.DISCORD}
    for kind, path in (paths | {"MATTERMOST": webhooks.MATTERMOST}).items():
        monkeypatch.setenv(f"{kind}_WEBHOOK_URL", fake_api.base_url + path)


@pytest.fixture
async def built(
    tmp_path: Path, fake_api: FakeAPI, secrets: None
) -> AsyncIterator[Callable[[str | None], dict[str, Responder]]]:
    """Responders built from a config with this `[routing] language` (None: not set)."""
    made: list[Responder] = []

    def build(language: str | None) -> dict[str, Responder]:
        routing = f'language = "{language}"' if language else ""
        responders = build_responders(load_config(_config(tmp_path, fake_api.base_url, routing)))
        made.extend(responders.values())
        return responders

    yield build
    for responder in made:
        await responder.close()


def test_english_is_byte_identical_to_before() -> None:
    assert texts() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert texts(wording=wording_for("en", "America/Sao_Paulo")) == texts()


async def test_english_config_posts_the_same_card(fake_api: FakeAPI, built: Built) -> None:
    slack_fake = SlackFake(fake_api)
    responders = built(None)
    await responders["slack"].deliver(action())
    sent = slack_fake.posted()[0]
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["alert"]
    assert sent["blocks"] == snapshot["slack"] and sent["text"] == snapshot["slack_fallback"]


async def test_pt_br_slack_card_keeps_ids_and_escaping(fake_api: FakeAPI, built: Built) -> None:
    slack_fake = SlackFake(fake_api)
    slack = built("pt-BR")["slack"]
    assert isinstance(slack, SlackResponder)
    await slack.deliver(action())
    body = slack_fake.posted()[0]
    wire = json.dumps(body["blocks"], ensure_ascii=False)
    assert "12.300 seguidores" in wire
    assert "X · inglês · *Reclamação* · entrega · frustração 2/3" in wire
    assert "*Rascunho de resposta:*\\nSorry &lt;@U999&gt;, DM us &amp; we fix it" in wire
    assert body["text"] == "MD-000007: menção de @angry_ann (Reclamação)"
    buttons = body["blocks"][-1]["elements"]
    labels = [b["text"]["text"] for b in buttons]
    assert labels == ["Aprovar", "Editar", "Rejeitar", "Assumir", "Encaminhar"]
    english = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["alert"]["slack"][-1]["elements"]
    # Only the visible text changes: what a click sends back is the English card's.
    strip = [{k: v for k, v in b.items() if k != "text"} for b in buttons]
    assert strip == [{k: v for k, v in b.items() if k != "text"} for b in english]
    for dangerous in ("<!channel>", "<@U123>", "<@U999>", "<https://evil"):
        assert dangerous not in json.dumps(body, ensure_ascii=False)


def test_pt_br_decided_line_and_edit_dialog_use_the_desk_zone() -> None:
    pt = texts(wording=wording_for("pt-BR", "America/Sao_Paulo"))
    line = pt["decided"][-1]["elements"][0]["text"]
    assert line == "Approved por <@U42ANN> em 26/11/2026 11:03 UTC\u22123"  # verb: the glue's
    assert pt["modal"]["title"]["text"] == "Editar resposta"
    assert pt["modal"]["submit"]["text"] == "Aprovar"
    assert pt["modal"]["callback_id"] == "md_edit"


async def test_pt_pt_webhooks_are_portuguese_and_escaped(fake_api: FakeAPI, built: Built) -> None:
    webhooks.install(fake_api)
    responders = built("pt-PT")
    for name in ("teams", "discord", "mattermost"):
        await responders[name].deliver(action(target=name))
    teams = json.dumps(fake_api.calls(webhooks.TEAMS)[0].json(), ensure_ascii=False)
    assert "12 300 seguidores" in teams and '"Classificação"' in teams
    discord = fake_api.calls(webhooks.DISCORD)[0].json()["content"]
    assert "Reclamação · frustração 2/3 · @angry\\_ann (12\u00a0300)" in discord
    assert "\nRascunho: Sorry \\<@U999\\>" in discord
    mattermost = fake_api.calls(webhooks.MATTERMOST)[0].json()["text"]
    assert "· X · Reclamação · frustração 2/3 ·" in mattermost
    assert "<!channel>" not in discord + mattermost


async def test_pt_pt_zendesk_ticket(fake_api: FakeAPI, built: Built) -> None:
    fake = zd.ZendeskFake(fake_api)
    zendesk = built("pt-PT")["zd"]
    assert isinstance(zendesk, ZendeskResponder)
    ticket = action(kind="ticket", target="zd")
    await zendesk.deliver(ticket)
    sent = fake.api.calls("/api/v2/tickets.json", "POST")[0].json()["ticket"]
    assert sent["subject"] == "[MD-000007] entrega — @angry_ann no X"
    html = sent["comment"]["html_body"]
    # plain() folds every space, the no-break one too, as it always did for mention text.
    assert "<p><b>Perfil:</b> Ann &lt;b&gt; (@angry_ann, 12 300 seguidores)</p>" in html
    link = "https://x.com/angry_ann/status/m1"
    assert f'<p><b>Ligação:</b> <a href="{link}">{link}</a></p>' in html
    # [desk] timezone is São Paulo's: 12:00 UTC is 09:00 there, written dd/mm/yyyy.
    assert "<p><b>Publicada em:</b> 09/11/2026 09:00 UTC\u22123</p>" in html
    # The score is how sure the classifier is of its label: "80%" in Portugal too (CLDR),
    # never a bare signed number.
    assert "<p><b>Classificação:</b> Reclamação, 80% de certeza, idioma: inglês</p>" in html
    assert "&lt;!channel&gt; &lt;@U123&gt; *buy* now &amp; &lt;https://evil" in html
    # Tags stay keys; the last names whose case it is (a hash of the author's account).
    tags = ["mentiondesk", "x", "negative", "delivery", "lang-en", "mdauthor-2b182b8d36fa"]
    assert sent["tags"] == tags


async def test_pt_br_freshdesk_follow_up_and_an_english_one_is_not_doubled(
    fake_api: FakeAPI, built: Built
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    freshdesk = built("pt-BR")["fd"]
    assert isinstance(freshdesk, FreshdeskResponder)
    await freshdesk.deliver(action(kind="ticket", target="fd"))
    description = fake.tickets[1]["description"]
    assert "<p><b>Caso:</b> MD-000007</p>" in description
    assert "<p><b>Classificação:</b> Reclamação, 80% de certeza, idioma: inglês</p>" in description
    english = FreshdeskResponder("fd", base_url=fake_api.base_url, api_key=fd.API_KEY)
    await english.deliver(follow_up("fd"))  # written before the team switched language
    await freshdesk.deliver(follow_up("fd"))  # the retry after: found, not added again
    await freshdesk.deliver(follow_up("fd", "de novo", "m3"))
    notes = fake.conversations[1]
    assert len(notes) == 2
    assert notes[1]["body"].startswith("<p><b>Nova menção:</b> @angry_ann no X, publicação m3")
    await english.close()


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("fr", 'use "en", "pt", "pt-BR" or "pt-PT"'),
        ("português", 'use "en", "pt", "pt-BR" or "pt-PT"'),
    ],
)
def test_a_bad_language_stops_start_up(
    tmp_path: Path, fake_api: FakeAPI, secrets: None, value: str, fix: str
) -> None:
    code, output = run_cli(_config(tmp_path, fake_api.base_url, f'language = "{value}"'), "run")
    assert code == 2, output
    assert f"routing.language: alerts and tickets cannot be written in {value!r}; {fix}" in output
    assert "Traceback" not in output


def test_the_readme_quotes_the_refusal_the_code_gives() -> None:
    """It quoted a refusal of 'pt', which is read as Brazil's."""
    chat_page = " ".join(page("docs/chat-and-helpdesks.md").split())
    with pytest.raises(ValueError, match="cannot be written in 'fr'") as refused:
        checked_language("fr")
    assert f"`routing.language: {refused.value}`" in chat_page
    assert checked_language("pt") == "pt-BR"
    assert "cannot be written in 'pt'" not in " ".join(docs_text().split())


def test_words_match_the_desk_catalogue() -> None:
    """The alerts say what the desk says: labels, reasons and languages (pt-PT's overrides
    too), so a team reads one vocabulary in Slack and on the case page."""
    for kind in ("label", "reason", "lang"):
        assert alert_words_pt.WORDS[kind] == i18n_pt_words.WORDS[kind], kind
        assert alert_words_pt.PT_PT_WORDS.get(kind, {}) == i18n_pt_pt.WORDS.get(kind, {}), kind
    assert set(alert_words_pt.WORDS["label"]) == {label.value for label in Label}


def test_number_and_zone_formats() -> None:
    br, pt = wording_for("pt-BR", "America/Sao_Paulo"), wording_for("pt-PT", "Europe/Lisbon")
    assert (br.reach(1234), pt.reach(1234), pt.reach(12345)) == ("1.234", "1234", "12\u00a0345")
    assert (br.decimal(0.91), ENGLISH.decimal(0.91)) == ("0,91", "0.91")
    assert ENGLISH.reach(1234) == "1.2k"
    assert br.t("{n} follower", n=1) == "1 seguidor"


@pytest.mark.parametrize("language", ["pt-BR", "pt-PT"])
def test_a_slack_refusal_names_the_integration_not_the_config_word(language: str) -> None:
    """ "responder" is a Portuguese verb: the sentence says "integração com o Slack"."""
    english = next(k for k in alert_words_pt.MESSAGES if k.startswith("Only the approvers"))
    said = wording_for(language, "UTC").t(english, user="U42")
    assert "desta integração com o Slack" in said and "responder" not in said


def test_a_ticket_and_its_escalation_are_named_as_each_desk_names_them() -> None:
    """Brazil's "chamado" (as on its desk), Portugal's "apoio ao cliente" and "pedido de
    apoio" (as on its desk): not the English "ticket" nor Brazil's "help desk"."""
    br, pt = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")
    assert br.t("Earlier ticket") == "Chamado anterior"
    assert pt.t("Earlier ticket") == "Pedido de apoio anterior"
    said = pt.t("Escalated to {target}", target="zendesk")
    assert said == "Encaminhado para o apoio ao cliente (zendesk)"
