"""The case page's audit trail as the leads in Lisbon and Recife read it to settle a dispute:
each moment in their desk's time zone and their date order, the lines in their variant's
words, and hostile text (markup, a right-to-left override) neither run nor turning a line
around."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import audit
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from tests.desk.conftest import Desk, desk_client
from tests.desk.seed import add

RLO, FSI, PDI = "\u202e", "\u2068", "\u2069"
AT = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # a summer night: Lisbon is a day ahead


def _seed(store: Store) -> int:
    """A case with a note by a hostile name, a reason with markup, and a listing."""
    mention, case, draft = add(store, "Nada chegou", handle="pri_moura")
    assert case is not None and draft is not None
    audit.record(store, "cli:root", "allow-contact", mention_id=mention, detail="x pri_moura")
    audit.record(store, f"{RLO}eve", "note", mention_id=mention, case_id=case)
    reason = "<script>alert(1)</script> cliente pediu"
    audit.record(
        store, "ana", "hold", mention_id=mention, case_id=case, draft_id=draft, detail=reason
    )
    with store.engine.begin() as conn:
        conn.execute(sa.update(AUDIT).values(at=AT))
    return case


async def _trail(tmp_path: Path, db_url: str, store: Store, zone: str, lang: str) -> str:
    case = _seed(store)
    async with desk_client(tmp_path, db_url, store, f'timezone = "{zone}"') as client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        response = await client.get(f"/cases/{case}", headers={"Accept-Language": lang})
        assert response.status == 200
        page = await response.text()
    return page.split('<ol class="audit">', 1)[1].split("</ol>", 1)[0]


@pytest.mark.parametrize(
    ("zone", "lang", "when", "words"),
    [
        (
            "Europe/Lisbon",
            "pt-PT",
            "02/07/2026 00:30 WEST",
            ["root (pelo terminal) voltou a permitir contacto com @pri_moura no X"],
        ),
        (
            "America/Recife",
            "pt-BR",
            "01/07/2026 20:30 UTC\u22123",
            ["root (pelo terminal) voltou a permitir contato com @pri_moura no X"],
        ),
        (
            "Europe/Lisbon",
            "en",
            "2026-07-02 00:30 WEST",
            ["root (terminal) allowed @pri_moura on X to be contacted again"],
        ),
    ],
)
async def test_each_lead_reads_the_trail_in_their_zone_and_words(
    tmp_path: Path, db_url: str, store: Store, zone: str, lang: str, when: str, words: list[str]
) -> None:
    trail = await _trail(tmp_path, db_url, store, zone, lang)
    stamps = re.findall(r'<span class="muted">([^<]+)</span>', trail)
    assert stamps == [when] * 3, stamps
    assert all(w in trail for w in words), trail
    assert "<script>" not in trail and "&lt;script&gt;alert(1)&lt;/script&gt;" in trail
    # The override in the note's author ends with the name: "added a note" reads as written.
    assert f"{FSI}{RLO}eve{PDI} " in trail, trail
    if lang != "en":
        text = re.sub(r"<[^>]+>|`[^`]*`", " ", trail)
        assert not re.search(r"\b(?:added|allowed|held|reply|note|the)\b", text), text
