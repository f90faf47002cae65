"""An outbreak followed over weeks: cases of an illness, tolls per place, confirmed beside
suspected counts (storyline.facts.scoping, alignment and labels). Short stories in our own words,
modelled on what the H1N1 walk found in wire coverage of 2009."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.facts import extract_quantities
from storyline.facts.places import place_name
from storyline.models import Article, Sentence

DAY = date(2009, 5, 1)


def _sentence(text: str) -> Sentence:
    return Sentence(article_id="a1", start=0, end=len(text), text=text, position=0, paragraph=0)


def _article(ident: str, text: str, source: str, published: date) -> Article:
    return Article(id=ident, text=text, source=source, published=published)


def test_cases_of_an_illness_count_the_infected_and_court_cases_stay_cases() -> None:
    flu = _article("a", "There are 18 confirmed cases of swine flu in the UK.", "A", DAY)
    court = _article("b", "The court heard 18 cases of fraud last year.", "B", DAY)
    (infected,) = compare([flu]).facts
    assert (infected.kind, infected.place, infected.standing) == ("infected", "UK", "confirmed")
    assert [f.kind for f in compare([court]).facts] == ["case"]


def test_a_place_the_count_s_clause_names_is_kept_beside_the_count() -> None:
    *_, where = extract_quantities(
        _sentence("Two nurses flew home from Mexico, where more than 80 people have died.")
    )
    assert (where.kind, where.place) == ("killed", "Mexico")
    (world,) = extract_quantities(_sentence("The virus has killed 160 people worldwide."))
    assert world.place == "world"
    (quoted,) = extract_quantities(
        _sentence(
            "Spain's health ministry said 13 cases had been confirmed in people who returned."
        )
    )
    assert quoted.area == "Spain" and quoted.place is None
    (other,) = extract_quantities(
        _sentence(
            "Spain's health ministry said 13 cases were confirmed in people who had visited Mexico."
        )
    )
    assert other.area == "Spain"  # the travellers' Mexico is another clause's place


def test_one_country_written_short_is_one_place() -> None:
    assert place_name("the U.S.") == place_name("United States") == place_name("America")
    assert place_name("Britain") == place_name("UK")


def test_confirmed_and_suspected_tolls_are_two_series() -> None:
    articles = [
        _article("a", "Mexico has 12 confirmed deaths from the flu virus.", "A", date(2009, 4, 30)),
        _article(
            "b", "Mexico has 150 suspected deaths from the flu virus.", "B", date(2009, 4, 30)
        ),
        _article(
            "c", "Mexico now has 19 confirmed deaths from the flu virus.", "C", date(2009, 5, 3)
        ),
        _article(
            "d", "Mexico now has 160 suspected deaths from the flu virus.", "D", date(2009, 5, 3)
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("disputed")
    changed = sorted(
        sorted(f.value for f in found.facts) for found in comparison.by_label("changed")
    )
    assert changed == [[12, 19], [150, 160]]


def test_tolls_that_name_no_place_in_a_story_of_several_places_never_differ() -> None:
    articles = [
        _article("a", "The flu has killed 60 people in Mexico.", "A", date(2009, 4, 25)),
        _article("b", "The flu has killed 150 people in Mexico.", "B", date(2009, 4, 28)),
        _article("g", "The flu has killed 150 people in Mexico.", "G", date(2009, 4, 28)),
        _article(
            "c", "The flu has killed one person in the United States.", "C", date(2009, 4, 29)
        ),
        _article("d", "The outbreak has killed 8 people.", "D", date(2009, 4, 30)),
        _article("e", "The outbreak has killed 176 people.", "E", date(2009, 5, 1)),
        _article("f", "The outbreak has killed 20 people.", "F", date(2009, 5, 2)),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("differs") and not comparison.by_label("disputed")
    assert [{f.value for f in c.facts} for c in comparison.by_label("changed")] == [{60, 150}]


def test_a_toll_that_names_no_place_above_every_places_is_the_whole_updated() -> None:
    articles = [
        _article("a", "The quake killed 400 people in Istanbul.", "A", date(1999, 8, 17)),
        _article("b", "The quake killed 300 people in Yalova.", "B", date(1999, 8, 17)),
        _article("c", "The quake has killed at least 1,000 people.", "C", date(1999, 8, 17)),
        _article("d", "The death toll from the quake has risen to 7,085.", "D", date(1999, 8, 20)),
        _article("e", "The death toll from the quake reached 12,000.", "E", date(1999, 8, 22)),
    ]
    changed = compare(articles).by_label("changed")
    assert [sorted(f.value for f in c.facts) for c in changed] == [[1000, 7085, 12000]]


def test_a_place_said_of_a_part_of_a_count_is_not_the_counts() -> None:
    (most,) = [
        q
        for q in extract_quantities(_sentence("The flu has killed 65 people, most in Mexico."))
        if q.value == 65
    ]
    assert most.place is None and most.area is None
    (all_of,) = extract_quantities(_sentence("Almost all of the 74 dead were in Mexico."))
    assert all_of.place is None and all_of.area is None
    _, world = extract_quantities(
        _sentence(
            "Influenza is a factor in 36,000 deaths a year in the United States and 250,000 to "
            "500,000 deaths globally, the CDC says."
        )
    )
    assert world.area is None and world.place is None  # the United States is the 36,000's


def test_a_figure_earlier_reports_gave_is_no_dispute_of_the_day_s() -> None:
    """ "Initial reports that 176 had died" and what was known "at that stage" are figures the
    report says were superseded: each stands apart from the day's toll, which two outlets
    agree on."""
    first = _article(
        "a",
        "Ostland was not certain at that stage that 60 people had been killed by the fever. "
        "The fever has killed 101 people in Ostland, officials said.",
        "A",
        DAY,
    )
    second = _article(
        "b",
        "The fever has killed 101 people in Ostland. Initial reports that 176 people had died "
        "of the fever in Ostland were only suspected cases.",
        "B",
        DAY,
    )
    comparison = compare([first, second])
    assert not comparison.by_label("disputed") and not comparison.by_label("differs")
    (agreed,) = comparison.by_label("agreed")
    assert {f.value for f in agreed.facts} == {101}
    recalled = [f for f in comparison.findings if "as first reported" in f.what]
    assert sorted(f.facts[0].value for f in recalled) == [60, 176]


def test_a_country_that_opened_its_sentence_is_named_as_after_in() -> None:
    first = _article("a", "The United States has reported 3,352 confirmed cases of flu.", "A", DAY)
    again = _article("b", "The United States has reported 3,352 confirmed cases of flu.", "B", DAY)
    (agreed,) = compare([first, again]).by_label("agreed")
    assert agreed.what == "infected in the United States"


FLU = "The swine flu outbreak spreads."


FLU = "The swine flu outbreak spreads."


def test_numbered_countries_are_the_world_and_numbered_states_are_no_ones_else() -> None:
    articles = [
        _article("a", f"{FLU} The WHO confirmed 787 H1N1 infections in 17 countries.", "A", DAY),
        _article("b", f"{FLU} The CDC reported 896 confirmed cases in 41 states.", "B", DAY),
        _article(
            "c",
            f"{FLU} The number of confirmed swine flu cases has reached 5,251 in some 30 countries.",
            "C",
            date(2009, 5, 12),
        ),
    ]
    comparison = compare(articles)
    places = {f.value: f.place for f in comparison.facts if f.kind == "infected"}
    assert places == {787: "world", 896: "several states", 5251: "world"}
    assert [{f.value for f in x.facts} for x in comparison.by_label("changed")] == [{787, 5251}]
    (countries,) = (f for f in comparison.facts if f.value == 30)
    assert countries.place is None  # "in some 30 countries" counts them: it is not their place


def test_a_place_that_holds_the_count_or_opens_the_sentence_is_its_place() -> None:
    (_, held) = extract_quantities(
        _sentence("The flu has killed 42 people in Mexico, which also has 1,112 confirmed cases.")
    )
    assert (held.value, held.place) == (1112, "Mexico")
    (opened, _) = extract_quantities(
        _sentence(
            "In the US, the second hardest-hit nation, 226 cases have been confirmed in 30 states."
        )
    )
    assert (opened.value, opened.place) == (226, "US")
    (said,) = extract_quantities(_sentence("In Mexico, officials said 20 people died."))
    assert said.place is None  # the opening place frames the saying, not what was said
