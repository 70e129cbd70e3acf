"""Why the desk refused a reply as too long, with its numbers (web/refusal_words.py words
them from reply_limits.TooLong, after the notice "The reply is longer than the platform
allows"): pt-BR (REFUSALS, laid into i18n_pt_notices) and where Portugal words it otherwise
(REFUSALS_PT, laid into i18n_pt_pt_case): "tal como o X os conta", "ligações". Neither opens
on "Ela": the notice before names the reply, and on a held reply (_held_reply.html) only
"N caracteres acima do limite." stands before it; Brazil's "São N caracteres" needs no one
named. Both write "caracteres", as the rest of the desk does in either locale."""

from __future__ import annotations

REFUSALS = {
    "It is {length} characters; {platform} allows {limit}.": (
        "São {length} caracteres; o {platform} aceita até {limit}."
    ),
    "It is {length} characters as {platform} counts them ({how}); {platform} allows {limit}.": (
        "São {length} caracteres na contagem do {platform} ({how}); o {platform} aceita até "
        "{limit}."
    ),
    "It is {length} characters as {platform} counts them ({how}), with the post's content "
    "warning it carries ({warning}); {platform} allows {limit}.": (
        "São {length} caracteres na contagem do {platform} ({how}), com o aviso de conteúdo "
        "da publicação, que vai junto com a resposta ({warning}); o {platform} aceita até "
        "{limit}."
    ),
    "It fits {platform}'s character limit but not the {limit} bytes it allows ({length} here): "
    "use fewer emoji.": (
        "Cabe no limite de caracteres do {platform}, mas não nos {limit} bytes que ele aceita "
        "(aqui são {length}): use menos emojis."
    ),
    # {how}: how each platform counts otherwise than the characters typed
    "links count as 23 characters, an emoji and most characters outside Latin scripts as 2": (
        "links contam como 23 caracteres, e um emoji ou a maioria dos caracteres fora do "
        "alfabeto latino, como 2"
    ),
    "links count as 23 characters, and every reply starts with the person's @handle": (
        "links contam como 23 caracteres, e toda resposta começa com o @ da pessoa"
    ),
    "an emoji or an accented letter counts as 1": "um emoji ou uma letra acentuada conta como 1",
}

REFUSALS_PT = {
    "It is {length} characters; {platform} allows {limit}.": (
        "Tem {length} caracteres; o {platform} aceita até {limit}."
    ),
    "It is {length} characters as {platform} counts them ({how}); {platform} allows {limit}.": (
        "Tem {length} caracteres tal como o {platform} os conta ({how}); o {platform} aceita até "
        "{limit}."
    ),
    "It is {length} characters as {platform} counts them ({how}), with the post's content "
    "warning it carries ({warning}); {platform} allows {limit}.": (
        "Tem {length} caracteres tal como o {platform} os conta ({how}), incluindo o aviso de "
        "conteúdo da publicação, que segue com ela ({warning}); o {platform} aceita até {limit}."
    ),
    "It fits {platform}'s character limit but not the {limit} bytes it allows ({length} here): "
    "use fewer emoji.": (
        "Cabe no limite de caracteres do {platform}, mas não nos {limit} bytes que este aceita "
        "(tem {length}): use menos emojis."
    ),
    "links count as 23 characters, an emoji and most characters outside Latin scripts as 2": (
        "as ligações contam como 23 caracteres, e um emoji ou a maioria dos caracteres fora do "
        "alfabeto latino, como 2"
    ),
    "links count as 23 characters, and every reply starts with the person's @handle": (
        "as ligações contam como 23 caracteres, e cada resposta começa com o @ da pessoa"
    ),
}
