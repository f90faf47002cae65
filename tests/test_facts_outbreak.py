"""An outbreak followed over weeks: cases of an illness, tolls per place, confirmed beside
suspected counts (storyline.facts.illness, scoping, alignment and labels). Short stories in our
own words, modelled on what the H1N1 walk found in wire coverage of 2009."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.models import Article

DAY = date(2009, 5, 1)


def _article(ident: str, text: str, source: str, published: date) -> Article:
    return Article(id=ident, text=text, source=source, published=published)


def test_cases_of_an_illness_count_the_infected_and_court_cases_stay_cases() -> None:
    flu = _article("a", "There are 18 confirmed cases of swine flu in the UK.", "A", DAY)
    court = _article("b", "The court heard 18 cases of fraud last year.", "B", DAY)
    assert [f.kind for f in compare([flu]).facts] == ["infected"]
    assert [f.kind for f in compare([court]).facts] == ["case"]


def test_a_rising_count_of_cases_is_changed() -> None:
    articles = [
        _article(
            "a",
            "There are 18 confirmed cases of swine flu in the UK.",
            "A",
            date(2009, 5, 3),
        ),
        _article(
            "b",
            "There are 27 confirmed cases of swine flu in the UK.",
            "B",
            date(2009, 5, 4),
        ),
    ]
    assert [{f.value for f in c.facts} for c in compare(articles).by_label("changed")] == [{18, 27}]
