"""Reply templates: sandboxed Jinja2, one folder per language or regional variant (`pt`,
`pt-PT`), falling back to the language, then to the fallback and the default
(template_langs)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    FileSystemLoader,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
    nodes,
)

from mentiondesk.models import ConfigError
from playbooks import template_checks, template_names, template_problems, template_syntax
from playbooks.sandbox import sandbox
from playbooks.template_langs import chain, fallback_problem, own
from playbooks.template_samples import check_samples
from playbooks.variants import tag

SHIPPED = Path(__file__).parent / "templates"
# A folder name that is a language tag however written ("pt_pt", "PT-pt", "EN"): one to rename.
_LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(?:[-_](?:[a-z]{2}|[0-9]{3}))?", re.IGNORECASE)


class Templates:
    """Renders `<lang>/<name>.j2`; mention data is passed as values, never as template source."""

    def __init__(
        self, folders: list[Path], *, default_lang: str = "en", fallback_lang: str | None = None
    ) -> None:
        """`fallback_lang`: the folder for posts in a language with none (template_langs)."""
        # utf-8-sig: a byte-order mark (Windows editors) would open every draft unseen.
        self._env = sandbox(FileSystemLoader([str(f) for f in folders], encoding="utf-8-sig"))
        self.default_lang = default_lang
        self.fallback_lang = fallback_lang

    def check(
        self,
        name: str,
        sample: Mapping[str, Any],
        nameless: Mapping[str, Any],
        then: Callable[[Template], None] | None = None,
    ) -> None:
        """Render `name` in every language with `sample` and with `nameless` (an author with
        no readable name), then `then` (more samples: a ValueError names what failed);
        ConfigError naming the file if missing or broken.

        Rendering (not just compiling) catches a misspelt variable at start-up instead of
        on the first mention that needs the template.
        """
        if self._folder(name, self.default_lang) is None:
            raise ConfigError(self._missing(name))
        for path in self._env.list_templates():
            if path.endswith(f"/{name}.j2"):
                try:
                    self._check_variables(path, sample)
                    template = self._env.get_template(path)
                    check_samples(template, sample, nameless)
                    if then is not None:
                        then(template)
                except TemplateSyntaxError as exc:
                    raise ConfigError(self._syntax_error(path, exc)) from None
                except UnicodeDecodeError as exc:  # "situação" saved as Windows-1252
                    raise ConfigError(template_problems.not_utf8(self._place(path), exc)) from None
                except (TemplateError, ValueError) as exc:
                    line = template_problems.render_line(exc, self._place(path))
                    raise ConfigError(f"template {self._place(path)}, line {line}: {exc}") from None

    def _syntax_error(self, path: str, exc: TemplateSyntaxError) -> str:
        """The file as it is on disk, the line, what is wrong in plain words and the fix:
        `pt/thank_you.j2` alone does not say whether the operator's folder or the shipped one
        holds the mistake."""
        line, what = template_syntax.explain(self._env, self._source(path)[0], exc)
        return f"template {self._file(path)}, line {line}: {what}"

    def _source(self, path: str) -> tuple[str, str | None]:
        source, filename, _ = self._env.loader.get_source(self._env, path)  # type: ignore[union-attr]
        return source, filename

    def _file(self, path: str) -> str:
        return self._source(path)[1] or path

    def _place(self, path: str) -> str:
        """The file on disk, as the loader found it, even where it cannot be read as text."""
        return template_problems.on_disk(self._env, path)

    def _check_variables(self, path: str, sample: Mapping[str, Any]) -> None:
        """ConfigError when `path` (or a file it includes) names a variable the context
        lacks, in any branch, or has a mistake that renders without an error
        (`template_checks`, which follows includes where they stand).

        Rendering the sample takes one branch of each `{% if %}`: a misspelt variable in
        the `price` branch would pass start-up and then fail every price complaint's draft.
        """
        ast = self._check_names(path, sample, ())
        if wrong := template_checks.problem(ast, self._parsed):
            raise ConfigError(f"template {self._file(path)}, line {wrong[0]}: {wrong[1]}")

    def _check_names(
        self, path: str, sample: Mapping[str, Any], seen: tuple[str, ...]
    ) -> nodes.Template:
        """`path` parsed; ConfigError naming the file and line of a variable the values lack
        or an include naming no file, in it or in what it includes (with the same values)."""
        try:  # named here: an included file's mistake is in its own file, not the rule's
            text = self._source(path)[0]
            ast = self._env.parse(text)
            unknown = meta.find_undeclared_variables(ast) - set(sample)
        except TemplateSyntaxError as exc:
            raise ConfigError(self._syntax_error(path, exc)) from None
        if wrong := template_names.unknown_names(ast, unknown, list(sample)):
            raise ConfigError(f"template {self._file(path)}, line {wrong[0]}: {wrong[1]}")
        if missing := template_names.missing_files(ast, self._env.list_templates()):
            raise ConfigError(f"template {self._file(path)}, line {missing[0]}: {missing[1]}")
        if wrong := template_checks.text_problem(ast) or template_checks.joined_lines(text):
            raise ConfigError(f"template {self._file(path)}, line {wrong[0]}: {wrong[1]}")
        for include in ast.find_all(nodes.Include):
            name = getattr(include.template, "value", None)
            if isinstance(name, str) and name not in (path, *seen):
                self._check_names(name, sample, (*seen, path))
        return ast

    def _parsed(self, name: str) -> nodes.Template | None:
        """Another template file, parsed, for the case check to follow; None if unreadable."""
        try:
            return self._env.parse(self._source(name)[0])
        except (TemplateError, UnicodeDecodeError):
            return None

    def check_layout(self) -> None:
        """ConfigError for folders drafts would never use, or none for the default language."""
        self.check_folders()
        self.check_default_lang()
        self.check_fallback_lang()

    def check_folders(self) -> None:
        """ConfigError for a language folder not written as a tag ("pt-pt/", "pt_PT/"): drafts
        look for "pt-PT/", so its templates would silently never be used. `_fix` words the
        fix: a folder that is no language ("old-drafts/") is not told to be "old-DRAFTS/"."""
        for folder in sorted({p.split("/")[0] for p in self._env.list_templates() if "/" in p}):
            if tag(folder) != folder:
                raise ConfigError(
                    f"playbooks.templates: the folder {folder}/ is never used; {_fix(folder)}"
                )

    def check_default_lang(self) -> None:
        """ConfigError naming `playbooks.default_lang` when no folder holds its templates:
        the setting the operator wrote, not each rule's template that then cannot be found."""
        paths = self._env.list_templates()
        have = sorted({p.split("/")[0] for p in paths if "/" in p})
        if any(code in have for code in self._chain(self.default_lang)):
            return
        lang = self.default_lang
        regional = sorted(f"{c}-BR" for c in have if c == "pt")  # pt/ is Brazil's
        raise ConfigError(
            f"playbooks.default_lang: no templates for {lang!r} (no {lang}/ folder in the "
            f"templates); use one of: {', '.join(sorted(have + regional))}, or add a "
            f"{lang}/ folder to playbooks.templates"
        )

    def check_fallback_lang(self) -> None:
        """ConfigError naming `playbooks.fallback_lang` when no folder holds its templates."""
        have = {p.split("/")[0] for p in self._env.list_templates() if "/" in p}
        if wrong := fallback_problem(self.fallback_lang, have):
            raise ConfigError(wrong)

    def _chain(self, lang: str) -> list[str]:
        """The folders tried for `lang`, in order (template_langs.chain)."""
        return chain(lang, self.default_lang, self.fallback_lang)

    def _folder(self, name: str, lang: str) -> str | None:
        paths = self._env.list_templates()
        return next((c for c in self._chain(lang) if f"{c}/{name}.j2" in paths), None)

    def _missing(self, name: str) -> str:
        """Why `name` is missing and the fix (the default language has a folder: a misspelt
        name, the usual case)."""
        paths = self._env.list_templates()
        have = {p.split("/")[0] for p in paths if "/" in p}
        lang = next((c for c in self._chain(self.default_lang) if c in have), self.default_lang)
        names = sorted({p.split("/", 1)[1].removesuffix(".j2") for p in paths if "/" in p})
        known = sorted(
            p.split("/", 1)[1].removesuffix(".j2") for p in paths if p.startswith(f"{lang}/")
        )
        if elsewhere := sorted(p.split("/")[0] for p in paths if p.endswith(f"/{name}.j2")):
            # Written for some languages only: the name is right ("did you mean 'x'?" for x
            # would be no fix); what is missing is the one every other language falls back to.
            return (
                f"template {name!r} is in {', '.join(f'{f}/' for f in elsewhere)} but not in "
                f"{lang}/, the folder of playbooks.default_lang = {self.default_lang!r} that a "
                f"post in a language without its own falls back to; add {lang}/{name}.j2 to the "
                "templates folder, or set playbooks.default_lang to one of those languages"
            )
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return (
            f"template {name!r} not found ({lang}/{name}.j2); {hint}the templates are "
            f"{', '.join(known)}; fix the name or add {lang}/{name}.j2 to the templates folder"
        )

    def render(
        self,
        name: str,
        lang: str,
        context: Mapping[str, Any],
        in_folder: Callable[[str], Mapping[str, Any]] | None = None,
    ) -> tuple[str, str]:
        """Render in `lang` ("pt-PT": its own folder, else "pt") when a translation exists,
        else in its language's other region (pt-BR/ for Portugal, pt-PT/ for Brazil: a
        Portuguese reply reads better than an English one), else the default ("pt-BR": pt/);
        return (text, the folder used). `in_folder`: values worded in the language of the
        folder used (a Portuguese post answered from en/ is greeted "Good morning")."""
        language = lang.split("-")[0]
        regions = [f for f in self.folders(name) if f.split("-")[0] == language]
        for code in dict.fromkeys((*own(lang), *regions, *self._chain(lang))):
            values = {**context, **in_folder(code)} if in_folder else context
            try:
                return self.render_in(name, code, values), code
            except TemplateNotFound:
                continue
        raise ConfigError(f"template {name!r} exists in no language folder")

    def render_in(self, name: str, folder: str, context: Mapping[str, Any]) -> str:
        """`folder`/`name`.j2 rendered as a draft's text; TemplateNotFound if there is none."""
        template = self._env.get_template(f"{folder}/{name}.j2")  # cached once loaded
        # Templates are laid out for reading; a message is one paragraph.
        return " ".join(template.render(**context).split())

    def folders(self, name: str) -> list[str]:
        """The language folders holding template `name` ("en", "pt", "pt-PT")."""
        paths = self._env.list_templates()
        return sorted({p.split("/")[0] for p in paths if p.endswith(f"/{name}.j2")})


def _fix(folder: str) -> str:
    """How to fix a folder drafts never use: a language tag written otherwise is renamed; a
    folder that is no language ("old-drafts/") is named for one, or moved out."""
    if _LANGUAGE_FOLDER.fullmatch(folder):
        return f"name it {tag(folder)}/ (the language in lower case, its region in capitals)"
    return (
        "it is not a language folder: the folders there are named for the language of their "
        "templates (e.g. en/, pt/, pt-PT/); rename it so, or move it out of the templates folder"
    )
