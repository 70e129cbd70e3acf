"""`sources check` when the platform cannot be reached at all: the failure says the
connection failed and what to check, and the rate-limit cell says nothing of rate limits
(no response came back to carry their headers). Through the real client libraries."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from tests.config_blocks import console_desk
from tests.platforms.test_cli_sources import _closed_port


def _config(tmp_path: Path, sources: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[store]
url = "sqlite:///{tmp_path / "none.db"}"
{console_desk()}
{sources}
""")
    return config


def _check(config: Path, width: int = 200) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["--config", str(config), "sources", "check"], env={"COLUMNS": str(width)}
    )
    return result.exit_code, result.output


@pytest.mark.parametrize("kind", ["hackernews", "mastodon"])  # aiohttp, and requests
def test_a_refused_connection_says_what_to_check_and_nothing_of_rate_limits(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MASTO_TOKEN", "t0ken")
    token = 'access_token_env = "MASTO_TOKEN"' if kind == "mastodon" else ""
    port = _closed_port()
    source = f'[[sources]]\nkind = "{kind}"\nbase_url = "http://127.0.0.1:{port}"\n{token}'
    code, output = _check(_config(tmp_path, source))
    assert code == 1
    said = " ".join(output.split())
    assert f"connection refused at 127.0.0.1:{port}" in said
    assert "connection failed: check the host and port in base_url" in said
    assert "rate-limit headers" not in output
    assert "rate limit" not in output  # no source had a word for it: no column, more room


def test_a_host_that_does_not_resolve_points_at_dns(tmp_path: Path) -> None:
    source = '[[sources]]\nkind = "hackernews"\nbase_url = "http://no-such-host.invalid"'
    code, output = _check(_config(tmp_path, source))
    said = " ".join(output.split())
    assert code == 1 and "could not be resolved (DNS)" in said
    assert "check the host name in base_url, and this machine's DNS" in said
    assert "rate-limit headers" not in output


def test_a_narrow_terminal_folds_the_host_and_port_instead_of_cutting_them(
    tmp_path: Path,
) -> None:
    port = _closed_port()
    source = f'[[sources]]\nkind = "hackernews"\nbase_url = "http://127.0.0.1:{port}"'
    code, output = _check(_config(tmp_path, source), width=60)
    cells = "".join(line.split("│")[4].strip() for line in output.splitlines() if "│" in line)
    assert code == 1 and "…" not in output
    assert f"127.0.0.1:{port}" in cells  # read down the detail column, whole


def _plain_http_server() -> tuple[socket.socket, int]:
    """A server answering plain HTTP, where base_url says https: the TLS handshake fails."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def answer() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed: the test is over
                return
            with conn:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    return server, int(server.getsockname()[1])


def test_a_failed_tls_handshake_points_at_https_and_the_certificate(tmp_path: Path) -> None:
    server, port = _plain_http_server()
    try:
        source = f'[[sources]]\nkind = "hackernews"\nbase_url = "https://127.0.0.1:{port}"'
        code, output = _check(_config(tmp_path, source))
    finally:
        server.close()
    said = " ".join(output.split())
    assert code == 1 and f"the TLS handshake failed at 127.0.0.1:{port}" in said
    assert "connection failed: check https and the port in base_url" in said
    assert "rate-limit headers" not in output
