"""The lingua detectors language detection asks: six languages for every post, and Dutch
beside them only for posts with a Dutch grammar word.

With Dutch in the one detector for every post, posts with no Dutch in them moved: German and
English tweets of one loan ("RT clever") were read as Dutch, and ones lingua had placed
("Lilo y Stich Somos ohana", "Okee doke") became `und`. A Dutch post holds "het", "een",
"niet", "ik" or another grammar word of `_lang_europe_grammar`: only those posts are read
again with Dutch, and Dutch is taken only where lingua then picks it. lingua shares each
language's models between detectors: the second adds Dutch's alone (about 50 MB and 0.4 s
at start-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from sentiment import _lang_europe_grammar as europe

# The languages we tell apart. Spanish, Italian and French are here so that a Spanish
# post is called Spanish instead of being forced into Portuguese.
LANGUAGES = (
    Language.ENGLISH,
    Language.PORTUGUESE,
    Language.SPANISH,
    Language.FRENCH,
    Language.ITALIAN,
    Language.GERMAN,
)


@cache
def detector() -> LanguageDetector:
    """The six languages, for every post."""
    return _built(LANGUAGES)


@cache
def with_dutch() -> LanguageDetector:
    """The six and Dutch, for posts with a Dutch grammar word."""
    return _built((*LANGUAGES, Language.DUTCH))


def _built(languages: Sequence[Language]) -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_minimum_relative_distance(0.05)
        .with_preloaded_language_models()
        .build()
    )


def detect(texts: Sequence[str]) -> list[Language | None]:
    """lingua's pick for each (cleaned) text: Dutch where a Dutch grammar word stands in it
    and lingua, Dutch beside the six, picks Dutch; else its pick among the six."""
    found = detector().detect_languages_in_parallel_of(list(texts)) if texts else []
    dutch = [i for i, text in enumerate(texts) if europe.counts(text).nl > 0]
    again = with_dutch().detect_languages_in_parallel_of([texts[i] for i in dutch]) if dutch else []
    for index, language in zip(dutch, again, strict=True):
        if language == Language.DUTCH:  # not `is`: lingua hands out a new object each time
            found[index] = language
    return found


def confidence(text: str, language: Language) -> float:
    """How sure lingua is that `text` is in `language` (Dutch's own detector for Dutch)."""
    asked = with_dutch() if language == Language.DUTCH else detector()
    return asked.compute_language_confidence(text, language)
