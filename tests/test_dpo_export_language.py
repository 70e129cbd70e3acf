"""An access request's export is sent to the person who asked, in clear language: someone who
writes to the brand in Portuguese reads its headings and field names in Portuguese (their
words as they wrote them); JSON keeps the keys scripts read."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions

PT = "@lumora meu pedido atrasou de novo, que vergonha, o atendimento é péssimo"


def _desk(tmp_path: Path, db_url: str) -> Path:
    """Ana wrote in Portuguese, Bia in English; one run read both."""
    posts = [mention(1, PT), mention(2, COMPLAINT, author="b", name="Bia Lima")]
    config = write_config(tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m", posts))
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def test_a_portuguese_writer_reads_the_export_in_portuguese(tmp_path: Path, db_url: str) -> None:
    config = _desk(tmp_path, db_url)
    code, output = run_cli(config, "authors", "export", "x", "h_a1")
    assert code == 0, output
    assert "Publicações (1)" in output and "Leituras das publicações (1)" in output
    assert f"  texto: {PT}" in output and "  nome: Ana Souza" in output
    assert "pediu para não receber mensagens: não" in output and "Mentions (" not in output
    code, output = run_cli(config, "authors", "export", "x", "h_a1", "--format", "json")
    assert [m["text"] for m in json.loads(output)["mentions"]] == [PT]


def test_an_english_writer_reads_it_in_english(tmp_path: Path, db_url: str) -> None:
    code, output = run_cli(_desk(tmp_path, db_url), "authors", "export", "x", "h_b")
    assert code == 0, output
    assert "Mentions (1)" in output and f"  text: {COMPLAINT}" in output
