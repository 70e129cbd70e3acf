"""`[[routing.alert_routes]] lang` tells Portugal's Portuguese from Brazil's: "pt-PT" routes
only Portugal's, "pt-BR" only Brazil's, bare "pt" both. A reading says only "pt" (a detector
reads both so); the region is the reply's locale as the playbook decides it (the author's
words or server, `[playbooks] handle_locales`, `default_lang`). Before, "pt-PT" stopped
start-up ("the language read has no region") and a Lisbon team could not route its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_routing import alert_targets
from mentiondesk.config import Config, load_config
from mentiondesk.models import ConfigError, Label, Mention, Reading
from mentiondesk.playbook_build import build_playbook
from mentiondesk.tables import OUTBOX
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions

CHATS = "".join(
    f'\n[[responders]]\nkind = "console"\nname = "{n}"\n' for n in ("chat-pt", "chat-br", "chat")
)
ROUTES = """
[[routing.alert_routes]]
name = "portugal"
lang = ["pt-PT"]
to = ["chat-pt"]

[[routing.alert_routes]]
name = "brazil"
lang = ["pt-BR"]
to = ["chat-br"]
"""
BOTH = '\n[[routing.alert_routes]]\nname = "pt"\nlang = ["pt"]\nto = ["chat"]\n'
LISBON = "A minha encomenda está à espera nos CTT há duas semanas"  # Portugal's words
SAO_PAULO = "Vc pode me ajudar? Meu pedido não chegou até agora"  # Brazil's
AMBIGUOUS = "O pedido não chegou, podem ajudar?"  # either


def _config(tmp_path: Path, extra: str) -> Config:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=CHATS + extra)
    return load_config(path)


def _routed(config: Config, post: Mention) -> list[str]:
    """Where the alert goes: the locale as the configured playbook decides it, then routed."""
    playbook = build_playbook(config)
    read = Reading(label=Label.NEGATIVE, score=-0.8, lang="pt", frustration=1)
    locale = playbook.locale(post, read.lang)
    return alert_targets(config.settings.routing, post, read, "complaint", locale)


def test_regional_routes_load(tmp_path: Path) -> None:
    routes = _config(tmp_path, ROUTES + BOTH).settings.routing.alert_routes
    assert [r.lang for r in routes] == [["pt-PT"], ["pt-BR"], ["pt"]]


@pytest.mark.parametrize(
    ("text", "chat"), [(LISBON, "chat-pt"), (SAO_PAULO, "chat-br"), (AMBIGUOUS, "chat-br")]
)
def test_each_region_goes_to_its_own_chat(tmp_path: Path, text: str, chat: str) -> None:
    # In doubt, Brazil's: the shipped `pt` templates are Brazil's, and so is the reply.
    assert _routed(_config(tmp_path, ROUTES), mention(1, text)) == [chat]


def test_a_bare_pt_route_takes_both(tmp_path: Path) -> None:
    config = _config(tmp_path, BOTH)
    assert _routed(config, mention(1, LISBON)) == _routed(config, mention(2, SAO_PAULO)) == ["chat"]


def test_a_post_to_portugals_handle_goes_to_portugals_chat(tmp_path: Path) -> None:
    """The text tells nothing; the handle it writes to is answered in pt-PT, so routed so."""
    extra = ROUTES + '\n[playbooks]\nhandle_locales = { "@lumora_pt" = "pt-PT" }\n'
    config = _config(tmp_path, extra)
    assert _routed(config, mention(1, f"@lumora_pt {AMBIGUOUS}")) == ["chat-pt"]
    assert _routed(config, mention(2, f"@lumora {AMBIGUOUS}")) == ["chat-br"]


def test_a_portugal_team_routes_the_ambiguous_to_portugal(tmp_path: Path) -> None:
    config = _config(tmp_path, ROUTES + '\n[playbooks]\ndefault_lang = "pt-PT"\n')
    assert _routed(config, mention(1, AMBIGUOUS)) == ["chat-pt"]
    assert _routed(config, mention(2, SAO_PAULO)) == ["chat-br"]


def test_english_is_routed_by_no_portuguese_route(tmp_path: Path) -> None:
    config = _config(tmp_path, ROUTES)
    post = mention(1, "my parcel never came")
    read = Reading(label=Label.NEGATIVE, score=-0.8, lang="en", frustration=1)
    assert alert_targets(config.settings.routing, post, read, "complaint", "en") == ["console"]


def test_without_the_playbooks_locale_the_post_still_tells_it(tmp_path: Path) -> None:
    """A caller with no playbook at hand: the author's words, or the platform's regional tag."""
    routing = _config(tmp_path, ROUTES).settings.routing
    read = Reading(label=Label.NEGATIVE, score=-0.8, lang="pt", frustration=1)
    assert alert_targets(routing, mention(1, LISBON), read, "r") == ["chat-pt"]
    assert alert_targets(routing, mention(2, AMBIGUOUS, lang="pt-PT"), read, "r") == ["chat-pt"]
    assert alert_targets(routing, mention(3, AMBIGUOUS), read, "r") == ["chat-br"]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("pt_PT", "routing.alert_routes[0].lang: 'pt_PT': write 'pt-PT' (a region as locales"),
        ("pt-pt", "routing.alert_routes[0].lang: 'pt-pt': write 'pt-PT'"),
        ("PT-BR", "routing.alert_routes[0].lang: 'PT-BR': write 'pt-BR'"),
        ("pt-AO", "[0].lang: 'pt-AO': only Portuguese's regions are told apart (pt-PT, pt-BR); "),
        ("en-GB", "[0].lang: 'en-GB': only Portuguese's regions are told apart (pt-PT, pt-BR); "),
    ],
)
def test_a_region_written_otherwise_stops_start_up(tmp_path: Path, written: str, said: str) -> None:
    route = f'\n[[routing.alert_routes]]\nname = "r"\nlang = ["{written}"]\nto = ["chat"]\n'
    with pytest.raises(ConfigError) as info:
        _config(tmp_path, route)
    assert said in str(info.value)


def test_a_run_sends_each_alert_to_its_regions_chat(tmp_path: Path, db_url: str) -> None:
    """Read, decided and recorded as `run --once` does: the outbox names each region's chat."""
    (tmp_path / "rules.toml").write_text(
        '[[rules]]\nname = "watch"\nwhen = { label = ["negative", "neutral", "positive"] }\n'
        'actions = [{ type = "alert" }]\n'
    )
    posts = [mention(1, f"@lumora {LISBON}"), mention(2, f"@lumora {SAO_PAULO}")]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    extra = CHATS + ROUTES + '\n[playbooks]\npaths = ["rules.toml"]\n'
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=extra)
    assert run_cli(config, "run", "--once")[0] == 0
    rows = table_rows(db_url, sa.select(OUTBOX.c.external_id, OUTBOX.c.target))
    assert sorted(rows) == [("m1", "chat-pt"), ("m2", "chat-br")]
