"""A case number as Slack cards and tickets write it (MD-000019) leads to the case's page:
as the address /cases/MD-000019, and typed into the queue's case-number box."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _number(case: int, written: str) -> str:
    return written.format(case=case)


@pytest.mark.parametrize("written", ["MD-{case:06d}", "md-{case:06d}", "MD-{case}", "md{case}"])
async def test_a_case_number_in_the_address_redirects_to_the_case(
    as_role: Login, store: Store, written: str
) -> None:
    _, case, _ = add(store, "Parcel lost again")
    desk = await as_role("agent")
    answer = await desk.client.get(f"/cases/{_number(case, written)}", allow_redirects=False)
    assert answer.status == 302
    assert answer.headers["Location"] == f"/cases/{case}"
    assert "Parcel lost again" in await (await desk.client.get(answer.headers["Location"])).text()


@pytest.mark.parametrize("path", ["/cases/MD-999999", "/cases/999999"])
async def test_an_unknown_case_number_is_the_same_404(as_role: Login, path: str) -> None:
    desk = await as_role("agent")
    answer = await desk.client.get(path, allow_redirects=False)
    assert answer.status == 404
    assert "There is no such case" in await answer.text()


@pytest.mark.parametrize("path", ["/cases/MD-", "/cases/MD-1x", "/cases/%C2%B2", "/cases/abc"])
async def test_what_is_no_case_number_is_still_404(as_role: Login, path: str) -> None:
    desk = await as_role("agent")
    assert (await desk.client.get(path, allow_redirects=False)).status == 404


async def test_the_address_asks_for_a_login_first(anon: Desk, store: Store) -> None:
    _, case, _ = add(store, "Parcel lost again")
    answer = await anon.client.get(f"/cases/MD-{case:06d}", allow_redirects=False)
    assert answer.status in (302, 303)
    assert answer.headers["Location"].startswith("/login")


async def test_the_queue_has_a_labelled_case_number_box(as_role: Login) -> None:
    desk = await as_role("agent")
    html = await (await desk.client.get("/queue")).text()
    assert '<form class="filters case-jump" method="get" action="/cases" role="search">' in html
    assert '<label>case number\n    <input type="search" name="number"' in html


@pytest.mark.parametrize("typed", ["MD-{case:06d}", " md-{case} ", "{case}"])
async def test_the_case_number_box_jumps_to_the_case(
    as_role: Login, store: Store, typed: str
) -> None:
    _, case, _ = add(store, "Parcel lost again")
    desk = await as_role("agent")
    query = {"number": _number(case, typed)}
    answer = await desk.client.get("/cases", params=query, allow_redirects=False)
    assert (answer.status, answer.headers["Location"]) == (302, f"/cases/{case}")


@pytest.mark.parametrize("typed", ["MD-999999", "lost parcel", ""])
async def test_a_number_of_no_case_says_so_on_the_queue(as_role: Login, typed: str) -> None:
    desk = await as_role("agent")
    answer = await desk.client.get("/cases", params={"number": typed})
    assert answer.url.path == "/queue"
    said = f"No case “{typed}”: case numbers" if typed else "Type a case number (e.g. MD-000019)."
    assert said in await answer.text()


async def test_the_box_speaks_portuguese(as_role: Login) -> None:
    desk = await as_role("agent")
    desk.client.session.cookie_jar.update_cookies({"md_lang": "pt-BR"})
    html = await (await desk.client.get("/queue")).text()
    assert "número do caso" in html and "Ir para o caso" in html
    answer = await desk.client.get("/cases", params={"number": "MD-999999"})
    assert "Não há nenhum caso “MD-999999”" in await answer.text()
    answer = await desk.client.get("/cases", params={"number": ""})
    assert "Escreva um número de caso (ex.: MD-000019)." in await answer.text()  # none typed
