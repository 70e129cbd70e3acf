"""A playbook file (`[playbooks] paths`) and saved_replies.toml edited by hand in nano, text
pasted from Word or WhatsApp: a TOML mistake in them is named as config.toml's are, with the
file, the line and column, the line as it reads, what is wrong and the line to write; start-up
and check-config stop with exit status 2 saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import mention, run_cli, write_config, write_mentions

_REPLY = 'id = "pedido"\ntitle = "Pedir o pedido"\nlang = "pt-BR"\ntext = "Oi! Qual o pedido?"\n'


def _config(tmp_path: Path, *, rules: str | None = None, replies: str | None = None) -> Path:
    """The tests' config reading `rules` from regras/loja.toml and `replies` from
    saved_replies.toml, each written as she saved it (UTF-8)."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "oi")])
    extra = '\n[routing]\nalert = ["console"]\n'
    if rules is not None:
        (tmp_path / "regras").mkdir()
        (tmp_path / "regras" / "loja.toml").write_text(rules, encoding="utf-8")
        extra += '\n[playbooks]\npaths = ["regras/*.toml"]\n'
    if replies is not None:
        (tmp_path / "saved_replies.toml").write_text(replies, encoding="utf-8")
        extra += '\n[desk]\nsaved_replies = "saved_replies.toml"\n'
    return write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=extra)


def _checked(config: Path) -> str:
    """check-config's words; it must stop with exit status 2."""
    code, output = run_cli(config, "check-config")
    assert code == 2, output
    return " ".join(output.split())  # the error box wraps long lines


@pytest.mark.parametrize(
    ("rules", "said"),
    [
        (  # a name pasted from WhatsApp
            "[[rules]]\nname = “reclamacao”\n",
            "line 2, column 8: not valid TOML: “ ” are typographic quotes (as Word, WhatsApp "
            'or a phone type them); TOML reads only straight quotes ": type them again in the '
            'editor; line 2 reads: name = “reclamacao”; write: name = "reclamacao"',
        ),
        (
            "[[rules]]\nname = reclamacao\n",
            'line 2, column 8: not valid TOML: text goes in straight double quotes, "like '
            'this"; line 2 reads: name = reclamacao; write: name = "reclamacao"',
        ),
        (
            '[[rules]]\nname = "r"\nstop = True\n',
            "line 3, column 8: not valid TOML: true and false are written in lower case, "
            "without quotes; line 3 reads: stop = True; write: stop = true",
        ),
        (  # the list's ] forgotten: tomllib stops two lines further down
            '[[rules]]\nname = "r"\nactions = [{ type = "alert" }\n\n[[rules]]\nname = "s"\n',
            "line 3: not valid TOML: the list [ opened on this line is never closed: end it "
            'with ] after its last item; line 3 reads: actions = [{ type = "alert" }; write: '
            'actions = [{ type = "alert" }]',
        ),
        (  # a rule is a [[rules]] table: the single brackets are no "table written twice"
            '[rules]\nname = "r"\n\n[rules]\nname = "s"\n',
            "line 4, column 7: not valid TOML: each rule is its own [[rules]] with two "
            "brackets on each side, here too; line 4 reads: [rules]; write: [[rules]]",
        ),
        (  # a no-break space from Word
            '[[rules]]\nname\u00a0= "r"\n',
            "line 2, column 5: not valid TOML: column 5 holds a no-break space",
        ),
    ],
)
def test_a_mistake_in_a_rule_file_is_named_with_its_fix(
    tmp_path: Path, rules: str, said: str
) -> None:
    output = _checked(_config(tmp_path, rules=rules))
    assert f"regras/loja.toml: {said}" in output
    assert "fix the syntax" not in output


def test_run_stops_with_the_same_words(tmp_path: Path) -> None:
    code, output = run_cli(_config(tmp_path, rules="[[rules]\nname = 'r'\n"), "run")
    assert code == 2
    assert (
        "regras/loja.toml: line 1, column 8: not valid TOML: a table header is the table's "
        "name between [[ and ]]; line 1 reads: [[rules]; write: [[rules]]"
    ) in " ".join(output.split())


def test_an_accented_key_keeps_the_playbooks_own_advice(tmp_path: Path) -> None:
    # The playbook's check knows its words: `contém` is no key, a condition's words are.
    output = _checked(_config(tmp_path, rules='[[rules]]\nname = "r"\ncontém = ["procon"]\n'))
    assert "regras/loja.toml: line 3: the key 'contém' has 'é'" in output


def test_a_secret_in_a_rule_file_is_masked_and_not_sent_to_config(tmp_path: Path) -> None:
    token = "xoxb-2231" + "a8f0c9d1e2b3a4c5d6e7f8"
    output = _checked(_config(tmp_path, rules=f"[[rules]]\nname = 'r'\napi_key = {token}\n"))
    assert "line 3 reads: api_key = …" in output
    assert token not in output and "config.toml: export it" not in output


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "title = “Pedir o pedido”",
            "“ ” are typographic quotes (as Word, WhatsApp or a phone type them)",
        ),
        (
            "title = Pedir o número do pedido",
            'text goes in straight double quotes, "like this"; line 3 reads: title = Pedir o '
            'número do pedido; write: title = "Pedir o número do pedido"',
        ),
    ],
)
def test_a_mistake_in_saved_replies_is_named_with_its_fix(
    tmp_path: Path, line: str, said: str
) -> None:
    replies = "[[replies]]\n" + _REPLY.replace('title = "Pedir o pedido"', line)
    config = _config(tmp_path, replies=replies)
    with pytest.raises(ConfigError) as raised:
        load_config(config, secrets=False)
    where = f"desk.saved_replies: {tmp_path / 'saved_replies.toml'}: line 3, column 9"
    assert f"{where}: not valid TOML: {said}" in str(raised.value)
    assert "line 3, column 9: not valid TOML" in _checked(config)


def test_replies_written_as_one_table_twice_get_their_double_brackets(tmp_path: Path) -> None:
    replies = f"[replies]\n{_REPLY}\n[replies]\n{_REPLY.replace('pedido', 'outro')}"
    output = _checked(_config(tmp_path, replies=replies))
    assert (
        "line 7, column 9: not valid TOML: each saved reply is its own [[replies]] with two "
        "brackets on each side, here too; line 7 reads: [replies]; write: [[replies]]"
    ) in output
