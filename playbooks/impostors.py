"""Whether a mention's author may be posing as the brand: the fake "support" account that
answers a customer and asks them to write on WhatsApp or pay a fee ("golpe do falso
atendente"). Pure: the author's handle and display name against `[brand]`.

The rule (docs/playbooks.md, "Possible impostors"): an account that is not one of the
brand's own handles, as its platform writes them (`is_own`), is a *possible impostor* when
- its handle is a look-alike of one of the brand's handles: the same once case, accents,
  separators and digits are set aside, look-alike letters read as one (0 o, 1 l, rn m, a
  Cyrillic о…) and a doubled letter as one ("@1umora", "@lumora_", "@LURNORA", "@lumorra"); or
- its handle or display name is the brand's name or one of its handles *with a support word*,
  and nothing else but region and small words ("Lumora Atendimento", "@lumora_suporte",
  "LumoraHelpDesk", "SAC Lumora Brasil", "Lumora ✅"; impostor_words.SUPPORT).
A person merely named like the brand ("Nova Silva", "@nova" for a brand Nova whose handle is
@nova_br) is not one, nor a fan's "Lumora Giveaways": a name needs a support word, and a
handle alone must copy one of the brand's handles. The brand's keywords are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from mentiondesk.models import CASELESS_HANDLES, Brand, Mention
from playbooks.impostor_words import FILLER, SUPPORT, readings, skeleton

# Longer skeletons are not read: no impostor needs more to say "Lumora support", and the
# pattern's work grows with the length.
_LONGEST = 64
_BSKY = ".bsky.social"
# A Bluesky domain handle's public suffixes: "atendimento.lumora.com.br" reads "atendimento
# lumora".
_SUFFIXES = frozenset({"com", "net", "org", "co", "app", "br", "pt", "uk", "us", "io"})
Field = Literal["handle", "name"]


@dataclass(frozen=True, slots=True)
class Resemblance:
    """Why an author may be posing as the brand: which of theirs looks like which of its."""

    term: str  # the brand's name or handle, as `[brand]` writes it ("Lumora", "@lumora_br")
    field: Field  # the author's handle, or their display name


def resemblance(*, platform: str, handle: str, name: str, brand: Brand) -> Resemblance | None:
    """How the author of `handle` and display `name` on `platform` resembles `brand`, or None
    where they do not (or are one of its own accounts)."""
    if is_own(platform=platform, handle=handle, brand=brand):
        return None
    patterns = _patterns(brand)
    cores = readings(account_name(handle, platform))
    for term, look_alike in patterns.look_alikes:
        if any(look_alike.fullmatch(core) for core in cores):
            return Resemblance(term, "handle")
    fields: list[tuple[Field, str]] = [("handle", core) for core in sorted(cores)]
    fields += [("name", text) for text in sorted(readings(name))]
    for field, text in fields:
        if len(text) > _LONGEST:
            continue
        for term, with_support in patterns.with_support:
            if with_support.fullmatch(text):
                return Resemblance(term, field)
    return None


def posing_as(brand: Brand, mention: Mention) -> Resemblance | None:
    """How `mention`'s author resembles `brand` (`resemblance`), or None."""
    author = mention.author
    return resemblance(
        platform=mention.platform, handle=author.handle, name=author.name, brand=brand
    )


def is_own(*, platform: str, handle: str, brand: Brand) -> bool:
    """Whether `handle` is one of `brand`'s handles on `platform`, as it writes them: caseless
    where CASELESS_HANDLES says (not Hacker News); on Mastodon a handle listed with its server
    (`@lumora@mastodon.social`) is that account alone, one without (`@lumora`) the name on any
    server unless the brand lists it with a server; on Bluesky a listed domain (`lumora.com`)
    and its subdomains, or a bare `@lumora` as `lumora.bsky.social`."""
    theirs = _bare(handle)
    if platform in CASELESS_HANDLES:
        theirs = theirs.casefold()
    listed = [_bare(h) for h in brand.handles]
    if platform in CASELESS_HANDLES:
        listed = [h.casefold() for h in listed]
    if platform == "mastodon":
        return _own_on_mastodon(theirs, listed)
    if platform == "bluesky":
        return any(_own_on_bluesky(theirs, h) for h in listed)
    return theirs in [h for h in listed if "@" not in h and "." not in h]


