"""`{{ case }}` and `{{ case_opened }}` in a saved reply where the post may join no case: both
are "" there, so a text that writes them as they are reads "Your case , opened on , …". The
check is the playbook templates' (playbooks/case_guard: a branch only a case takes, or a
fallback); here is what the desk does with it. The editor refuses such a text
(web/pages_saved_checks), the picker leaves a file's out on a post with no case, and start-up
logs why. A text the check cannot follow (`{% call %}`, a variable set in one branch only) is
treated as one that may leave the gap, and said so."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from playbooks.case_guard import CASE_VALUES, Hole, text_hole

__all__ = ["CASE_VALUES", "Hole", "case_hole", "need_case", "text_hole"]

_LOGGER = logging.getLogger(__name__)


def need_case(texts: Mapping[str, str], where: str = "") -> frozenset[str]:
    """The ids (of `texts`, by id) that write a case value where it may be "", or where the
    check cannot tell; with `where` (a file, at load) each is logged with the fix, naming only
    its id, the placeholder and the construct: the file still loads (it loaded before this
    check), and the picker leaves it out on a post that joins no case."""
    found = {reply_id: text_hole(text) for reply_id, text in texts.items()}
    for reply_id, hole in found.items():
        if hole and where:
            _log(where, reply_id, hole)
    return frozenset(reply_id for reply_id, hole in found.items() if hole)


def case_hole(text: str) -> str | None:
    """The first case value `text` writes (or may write: text_hole says which) where it may be
    "" ("case", "case_opened"); None when it writes none so, or is no template."""
    hole = text_hole(text)
    return hole.name if hole else None


def _log(where: str, reply_id: str, hole: Hole) -> None:
    fix = (
        'put it inside {%% if case %%}…{%% endif %%} or write {{ %s or "…" }} to offer it there too'
    )
    if hole.unsure:
        _LOGGER.warning(
            '%s: saved reply %r may write {{ %s }} where it is "" (the check cannot follow '
            "%s), so the picker leaves it out on a post that joins no case; write {{ %s }} "
            "itself: " + fix,
            where,
            reply_id,
            hole.name,
            hole.unsure,
            hole.name,
            hole.name,
        )
        return
    _LOGGER.warning(
        "%s: saved reply %r writes {{ %s }} outside {%% if case %%}…{%% endif %%}, so the "
        "picker leaves it out on a post that joins no case; " + fix,
        where,
        reply_id,
        hole.name,
        hole.name,
    )
