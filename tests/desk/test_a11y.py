"""What a screen reader needs from each desk page's markup: one top heading to jump to, a
name for every table column, a text alternative for the chart, errors tied to their box."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from html.parser import HTMLParser

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR,pt;q=0.9"}


class _Texts(HTMLParser):
    """The text inside each element named `tag` (nested markup's text included)."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.depth, self.texts = tag, 0, list[str]()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            self.depth += 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.tag:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def texts(page: str, tag: str) -> list[str]:
    parser = _Texts(tag)
    parser.feed(page)
    return [t.strip() for t in parser.texts]


async def _get(desk: Desk, path: str, headers: dict[str, str] | None = None) -> str:
    response = await desk.client.get(path, headers=headers or {})
    assert response.status == 200
    return await response.text()


async def test_the_queue_has_one_top_heading(as_role: Login) -> None:
    agent = await as_role("agent")
    assert texts(await _get(agent, "/queue"), "h1") == ["Queue"]
    assert texts(await _get(agent, "/queue", PT), "h1") == ["Fila"]


async def test_every_column_of_the_people_table_is_named(as_role: Login) -> None:
    admin = await as_role("admin")
    heads = texts(await _get(admin, "/people"), "th")
    assert heads[-1] == "Actions" and all(heads), heads
    assert texts(await _get(admin, "/people", PT), "th")[-1] == "Ações"


async def test_each_persons_buttons_say_whose_row_they_act_on(as_role: Login) -> None:
    page = await _get(await as_role("admin"), "/people")
    rows = re.findall(r'<td id="(person-\d+)">([^<]+)</td>(.*?)</tr>', page, re.S)
    assert len(rows) >= 3
    for cell, _name, rest in rows:
        buttons = re.findall(r"<button[^>]*>", rest)
        assert all(f'aria-describedby="{cell}"' in b for b in buttons), rest


async def test_the_cards_definitions_are_on_the_page_not_only_on_hover(as_role: Login) -> None:
    # A title shows on hover only: a phone or a keyboard never sees it.
    manager = await as_role("manager")
    page = await _get(manager, "/dashboard")
    help_ = re.search(r'<details class="kpi-help">.*?</details>', page, re.S)
    assert help_, "no definitions"
    items = texts(help_[0], "li")
    assert [i.split(":")[0].split(" (")[0] for i in items] == [
        "The median", "p90", "Resolution rate", "CSAT", "NPS"
    ]  # fmt: skip
    assert "from -100 to +100" in items[-1]  # the figure's own minus sign
    portugal = await _get(manager, "/dashboard", {"Accept-Language": "pt-PT"})
    assert "«recomendaria-nos?»" in portugal and "O que estes números significam" in portugal


async def test_the_sentiment_chart_has_its_figures_as_a_table(as_role: Login, store: Store) -> None:
    manager = await as_role("manager")
    assert "chart-figures" not in await _get(manager, "/dashboard")  # an empty chart says so
    for text, label in [("Still no parcel", "negative"), ("Lamp is lovely", "positive")] * 2:
        add(store, text, label=label)
    page = await _get(manager, "/dashboard?days=7", PT)
    figures = re.search(r'<details class="chart-figures">.*?</details>', page, re.S)
    assert figures and texts(figures[0], "summary") == ["Os números, dia a dia"]
    heads = texts(figures[0], "th")
    assert heads[:4] == ["Dia", "Reclamações", "Menções neutras", "Elogios"]
    assert len(heads) == 4 + 7  # a row for each day of the period, named by its date
    cells = [int(n) for n in texts(figures[0], "td")]
    assert [sum(cells[0::3]), sum(cells[1::3]), sum(cells[2::3])] == [2, 0, 2]


async def test_a_refused_draft_box_is_tied_to_the_notice_that_says_why(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Parcel lost", draft="Sorry!", draft_kind="public")
    agent = await as_role("agent")
    page = await _get(agent, f"/cases/{case}")
    assert "aria-invalid" not in page and "autofocus" not in page
    seen = re.search(r'name="seen" value="(\w+)"', page)
    assert seen
    back = f"/cases/{case}"
    response = await agent.refused(
        f"/drafts/{draft}/approve", back=back, text="a" * 300, seen=seen[1]
    )
    page = await response.text()
    box = re.search(r'<textarea name="text" rows="5"[^>]*>', page)
    assert box, "the draft's box is shown again"
    notice = f"draft-{draft}-refused"
    assert f'aria-describedby="{notice}" autofocus="" aria-invalid="true"' in box[0]
    said = re.search(rf'<div [^>]*id="{notice}">(.*?)</div>', page, re.S)
    assert said and "longer than the platform allows" in said[1]


async def test_a_refused_reply_box_is_invalid_only_when_its_text_was_the_reason(
    as_role: Login, store: Store
) -> None:
    mention, case, draft = add(store, "My order never came")
    agent = await as_role("agent")
    await agent.post(f"/drafts/{draft}/reject", back=f"/cases/{case}")
    seen = re.search(r'name="seen" value="(\w*)"', await _get(agent, f"/cases/{case}"))
    assert seen
    reply = {"kind": "public", "seen": seen[1], "back": f"/cases/{case}"}
    too_long = await agent.refused(f"/mentions/{mention}/reply", text="a" * 300, **reply)
    invalid = 'aria-describedby="reply-refused" autofocus="" aria-invalid="true"'
    assert invalid in await too_long.text()
    await agent.post(f"/mentions/{mention}/reply", text="On it!", **reply)
    late = await agent.refused(f"/mentions/{mention}/reply", text="Me too", **reply)
    page = await late.text()
    assert "after you opened the page" in page
    assert 'aria-describedby="reply-refused" autofocus="">' in page  # a colleague was first


async def test_the_reading_correction_buttons_are_described_by_their_question(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Parcel lost")
    page = await _get(await as_role("agent"), f"/cases/{case}")
    form = page.split('id="correct-as"', 1)[1].split("</form>", 1)[0]
    assert texts(form, "button") == ["neutral", "praise"]
    assert form.count('aria-describedby="correct-as"') == 2
    assert re.search(r'id="correct-as">Wrong\? Mark it as<', page)
