"""Errors that used to come out as aiohttp's plain English text (a form the desk cannot read,
a body too long, a failure in a handler) are the desk's error page in the reader's language,
with their status; the 405 of a form's address and the expired form say what happened.
/healthz keeps its own format."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa
from aiohttp import ClientResponse

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web import errors, health
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR"}
PT_PT = {"Accept-Language": "pt-PT"}
FORM = "application/x-www-form-urlencoded"


async def _page(response: ClientResponse, status: int) -> str:
    assert response.status == status
    assert response.content_type == "text/html"
    text = await response.text()
    assert 'href="/queue"' in text  # the error page's way back
    return text


async def test_an_unreadable_form_is_the_error_page(anon: Desk) -> None:
    headers = {"Content-Type": f"{FORM}; charset=bogus-x", **PT_BR}
    response = await anon.client.post("/login", data=b"csrf=x", headers=headers)
    page = await _page(response, 400)
    assert "Não foi possível ler este formulário. Recarregue a página e tente de novo." in page
    english = await anon.client.post(
        "/login", data=b"csrf=x", headers=headers | {"Accept-Language": "en"}
    )
    assert "This form could not be read. Reload the page and try again." in await english.text()


@pytest.mark.parametrize(
    ("path", "form", "logged"),
    [
        (
            "/mentions/{id}/reply",
            {"kind": "telepathy", "text": "hi"},
            "refused a reply to mention {id}: no such reply kind",
        ),
        (
            "/mentions/{id}/correct",
            {"label": "sarcastic"},
            "refused a relabel of mention {id}: no such label",
        ),
    ],
)
async def test_a_forged_choice_is_the_error_page(
    as_role: Login,
    store: Store,
    caplog: pytest.LogCaptureFixture,
    path: str,
    form: dict[str, str],
    logged: str,
) -> None:
    caplog.set_level(logging.INFO, logger="mentiondesk")
    agent = await as_role("agent")
    mention, _, _ = add(store, "Forged: where is my order")
    data = {"csrf": agent.csrf, **form}
    response = await agent.client.post(path.format(id=mention), data=data, headers=PT_BR)
    page = await _page(response, 400)
    assert "Não foi possível ler este formulário" in page
    assert " must be " not in page
    # The page no longer carries a developer's text: the log says what was refused, not the
    # choice sent (nor any text).
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("pages_case")]
    assert lines == [logged.format(id=mention)]


async def test_a_body_too_long_is_the_error_page(as_role: Login, store: Store) -> None:
    agent = await as_role("agent")
    mention, _, _ = add(store, "Huge: where is my order")
    data = {"csrf": agent.csrf, "kind": "public", "text": "x" * 300_000}
    for headers, said in [
        (PT_BR, "O texto enviado é longo demais: encurte e tente de novo."),
        (PT_PT, "O texto enviado é demasiado longo: encurte-o e tente de novo."),
    ]:
        response = await agent.client.post(f"/mentions/{mention}/reply", data=data, headers=headers)
        page = await _page(response, 413)
        assert said in page and "Maximum request body size" not in page


async def test_a_failure_is_a_500_page_and_logged_without_the_text(
    as_role: Login, store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the store's code broke")

    monkeypatch.setattr(queue, "edit_draft", broken)
    caplog.set_level(logging.ERROR, logger="mentiondesk")
    agent = await as_role("agent")
    _, _, draft = add(store, "Broken: where is my order")
    form = {"csrf": agent.csrf, "text": "PRIVATE-REPLY-TEXT", "back": "/queue"}
    response = await agent.client.post(f"/drafts/{draft}/save", data=form, headers=PT_PT)
    page = await _page(response, 500)
    assert "Algo correu mal do nosso lado. Recarregue a página" in page
    assert "Server got itself in trouble" not in page and "RuntimeError" not in page
    failed = [r for r in caplog.records if r.exc_info and r.name.startswith("mentiondesk")]
    assert failed and f"/drafts/{draft}/save" in failed[0].getMessage()
    assert "PRIVATE-REPLY-TEXT" not in caplog.text


async def test_healthz_keeps_its_own_format(anon: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(health, "backlog", broken)
    response = await anon.client.get("/healthz")
    assert response.status == 500 and response.content_type != "text/html"


async def test_a_forms_address_opened_in_the_address_bar(as_role: Login, store: Store) -> None:
    agent = await as_role("agent")
    mention, _, _ = add(store, "Enter: where is my order")
    response = await agent.client.get(f"/mentions/{mention}/reply", headers=PT_BR)
    page = await _page(response, 405)
    assert "<h1>Página indisponível</h1>" in page and "Sem permissão" not in page
    assert "Este endereço só recebe formulários do atendimento. Volte ao caso ou à fila." in page
    english = await agent.client.get(
        f"/mentions/{mention}/reply", headers={"Accept-Language": "en"}
    )
    text = await english.text()
    assert "<h1>Page not available</h1>" in text
    assert "This address only takes the desk&#39;s forms. Go back to the case or the queue." in text


async def test_an_expired_form_says_so_in_its_title(anon: Desk) -> None:
    for headers in (PT_BR, PT_PT):
        response = await anon.client.post("/login", data={"csrf": "stale"}, headers=headers)
        page = await _page(response, 403)
        assert "<h1>Formulário expirado</h1>" in page and "Sem permissão" not in page
        assert "Este formulário expirou." in page


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("OPTIONS", "/queue", {"GET", "HEAD"}),
        ("OPTIONS", "/mentions/{id}/reply", {"POST"}),
        ("GET", "/mentions/{id}/reply", {"POST"}),
    ],
)
async def test_a_405_names_the_methods_it_takes(
    as_role: Login, store: Store, method: str, path: str, allowed: set[str]
) -> None:
    agent = await as_role("agent")
    mention, _, _ = add(store, "Allow: where is my order")
    response = await agent.client.request(method, path.format(id=mention), headers=PT_BR)
    await _page(response, 405)
    assert set(response.headers["Allow"].split(",")) == allowed


SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options")


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("render", "Algo deu errado\n\nAlgo deu errado do nosso lado."),  # the template
        ("negotiate", "500 Internal Server Error"),  # even the reader's language
    ],
)
async def test_an_error_page_that_fails_is_plain_text_with_the_headers(
    as_role: Login,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    broken: str,
    said: str,
) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"{broken} broke")

    agent = await as_role("agent")
    _, _, draft = add(store, "Twice broken: where is my order")
    monkeypatch.setattr(queue, "edit_draft", fails)
    monkeypatch.setattr(errors, broken, fails)
    caplog.set_level(logging.ERROR, logger="mentiondesk")
    form = {"csrf": agent.csrf, "text": "PRIVATE-REPLY-TEXT", "back": "/queue"}
    response = await agent.client.post(f"/drafts/{draft}/save", data=form, headers=PT_BR)
    assert response.status == 500 and response.content_type == "text/plain"
    body = await response.text()
    assert body.startswith(said) and "Server got itself in trouble" not in body
    assert all(response.headers[name] for name in SECURITY)
    assert response.headers["Cache-Control"] == "no-store"
    page_failed = [r for r in caplog.records if r.name == errors.__name__]
    assert len(page_failed) == 1 and "the 500 page failed" in page_failed[0].getMessage()
    assert "PRIVATE-REPLY-TEXT" not in caplog.text


async def test_a_405_page_that_fails_keeps_its_status_and_allow(
    anon: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("template broke")

    monkeypatch.setattr(errors, "render", fails)
    response = await anon.client.options("/queue", headers=PT_BR)
    assert response.status == 405 and response.content_type == "text/plain"
    assert (await response.text()).startswith("Página indisponível\n\nEste endereço só recebe")
    assert response.headers["Allow"] and response.headers["Content-Security-Policy"]


async def test_a_page_failing_on_the_store_logs_its_type_only(
    anon: Desk, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def unreachable(*args: object, **kwargs: object) -> None:
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("db.internal:5432 refused"))

    monkeypatch.setattr(errors, "render", unreachable)
    caplog.set_level(logging.ERROR, logger="mentiondesk")
    response = await anon.client.get("/nowhere", headers=PT_BR)
    assert response.status == 404 and response.headers["Content-Security-Policy"]
    [record] = [r for r in caplog.records if r.name == errors.__name__]
    assert not record.exc_info and "(OperationalError)" in record.getMessage()
    assert "db.internal" not in caplog.text


@pytest.mark.parametrize("resolution", [None, "resolvido"])
async def test_a_close_without_a_known_resolution_is_refused(
    as_role: Login, store: Store, resolution: str | None
) -> None:
    # It closed the case ("closed", outside the resolution rate) whatever the form said.
    agent = await as_role("agent")
    _, case, _ = add(store, "Forged close: where is my order")
    data = {"csrf": agent.csrf} | ({"resolution": resolution} if resolution else {})
    response = await agent.client.post(f"/cases/{case}/close", data=data, headers=PT_BR)
    await _page(response, 400)
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case)) == "open"


async def test_a_missing_file_of_the_desk_is_the_not_found_page(anon: Desk) -> None:
    # aiohttp's static files answered a missing one with an empty download.
    for path in ("/static/desk.jss", "/static/../app.py", "/static/%2e%2e/app.py", "/static/%00"):
        response = await anon.client.get(path, headers=PT_BR)
        assert "Não encontrad" in await _page(response, 404), path
    assert (await anon.client.get("/static/desk-core.js")).status == 200
