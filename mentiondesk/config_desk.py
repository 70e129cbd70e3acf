"""`[desk]`: where the desk listens, the team's time zone, language and working week, its login
limits."""

from __future__ import annotations

import difflib
import ipaddress
import re
from urllib.parse import SplitResult, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import Field, field_validator

from mentiondesk.alert_wording import SPELLINGS, one_of
from mentiondesk.config_hours import BusinessHoursSection
from mentiondesk.config_zone_cities import city_zone
from mentiondesk.models import ConfigTable
from mentiondesk.zone_offsets import offset_problem

_ABBREVIATION = re.compile(r"[A-Z]{2,5}")  # BRT, CEST: a name on a clock, not a zone's rules
_ZONE_NAMES = ("America/Sao_Paulo", "Europe/Lisbon", "Etc/UTC")  # the regions' examples too
_ZONE_EXAMPLES = '"America/Sao_Paulo", "Europe/Lisbon" or "UTC"'
# The languages the desk speaks (mentiondesk/web/i18n.py's LOCALES; a test keeps them equal).
DESK_LANGUAGES = ("en", "pt-BR", "pt-PT")
_URL_EXAMPLE = "https://desk.example.com"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# What a public_url may hold: it goes unescaped into Slack's <url|…>, Markdown's (…) and
# HTML attributes, so no spaces, quotes, brackets of those syntaxes, or `|`.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/%\[\]@!$&*+,;=]+")


