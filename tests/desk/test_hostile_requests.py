"""Requests built to break the desk or its log: a form in an unknown charset or not in
UTF-8 is a 400 with the usual security headers, a path cannot forge a log line, and no
response names the server's software."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk, desk_client

FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (f"{FORM}; charset=bogus-x", b"csrf=x&name=a&password=b"),  # LookupError
        (FORM, b"csrf=x&name=\xff\xfe&password=b"),  # UnicodeDecodeError
    ],
)
async def test_a_form_that_cannot_be_read_is_a_400_with_the_headers(
    anon: Desk, content_type: str, body: bytes
) -> None:
    headers = {"Content-Type": content_type}
    async with anon.client.post("/login", data=body, headers=headers) as response:
        assert response.status == 400
        assert "Traceback" not in await response.text()
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


async def test_a_path_cannot_forge_a_log_line(anon: Desk, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mentiondesk")
    path = "/people%0A2026-01-01 INFO mentiondesk: admin logged in"
    await anon.client.post(path, data={"csrf": "forged"})
    refused = [r.getMessage() for r in caplog.records if "CSRF" in r.getMessage()]
    assert refused and all("\n" not in line for line in refused)


async def test_no_server_banner_and_hsts_only_over_https(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    headers = {"X-Forwarded-Proto": "https"}
    async with desk_client(tmp_path, db_url, store, "behind_proxy = true") as client:
        async with client.get("/login") as plain:
            assert "Python" not in plain.headers["Server"]
            assert "aiohttp" not in plain.headers["Server"]
            assert "Strict-Transport-Security" not in plain.headers
        # Behind a TLS-terminating proxy the scheme comes in X-Forwarded-Proto.
        async with client.get("/login", headers=headers) as https:
            assert https.headers["Strict-Transport-Security"].startswith("max-age=")
        async with client.get("/nowhere", headers=headers) as missing:  # errors too
            assert missing.status == 404 and "Strict-Transport-Security" in missing.headers
            assert "aiohttp" not in missing.headers["Server"]
