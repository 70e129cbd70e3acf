"""What a reply may say about its mention's author and brand (`{{ name }}`, `{{ handle }}`…):
the same values in playbook drafts and in the desk's saved replies; and, in drafts,
`{{ time_greeting }}` ("Bom dia", "Good evening") for the hour they are written and
`{{ case_opened }}` ("12/03/2026", "12 March 2026") for the case the post joins."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, tzinfo

from mentiondesk.models import PLATFORM_NAMES, Author, Mention


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A name: letters, with an apostrophe or hyphen inside (O'Neil, Ana-Rita), two letters or more.
_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+")
# A Mastodon custom emoji (":verified:", ":blobcat:"), written into the display name as text.
_SHORTCODE = re.compile(r":[A-Za-z0-9_]{2,}:")
# Skin tones are Sk, as are "´" and "^", which people type for an apostrophe: only these go.
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
_ZERO_WIDTH_SPACE = "\u200b"
# The longest word greeted as a name: a longer one (a 10 kB display name of one "word") is no
# person's first name, and would fill the reply past any platform's limit.
_NAME_MAX = 40
# Punctuation that may follow a name in a display name ("Ana, mãe do Rui", "Rui!").
_AFTER_NAME = ",;:!"
# Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): left open in a display name, they
# turn the rest of the reply written after it right to left. Marks (LRM, RLM) close nothing.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Where a part of a name starts: "ana-luísa" and "o'neill" are greeted "Ana-Luísa", "O'Neill".
_PART_START = re.compile(r"(^|['’-])([^\W\d_])")
# A display name opening with one of these is a shop's or a hobby's, not a person's: "Cozinha
# da Bel" greeted "Cozinha" reads worse than no name. Words for places and trades only, never
# given names ("Bar", "Rosa" and "Hope" are people's too); compared without accents.
_BUSINESS_OPENERS = _words(
    "academia agencia atelie atelier bakery barbearia boutique brecho cafe cafeteria casa "
    "clinica coffee confeitaria cozinha doceria editora emporio escola estudio farmacia "
    "grupo hotel kitchen livraria loja mercado oficina padaria papelaria pastelaria "
    "pizzaria pousada restaurante restaurant salao shop store studio"
)
# Anywhere in a display name, a company's legal form says the same: "Lumora Lda", "Acme Inc."
# ("S.A." is left out: without its dots it is "Sá", a surname).
_LEGAL_FORMS = _words("eireli gmbh inc lda limited llc ltd ltda")
# A title before the name, with or without its full stop ("Mr John Smith", "Dra. Ana", "Dona
# Maria"): the greeting is the name after it, or none ("Sir" alone). Compared without accents.
_TITLES = _words(
    "mr mrs ms miss mx sir dame dr prof rev dona sr sra srta senhor senhora doutor doutora "
    "frei padre madre"
)
# The ordinal letters of Portuguese abbreviations ("Dª Fátima", "Drª Ana", "Engº Rui"): NFKC
# makes "Dª" the word "Da", greeted as a name; as "Da." it is an abbreviation, skipped.
_ORDINALS = str.maketrans({"ª": "a.", "º": "o."})
# A display name ending in one of these is a shop's, a blog's or a fan page's for that country
# ("Green Living UK", "Gadget Geek UK"), not a person's. Compared without accents.
# "Ana Brasil", "Marcos Portugal" (surnames) are greeted without a name: the safe side, where
# "Hi Dicas" would not be.
_COUNTRY_TAGS = _words("uk br pt us usa brasil portugal")
# A word of a display name or a brand, as compared: "Lumora's" holds "lumora".
_TOKEN = re.compile(r"[^\W_]+")
# What drafts' templates and saved replies are rendered for at start-up, to find broken ones
# before a mention does.
SAMPLE_MENTION = Mention(
    platform="x",
    external_id="0",
    text="",
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
    author=Author(id="0", handle="sample", name="Sam Ple"),
)
# And for an author whose display name reads as no name ("@@@", common on Hacker News and
# Reddit): `name` is "" and `full_name` one word, so `{{ name[0] }}` or
# `{{ full_name.split()[1] }}` fail at start-up, not on that author's case.
SAMPLE_NAMELESS = Mention(
    platform="hackernews",
    external_id="0",
    text="",
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
    author=Author(id="0", handle="sample", name="@@@"),
)


# `{{ time_greeting }}`: morning, afternoon, evening, as customer service greets in Brazil and
# Portugal alike ("Bom dia" until noon, "Boa tarde" until 18:00, "Boa noite" after) and in
# English. Late at night (before 05:00) is still "Boa noite": no one is greeted "Bom dia" at 2 am.
_TIME_GREETINGS = {
    "pt": ("Bom dia", "Boa tarde", "Boa noite"),
    "en": ("Good morning", "Good afternoon", "Good evening"),
    "es": ("Buenos días", "Buenas tardes", "Buenas noches"),
    # A team's own it/, fr/, de/, nl/ folders (a pan-European brand's). Italian service says
    # "Buongiorno" through the afternoon; French has no afternoon greeting ("Bon après-midi"
    # is said on leaving).
    "it": ("Buongiorno", "Buongiorno", "Buonasera"),
    "fr": ("Bonjour", "Bonjour", "Bonsoir"),
    "de": ("Guten Morgen", "Guten Tag", "Guten Abend"),
    "nl": ("Goedemorgen", "Goedemiddag", "Goedenavond"),
}
_AFTERNOON, _EVENING, _DAWN = 12, 18, 5
# What start-up checks render with: the longest, so a reply fits its platform at any hour.
LONGEST_TIME_GREETING = max((g for gs in _TIME_GREETINGS.values() for g in gs), key=len)


def time_greeting(now: datetime, lang: str) -> str:
    """The greeting for the hour of `now` (already in the desk's zone) in the draft's language
    `lang` ("pt", "pt-BR", "pt-PT": Portuguese; "es", "it", "fr", "de", "nl"; any other:
    English)."""
    morning, afternoon, evening = _TIME_GREETINGS.get(
        lang.split("-")[0].lower(), _TIME_GREETINGS["en"]
    )
    if _DAWN <= now.hour < _AFTERNOON:
        return morning
    return afternoon if _AFTERNOON <= now.hour < _EVENING else evening


# `{{ case_opened }}`: the day, as each language writes a date in a message. Day first, with
# the month's name in English: "03/12/2026" is 12 March to one English reader, 3 December to
# another. Months are named here, not by strftime, which follows the process's locale.
# Day first in each, with the separator it writes: "12/03/2026", "12.03.2026", "12-03-2026".
_NUMERIC_DATES = {"pt": "/", "es": "/", "it": "/", "fr": "/", "de": ".", "nl": "-"}
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def case_opened(opened_at: datetime | None, lang: str, zone: tzinfo) -> str:
    """The day the case a post joins was opened, in `zone` (the desk's: a case opened at 23:30
    in São Paulo was opened that day, not the next as in UTC), written for `lang` ("pt",
    "pt-PT": "12/03/2026"; English and any other: "12 March 2026"); "" for no case, so
    `{% if case_opened %}` tells it and nothing writes "None"."""
    if opened_at is None:
        return ""
    day = (opened_at if opened_at.tzinfo else opened_at.replace(tzinfo=UTC)).astimezone(zone)
    if sep := _NUMERIC_DATES.get(lang.split("-")[0].lower()):
        return f"{day:%d}{sep}{day:%m}{sep}{day:%Y}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# What start-up checks date a sample case with: the longest day any language writes (a two-digit
# day, September's long name: "30 September 2026"), so a follow-up fits its platform any day.
SAMPLE_OPENED_AT = datetime(2026, 9, 30, 12, tzinfo=UTC)


def mention_values(mention: Mention, *, brand: str) -> dict[str, str]:
    """`brand`, `name`, `full_name`, `handle` and `platform` for a reply to `mention`. The
    author's are hostile plain text: whatever renders them escapes them. `platform` is the
    name people read ("Hacker News"), as the desk shows it, not the stored code."""
    author = mention.author
    return {
        "brand": brand,
        "name": greeting_name(author.name, handle=author.handle, brand=brand),
        "full_name": (author.name or "").translate(_BIDI_CONTROLS).strip() or author.handle,
        "handle": author.handle,
        "platform": PLATFORM_NAMES.get(mention.platform, mention.platform),
    }


def greeting_name(display_name: str | None, *, handle: str = "", brand: str = "") -> str:
    """The first word of a display name that reads as a name ("🌸 Ana Souza" → "Ana", "thalita
    m." → "Thalita", "Mr John Smith" → "John", "MARIA APARECIDA" → "Maria"), or "" when none
    does: a handle, "<img" or "@@@" in a greeting reads worse than no name at all.

    Hacker News and Reddit have no display names, so their listeners give the username as
    the name: a name that is the author's `handle`, or the user part of a Mastodon
    ("nope@infosec.exchange") or Bluesky ("kdrum.bsky.social") handle, is a username ("Hi
    kdrum"), not a name. An account named after `brand` ("Lumora Fan Club") or a country
    ("Green Living UK") is no person's.
    """
    # NFKC: "José" typed decomposed (e + U+0301, as macOS and some keyboards send it) would
    # fail the letters-only match and greet the surname; "𝓐𝓷𝓪" (a styled font) reads "Ana".
    typed = (display_name or "").translate(_ORDINALS)
    name = _without_emoji(unicodedata.normalize("NFKC", typed)).strip()
    if _is_username(name, handle):
        return ""
    if _is_business(name) or _is_brands(name, brand) or _is_countrys(name):
        return ""
    for typed_word in name.split():
        if _plain(typed_word) in _TITLES:
            continue
        # "Ana, mãe do Rui" is Ana, not "Mãe": the comma or "!" after a name is not part of
        # it (a full stop is: "Eng." and "Arq." are titles, no one's name).
        word = typed_word.rstrip(_AFTER_NAME)
        if len(word) <= _NAME_MAX and _NAME.fullmatch(word):
            # "thalita" and "MARIA" are how many people type their name, not how a greeting
            # writes it; a name with both cases is written as its owner spells it ("McDonald",
            # "d'Ávila"), and so are two capitals, initials more often than not ("JP", "AJ").
            if word.isupper() and len(word) > 2:
                word = word.lower()
            return _PART_START.sub(_upper_one, word) if word.islower() else word
    return ""


def _is_username(name: str, handle: str) -> bool:
    """Whether a display name is the author's username: the whole handle, in any case ("KDrum"
    for "kdrum", as Hacker News and Reddit give it), or the user part of a Mastodon or Bluesky
    handle typed as the handle has it ("nope" for "nope@infosec.exchange", "kdrum" for
    "kdrum.bsky.social" or the custom domain "kdrum.com"). Written as a name is ("Lena" for
    "lena.bsky.social"), it is that person's name, which their handle is made of."""
    handle = handle.strip().lstrip("@")
    said = name.lstrip("@")
    if not handle or not said:
        return False
    if said.casefold() == handle.casefold():
        return True
    user = _user_part(handle)
    return user != handle and said.casefold() == user.casefold() and not _written_as_name(said)


def _user_part(handle: str) -> str:
    """A handle's user: before a Mastodon handle's server, a Bluesky handle's first label (its
    domain's: "kdrum.bsky.social", "kdrum.com"). X, Reddit and Hacker News handles have neither
    an "@" nor a ".", and are the user."""
    if "@" in handle:
        return handle.split("@", 1)[0]
    return handle.split(".", 1)[0]


def _written_as_name(word: str) -> bool:
    """Capital first, the rest lower case, in each part: "Lena", "Ana-Luísa", not "kdrum"."""
    return word != word.lower() and word == _PART_START.sub(_upper_one, word.lower())


def _tokens(text: str) -> list[str]:
    """`text`'s words as compared: letters and digits, no accents, case folded."""
    return _TOKEN.findall(_folded(text))


def _is_brands(name: str, brand: str) -> bool:
    """Whether a display name holds the brand's name ("Lumora Fan Club", "Fãs da Lumora")."""
    wanted, said = _tokens(brand), _tokens(name)
    return bool(wanted) and any(
        said[start : start + len(wanted)] == wanted for start in range(len(said))
    )


def _is_countrys(name: str) -> bool:
    """Whether a display name ends in a country's tag ("Green Living UK", "Dicas Brasil")."""
    said = _tokens(name)
    return bool(said) and said[-1] in _COUNTRY_TAGS


def _without_emoji(name: str) -> str:
    """`name` with emoji, flags and `:shortcode:`s as spaces, and the invisible characters that
    join or shape them (ZWJ, variation selectors, bidi marks) dropped: glued to a first name
    ("Juliana🌻 Costa", "🇵🇹Rui") they would hide it and the surname would be the greeting.
    Punctuation stays: "<img" is still no name."""
    return "".join(_as_read(char) for char in _SHORTCODE.sub(" ", name))


def _as_read(char: str) -> str:
    """A symbol separates words as a space does; a format character is invisible."""
    code, category = ord(char), unicodedata.category(char)
    if category == "So" or code in _SKIN_TONES or char == _ZERO_WIDTH_SPACE:
        return " "
    if category == "Cf" or any(code in selectors for selectors in _VARIATION_SELECTORS):
        return ""
    return char


def _is_business(name: str) -> bool:
    """Whether a display name is a shop's or a company's ("Cozinha da Bel", "Acme Ltda.")."""
    said = [word for word in name.split() if _plain(word)]
    if not said:
        return False
    # "The Coffee Lab": English's article, as typed (folded, the Vietnamese name "Thế" is "the").
    if said[0].casefold() == "the":
        return True
    words = [_plain(word) for word in said]
    return words[0] in _BUSINESS_OPENERS or any(word in _LEGAL_FORMS for word in words)


def _plain(word: str) -> str:
    """A word as the lists above hold it: letters only, no accents, case folded ("S.A." → "sa")."""
    return "".join(c for c in _folded(word) if c.isalpha())


def _folded(text: str) -> str:
    """`text` case folded, without accents ("Fãs" → "fas")."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in letters if not unicodedata.combining(c))


def _upper_one(start: re.Match[str]) -> str:
    """A part's first letter in upper case, when that is one letter: not str.capitalize(),
    which lower-cases the rest and makes "ß" "Ss" (a part so begun stays as written)."""
    upper = start[2].upper()
    return start[1] + (upper if len(upper) == 1 else start[2])
