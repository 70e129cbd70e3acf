"""The words and look-alike letters `impostors` reads an account's handle and name with.

Written from general usage in EN, pt-BR and pt-PT (fake "support" accounts name themselves
so: "Lumora Suporte", "SAC Lumora", "Lumora Help Desk", "Atendimento Lumora Oficial"), not
from any set we measure on. Each is read as `skeleton` reads an account, so "Atendimento"
and "atendimento" are one word, as are "Serviço" and "servico".
"""

from __future__ import annotations

import re
import unicodedata

# Words that claim to be the brand's service channel. One of them must stand beside the
# brand's name or handle for a name to count: "Nova Silva" is a person, "Nova Suporte" is not.
# No word here is two others joined ("helpdesk" is help + desk): the pattern would then read
# a name two ways, and `impostors` caps how long a name it reads for the same reason.
SUPPORT = (
    # English
    "support",
    "help",
    "helpline",
    "hotline",
    "care",
    "service",
    "services",
    "assist",
    "assistance",
    "official",
    "team",
    "contact",
    "refund",
    "refunds",
    "billing",
    # Portuguese (Brazil and Portugal)
    "suporte",
    "apoio",
    "ajuda",
    "atendimento",
    "atende",
    "oficial",
    "sac",
    "serviço",
    "serviços",
    "assistência",
    "equipe",
    "equipa",
    "contato",
    "contacto",
    "ouvidoria",
    "relacionamento",
    "reembolso",
    "central",
    "faleconosco",
)
# Words that may stand beside those without making a name any less the brand's: a region, a
# "desk", a "customer", small words ("Atendimento da Lumora", "Lumora Customer Care BR").
FILLER = (
    "desk",
    "center",
    "centre",
    "customer",
    "customers",
    "cliente",
    "clientes",
    "consumidor",
    "consumidores",
    "online",
    "global",
    "the",
    "de",
    "da",
    "do",
    "das",
    "dos",
    "ao",
    "br",
    "brasil",
    "brazil",
    "pt",
    "portugal",
    "us",
    "usa",
    "uk",
    "24h",
    "24horas",
)
# A "verified" tick in a display name claims what "official" does: "Lumora ✅".
_TICKS = str.maketrans(dict.fromkeys("✓✔☑✅", " official "))
# Letters and digits that read as others in a handle or a name: digits for the letters they
# stand in for (0 o, 1 l, 3 e, 4 a, 5 s, 7 t, 8 b), i and l as one (I, l and 1 look alike in
# most fonts; a | is in no handle, and in a name it separates: "Lumora | Suporte"), and the
# Cyrillic and Greek letters that look Latin ("Lumоra" with a Cyrillic о).
# NFKD has already made fullwidth and mathematical letters (𝐋𝐮𝐦𝐨𝐫𝐚) plain ones.
_LOOK_ALIKE = str.maketrans(
    {
        **dict(zip("0134578$i", "oleastbsl", strict=True)),
        **dict(zip("аеорсухіѕјԁһӏɡıłøđ", "aeopcyxlsjdhlgllod", strict=True)),
        **dict(zip("οαεικνρτυχ", "oaelkvptux", strict=True)),
    }
)
_NOT_LETTER = re.compile("[^a-z]")
_END_DIGITS = re.compile(r"\d+$")


def readings(text: str) -> set[str]:
    """`text`'s skeletons: as it looks, and without the digits it ends with, which are a
    number tacked on ("lumora_suporte1", "LumoraHelp01") rather than a letter's look-alike."""
    return {skeleton(text), skeleton(_END_DIGITS.sub("", text.strip()))}


def skeleton(text: str) -> str:
    """`text` as it looks, letters only: accents, case, separators and digits set aside and
    look-alikes made one ("Lum0ra_Suporte" → "lumorasuporte", "@1umora" → "lumora", "LURNORA"
    → "lumora": rn reads as m, vv as w; i and l both read as l)."""
    text = unicodedata.normalize("NFKD", text.translate(_TICKS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_LOOK_ALIKE)
    text = text.replace("rn", "m").replace("vv", "w")
    return _NOT_LETTER.sub("", text)
