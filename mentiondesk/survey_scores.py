"""A post that is just a satisfaction score: "5", "nota 5", "5/5", "10!", "⭐⭐⭐⭐⭐", "cinco",
"5 estrelas, obrigada". Anything more ("5 dias e nada chegou", "nota 0, o pedido sumiu") is
no answer: the post is read as any other (survey_answers.py decides what an answer is for).

The score may come with the brand's handle, stars, other emoji, punctuation, "nota"/"score",
"de 5"/"/5" (out of the scale's top only), "estrelas"/"stars"/"pontos", "pro atendimento",
and thanks before or after it ("obrigada", "valeu", "thanks"); nothing else."""

from __future__ import annotations

import re
import unicodedata

from mentiondesk.survey_record import RANGES

_WORDS = {
    "zero": 0,
    "um": 1,
    "uma": 1,
    "dois": 2,
    "duas": 2,
    "tres": 3,
    "quatro": 4,
    "cinco": 5,
    "seis": 6,
    "sete": 7,
    "oito": 8,
    "nove": 9,
    "dez": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_STARS = frozenset("⭐🌟★")
# A Bluesky handle may hold hyphens (@lumora-pt.bsky.social), a Mastodon one its server.
_HANDLE = re.compile(r"(?<![\w@])@\w[\w.-]*(?:@\w[\w.-]*)?")
_PUNCTUATION = re.compile(r"[!.,;:?~…()\-–—]+")
_THANKS = (
    r"(?:muito |muitíssimo )?(?:obrigad[oa]s?|brigad[oa])(?: (?:pela atenção|por tudo))?"
    r"|obg|valeu|vlw|grat[oa]|thanks?(?: you)?(?: so much)?|thx|ty"
)
_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(_WORDS) + ")"
_SCORE = re.compile(
    rf"(?:(?:a )?(?:minha )?nota(?: é)?|score|rating)? ?{_NUMBER}"
    r"(?: ?(?:/ ?|de |out of )(?P<top>\d{1,2}|cinco|dez|five|ten))?"
    r"(?: ?(?:estrelas?|stars?|pontos?|points?))?"
    r"(?: (?:pro|para o|pelo|ao|for the|for your) (?:atendimento|service|support))?"
)
_LEADING_THANKS = re.compile(rf"^(?:{_THANKS})(?: |$)")
_TRAILING_THANKS = re.compile(rf"(?:^| )(?:{_THANKS})$")


def score_in(text: str, kind: str) -> int | None:
    """The score `text` gives on `kind`'s scale (csat 1-5, nps 0-10) when the post is just
    that; None when it says anything more, or its score is outside the scale."""
    low, high = RANGES[kind]
    stars, plain = _plain(text)
    core = _TRAILING_THANKS.sub("", _LEADING_THANKS.sub("", plain, count=1), count=1)
    if not core:  # only stars (and thanks): counted, on CSAT's scale of five
        return stars if kind == "csat" and low <= stars <= high else None
    match = _SCORE.fullmatch(core)
    if match is None:
        return None
    score = _number(match.group("n"))
    top = match.group("top")
    if top is not None and _number(top) != high:  # "5/10" on a scale of five: unclear
        return None
    if stars not in (0, 1, score):  # "5 ⭐⭐" says two things
        return None
    return score if low <= score <= high else None


def _plain(text: str) -> tuple[int, str]:
    """How many star emoji the text holds, and its words: lower case, without accents but
    "é", handles, emoji and punctuation (a slash kept); spaces collapsed."""
    text = _HANDLE.sub(" ", text)
    stars = sum(1 for ch in text if ch in _STARS)
    kept = "".join(" " if ch in _STARS or _decoration(ch) else ch for ch in text)
    kept = _PUNCTUATION.sub(" ", kept.lower())
    kept = kept.replace("três", "tres")
    return stars, " ".join(kept.split())


def _decoration(ch: str) -> bool:
    """An emoji, its skin tone, variation selector or joiner, or a keycap's frame (5️⃣, as
    phones offer it): decoration around a score."""
    return unicodedata.category(ch) in ("So", "Sk", "Cf", "Mn", "Me", "Cs") or ch == "\ufe0f"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word]
