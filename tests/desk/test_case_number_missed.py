"""A missed case number (no such case) on the queue: the queue comes back as it was filtered,
the typed number back in the box, marked invalid and tied to the notice that quotes it; and
numbers as tickets and chat write them ("#19", "MD 19", "md19") are found."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def test_the_box_carries_the_queue_filters(as_role: Login) -> None:
    desk = await as_role("agent")
    html = await (await desk.client.get("/queue", params={"platform": "mastodon"})).text()
    form = html[html.index('<form class="filters case-jump"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="platform" value="mastodon">' in form


async def test_a_miss_comes_back_to_the_filtered_queue(as_role: Login) -> None:
    desk = await as_role("agent")
    query = {"platform": "mastodon", "label": "negative", "number": "424242"}
    answer = await desk.client.get("/cases", params=query, allow_redirects=False)
    location = urlsplit(answer.headers["Location"])
    assert location.path == "/queue"
    kept = parse_qs(location.query)
    assert kept["platform"] == ["mastodon"] and kept["label"] == ["negative"]
    # Said once from the store (flash.py): neither the notice nor the number in the address.
    assert "notice" not in kept and "number" not in kept
    assert "No case “424242”" in await desk.landed(answer)


async def test_a_miss_keeps_the_number_in_the_box_and_quotes_it(as_role: Login) -> None:
    desk = await as_role("agent")
    answer = await desk.client.get("/cases", params={"number": "MD-0019O"})
    html = await answer.text()
    assert 'id="notice">No case “MD-0019O”: case numbers look like MD-000019 or 19.</div>' in html
    box = html[html.index('<input type="search" name="number"') :]
    box = box[: box.index(">")]
    for attribute in ['value="MD-0019O"', 'aria-invalid="true"', 'aria-describedby="notice"']:
        assert attribute in box
    assert "autofocus" in box


async def test_the_quoted_number_is_escaped(as_role: Login) -> None:
    desk = await as_role("agent")
    html = await (await desk.client.get("/cases", params={"number": "<b>19</b>"})).text()
    assert "<b>19</b>" not in html
    assert "No case “&lt;b&gt;19&lt;/b&gt;”" in html
    assert 'value="&lt;b&gt;19&lt;/b&gt;"' in html


async def test_the_queue_without_a_miss_has_a_plain_box(as_role: Login) -> None:
    desk = await as_role("agent")
    html = await (await desk.client.get("/queue", params={"number": "19"})).text()
    assert "aria-invalid" not in html and 'value="19"' not in html


async def test_the_quoted_miss_speaks_portuguese(as_role: Login) -> None:
    desk = await as_role("agent")
    desk.client.session.cookie_jar.update_cookies({"md_lang": "pt-PT"})
    html = await (await desk.client.get("/cases", params={"number": "MD-0019O"})).text()
    assert "Não há nenhum caso “MD-0019O”: os números de caso são como MD-000019 ou 19." in html


@pytest.mark.parametrize("typed", ["#{case}", "MD {case}", "md {case:06d}", "md{case}"])
async def test_numbers_as_tickets_write_them_are_found(
    as_role: Login, store: Store, typed: str
) -> None:
    _, case, _ = add(store, "Parcel lost again")
    desk = await as_role("agent")
    query = {"number": typed.format(case=case)}
    answer = await desk.client.get("/cases", params=query, allow_redirects=False)
    assert (answer.status, answer.headers["Location"]) == (302, f"/cases/{case}")


@pytest.mark.parametrize("typed", ["##19", "MD  19", "MD#19", "# 19"])
async def test_other_marks_are_still_no_number(as_role: Login, typed: str) -> None:
    desk = await as_role("agent")
    answer = await desk.client.get("/cases", params={"number": typed}, allow_redirects=False)
    assert urlsplit(answer.headers["Location"]).path == "/queue"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Type a case number (e.g. MD-000019)."),
        ("pt-BR", "Escreva um número de caso (ex.: MD-000019)."),
        ("pt-PT", "Escreva um número de caso (ex.: MD-000019)."),
    ],
)
@pytest.mark.parametrize("typed", [None, "", "   "])
async def test_an_empty_box_asks_for_a_number(
    as_role: Login, typed: str | None, lang: str, words: str
) -> None:
    desk = await as_role("agent")
    desk.client.session.cookie_jar.update_cookies({"md_lang": lang})
    params = {} if typed is None else {"number": typed}
    html = await (await desk.client.get("/cases", params=params)).text()
    assert f'id="notice">{words}</div>' in html
    assert "MD-000019." not in html.replace(words, "")  # not "no case with that number"
    box = html[html.index('<input type="search" name="number"') :]
    assert 'aria-invalid="true"' in box[: box.index(">")]
