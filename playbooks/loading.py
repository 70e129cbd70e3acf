"""Reading rule files into a Playbook: each file checked as a whole, errors naming it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from pydantic import ValidationError

from mentiondesk.models import Brand, ConfigError, toml_syntax
from playbooks.drafting import TooLong
from playbooks.engine import Playbook
from playbooks.problems import accented_key, problems, repeated_names
from playbooks.rules import Rule, RuleFile, When
from playbooks.shadowing import shadowed
from playbooks.templates import SHIPPED, Templates

SHIPPED_RULES = Path(__file__).parent / "shipped"
# A TOML syntax error in a rule file (its path, its text, the error) in words: the glue's,
# which names the line, the mistake and the fix as it does for config.toml.
SyntaxWords = Callable[[Path, str, tomllib.TOMLDecodeError], str]


def load_playbook(
    paths: Sequence[Path],
    *,
    brand: Brand,
    template_dir: Path | None = None,
    default_lang: str = "en",
    fallback_lang: str | None = None,
    handle_locales: Mapping[str, str] | None = None,
    platforms: Sequence[str] | None = None,
    timezone: tzinfo = UTC,
    clock: Callable[[], datetime] | None = None,
    too_long: TooLong | None = None,
    syntax_words: SyntaxWords | None = None,
    at_work: Callable[[datetime], bool] | None = None,
) -> Playbook:
    """Read rule files (the shipped ones when `paths` is empty); ConfigError when invalid.
    `platforms`: those sources listen to, which a rule's `platform` must name; `timezone`
    (the desk's) and `clock`: the hour `{{ time_greeting }}` greets for; `too_long`: why a
    public reply is too long for its platform, so an `auto` one waits for a person instead;
    `syntax_words`: a file's TOML syntax error in words (by default the parser's and the line);
    `at_work`: whether the team works at a moment, for `{{ after_hours }}`; `fallback_lang`:
    the templates for posts in a language with none (template_langs; None: default_lang's)."""
    files = list(paths) or sorted(SHIPPED_RULES.glob("*.toml"))
    words = syntax_words or _syntax
    read = [(path, _read(path, platforms, words)) for path in files]
    if repeated := repeated_names(read):
        raise ConfigError("\n".join(repeated))
    rules = [rule for _, file_rules in read for rule in file_rules]
    origins = {rule.name: path for path, file_rules in read for rule in file_rules}
    if everything := _stops_everything(rules, origins):
        raise ConfigError(everything)
    if never := shadowed(rules, origins):
        raise ConfigError("\n".join(never))
    folders = [template_dir, SHIPPED] if template_dir else [SHIPPED]
    templates = Templates(folders, default_lang=default_lang, fallback_lang=fallback_lang)
    templates.check_layout()
    return Playbook(
        rules,
        templates,
        brand=brand,
        handle_locales=handle_locales,
        origins=origins,
        timezone=timezone,
        clock=clock,
        too_long=too_long,
        at_work=at_work,
    )


def _stops_everything(rules: Sequence[Rule], origins: Mapping[str, Path]) -> str | None:
    """A rule with no condition and `stop = true` before others: it matches every mention,
    so the rules after it (perhaps in another file) would never run, silently."""
    for at, rule in enumerate(rules[:-1]):
        if rule.stop and rule.when == When():
            later = ", ".join(repr(r.name) for r in rules[at + 1 :][:5])
            more = " …" if len(rules) - at - 1 > 5 else ""
            return (
                f"{origins[rule.name]}: rule {rule.name!r} has no `when` and stop = true: it "
                f"matches every mention, so the rules after it ({later}{more}) never run; give "
                "it a `when`, remove `stop`, or move it last"
            )
    return None


def _read(path: Path, platforms: Sequence[str] | None, syntax_words: SyntaxWords) -> list[Rule]:
    try:
        # utf-8-sig, as config.toml: a byte-order mark (Windows editors) is not TOML's business.
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
        return RuleFile.model_validate(data, context={"platforms": platforms}).rules
    except FileNotFoundError:
        raise ConfigError(f"{path}: playbook file not found; fix playbooks.paths") from None
    except UnicodeDecodeError:  # "reclamação" saved as Windows-1252: not a traceback
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(syntax_words(path, text, exc)) from None
    except ValidationError as exc:
        # One line each, as config.toml's: several problems on one line read as one.
        raise ConfigError("\n".join(f"{path}: {p}" for p in problems(exc, data))) from None


def _syntax(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> str:
    accented = accented_key(text, str(exc))
    return f"{path}: {accented}" if accented else toml_syntax(path, exc)
