"""The examples a community manager copies from docs/playbooks.md, and the saved replies file
of docs/desk.md, load as written.

Each ```toml block of docs/playbooks.md says before it what it is: `<!-- example: rule file -->`,
a whole rule file, loaded as one; `<!-- example: inside a rule -->`, keys written inside a
`[[rules]]` table, loaded in a rule of their own; `<!-- example: config -->`, a part of
config.toml, loaded in a config. A block with none is a test failure, so a new example is
checked as soon as it is written; so is one in docs/desk.md's "Saved replies" section without
`<!-- example: saved replies -->` (a `[desk] saved_replies` file, loaded by the desk's loader)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import Brand, History, Label, Reading
from mentiondesk.playbook_build import build_playbook
from mentiondesk.saved_replies import NAMELESS, SAMPLE, from_config
from playbooks import load_playbook
from tests.docs_text import page
from tests.helpers import mention, run_cli, write_config, write_mentions

BLOCK = re.compile(r"^(?:<!-- example: ([a-z ]+) -->\n)?```toml\n(.*?)^```", re.M | re.S)
KINDS = ("rule file", "inside a rule", "config")
_AROUND = '[[rules]]\nname = "doc-example"\nactions = [{ type = "open_case" }]\n'


def _examples(name: str, section: str = "") -> list[tuple[int, str | None, str]]:
    """Each toml block of the page (of its `## SECTION` only, when given): its line, what it
    says it is, its text."""
    text = page(name)
    if section:
        start = text.index(f"\n## {section}\n")
        text = text[: text.index("\n## ", start + 1)]
        text = re.sub(r"[^\n]", "", text[:start]) + text[start:]  # lines still counted from 1
    return [
        (text[: m.start()].count("\n") + 1, m.group(1), m.group(2)) for m in BLOCK.finditer(text)
    ]


def test_the_page_has_playbook_examples_and_each_says_what_it_is() -> None:
    examples = _examples("docs/playbooks.md")
    assert len(examples) >= 3
    unmarked = [line for line, kind, _ in examples if kind not in KINDS]
    assert unmarked == [], f"docs/playbooks.md: toml blocks without an example marker: {unmarked}"


@pytest.mark.parametrize(
    ("line", "kind", "block"),
    [e for e in _examples("docs/playbooks.md") if e[1] in KINDS[:2]],
    ids=lambda v: str(v) if isinstance(v, int) else "",
)
def test_each_playbook_example_loads(tmp_path: Path, line: int, kind: str, block: str) -> None:
    path = tmp_path / "example.toml"
    path.write_text(block if kind == "rule file" else _AROUND + block, encoding="utf-8")
    playbook = load_playbook([path], brand=Brand(name="Lumora"))
    assert playbook.rules, f"docs/playbooks.md, line {line}: no rule loaded"


def test_a_template_copied_as_the_page_says_replaces_the_shipped_one(tmp_path: Path) -> None:
    """ "To change what a reply says": the team's copy of pt/complaint_dm.j2, in the folder the
    page's config names, drafts the Brazilian complaint; English keeps the shipped text."""
    ((_, _, rules),) = [e for e in _examples("docs/playbooks.md") if "complaint_dm" in e[2]]
    ((_, _, settings),) = [e for e in _examples("docs/playbooks.md") if e[1] == "config"]
    (tmp_path / "regras.toml").write_text(rules, encoding="utf-8")
    folder = tmp_path / "templates" / "pt"
    folder.mkdir(parents=True)
    (folder / "complaint_dm.j2").write_text(
        "Oi{% if name %}, {{ name }}{% endif %}! Sentimos muito. Manda o número do pedido?",
        encoding="utf-8",
    )
    settings = settings.replace("[playbooks]", '[playbooks]\npaths = ["regras.toml"]')
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = load_config(
        write_config(tmp_path, db_url="sqlite:///d.db", samples=samples, extra=settings)
    )
    playbook = build_playbook(config)
    angry = Reading(label=Label.NEGATIVE, score=0.9, lang="pt", frustration=1)
    drafts = [
        a.text
        for a in playbook.decide(mention(1, "@lumora cadê meu pedido"), angry, History())
        if a.text
    ]
    assert drafts == ["Oi, Ana! Sentimos muito. Manda o número do pedido?"]
    english = Reading(label=Label.NEGATIVE, score=0.9, lang="en", frustration=1)
    (shipped,) = [
        a.text
        for a in playbook.decide(mention(2, "@lumora where is it"), english, History())
        if a.text
    ]
    assert shipped and "Sentimos" not in shipped


def _saved_examples() -> list[str]:
    examples = _examples("docs/desk.md", "Saved replies")
    unmarked = [line for line, kind, _ in examples if kind != "saved replies"]
    assert unmarked == [], f"docs/desk.md: toml blocks without an example marker: {unmarked}"
    return [block for _, _, block in examples]


def _saved_desk(tmp_path: Path, replies: str) -> Path:
    """A config whose `[desk] saved_replies` names REPLIES, written next to it."""
    (tmp_path / "saved_replies.toml").write_text(replies, encoding="utf-8")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = '[desk]\nsaved_replies = "saved_replies.toml"\n'
    return write_config(tmp_path, db_url="sqlite:///d.db", samples=samples, extra=extra)


def test_the_saved_replies_example_loads_and_fills_in(tmp_path: Path) -> None:
    """As the page says: a public reply in English, for a named author and for one with no
    readable name alike, through the loader the desk starts with."""
    (example,) = _saved_examples()
    config = load_config(_saved_desk(tmp_path, example))
    saved = from_config(config.base_dir, config.settings.desk.saved_replies)
    assert saved is not None
    ((id_, lang, kind),) = [(r.id, r.lang, r.kind) for r in saved.replies]
    assert (id_, lang, kind) == ("order-number", "en", "public")
    texts = [[f.text for f in saved.for_case("en", sample)] for sample in (SAMPLE, NAMELESS)]
    assert texts == [
        [f"Sorry for the wait, {SAMPLE['name']}: can you DM us your order number?"],
        ["Sorry for the wait: can you DM us your order number?"],
    ]


@pytest.mark.parametrize(
    ("line", "loads"),
    [
        ('id = "a"', True),
        (f'id = "{"9" * 64}"', True),  # "64 characters at most"
        (f'id = "{"a" * 65}"', False),
        ('id = "order_number-2"', True),  # "lower-case letters, digits, - and _"
        ('id = "Order"', False),
        ('id = "-order"', False),  # "a letter or digit first"
        ('kind = "private"', True),
        ("", True),  # kind left out: both
        ('kind = "both"', False),
        ('lang = "pt-PT"', True),
    ],
    ids=lambda v: str(v)[:20],
)
def test_the_saved_replies_examples_comments_hold(tmp_path: Path, line: str, loads: bool) -> None:
    """Each key's comment in the example says what it takes: the loader agrees."""
    (example,) = _saved_examples()
    key = line.split(" = ")[0] if line else "kind"
    changed = re.sub(rf"^{key} = .*$", line, example, count=1, flags=re.M)
    assert changed != example or line == ""
    code, output = run_cli(_saved_desk(tmp_path, changed), "check-config")
    assert (code == 0) is loads, output
    if not loads:
        assert f"desk.saved_replies: {tmp_path / 'saved_replies.toml'}, line" in output
        assert f"replies[0].{key}: " in output
