"""A named site that a relative "where" clause hangs on ("the Marlow Theatre, where 40 people
were killed") is where its count is: a part of the story's place, so the count is kept apart
from the story's whole toll, and the city the story happens in stays the story's own place."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.models import Article

REPORTED = date(2016, 3, 2)


def _article(ident: str, text: str) -> Article:
    return Article(id=ident, text=text, source=f"Outlet {ident}", published=REPORTED)


def test_a_venue_named_by_a_where_clause_is_the_counts_site() -> None:
    text = "Most of the dead were at the Marlow Theatre, where 40 people were killed."
    facts = compare([_article("a", text)]).facts
    assert [(f.kind, f.value, f.place, f.site) for f in facts] == [
        ("killed", 40.0, "the Marlow Theatre", True)
    ]


def test_a_hall_a_proper_noun_names_is_a_site_for_a_bare_count() -> None:
    text = "He was one of the gunmen at the Orvella concert hall, where at least 40 were killed."
    (fact,) = compare([_article("a", text)]).facts
    assert (fact.value, fact.place, fact.site) == (40.0, "Orvella concert hall", True)


def test_a_common_noun_or_an_owners_country_names_no_site() -> None:
    plain = "They fled the town where 12 people were killed on Monday."
    owned = "He toured the two Valdish compounds where 12 people were killed."
    for text in (plain, owned):
        assert all(not f.site for f in compare([_article("a", text)]).facts)


def test_a_sites_toll_stays_apart_from_the_city_wide_toll() -> None:
    articles = [
        _article("a", "Gunmen killed 61 people in Lorient on Friday."),
        _article("b", "Gunmen killed 61 people on Friday night, the mayor said."),
        _article("c", "The worst was at the Marlow Theatre, where 40 people were killed."),
        _article("d", "Survivors left the Marlow Theatre, where 40 people were killed."),
    ]
    found = compare(articles).findings
    findings = {(f.label, tuple(sorted(x.value for x in f.facts))) for f in found}
    # the city's toll and the unplaced one are one toll; the theatre's is a part of it
    assert ("agreed", (61.0, 61.0)) in findings
    assert ("agreed", (40.0, 40.0)) in findings
