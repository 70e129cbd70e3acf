"""The saved replies file's problems as the person editing it in nano meets them, on a copy of
the shipped config: each names the file's line (the text's own line in a text written over
several lines), the entry and the fix; a `{ nome }` the file would send as typed is refused
as the desk's editor refuses it; a template mistake is said in plain words (template_syntax),
an unknown placeholder with the one meant (pt-BR's and pt-PT's words too)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentiondesk.models import ConfigError
from mentiondesk.saved_replies import ReplyRefused, check_reply, load_saved_replies
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = (ROOT / "saved_replies.toml").read_text(encoding="utf-8")
# The shipped pt-BR order-number reply's text, as its line starts.
PEDIDO = 'text = "Pedimos desculpas pela demora{% if name %}, {{ name }}{% endif %}!'
ENTRY = 'id = "oi"\ntitle = "Oi"\nlang = "pt-BR"\n'


def _shipped_copy(tmp_path: Path, replies: str) -> Path:
    """config.toml, its sample mentions and a saved_replies.toml reading `replies`."""
    shutil.copy(ROOT / "config.toml", tmp_path / "config.toml")
    (tmp_path / "samples").mkdir()
    shutil.copy(ROOT / "samples" / "mentions.jsonl", tmp_path / "samples" / "mentions.jsonl")
    (tmp_path / "saved_replies.toml").write_text(replies, encoding="utf-8")
    return tmp_path / "config.toml"


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def _refused(tmp_path: Path, replies: str) -> str:
    path = tmp_path / "saved.toml"
    path.write_text(replies, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_saved_replies(path)
    return str(caught.value)


@pytest.mark.parametrize("command", [("check-config",), ("run", "--once")])
def test_single_braces_in_the_shipped_file_stop_check_config_and_run(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    replies = SHIPPED.replace(PEDIDO, PEDIDO.replace('"Pedimos', '"Olá { nome }! Pedimos'))
    assert replies != SHIPPED
    config = _shipped_copy(tmp_path, replies)
    code, output = run_cli(config, *command)
    line = _line_of(replies, 'text = "Olá { nome }')
    assert code == 2, output
    assert (
        f"/saved_replies.toml, line {line}: replies[3].text "
        "(id 'numero-pedido'): { nome } would be sent as written: write placeholders as "
        "{{ name }}"
    ) in " ".join(output.split())


def test_a_missing_endif_is_said_in_plain_words_on_its_line(tmp_path: Path) -> None:
    glad = "Great to hear it's working now{% if name %}, {{ name }}{% endif %}!"
    replies = SHIPPED.replace(glad, glad.replace("{% endif %}", ""))
    config = _shipped_copy(tmp_path, replies)
    code, output = run_cli(config, "check-config")
    line = _line_of(replies, "text = \"Great to hear it's working now")
    said = " ".join(output.split())
    assert code == 2 and "Jinja was looking for" not in said
    assert (
        f"saved_replies.toml, line {line}: replies[2].text (id 'glad'): the {{% if %}} on line "
        f"{line} is never closed: add {{% endif %}} where the text it covers ends"
    ) in said


def test_nome_is_not_a_placeholder_and_the_one_meant_is_named(tmp_path: Path) -> None:
    replies = SHIPPED.replace(PEDIDO, PEDIDO.replace("name", "nome"))
    config = _shipped_copy(tmp_path, replies)
    code, output = run_cli(config, "check-config")
    line = _line_of(replies, PEDIDO.replace("name", "nome")[:40])
    assert code == 2
    assert (
        f"line {line}: replies[3].text (id 'numero-pedido'): 'nome' is not a placeholder "
        "(they are in English); did you mean {{ name }}? use one of {{ agent }}"
    ) in " ".join(output.split())


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("Olá {{ utilizador }}", "did you mean {{ handle }}?"),  # pt-PT
        ("Olá {{ usuário }}", "did you mean {{ handle }}?"),  # pt-BR
        ("Referência {{ referência }}", "did you mean {{ case }}?"),  # pt-PT
        ("Protocolo {{ protocolo }}", "did you mean {{ case }}?"),  # pt-BR
        ("Oi {{ nme }}", "did you mean {{ name }}?"),
    ],
)
def test_portuguese_words_for_a_placeholder_name_the_one_meant(text: str, fix: str) -> None:
    with pytest.raises(ReplyRefused) as caught:
        check_reply({"id": "oi", "title": "Oi", "lang": "pt-PT", "text": text})
    assert fix in str(caught.value) and caught.value.kind == "unknown"


def test_a_playbook_value_saved_replies_lack_is_not_suggested() -> None:
    """`motivo` is a playbook's `{{ reason }}`, which no saved reply can write."""
    with pytest.raises(ReplyRefused) as caught:
        check_reply({"id": "oi", "title": "Oi", "lang": "pt-BR", "text": "{{ motivo }}"})
    assert "reason" not in str(caught.value) and "did you mean" not in str(caught.value)


