"""A rule that can never run because a rule with `stop = true` above it matches every mention it
matches (`label = ["negative"]` with stop, then `label = ["negative"], min_frustration = 3`): a
rule-order mistake that would otherwise load and silently never fire."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from mentiondesk.models import Label
from playbooks.rules import Rule, When

# Conditions by how a narrower rule's value stays inside a wider one's.
_ANY_OF = ("label", "lang", "platform", "topic", "reason")  # a list: a subset of the wider's
_AT_LEAST = ("min_score", "min_reach", "min_frustration")  # a bound at or above the wider's
_AT_MOST = ("max_score", "max_reach")  # a bound at or below the wider's
# The same true or false.
_EXACTLY = ("question", "returning_author", "follow_up", "author_impostor")


def shadowed(rules: Sequence[Rule], origins: Mapping[str, Path]) -> list[str]:
    """A line for each rule a `stop` rule above it always stops first, naming both and the fix."""
    found = []
    for at, later in enumerate(rules):
        stopper = next((r for r in rules[:at] if r.stop and covers(r.when, later.when)), None)
        if stopper is not None:
            path, other = origins[later.name], origins[stopper.name]
            elsewhere = "" if other == path else f" (in {other})"
            found.append(
                f"{path}: rule {later.name!r} never runs: rule {stopper.name!r}{elsewhere} comes "
                "before it, matches every mention it matches, and has stop = true; move "
                f"{later.name!r} above {stopper.name!r}, narrow the `when` of {stopper.name!r}, "
                "or remove its stop"
            )
    return found


def covers(wide: When, narrow: When) -> bool:
    """Whether every mention `narrow` matches is matched by `wide` too (checked condition by
    condition, so it may say False for a pair that does overlap: never a false alarm)."""
    wide = _widest(wide)
    return (
        all(_subset(getattr(wide, key), getattr(narrow, key)) for key in _ANY_OF)
        and all(_above(getattr(wide, key), getattr(narrow, key)) for key in _AT_LEAST)
        and all(_below(getattr(wide, key), getattr(narrow, key)) for key in _AT_MOST)
        and all(getattr(wide, key) in (None, getattr(narrow, key)) for key in _EXACTLY)
    )


def _subset(wide: list[str] | None, narrow: list[str] | None) -> bool:
    return wide is None or (narrow is not None and set(narrow) <= set(wide))


def _above(wide: float | None, narrow: float | None) -> bool:
    """`wide` is no lower bound, or `narrow` is one at least as high."""
    return wide is None or (narrow is not None and narrow >= wide)


def _below(wide: float | None, narrow: float | None) -> bool:
    """`wide` is no upper bound, or `narrow` is one at least as low."""
    return wide is None or (narrow is not None and narrow <= wide)


def _widest(when: When) -> When:
    """`when` less the conditions every mention meets, which match as if unwritten: every
    label, `min_frustration = 0`, `min_reach = 0`, `min_score = 0`, `max_score = 1` (a
    catch-all with `stop` written so still stops every rule after it)."""
    always = {
        "label": when.label is not None and set(when.label) >= set(Label),
        "min_frustration": when.min_frustration == 0,
        "min_reach": when.min_reach == 0,
        "min_score": when.min_score == 0,
        "max_score": when.max_score == 1,
    }
    return when.model_copy(update={key: None for key, met in always.items() if met})
