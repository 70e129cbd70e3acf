"""Placeholders written with one brace ("Olá {name}", "{nome}"): the template language reads
them as plain text, so the reply would go out saying "{name}". The desk's editor and the
file's check (saved_file) refuse them, naming the placeholder meant. Only braces around one
word that reads as a placeholder count (a placeholder's name, a Portuguese or common word for
one, any single identifier): "{ }", "{1}", "{a, b}" or a JSON example stay text."""

from __future__ import annotations

import re
from collections.abc import Collection

from mentiondesk import saved_meant
from mentiondesk.saved_replies import SAMPLE, ReplyRefused

# One brace, one identifier (Unicode letters: "{usuário}"), not part of "{{ … }}".
_SINGLE = re.compile(r"(?<!\{)\{\s*([^\W\d]\w{0,39})\s*\}(?!\})")


def meant(word: str, known: Collection[str] = tuple(SAMPLE)) -> str | None:
    """The placeholder `word` stands for: itself if it is one, else the one it translates
    (saved_meant: pt-BR's and pt-PT's words too)."""
    return saved_meant.meant(word, known)


def single_braces(text: str) -> str | None:
    """The first placeholder-like word in single braces, as written ("{nome}"); else None."""
    found = _SINGLE.search(text)
    return found.group(0) if found else None


def refuse_single_braces(text: str) -> None:
    """ReplyRefused (kind "braces", detail: the braces as written, line: the text's line they
    are on) for a text that would send a placeholder literally."""
    found = _SINGLE.search(text)
    if found is None:
        return
    written, line = found.group(0), text.count("\n", 0, found.start()) + 1
    word = written.strip("{} \t\n")
    right = meant(word)
    fix = "{{ " + right + " }}" if right else "{{ name }}"
    message = f"{written} would be sent as written: write placeholders as {fix}"
    raise ReplyRefused(message, kind="braces", detail=written, line=line)