class DeskSection(ConfigTable):
    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    timezone: str = "UTC"  # where the team works: times shown and days counted there
    # The desk's language where a person has not picked one with its switch, before the
    # browser's Accept-Language: a Brazilian team on English browsers. None: the browser's.
    language: str | None = None
    # Served behind a reverse proxy (nginx, Caddy…): login limits count the address it puts
    # in X-Forwarded-For, not the proxy's own (which would lock a name for everyone).
    behind_proxy: bool = False
    # The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (with
    # behind_proxy): addresses or networks the connection must come from. Anyone else who
    # reaches the port could write those headers: fresh login guesses, a claimed https.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    # Proxies in a row that each append to X-Forwarded-For: 2 for a load balancer in front
    # of nginx (both in trusted_proxies), or every login counts as the balancer's address.
    proxy_hops: int = Field(default=1, ge=1, le=8)
    # Password checks the desk runs per minute, whoever asks (each costs ~0.2 CPU-seconds):
    # a flood of logins under made-up names cannot starve the pipeline. A team logging in
    # together stays well under it; past it the login page asks to wait a minute.
    login_attempts_per_minute: int = Field(default=30, ge=1, le=10_000)
    # Logins a minute from one address, refused before they spend the desk's budget above:
    # one address cannot keep everyone else out. An office behind one NAT address that
    # logs in all at once may need more.
    login_attempts_per_address: int = Field(default=10, ge=1, le=10_000)
    # The team's working week: first-response time is also shown counted in it. None: the
    # clock only.
    business_hours: BusinessHoursSection | None = None
    # The team's saved replies (a TOML file next to this one), offered on the case page.
    saved_replies: str | None = None
    # Where people open the desk, e.g. "https://desk.example.com": alerts and tickets then
    # link to the case's page. None: they carry the case number only.
    public_url: str | None = None

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        return None if value is None else public_url(value)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(proxy_network(v) for v in value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return known_zone(value)

    @field_validator("language")
    @classmethod
    def _desk_language(cls, value: str | None) -> str | None:
        return None if value is None else desk_language(value)

    @field_validator("host")
    @classmethod
    def _bare_host(cls, value: str) -> str:
        return bare_host(value)


def known_zone(value: str) -> str:
    """`value` if it names a time zone; ValueError with examples otherwise."""
    try:
        ZoneInfo(value)
    # OSError: a region's folder in the zone database ("America"), or one not readable.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(_zone_problem(value)) from None
    return value


def _zone_problem(value: str) -> str:
    """Why `value` is no time zone, with the IANA name meant where one is plain: a city
    ("Lisbon", "Sao Paulo") or a near miss ("Europe/Lisboa") names its zone."""
    offset = offset_problem(value)
    if offset:
        return offset
    if _ABBREVIATION.fullmatch(value):
        return (
            f"{value!r} is an abbreviation, not a time zone; write a zone such as {_ZONE_EXAMPLES}"
        )
    # Never an Etc/GMT zone by likeness: its sign is inverted, so "GMT3" → "Etc/GMT-3"
    # would be UTC+3 where the operator may have meant UTC-3.
    zones = sorted(z for z in available_timezones() if not z.startswith("Etc/GMT"))
    city = city_zone(value, zones)  # "São Paulo", "Brasília": accents and cities aside
    meant = [city] if city else difflib.get_close_matches(value, zones, n=1, cutoff=0.8)
    if meant:
        return f'{value!r} is not a time zone name; use the IANA name, e.g. "{meant[0]}"'
    inside = [z for z in zones if z.startswith(f"{value}/")]
    if value and inside:  # a folder of the zone database ("America"): one of its zones
        example = next((z for z in _ZONE_NAMES if z in inside), inside[0])
        return f'{value!r} is a region, not a time zone name; use a zone in it, e.g. "{example}"'
    return f"{value!r} is not a time zone name; use an IANA name such as {_ZONE_EXAMPLES}"


def desk_language(value: str) -> str:
    """`value` as the desk spells it ("pt-br", "pt_BR", "pt" → "pt-BR"), as `[routing]
    language` takes it; ValueError naming the choices."""
    tag = one_of(value, DESK_LANGUAGES)
    if tag is None:
        raise ValueError(f"{value!r} is not a language the desk speaks; use {SPELLINGS}")
    return tag


def public_url(value: str) -> str:
    """`value` without its trailing `/` if it is an https URL with a host (http only for
    this machine: a link sent to a team's chat must not send their login in clear);
    ValueError saying what to write otherwise."""
    url = value.strip().rstrip("/")
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket: said as no host, not Python's words
        parts = urlsplit("")
    if not (parts.scheme and parts.hostname):
        problem = "is not a URL with a host"
    elif not _port_ok(parts):
        problem = "has a port that is no number from 1 to 65535"
    elif parts.scheme not in ("https", "http"):
        problem = "is not an http(s) URL"
    elif parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
        problem = "is not https (http is only for localhost)"
    elif parts.query or parts.fragment or parts.username or "?" in url or "#" in url:
        problem = "has a query, fragment or user name"
    elif not _URL_CHARS.fullmatch(url):
        problem = "has spaces, quotes or brackets a link cannot carry"
    else:
        return url
    raise ValueError(f'{value!r} {problem}; write the desk\'s address, e.g. "{_URL_EXAMPLE}"')


def _port_ok(parts: SplitResult) -> bool:
    """Whether the URL's port, if it names one, is a port: urlsplit keeps "desk:abc" or
    "desk:" as written, and every link sent to the team would then lead nowhere."""
    try:
        port = parts.port  # ValueError: not a number, or above 65535
    except ValueError:
        return False
    return port != 0 and (port is not None or not parts.netloc.endswith(":"))


def case_page(public: str | None, case_id: int | None) -> str | None:
    """The case's page on the desk, or None without a public_url or a case."""
    return f"{public}/cases/{case_id}" if public and case_id is not None else None


def bare_host(value: str) -> str:
    """`value` if it is a host name or IP address alone (an IPv6 one without brackets);
    ValueError saying what to write otherwise: a port or scheme here would only fail at
    `run`, when the desk cannot listen."""
    host = value.strip()
    if not host:
        problem = "is empty"
    elif "://" in host or "/" in host:
        problem = "is a URL; write the host alone"
    elif host.startswith("["):
        problem = 'has brackets; write an IPv6 address without them, e.g. "::1"'
    elif host.count(":") == 1:
        problem = "has a port; write the host alone and the port as port = …"
    elif ":" in host and not _ipv6(host):
        problem = "is not an IPv6 address"
    elif host != value or any(c.isspace() for c in host):
        problem = "has spaces"
    else:
        return value
    raise ValueError(
        f'{value!r} {problem} (e.g. host = "127.0.0.1", "0.0.0.0" for every interface, or "::1")'
    )


def proxy_network(value: str) -> str:
    """`value` if it is an IP address or network ("10.0.0.0/8", host bits allowed);
    ValueError saying what to write otherwise: a host name cannot be matched to the peer."""
    try:
        ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValueError(
            f"{value!r} is not an IP address or network; list the reverse proxy's, e.g. "
            'trusted_proxies = ["127.0.0.1", "::1"] or ["10.0.0.0/8"]'
        ) from None
    return value.strip()


def _ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True
