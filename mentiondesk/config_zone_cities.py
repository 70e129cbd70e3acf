"""`[desk] timezone` written as a team in Brazil or Portugal says its time: a city with its
accent ("São Paulo", "Belém"), Brasília time ("Brasília", "horário de Brasília"), or a big
city that is not a zone's name ("Rio de Janeiro", "Lisboa"). The IANA name each means, for
the refusal to name; the city is never taken silently, as the zone decides every day the
desk counts."""

from __future__ import annotations

import unicodedata

# Cities whose time is another city's zone (the zone database names one city per zone).
_CITIES = {
    "brasilia": "America/Sao_Paulo",  # Brasília time (BRT) is São Paulo's zone
    "horario de brasilia": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "belo horizonte": "America/Sao_Paulo",
    "curitiba": "America/Sao_Paulo",
    "porto alegre": "America/Sao_Paulo",
    "florianopolis": "America/Sao_Paulo",
    "goiania": "America/Sao_Paulo",
    "lisboa": "Europe/Lisbon",
    "porto": "Europe/Lisbon",
    "acores": "Atlantic/Azores",
    "madeira": "Atlantic/Madeira",
}


def city_zone(value: str, zones: list[str]) -> str | None:
    """The zone `value` names as a city, accents and case aside ("São Paulo" →
    "America/Sao_Paulo", "Belém" → "America/Belem"); None where it names none."""
    city = plain(value).replace("_", " ")
    named = [z for z in zones if "/" in z and plain(z.rsplit("/", 1)[1]).replace("_", " ") == city]
    return named[0] if named else _CITIES.get(city)


def plain(text: str) -> str:
    """Lower case, unaccented, spaces collapsed: "  São  Paulo" → "sao paulo"."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