def _bare(handle: str) -> str:
    """A handle without what writes it as one: "@lumora", "u/lumora", "/u/lumora"."""
    handle = handle.strip()
    for prefix in ("/u/", "u/"):
        handle = handle.removeprefix(prefix)
    return handle.lstrip("@")


def _own_on_mastodon(theirs: str, listed: list[str]) -> bool:
    user, _, server = theirs.partition("@")
    servers = [s for u, _, s in (h.partition("@") for h in listed) if u == user and "." not in u]
    if not servers:
        return False
    # A local account (no server: the listening instance's own) is the listed name; listed
    # with a server, only that server's.
    qualified = [s for s in servers if s]
    return not server or not qualified or server in qualified


def _own_on_bluesky(theirs: str, listed: str) -> bool:
    if "@" in listed:
        return False
    if "." in listed:
        return theirs == listed or theirs.endswith("." + listed)
    return theirs == listed + _BSKY


def account_name(handle: str, platform: str) -> str:
    """The part of a handle a person picks: "ana" of a Mastodon "ana@server", "lumora-help" of
    "lumora-help.bsky.social", "atendimento.lumora" of "atendimento.lumora.com.br"."""
    name = handle.strip().lstrip("@")
    if "@" in name:
        return name.partition("@")[0]
    if platform == "bluesky" or (not platform and "." in name):  # "": as `[brand]` lists it
        return _domain_name(name)
    return name


def _domain_name(handle: str) -> str:
    if handle.casefold().endswith(_BSKY):
        return handle[: -len(_BSKY)]
    labels = handle.split(".")[:-1] or [handle]  # the top-level domain, whatever it is
    while len(labels) > 1 and labels[-1].casefold() in _SUFFIXES:
        labels.pop()
    return ".".join(labels)


@dataclass(frozen=True, slots=True)
class _Patterns:
    look_alikes: tuple[tuple[str, re.Pattern[str]], ...]  # per brand handle
    with_support: tuple[tuple[str, re.Pattern[str]], ...]  # per brand name and handle


@lru_cache(maxsize=16)
def _patterns(brand: Brand) -> _Patterns:
    """The brand's patterns, made once per `[brand]` (the desk asks for every row)."""
    handles = [(h, _loose(skeleton(account_name(h, "")))) for h in brand.handles]
    handles = [(term, core) for term, core in handles if core]
    named = _loose(skeleton(brand.name))
    # The longest first: "@lumora_br_oficial" is told as @lumora_br's, not as Lumora's.
    terms = sorted(([(brand.name, named)] if named else []) + handles, key=lambda t: -len(t[1]))
    return _Patterns(
        look_alikes=tuple((term, re.compile(core)) for term, core in handles),
        with_support=tuple((term, re.compile(_with_support(core))) for term, core in terms),
    )


def _loose(core: str) -> str:
    """A skeleton as a pattern that takes each letter doubled ("lumorra"); "" for one too
    short to tell anything by (a single letter)."""
    return "".join(f"{re.escape(ch)}+" for ch in core) if len(core) > 1 else ""


def _with_support(core: str) -> str:
    """`core` among support and filler words, with a support word before or after it."""
    support = _alternatives(SUPPORT)
    word = f"(?:{support}|{_alternatives(FILLER)})"
    return f"{word}*{support}{word}*{core}{word}*|{word}*{core}{word}*{support}{word}*"


def _alternatives(words: tuple[str, ...]) -> str:
    # Longest first: "services" before "service", so the first try is the likelier one.
    skeletons = sorted({skeleton(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(s) for s in skeletons if s) + ")"
