"""Where the displaced are counted: a count of people who fled to a place ("fled to Turkey",
"Jordan, which has taken in 40,000 refugees", "the province of Idlib where 3,000 refugees
shelter") is that place's, a part of all who fled, and stays apart from the count of all who fled
even where the story names no other place; where they fled from names no place of theirs."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.models import Article


def _article(ident: str, text: str, day: int = 2) -> Article:
    return Article(id=ident, text=text, source=f"Outlet {ident}", published=date(2013, 3, day))


def _places(text: str) -> list[tuple[str, float, str | None]]:
    return [(f.kind, f.value, f.place) for f in compare([_article("a", text)]).facts]


def test_where_the_displaced_went_is_their_place_and_where_they_left_is_not() -> None:
    assert _places("About 8,000 refugees have fled to Turkey since Monday.") == [
        ("displaced", 8000.0, "Turkey")
    ]
    assert _places("About 8,000 people have fled Syria since Monday.") == [
        ("displaced", 8000.0, None)
    ]


def test_an_area_named_after_of_and_a_place_that_holds_the_count() -> None:
    sheltering = "Aid is short in the province of Idlib where 3,000 refugees are sheltering."
    taken = "Many crossed into Jordan, which has already taken in 40,000 refugees."
    assert _places(sheltering) == [("displaced", 3000.0, "Idlib")]
    assert _places(taken) == [("displaced", 40000.0, "Jordan")]


def test_a_clause_on_two_places_gives_neither_place() -> None:
    text = "He was charged over the bombings in Kenya and Tanzania, which have killed 250 people."
    assert _places(text) == [("killed", 250.0, None)]


def test_a_host_countrys_count_stays_apart_from_all_who_fled() -> None:
    articles = [
        _article("a", "Already, 8,000 refugees have fled to Turkey.", day=1),
        _article("b", "More than 20,000 people have fled Syria since the fighting began.", day=2),
        _article(
            "c", "The crisis is worst in Turkey, where 15,000 refugees are sheltering.", day=3
        ),
        _article("d", "Up to 30,000 people are thought to have fled Syria, officials said.", day=4),
    ]
    found = {
        (f.label, tuple(x.value for x in f.facts))
        for f in compare(articles).findings
        if len(f.facts) > 1
    }
    assert found == {("changed", (8000.0, 15000.0)), ("changed", (20000.0, 30000.0))}


def test_a_count_over_listed_places_is_no_dispute_with_one_of_them() -> None:
    # the story names Taiz alone elsewhere: with the listed count it happens in several places,
    # so Taiz's 15 is Taiz's and the 20 over three cities is not a figure against it
    articles = [
        _article("a", "At least 20 people were killed in clashes in Taiz, Hudeida and Sanaa."),
        _article("b", "Fifteen people were killed in Taiz on Friday, officials said."),
    ]
    (listed, taiz) = sorted(compare(articles).facts, key=lambda f: -f.value)
    assert (listed.value, listed.place, listed.area) == (20.0, None, "listed places")
    assert (taiz.value, taiz.place) == (15.0, "Taiz")
    assert all(f.label == "single-source" for f in compare(articles).findings)