def test_author_name_names_the_placeholder_to_write() -> None:
    with pytest.raises(ReplyRefused) as caught:
        check_reply({"id": "oi", "title": "Oi", "lang": "en", "text": "Hi {{ author.name }}"})
    said = str(caught.value)
    assert "there is no 'author' to read values from" in said and "write {{ name }}" in said
    assert caught.value.detail == "x.y"  # the desk's editor words it as before


def test_a_text_over_several_lines_names_the_line_of_the_mistake(tmp_path: Path) -> None:
    replies = f'[[replies]]\n{ENTRY}text = """\nOlá!\n\nObrigado, {{ nome }}.\n"""\n'
    said = _refused(tmp_path, replies)
    assert "saved.toml, line 8: replies[0].text (id 'oi'): { nome } would be sent" in said
    replies = f'[[replies]]\n{ENTRY}text = """Olá{{% if name %}}\n{{{{ name }}}}!\n"""\n'
    said = _refused(tmp_path, replies)
    assert "saved.toml, line 5: replies[0].text (id 'oi'): the {% if %} on line 5 is" in said


def test_a_joined_text_names_its_key_line(tmp_path: Path) -> None:
    """A line-ending backslash joins the text's lines: they are not the file's."""
    replies = f'[[replies]]\n{ENTRY}text = """Olá, \\\n  tudo bem?\n\nSim {{{{ nme }}}}"""\n'
    assert "saved.toml, line 5: replies[0].text" in _refused(tmp_path, replies)


def test_each_problem_names_its_line(tmp_path: Path) -> None:
    second = '[[replies]]\nid = "b"\ntitle = "B"\nlang = "en"\nkind = "dm"\ntext = "Hi"\n'
    untitled = '\n[[replies]]\nid = "c"\nlang = "en"\ntext = "Hi"\n'
    said = _refused(tmp_path, f'[[replies]]\n{ENTRY}text = "Oi"\n{second}{untitled}')
    assert "saved.toml, line 10: replies[1].kind: 'dm'" in said
    assert "saved.toml, line 13: replies[2].title: required key" in said
    twice = f'[[replies]]\n{ENTRY}text = "A"\n\n[[replies]]\n{ENTRY}text = "B"\n'
    assert "saved.toml, line 8: replies: ids must be unique" in _refused(tmp_path, twice)


def test_a_text_line_that_looks_like_a_header_is_text(tmp_path: Path) -> None:
    replies = f"[[replies]]\n{ENTRY}text = '''\n[[replies]]\nid = \"x\"\n{{{{ nme }}}}'''\n"
    assert "saved.toml, line 8: replies[0].text (id 'oi')" in _refused(tmp_path, replies)


def test_the_desk_keeps_jinjas_words_as_the_detail() -> None:
    """The editor words a syntax error in the page's language from Jinja's own message."""
    with pytest.raises(ReplyRefused) as caught:
        check_reply({"id": "oi", "title": "Oi", "lang": "en", "text": "{% if name %}Hi"})
    assert caught.value.kind == "syntax"
    assert caught.value.detail.startswith("Unexpected end of template")
    assert str(caught.value).startswith("the {% if %} on line 1 is never closed")


def test_the_shipped_file_loads() -> None:
    assert len(load_saved_replies(ROOT / "saved_replies.toml").replies) >= 7
