"""The frozen records of the facts stage: quantities and who said them, facts, findings.

Spans index into ``Article.text`` (the cleaned body); the view helper (``storyline.facts.views``)
maps them back into each input's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.models import Article, RawDocument

LABELS = ("agreed", "changed", "disputed", "differs", "single-source", "contested")


def speaker_key(speaker: str) -> str:
    """A speaker without determiners, lower-cased: "The Ministry" and "the ministry" match."""
    words = [w for w in re.findall(r"[\w'’&-]+", speaker.lower()) if w not in ("the", "a", "an")]
    return " ".join(words)


@dataclass(frozen=True)
class Quantity:
    """A number and what it measures, as written in one sentence.

    ``start``/``end`` index into ``Article.text`` and cover the number and its noun. ``kind`` is
    what is measured, normalised so that different words for one thing meet (``killed`` for
    "dead", "death toll", "killing 13"; ``target`` for "sites" and "targets"; ``length`` for feet
    and metres); ``unit`` is the word as written (its lemma). ``event`` is the verb of the clause
    ("strike", "kill"), ``place`` a place the count is scoped to ("Kenya"), ``window`` a time
    window it covers ("24 hour", "per day"), ``scope`` a sub-group ("american" in "12 Americans
    killed"), ``standing`` an outbreak tally's ("confirmed", "suspected": ``facts.scoping``).
    ``day`` is the day its clause sets the happening on, as an expression read back from
    the publication date ("weekday:0" for "killed Monday", see ``facts.days``); ``set_in`` the
    year it sets it in ("in 1976"), ``years_back`` how many years before the report ("last year":
    1, "this year": 0), ``season`` the season "last" names ("last summer": which year depends
    on the report's month).
    """

    value: float
    approx: bool
    unit: str
    kind: str
    text: str
    article_id: str
    start: int
    end: int
    upper: float | None = None
    place: str | None = None
    event: str | None = None
    window: str | None = None
    scope: str | None = None
    bound: str | None = None  # how approx bounds it: "min" (at least), "max" (nearly), "about"
    day: str | None = None
    set_in: int | None = None
    years_back: int | None = None  # "last year": 1, "this year": 0 (read against the report)
    season: str | None = None  # the season "last summer" names (its year: ``days.season_year``)
    foreseen: bool = False  # expected or possible, not reported ("were expected to win 77 seats")
    able: bool = False  # what a thing can do, not what it did ("can provide 15,000 litres")
    total: bool = (
        False  # given as a running count so far ("bringing the total so far to 22 million")
    )
    standing: str | None = None  # "confirmed" or "suspected" ("26 confirmed deaths")
    # a place the count's clause names without the parse tying it to the count ("the toll from
    # the earthquake in Turkey rose to 7,085"): ``facts.scoping.clause_place``
    area: str | None = None
    # the place is a part of the story's, not one of several places it happens in: a named site
    # within it ("the Bataclan, where 89 people were killed": ``facts.scoping.where_site``) or
    # where people who fled went ("78,000 refugees have fled to Ingushetia": a part of all who
    # fled, ``facts.scoping.destination``)
    site: bool = False


@dataclass(frozen=True)
class Attribution:
    """Who a sentence says its content came from ("the ministry said", "according to police")."""

    speaker: str
    verb: str
    article_id: str
    start: int  # span of the attributing phrase in Article.text
    end: int
    forward: bool = False  # "X said <what>" covers what follows; ", X said" what comes before

    @property
    def key(self) -> str:
        return speaker_key(self.speaker)


@dataclass(frozen=True)
class Quote:
    """Text inside quotation marks and who said it (None when the article does not say)."""

    text: str
    speaker: str | None
    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One reported quantity in context: what, how many, where, when, from whom.

    ``start``/``end`` are the span of the *sentence* in ``Article.text`` (what a citation links
    to); ``span`` is the quantity phrase's own span and ``text`` its words. ``when`` is the date
    the fact refers to: the article's publication date unless a per-sentence date was supplied.
    """

    kind: str
    unit: str
    value: float
    approx: bool
    article_id: str
    start: int
    end: int
    text: str
    outlet: str
    when: date | None = None
    attributed_to: str | None = None
    place: str | None = None
    upper: float | None = None
    event: str | None = None
    window: str | None = None
    scope: str | None = None
    span: tuple[int, int] | None = None
    bound: str | None = None  # see Quantity.bound
    happened: date | None = None  # the day the sentence sets the happening on ("killed Monday")
    year: int | None = None  # the year it sets it in ("in 1999", "last year")
    foreseen: bool = False  # see Quantity.foreseen
    able: bool = False  # see Quantity.able
    total: bool = False  # see Quantity.total
    standing: str | None = None  # see Quantity.standing
    area: str | None = None  # see Quantity.area
    site: bool = False  # see Quantity.site
    incident: tuple[str, ...] = ()  # incident classes named near it ("blast"), facts.incidents
    # the content words of its sentence (lower case, no stopwords, numbers or day names), which
    # tell a round figure's two mentions apart (``facts.chance.by_happening``)
    words: frozenset[str] = frozenset()

    @property
    def source_key(self) -> tuple[str, str | None]:
        """Who stands behind the number: the outlet and, if named, the party it quotes."""
        return (self.outlet, speaker_key(self.attributed_to) if self.attributed_to else None)


@dataclass(frozen=True)
class Group:
    """Facts that measure one thing, at most one per article, in input order."""

    key: tuple[str | None, ...]
    facts: tuple[Fact, ...]
    loose: bool
    # Counts that name no place, of a thing the story counts in several places: one count (a
    # quake's nationwide toll beside each province's) or many (Mexico's toll, the world's and
    # the United States' in an outbreak's reports that do not say which). ``places`` holds the
    # (date, value) of the counts of the thing that name a place, each given by two outlets
    # alike (``told_counts``); ``labels`` reads such
    # counts as one changed or disputed count only where each is above every place's count
    # reported by its date (the whole the places are parts of), and otherwise keeps only what
    # outlets give alike (``by_value``).
    unplaced: bool = False
    places: tuple[tuple[date | None, float], ...] = ()

    @property
    def kind(self) -> str:
        return self.facts[0].kind


@dataclass(frozen=True)
class Claim:
    """An attributed sentence that is not a number: one side of a contested claim."""

    speaker: str
    verb: str
    article_id: str
    start: int  # sentence span in Article.text
    end: int
    outlet: str
    when: date | None


@dataclass(frozen=True)
class Finding:
    """One labelled group of facts (or a contested claim), with the sentences that show it."""

    label: str  # one of LABELS
    kind: str
    place: str | None
    facts: tuple[Fact, ...]
    summary: str  # one line a reader can check against the sentences
    claims: tuple[Claim, ...] = ()
    what: str = ""  # what the group measures, for a reader ("killed in Kenya")

    @property
    def outlets(self) -> tuple[str, ...]:
        names = [f.outlet for f in self.facts] + [c.outlet for c in self.claims]
        return tuple(dict.fromkeys(names))

    def sentences(self) -> tuple[tuple[str, int, int], ...]:
        """(article id, start, end) of every sentence the finding rests on, without repeats."""
        spans = [(f.article_id, f.start, f.end) for f in self.facts]
        spans += [(c.article_id, c.start, c.end) for c in self.claims]
        return tuple(dict.fromkeys(spans))


@dataclass(frozen=True)
class Comparison:
    """Every fact of a story and the findings about them."""

    findings: tuple[Finding, ...]
    facts: tuple[Fact, ...]

    def by_label(self, label: str) -> tuple[Finding, ...]:
        if label not in LABELS:
            raise ValueError(f"Unknown label {label!r}; choose one of {', '.join(LABELS)}.")
        return tuple(f for f in self.findings if f.label == label)

    def to_json(
        self, articles: Sequence[Article] = (), *, raws: Sequence[RawDocument] | None = None
    ) -> dict[str, Any]:
        """JSON-ready view data (``storyline.facts.views.comparison_data``)."""
        from storyline.facts.views import comparison_data

        return comparison_data(self, articles, raws=raws)
