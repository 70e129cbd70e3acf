"""Load `config.toml` into typed models; a bad file fails with the key, the problem and the fix."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mentiondesk import registry, reply_limit_config, saved_replies
from mentiondesk.alert_wording import wording_for
from mentiondesk.business_hours import BusinessHours
from mentiondesk.config_desk import DeskSection
from mentiondesk.config_kinds import kind_problem
from mentiondesk.config_problems import problems_of
from mentiondesk.config_routing import routing_problems
from mentiondesk.config_sections import (
    AlertRoute,
    BrandSection,
    HelpdeskSection,
    OutboxSection,
    PlaybooksSection,
    RoutingSection,
    SentimentSection,
    SurveySection,
)
from mentiondesk.config_setup import missing_config
from mentiondesk.config_store import StoreSection, store_problems, store_url
from mentiondesk.config_toml_errors import toml_problem
from mentiondesk.models import (
    SECRETS,
    Brand,
    ConfigError,
    ConfigTable,
    PluginConfig,
    PluginContext,
    SourceConfig,
)

# What the rest of mentiondesk imports from here (its sections live in config_sections.py).
__all__ = [
    "AlertRoute",
    "Config",
    "DeskSection",
    "OutboxSection",
    "RoutingSection",
    "Settings",
    "load_config",
]


class Settings(BaseModel):
    """The whole file: its sections, and the plugin tables, typed later by each plugin."""

    model_config = ConfigTable.model_config

    brand: BrandSection
    store: StoreSection = StoreSection()
    sentiment: SentimentSection = SentimentSection()
    playbooks: PlaybooksSection = PlaybooksSection()
    outbox: OutboxSection = OutboxSection()
    routing: RoutingSection = RoutingSection()
    desk: DeskSection = DeskSection()
    helpdesk: HelpdeskSection = HelpdeskSection()
    survey: SurveySection = SurveySection()
    sources: list[dict[str, Any]] = []
    responders: list[dict[str, Any]] = []


@dataclass(frozen=True)
class Config:
    """A validated configuration with every plugin section typed by its own model."""

    path: Path
    settings: Settings
    sources: tuple[SourceConfig, ...]
    responders: tuple[PluginConfig, ...]

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def brand(self) -> Brand:
        b = self.settings.brand
        return Brand(name=b.name, handles=tuple(b.handles), keywords=tuple(b.keywords))

    @property
    def context(self) -> PluginContext:
        s = self.settings
        wording = wording_for(s.routing.language, s.desk.timezone)
        return PluginContext(brand=self.brand, base_dir=self.base_dir, wording=wording)

    @property
    def business_hours(self) -> BusinessHours | None:
        """`[desk] business_hours` in `[desk] timezone`; None where the desk has none."""
        desk = self.settings.desk
        return desk.business_hours.calendar(desk.timezone) if desk.business_hours else None

    def store_url(self) -> str:
        """The store URL (from `url_env` if set) with a relative SQLite path taken from the
        config file's folder."""
        return store_url(self.settings.store, self.base_dir)

    def fingerprint_secret(self) -> bytes:
        """`[store] fingerprint_secret_env`'s secret; b"" where none is configured."""
        return self.settings.store.fingerprint_secret()


def load_config(path: Path, *, secrets: bool = True) -> Config:
    """Read and validate `path`; raise ConfigError listing every problem found.

    `secrets=False` leaves the sources' and responders' `…_env` variables unread (their
    names are still checked): for commands that only use the store, run where the
    platforms' tokens are not exported. The store's own URL variable is always read."""
    text = ""
    try:
        # utf-8-sig: a byte-order mark (as some Windows editors save) is not TOML's business.
        text = path.read_text(encoding="utf-8-sig")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(missing_config(path)) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:  # a folder, no permission to read, …
        raise ConfigError(
            f"{path}: cannot be read ({exc.strerror}); pass a readable file"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(toml_problem(path, text, exc, _keys())) from None
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError("\n".join(f"{path}: {p}" for p in problems_of(exc, Settings))) from None
    problems: list[str] = []
    context = {SECRETS: secrets}
    sources = _plugins(settings.sources, "sources", problems, context)
    responders = _plugins(settings.responders, "responders", problems, context)
    config = Config(path, settings, tuple(sources), tuple(responders))
    problems += _cross_references(config)
    if problems:
        raise ConfigError("\n".join(f"{path}: {p}" for p in problems))
    reply_limit_config.apply(config)  # approval, the counter and held words count to its limits
    return config


def _keys() -> list[str]:
    """The sections and their keys, for a key written with an accent (`fuso_horário`)."""
    sections = Settings.model_fields
    inner = [getattr(f.annotation, "model_fields", {}) for f in sections.values()]
    return [*sections, *(key for fields in inner for key in fields)]


def _plugins(
    tables: list[dict[str, Any]],
    group: registry.Group,
    problems: list[str],
    context: dict[str, bool],
) -> list[Any]:
    built: list[Any] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        where = f"{group}[{index}]"
        kind = table.get("kind")
        if not isinstance(kind, str) or kind not in registry.kinds(group):
            problems.append(f"{where}.kind: {kind_problem(group, kind)}")
            continue
        model: type[PluginConfig] = registry.load(group, kind).Config
        try:
            config = model.model_validate(table, context=context)
        except ValidationError as exc:
            problems.extend(problems_of(exc, model, prefix=where))
            continue
        name = config.name or (kind if kind not in seen else f"{kind}-{index}")
        if name in seen:
            problems.append(f"{where}.name: {name!r} is used twice; give each a unique name")
        seen.add(name)
        built.append(config.model_copy(update={"name": name}))
    return built


def _cross_references(config: Config) -> list[str]:
    problems = routing_problems(config)
    classifier = config.settings.sentiment.classifier
    if classifier not in registry.kinds("classifiers"):
        problems.append(
            f"sentiment.classifier: {classifier!r} is not a known classifier; use one of: "
            + ", ".join(registry.kinds("classifiers"))
        )
    else:
        problems += _classifier_settings(config)
    if not config.settings.sources:
        problems.append("sources: no source is configured; add a [[sources]] table")
    return problems + _paths_and_urls(config)


def _classifier_settings(config: Config) -> list[str]:
    section = config.settings.sentiment
    model = registry.load("classifiers", section.classifier).Config
    try:
        settings = {"kind": section.classifier, **section.settings}
        model.model_validate(settings, context={"base_dir": config.base_dir})
    except ValidationError as exc:
        return problems_of(exc, model, prefix="sentiment.settings")
    return []


def _paths_and_urls(config: Config) -> list[str]:
    problems = store_problems(config.settings.store, config.store_url())
    for i, source in enumerate(config.sources):
        path = getattr(source, "path", None)  # a source that reads a file (replay)
        if isinstance(path, Path) and not (config.base_dir / path).is_file():
            problems.append(
                f"sources[{i}].path: file {str(config.base_dir / path)!r} not found; a relative"
                " path is read from the config file's folder (a config made from the shipped"
                " one: copy samples/ with it, or delete this [[sources]] table, the demo's"
                " replay, and add your platforms')"
            )
    templates = config.settings.playbooks.templates
    if templates and not (config.base_dir / templates).is_dir():
        problems.append(f"playbooks.templates: folder {templates!r} not found next to the config")
    try:  # loaded again by the desk; read here so check-config and start-up name its errors
        saved_replies.from_config(config.base_dir, config.settings.desk.saved_replies)
    except ConfigError as exc:
        problems += str(exc).splitlines()
    return problems
