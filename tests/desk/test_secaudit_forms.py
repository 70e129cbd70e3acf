"""Security audit, hostile form bodies: a multipart body aiohttp cannot parse is the sender's
fault (a 400 and the desk's "form not read" page), not a 500 whose traceback anyone, logged
in or not, could write into the log as often as they like."""

from __future__ import annotations

import logging

import pytest

from tests.desk.conftest import Desk

_MULTIPART = "multipart/form-data; boundary=xyz"
BODIES = [
    pytest.param(_MULTIPART, b"no boundary anywhere", id="no-starting-boundary"),
    pytest.param("multipart/form-data", b"--xyz\r\n", id="no-boundary-parameter"),
    pytest.param(
        _MULTIPART,
        b"--xyz\r\nContent-Disposition: form-data\r\n\r\nv\r\n--xyz--\r\n",
        id="field-without-name",
    ),
    pytest.param(
        _MULTIPART,
        b"--xyz\r\nContent-Type: multipart/mixed; boundary=abc\r\n"
        b'Content-Disposition: form-data; name="a"\r\n\r\n--abc\r\n\r\nz\r\n--abc--\r\n--xyz--\r\n',
        id="nested-multipart",
    ),
]


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(("content_type", "body"), BODIES)
async def test_an_unparseable_form_is_the_senders_fault(
    anon: Desk, as_role: object, caplog: pytest.LogCaptureFixture, content_type: str, body: bytes
) -> None:
    caplog.set_level(logging.INFO, logger="mentiondesk")
    agent = await as_role("agent")  # type: ignore[operator]
    for client, path in ((anon.client, "/login"), (agent.client, "/mentions/1/notes")):
        headers = {"Content-Type": content_type, "Accept-Language": "pt-BR"}
        response = await client.post(path, data=body, headers=headers, allow_redirects=False)
        assert response.status == 400, path
        page = await response.text()
        assert "Formulário não lido" in page  # the desk's page, in the reader's language
        assert response.headers["Content-Security-Policy"]
        assert "Traceback" not in page and "ValueError" not in page
    assert _errors(caplog) == []
    assert any("a form the desk cannot read" in r.getMessage() for r in caplog.records)
