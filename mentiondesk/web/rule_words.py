"""A playbook rule as a manager reads it on the Playbooks page: conditions and actions in
words, in the page's language, each with the playbook file's own text (`min_frustration = 3`,
`draft_private`) kept beside it for whoever edits the file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mentiondesk.models import ActionKind
from mentiondesk.web.i18n import Locale
from playbooks.rules import ActionSpec, Rule, When

# Condition → a clause; {v} is the value as people read it, a list's values joined by "or".
# The page joins the clauses with "and": "sentiment is neutral or praise" and "it is a question".
_WHEN = {
    "label": "sentiment is {v}",
    "lang": "language is {v}",
    "platform": "platform is {v}",
    "topic": "topic is {v}",
    "reason": "reason is {v}",
    # The reading's score, the probability of its label, as the case page says it: "80% sure".
    "min_score": "the classifier is at least {v} sure",
    "max_score": "the classifier is at most {v} sure",
    "min_reach": "the author has at least {v} followers",
    "max_reach": "the author has at most {v} followers",
    "min_frustration": "frustration is {v} or more (of 3)",
}
# Yes/no conditions read as a clause each way.
_FLAGS = {
    ("question", True): "it is a question",
    ("question", False): "it is not a question",
    ("returning_author", True): "the author wrote before",
    ("returning_author", False): "it is the author's first mention",
    ("follow_up", True): "it joins the author's open case as a follow-up",
    ("follow_up", False): "the author has no open case",
    # impostors.py: a look-alike of a brand handle, or the brand's name with a support word
    ("author_impostor", True): "the author may be a fake account posing as the brand",
    ("author_impostor", False): "the author is not posing as the brand",
}
_ACTIONS = {
    ActionKind.OPEN_CASE: "open a case",
    ActionKind.ASSIGN: "assign to {to}",
    ActionKind.ALERT: "alert the team",
    ActionKind.DRAFT_PRIVATE: "draft a private reply",
    ActionKind.DRAFT_PUBLIC: "draft a public reply",
    ActionKind.ESCALATE: "escalate to the help desk",
}
# i18n word catalogs: "o idioma é português europeu", not "pt-PT"; "Hacker News", not the code.
_WORD_KINDS = {
    "label": "label",
    "topic": "reason",
    "reason": "reason",
    "lang": "lang",
    "platform": "platform",
}
# What a rule made in the week (data_rules), or matched when it makes nothing: one, many.
_COUNTS = {
    "cases": ("{n} case", "{n} cases"),
    "drafts": ("{n} draft", "{n} drafts"),
    "alerts": ("{n} alert", "{n} alerts"),
    "tickets": ("{n} ticket", "{n} tickets"),
    "matched": ("{n} mention matched", "{n} mentions matched"),
}
# Every text above, for the catalog check (the page passes them to `t` by key, not literally).
TEXTS = frozenset(
    [*_WHEN.values(), *_FLAGS.values(), *_ACTIONS.values(), *sum(_COUNTS.values(), ())]
) | {"(sent without approval)"}


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str  # what the page shows
    source: str  # the playbook file's own words, for its title


def conditions(when: When, loc: Locale) -> list[Phrase]:
    """Every condition a rule sets, in words; none means the rule always fires."""
    found = []
    for key, value in when.model_dump(exclude_none=True).items():
        source = f"{key} = {_raw(value)}"
        if isinstance(value, bool):
            found.append(Phrase(loc.t(_FLAGS[key, value]), source))
        else:
            found.append(Phrase(loc.t(_WHEN[key], v=_value(key, value, loc)), source))
    return found


def actions(specs: list[ActionSpec], loc: Locale) -> list[Phrase]:
    """What a rule does, in words: "draft a public reply (sent without approval) → x-post"."""
    found = []
    for a in specs:
        text = loc.t(_ACTIONS[a.type], to=a.to or "")
        if a.auto:
            text += " " + loc.t("(sent without approval)")
        if a.to and a.type is not ActionKind.ASSIGN:
            text += f" → {a.to}"
        source = a.type.value + (f" ({a.template})" if a.template else "")
        found.append(Phrase(text, source))
    return found


def described(rules: Sequence[Rule], locale: str) -> dict[str, str]:
    """Each rule's description for a reader of `locale`, by rule name, where a page names the
    rule behind a case or draft: "regra complaint" says little to a team reading Portuguese.
    Without its full stop: it reads inside a line ("rule: …  · pt")."""
    return {r.name: text.rstrip(".") for r in rules if (text := r.describe(locale))}


def humanised(name: str) -> str:
    """A rule's id as a heading when its playbook gives no description: "urgent-complaint"
    reads "Urgent complaint"."""
    return name.replace("-", " ").replace("_", " ").strip().capitalize() or name


def this_week(
    made: Mapping[str, int], matched: Mapping[str, int | None], rule: str, loc: Locale
) -> list[str] | None:
    """The week's count in words ("1 case, 2 drafts"); for a rule that makes nothing, the
    mentions it matched; None when those cannot be counted (data_rules.matched_this_week)."""
    if rule in matched:
        n = matched[rule]
        return None if n is None else [count("matched", n, loc)]
    return [count(what, n, loc) for what, n in made.items()]


def count(what: str, n: int, loc: Locale) -> str:
    """ "1 case", "2 cases", in the page's language."""
    return loc.tn(*_COUNTS[what], n)


def _value(key: str, value: object, loc: Locale) -> str:
    if isinstance(value, list):
        kind = _WORD_KINDS.get(key)
        words = [loc.word(kind, str(v)) if kind else str(v) for v in value]
        # Lower-case: a label reads mid-clause ("é neutro ou elogio"), not as pt-BR's chip; a
        # platform's or a language's name keeps its capitals ("Hacker News", "English").
        return _any([w.lower() for w in words] if key == "label" else words, loc)
    if key in ("min_score", "max_score") and isinstance(value, int | float):
        return loc.certainty(value)
    if isinstance(value, float):
        return loc.decimal(value, 2)
    return loc.number(value) if isinstance(value, int) else str(value)


def _any(words: list[str], loc: Locale) -> str:
    """ "a", "a or b", "a, b or c": the values a list condition matches any of."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {loc.t('or')} {words[-1]}"


def _raw(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
