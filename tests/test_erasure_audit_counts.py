"""An erasure's audit line is the DPO's proof (LGPD, RGPD): it keeps every count. The trail
holds 512 characters of detail, and the line of counts in words passed that once they reached
thousands ("1,234 mentions, …"): it was cut, its last counts (the Slack cards') lost, and the
desk showed the cut line in English. Such a line is written compact instead, every count
kept, and read back in the reader's words; one that fits stays as it was."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import erasure
from mentiondesk.erasure import Erasure
from mentiondesk.erasure_audit import COMPACT_HEAD, DETAIL_LIMIT, ERASED_HEAD, expanded
from mentiondesk.erasure_copies import Elsewhere
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web.audit_erasures import counted
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.desk.seed import add


def big(n: int) -> Erasure:
    """Every count at `n` (each a little apart, to tell them apart), Slack cards of each kind."""
    counts = {f: n + i for i, f in enumerate(("mentions", "cases", "drafts", "outbox"))}
    counts |= {f: n + 4 + i for i, f in enumerate(("delivered", "already_blank", "notes"))}
    counts |= {"corrections": n + 7, "follow_ups": n + 8, "surveys": n + 9}
    counts |= {"digest_items": n + 10, "audit": n + 11}
    slack = Elsewhere(
        alerts=(("slack", 3 * n),),
        rewritten=(("slack", 2 * n + 12),),
        waiting=(("slack", n + 13),),
        cleared=(("slack", n + 14),),
    )
    return Erasure(**counts, listed=True, elsewhere=slack)


def the_line(store: Store) -> str:
    with store.engine.connect() as conn:
        query = sa.select(AUDIT.c.detail).where(AUDIT.c.action == erasure.ACTION)
        return str(conn.execute(query).scalar_one())


@pytest.mark.parametrize("n", [1_234, 12_345])
def test_thousands_of_each_keep_every_count(
    store: Store, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    """A real erasure whose counts reach 4 and 5 digits (the rows it found made so many)."""
    real = erasure._erase_traces

    def many(*args: Any, **kwargs: Any) -> Erasure:
        done = real(*args, **kwargs)  # Ana's rows really go; the counts are a prolific one's
        return replace(big(n), listed=done.listed)

    monkeypatch.setattr(erasure, "_erase_traces", many)
    add(store, "Where is my parcel?", platform="x", handle="ana_souza")
    done = erasure.erase(store, "x", "ana_souza", by="cli:dpo")
    line = the_line(store)
    assert len(line) <= DETAIL_LIMIT and line.startswith(COMPACT_HEAD)
    assert expanded(line.removeprefix(COMPACT_HEAD)) == done.summary()  # nothing cut
    assert f"cleared={n + 14}" in line and f"waiting={n + 13}" in line  # the tail too
    said = counted(PORTUGUESE, erasure.ACTION, line)
    assert said is not None and said.days is None
    thousands = f"{n + 14:,}".replace(",", ".")
    assert said.parts.endswith(
        f"{thousands} cartões já reescritos pela política de retenção (sem alteração)"
    )
    assert f"eliminados: {n:,} menções".replace(",", ".") in said.parts
    assert "ana_souza" not in line


@pytest.mark.parametrize("n", [0, 1, 480])  # each count below 1,000
def test_a_line_that_fits_stays_in_words(n: int) -> None:
    done = big(n)
    assert done.audit_detail() == ERASED_HEAD + done.summary()


@pytest.mark.parametrize("n", [1_000, 54_321, 999_999_999, 999_999_999_999])
def test_the_compact_line_fits_and_reads_back(n: int) -> None:
    """Up to a trillion rows of each kind, and read back as the long line in either variant."""
    done = big(n)
    line = done.audit_detail()
    assert len(line) <= DETAIL_LIMIT
    assert expanded(line.removeprefix(COMPACT_HEAD)) == done.summary()
    for loc in (PORTUGUESE, EUROPEAN_PORTUGUESE):
        said = counted(loc, erasure.ACTION, line)
        assert said is not None and said.parts.count("; ") == 3  # each section worded


def test_no_slack_words_without_slack_cards() -> None:
    """A desk without Slack reads no Slack words, in the compact form too."""
    done = replace(big(10**14), elsewhere=Elsewhere())  # only such counts need it
    line = done.audit_detail()
    assert line.startswith(COMPACT_HEAD) and "slack" not in line.lower()
    assert expanded(line.removeprefix(COMPACT_HEAD)) == done.summary()


@pytest.mark.parametrize(
    "broken",
    [
        "deleted mention=1 case",
        "deleted mention=-1",
        "deleted mention=١٢",  # Arabic-Indic digits: not ours
        "shredded mention=1",
        "slack_cards posted=1",
        "already_blank mention=1",
    ],
)
def test_a_detail_not_ours_is_not_read(broken: str) -> None:
    assert expanded(broken) is None
    assert counted(PORTUGUESE, erasure.ACTION, COMPACT_HEAD + broken) is None
