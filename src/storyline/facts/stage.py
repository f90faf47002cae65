"""Facts of articles: every quantity, dated and attributed to whoever the article says gave it.

The parser is loaded once (``storyline.facts.parser``) unless one is passed in; all sentences of
a story that hold a number are parsed in one batch. What the parse gives an article (its
``Reading``: the quantities of each of its sentences) depends on the article alone, so a caller
may keep readings and pass them back (``story_facts(readings=...)``): the engine stores them per
article (``engine.readings``), and a story page then never parses an article read before.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from storyline.facts import parser
from storyline.facts.attribution import extract_attributions, resolve_pronouns
from storyline.facts.days import resolve_day, season_year
from storyline.facts.extraction import extract_many
from storyline.facts.games import game_report, in_play
from storyline.facts.illness import illness_cases
from storyline.facts.incidents import incident_kinds
from storyline.facts.models import Attribution, Fact, Quantity
from storyline.facts.parser import load_parser
from storyline.facts.reading import PEOPLE_KINDS
from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, split_sentences, tokens

When = Mapping[Sentence, date | None]
# The quantities of each sentence of one article (``split_sentences`` order), spans into its text.
Reading = tuple[tuple[Quantity, ...], ...]


def extract_quantities(sentence: Sentence, *, parser: Any = None) -> tuple[Quantity, ...]:
    """The quantities of one sentence (spans into its article's text)."""
    return extract_many(parser or load_parser(), [sentence])[0]


def read_articles(articles: Sequence[Article], *, parser: Any = None) -> list[Reading]:
    """The quantities of each sentence of each article, all articles parsed in one batch (the
    parser is loaded only when a sentence needs it)."""
    per_article = [split_sentences(a) for a in articles]
    flat = [s for sentences in per_article for s in sentences]
    found = iter(extract_many(parser or load_parser(), flat) if flat else [])
    return [tuple(next(found) for _ in sentences) for sentences in per_article]


def story_facts(
    articles: Iterable[Article],
    *,
    when: When | None = None,
    parser: Any = None,
    readings: Mapping[str, Reading] | None = None,
) -> tuple[Fact, ...]:
    """Facts of several articles, in input order.

    ``when`` maps a sentence to the date it reports on (see ``storyline.dates``); a sentence not
    in it, or no mapping at all, falls back to the article's publication date. A number an article
    repeats for the same thing is kept once, at its first mention (the one a reader meets).
    ``readings`` holds articles read before (``read_articles``), by article id; the others are
    parsed now, and so is one whose reading does not fit its sentences.
    """
    articles = list(articles)
    per_article = [split_sentences(a) for a in articles]
    known = dict(readings or {})
    unread = [
        a
        for a, sentences in zip(articles, per_article, strict=True)
        if len(known.get(a.id, ())) != len(sentences)
    ]
    known.update(zip((a.id for a in unread), read_articles(unread, parser=parser), strict=True))
    facts: list[Fact] = []
    told = _story_date(articles)
    for article, sentences in zip(articles, per_article, strict=True):
        quantities = known.get(article.id, ())  # an article with no sentence has no reading
        if not any(quantities):
            continue
        said = resolve_pronouns([extract_attributions(s) for s in sentences], sentences)
        found = _article_facts(article, sentences, quantities, said, when, told=told)
        facts += _placed_repeats(_merge_repeats(found))
    return tuple(facts)


# A year an article names; not a side of a screen or a picture ("1920 x 1080").
_A_YEAR = re.compile(r"(?<![x×]\s)(?<![x×])\b(1[89]\d\d|20\d\d)\b(?!\s?[x×]\s?\d)")


def _story_date(articles: Sequence[Article]) -> date | None:
    """When an undated article of the story was written, to tell what it recalls from long
    before (``_background``, ``_recalled``): the latest publication date of the story's dated
    articles, or else the end of the year its articles name most often (reports of one event
    name its year more than any year they recall: a 2011 quake's against "Great Kanto in
    1923"). Only for that: an undated article's facts stay undated (labels say ``differs``)."""
    dated = [a.published for a in articles if a.published is not None]
    if dated:
        return max(dated)
    years = Counter(int(y) for a in articles for y in _A_YEAR.findall(a.text))
    if not years:
        return None
    most = max(years.values())
    return date(max(y for y, n in years.items() if n == most), 12, 31)


# Kinds that say what happened to people; a bare count of people ("nine people", "12 American
# victims") that an article gives again under one of these is that count.
_GENERIC_PEOPLE = frozenset("people person other victim".split())
# Below this a repeated figure ("three victims", "three deaths") is too common to be the same
# people for sure (dev.jsonl, benchmarks/facts.py: 3 merges two different counts; 4-10 alike).
_REPEAT_MIN = 4
# Characters within which a figure said again is the same people (``_merge_repeats``): the
# passage that tells of them. Beyond it a long article (a broadcast transcript, a live page) has
# moved on to other people: "100,000 young people" in the streets of Cairo, then a cyclone's
# "more than 100,000 lives" 27,000 characters on, read as one toll (Timeline17 Egypt). Set by
# Timeline17's merges past it (5 of 6 joined two counts) and dev.jsonl's (farthest 1,234).
REPEAT_SPAN = 3000
# A count of people taken from those just named: "50 people with serious injuries, 10 of whom".
_PART_OF_NAMED = re.compile(r"\bof (?:whom|them)\b", re.IGNORECASE)


def _merge_repeats(facts: list[Fact]) -> list[Fact]:
    """One article's facts, where a number given first as a bare count of people and again as
    what happened to them ("then nine people ... Nine died"), within ``REPEAT_SPAN``, is one
    fact: at its first mention, with the kind the second gives."""
    out = list(facts)
    for bare in facts:
        if bare.kind not in _GENERIC_PEOPLE or bare.value < _REPEAT_MIN:
            continue
        if _PART_OF_NAMED.search(bare.text):
            continue  # "10 of whom": a part of the people just named, not a count given before
        for said in facts:
            same = said.value == bare.value and said.upper == bare.upper and said is not bare
            same = same and abs(said.start - bare.start) <= REPEAT_SPAN
            if same and said.kind in PEOPLE_KINDS and said in out:
                if said.start < bare.start:  # the count came first: the bare repeat is dropped
                    out = [f for f in out if f is not bare]
                else:
                    out[out.index(bare)] = replace(bare, kind=said.kind, scope=said.scope)
                    out = [f for f in out if f is not said]
                break
    return out


def _placed_repeats(facts: list[Fact]) -> list[Fact]:
    """One article's count given first without a place and again with one ("129 dead" in the
    headline, then "the 129 people killed in Paris"): one statement read twice, so one fact, at
    its first mention (the one GUIDELINES labels), placed where the repeat says. Only the same
    kind of count (the same happening to people, or the same unit) in the same window and scope,
    and not below ``_REPEAT_MIN``, where "three killed" and "three killed in Sanaa" may well be
    two counts (WikiRef held-out sample #4: the repeat was a second, unmatched fact)."""
    out = list(facts)
    for later in facts:
        if later.place is None or later.value < _REPEAT_MIN:
            continue
        for first in out:
            if _at(first) >= _at(later) or not _restates(first, later):
                continue
            at = out.index(first)
            out[at] = replace(first, place=later.place, site=later.site, area=later.area)
            out = [f for f in out if f is not later]
            break
    return out


def _at(fact: Fact) -> int:
    """Where a fact's own words start (its sentence's start when it has no span)."""
    return fact.span[0] if fact.span is not None else fact.start


def _restates(first: Fact, later: Fact) -> bool:
    """Whether ``later`` may be ``first`` said again with the place it happened in: nothing but
    the place is added ("91 human cases", then "91 confirmed cases in the United States" says
    more than where: Timeline17's H1N1 reports keep both)."""
    people = first.kind in PEOPLE_KINDS or later.kind in PEOPLE_KINDS
    return (
        first.place is None
        and (first.value, first.upper, first.window, first.scope, first.standing, first.total)
        == (later.value, later.upper, later.window, later.scope, later.standing, later.total)
        and first.kind == later.kind
        and (people or first.unit == later.unit)
    )


@functools.cache
def reading_version() -> str:
    """What produced a ``Reading``: a hash of the code that reads quantities (every module of
    the facts package: a list of the reading ones missed attribution and dimensions once), the
    sentence splitter, the records, and of the parser model and library. Kept readings are valid
    only under the same version, so any change makes them be read again rather than served
    stale; a hand-bumped number would be forgotten by the next change to the rules."""
    from storyline import models, text

    spacy = metadata.version("spacy")
    digest = hashlib.sha256(f"{parser.SPACY_MODEL} {parser.MODEL_VERSION} {spacy}".encode())
    package = sorted(Path(__file__).parent.glob("*.py"))
    for path in (*package, Path(models.__file__ or ""), Path(text.__file__ or "")):
        digest.update(path.read_bytes())
    return f"facts/{digest.hexdigest()[:16]}"


def article_facts(
    article: Article, *, when: When | None = None, parser: Any = None
) -> tuple[Fact, ...]:
    """Every quantity of one article as a Fact, dated and attributed."""
    return story_facts([article], when=when, parser=parser)


def _article_facts(
    article: Article,
    sentences: Sequence[Sentence],
    quantities: Sequence[tuple[Quantity, ...]],
    said: Sequence[tuple[Attribution, ...]],
    when: When | None,
    *,
    told: date | None = None,
) -> list[Fact]:
    """``told``: the story's date (``_story_date``), for an article that gives none. A game
    report's play (``facts.games``) is no fact."""
    play = game_report(article.text)
    seen: set[tuple[object, ...]] = set()
    written = article.published or told
    given: dict[tuple[object, ...], list[tuple[str | None, str]]] = {}
    out: list[Fact] = []
    for sentence, found, attributions in zip(sentences, quantities, said, strict=True):
        day = when.get(sentence, article.published) if when is not None else article.published
        for q in found:
            if _background(q, written) or _recalled(q, sentence, written):
                continue
            if play and in_play(q):
                continue
            key = (q.kind, q.value, q.upper, q.place, q.scope, q.window)
            same = (q.value, q.upper, q.unit, q.window)
            if key in seen or _repeats(given.get(same, []), q.place, q.kind):
                continue
            # keyed apart from units ("arrested" is both); "four more" is no repeat of "four"
            people = q.kind in PEOPLE_KINDS
            befell = ("befell", q.value, q.upper, q.kind, q.scope, q.window) if people else None
            if befell is not None and _told_again(given.get(befell, []), q):
                continue
            seen.add(key)
            given.setdefault(same, []).append((q.place, q.kind))
            if befell is not None:
                given.setdefault(befell, []).append((q.place, q.kind))
            out.append(
                Fact(
                    kind=_kind(q, sentence, article),
                    unit=q.unit,
                    value=q.value,
                    approx=q.approx,
                    article_id=article.id,
                    start=sentence.start,
                    end=sentence.end,
                    text=q.text,
                    outlet=article.outlet,
                    when=day,
                    attributed_to=speaker_case(speaker_for(q, attributions), article.text),
                    place=q.place,
                    upper=q.upper,
                    event=q.event,
                    window=q.window,
                    scope=q.scope,
                    span=(q.start, q.end),
                    bound=q.bound,
                    happened=resolve_day(q.day, article.published),
                    year=_year(q, article.published),
                    foreseen=q.foreseen,
                    able=q.able,
                    total=q.total,
                    standing=q.standing,
                    area=q.area,
                    site=q.site,
                    incident=tuple(
                        sorted(
                            incident_kinds(
                                sentence.text, q.start - sentence.start, q.end - sentence.start
                            )
                        )
                    ),
                    words=context_words(sentence.text),
                )
            )
    return out


# Words that say nothing of what a sentence is about: days, months and the words of numbers.
_NO_CONTEXT = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december one two three four five six seven
    eight nine ten twenty hundred thousand million billion half third quarter last next week
    weeks month months year years day days season""".split()
)


def context_words(text: str) -> frozenset[str]:
    """The content words of a sentence (``Fact.words``): tokens of three letters or more that
    are no stopword, number, day or month."""
    return frozenset(
        t
        for t in tokens(text)
        if len(t) >= 3 and t.isalpha() and t not in STOPWORDS and t not in _NO_CONTEXT
    )


def _kind(quantity: Quantity, sentence: Sentence, article: Article) -> str:
    """The quantity's kind, with "cases" and "infections" of an illness read as the infected
    (``facts.illness.illness_cases``): the sentence may not say it, the article does."""
    if quantity.kind == quantity.unit and illness_cases(quantity.unit, sentence.text, article.text):
        return "infected"
    return quantity.kind


def _repeats(before: Sequence[tuple[str | None, str]], place: str | None, kind: str) -> bool:
    """Whether a number an article gave before, in the same unit and window, is said again:
    "116 sailors" trapped, then "the 116 sailors on board"; "$6 million to $7 million" in one
    county, then "$6 million and $7 million". Not when the second names another place (or a
    place the first did not), nor for counts of people that say different things happened to
    them ("two killed", "two injured")."""
    for there, first in before:
        if place is not None and there != place:
            continue  # a repeat that names a place the first did not say is kept: it says more
        if first == kind or not (first in PEOPLE_KINDS and kind in PEOPLE_KINDS):
            return True
    return False


def _told_again(before: Sequence[tuple[str | None, str]], quantity: Quantity) -> bool:
    """Whether a count of people is one the article gave before under another word, said again
    with nothing added: "the 129 people killed in Paris", then "among the 129 dead" (a WikiRef
    page listed both). Only a bare repeat (its word the happening or "people", "victims", no
    place of its own) and not below ``_REPEAT_MIN``; "four soldiers killed" after "four people
    killed" names whom, and stays."""
    bare = quantity.unit == quantity.kind or quantity.unit in _GENERIC_PEOPLE
    if not bare or quantity.place is not None or quantity.value < _REPEAT_MIN:
        return False
    return _repeats(before, quantity.place, quantity.kind)


# A happening its clause sets this many years or more before the report is background: another,
# earlier event the story recalls ("in 1976 an outbreak infected 200"), not labelled
# (GUIDELINES.md). The dev stories recall their own events up to two years on (the 1996 Olympic
# bombing in 1998 reports), so the bar sits well above that.
BACKGROUND_YEARS = 5


def _year(quantity: Quantity, published: date | None) -> int | None:
    """The year the quantity's clause sets its happening in, if it says one."""
    if quantity.set_in is not None:
        return quantity.set_in
    if quantity.years_back is not None and published is not None:
        return published.year - quantity.years_back
    if quantity.season is not None and published is not None:
        return season_year(quantity.season, published)
    return None


def _background(quantity: Quantity, published: date | None) -> bool:
    return (
        quantity.set_in is not None
        and published is not None
        and quantity.set_in <= published.year - BACKGROUND_YEARS
    )


# A year the sentence names; not one a span runs from or to ("the worst since 1998").
_YEAR = re.compile(r"(?<!since )(?<!until )(?<!from )\b(1[89]\d\d|20\d\d)\b")


def _recalled(quantity: Quantity, sentence: Sentence, published: date | None) -> bool:
    """A toll or count of people in a sentence whose every year is long before the report, where
    the parse did not tie the year to the count's own clause: "SARS in 2003, which killed 299",
    "the 1968 pandemic ... caused an excess mortality of around 1 million". Only the part of the
    sentence between colons or semicolons that holds the count is read ("Cases rose in 2001: the
    new flu has killed 30"), and a count the sentence sets on a day ("on Monday") is the story's
    own. Another quantity is recalled with such a toll ("Great Kanto in 1923, ... which resulted
    in 140,000 deaths, and that was 7.9 magnitude", a WikiRef page on the 2011 quake), not
    alone: "The Kursk, launched in 1995, carries 107 personnel" describes the story's vessel."""
    if published is None or quantity.day is not None:
        return False
    part = _part_of(sentence.text, quantity.start - sentence.start)
    years = [int(y) for y in _YEAR.findall(part) if int(y) != quantity.value]
    if not years or max(years) > published.year - BACKGROUND_YEARS:
        return False
    return quantity.kind in PEOPLE_KINDS or _TOLL.search(part) is not None


# A toll in words ("140,000 deaths", "killed 2,000", "2,000 people died"), not a year ("their
# 1994 deaths", dev's Simpson damages): ``_recalled`` reads another quantity of a recalled
# disaster beside it.
_TOLL = re.compile(
    r"\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s+(?:deaths|dead|people (?:died|dead|killed))\b"
    r"|\b(?:killed|killing)\s+\d",
    re.IGNORECASE,
)


def _part_of(text: str, at: int) -> str:
    """The part of a sentence between colons or semicolons that holds position ``at``."""
    begin = max(text.rfind(":", 0, at), text.rfind(";", 0, at)) + 1
    ends = [i for i in (text.find(":", at), text.find(";", at)) if i >= 0]
    return text[begin : min(ends) if ends else len(text)]


def speaker_case(speaker: str | None, text: str) -> str | None:
    """A claimant as a reader writes it inside a line: an article that opened its sentence is
    lower case ("per the ministry", "per the Kyodo news agency", "per the New York Times", as
    news style writes a paper's name mid-sentence), and so is a common noun ("Officials say 350
    are dead" -> "per officials") while a name keeps its capital ("Reuters", "Lavrov"). A word
    is taken for a common noun when the article also writes it in lower case, and only when the
    words after it are in lower case too."""
    if not speaker or not speaker[:1].isupper():
        return speaker
    first, _, rest = speaker.partition(" ")
    if first in ("The", "A", "An") and rest:
        return first.lower() + " " + rest
    if rest and rest != rest.lower():
        return speaker
    lower = first.lower()
    if re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is None:
        return speaker
    return lower + speaker[len(first) :]


def speaker_for(quantity: Quantity, said: Sequence[Attribution]) -> str | None:
    """The attribution whose scope holds the quantity, nearest first.

    "X said <content>" covers what follows it and ", X said" what comes before; a sentence that
    quotes two sides ("the army said 12 ..., while rebels said 40") gives each number its own.
    """
    covering = [
        a
        for a in said
        if (a.forward and a.end <= quantity.start) or (not a.forward and a.start >= quantity.end)
    ]
    if not covering:
        # A trailing ", police said, with three missing" still vouches for the whole sentence.
        covering = [a for a in said if not a.forward]
    if not covering:
        return None
    nearest = min(
        covering, key=lambda a: min(abs(a.start - quantity.end), abs(quantity.start - a.end))
    )
    return nearest.speaker
