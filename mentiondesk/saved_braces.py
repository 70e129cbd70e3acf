"""Placeholders written with one brace ("Olá {name}", "{nome}"): the template language reads
them as plain text, so the reply would go out saying "{name}". The desk's editor refuses them,
naming the placeholder meant. Only braces around one word that reads as a placeholder count
(a placeholder's name, a Portuguese or common word for one, any single identifier): "{ }",
"{1}", "{a, b}" or a JSON example stay text."""

from __future__ import annotations

import re
from collections.abc import Collection

from mentiondesk.saved_replies import SAMPLE, ReplyRefused

# One brace, one identifier (Unicode letters: "{usuário}"), not part of "{{ … }}".
_SINGLE = re.compile(r"(?<!\{)\{\s*([^\W\d]\w{0,39})\s*\}(?!\})")
# The words people write for a placeholder, in Portuguese or from other tools, and the one
# the template language offers (saved_replies.SAMPLE); compared in lower case.
_MEANT = {
    "nome": "name",
    "primeiro_nome": "name",
    "first_name": "name",
    "firstname": "name",
    "nome_completo": "full_name",
    "fullname": "full_name",
    "marca": "brand",
    "agente": "agent",
    "atendente": "agent",
    "caso": "case",
    "plataforma": "platform",
    "rede": "platform",
    "usuario": "handle",
    "usuário": "handle",
    "utilizador": "handle",
    "username": "handle",
    "user": "handle",
    "saudacao": "time_greeting",
    "saudação": "time_greeting",
}


def meant(word: str, known: Collection[str] = tuple(SAMPLE)) -> str | None:
    """The placeholder `word` stands for: itself if it is one, else the one it translates."""
    lower = word.lower()
    if lower in known:
        return lower
    found = _MEANT.get(lower)
    return found if found in known else None


def single_braces(text: str) -> str | None:
    """The first placeholder-like word in single braces, as written ("{nome}"); else None."""
    found = _SINGLE.search(text)
    return found.group(0) if found else None


def refuse_single_braces(text: str) -> None:
    """ReplyRefused (kind "braces", detail: the braces as written) for a text that would send
    a placeholder literally."""
    written = single_braces(text)
    if written is None:
        return
    word = written.strip("{} \t\n")
    right = meant(word)
    fix = "{{ " + right + " }}" if right else "{{ name }}"
    message = f"{written} would be sent as written: write placeholders as {fix}"
    raise ReplyRefused(message, kind="braces", detail=written)
