"""Numbers the facts stage must read at their written value, or not report as quantities: a
population, a fighter's record, a person's size, a gun's gauge (found reading ECB+, the crisis
windows and WikiRef's web pages)."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.models import Article


def _facts(text: str) -> list[tuple[float, float | None, str]]:
    article = Article(id="a0", text=text, source="Wire", published=date(2012, 5, 9))
    return [(f.value, f.upper, f.kind) for f in compare([article]).facts]


def test_a_range_whose_first_sum_is_whole_takes_no_scale_from_the_second() -> None:
    facts = _facts("Each family in Valparo could get from $400,000 to $10 million.")
    assert facts == [(400_000.0, 10_000_000.0, "money")]
    assert _facts("Each family in Valparo could get 10 to 15 million dollars.") == [
        (10_000_000.0, 15_000_000.0, "money")
    ]


def test_how_many_live_in_a_place_describes_the_place() -> None:
    assert _facts("More than 300 million people live in Valparo.") == []
    assert _facts("The army will guide the country of more than 80 million people.") == []
    # where people are living now, out of their homes, is the news
    assert _facts("At least 500,000 people are living in camps in Valparo.") == [
        (500_000.0, None, "people")
    ]


def test_a_number_added_to_a_record_is_more_of_the_record() -> None:
    assert _facts("Kovac (52-3, 46 KOs) beat Rahman in Valparo.") == []
    assert _facts("Kovac, 58-3 with 51 knockouts, floored Rahman in Valparo.") == []
    assert _facts("Rahman (45-7-2, 36 KOs) fell in Valparo.") == []


def test_a_persons_height_and_weight_describe_them() -> None:
    assert _facts("The six-foot-five champion was never threatened in Valparo.") == []
    assert _facts("Kovac, a 6-foot, 200-pound man, escaped in Valparo.") == []
    assert _facts("A 20-foot boat sank in Valparo.") == [(20.0, None, "length")]


def test_a_guns_gauge_is_its_make() -> None:
    assert _facts("Kovac escaped from Valparo with a 12-gauge shotgun.") == []


def test_an_address_a_position_and_a_phone_number_are_no_counts() -> None:
    assert _facts("Police saw two men near 473 East 52nd Street in Valparo.") == [
        (2.0, None, "man")
    ]
    assert _facts("The quake was centred 55.96 degrees in longitude near Valparo.") == []
    assert _facts("Officers answered 911 calls from workers in Valparo.") == []
    assert _facts("Anyone with information should call 877-LAPD-24-7 in Valparo.") == []


def test_an_age_before_a_dash_a_short_duration_and_a_make_are_no_counts() -> None:
    assert _facts("The victims were Ana Ruiz, 48-an ex-girlfriend of Kovac-and Lia Moss.") == []
    assert _facts("Total downtime in Valparo was 1hr 4 mins.") == []
    assert _facts("The men drove a large four-by-four car into the store in Valparo.") == []


def test_a_persons_weight_and_height_in_a_clause_describe_them() -> None:
    text = "Kovac, a man who was about six feet tall and weighed 200 pounds, lived in Valparo."
    assert _facts(text) == []
    assert _facts("The suspect is a 38-year-old male weighing 180 pounds from Valparo.") == []
    assert _facts("A truck weighing 20 tons crashed in Valparo.") == [(20.0, None, "mass")]
    assert _facts("The wave in Valparo was 30 feet tall.") == [(30.0, None, "length")]


def test_a_number_in_a_products_name_is_no_count() -> None:
    text = "The Valparo laptop has integrated Intel HD 4000 graphics and 3 USB 2.0 ports."
    assert _facts(text) == [(3.0, None, "port")]


def test_a_population_and_a_live_pages_time_are_no_counts() -> None:
    assert _facts("Unemployment is high in Valparo's 80 million population.") == []
    text = "19.55 Reuters is citing a report that two men were held in Valparo."
    assert _facts(text) == [(2.0, None, "man")]


def test_an_organisations_size_a_rules_level_and_a_make_are_no_counts() -> None:
    assert _facts("Only the league's 20 member clubs can change the rules in Valparo.") == []
    assert _facts("Two member clubs were fined in Valparo.") == [(2.0, None, "club")]
    assert _facts("The legal limit in Valparo is 0.08 percent.") == []
    assert _facts("His blood alcohol level in Valparo was 0.41 percent.") == [
        (0.41, None, "percent")
    ]
    assert _facts("The Valparo patch applies only to 32-bit versions of the browser.") == []


def test_the_people_a_country_has_and_a_familys_children_are_no_counts() -> None:
    assert _facts("The cuts hit the nation's 2.2 million service members in Valparo.") == []
    assert _facts("Cuts affecting the nation\u2019s 2.2 million service members in Valparo.") == []
    assert _facts("The nation's 12 soldiers were killed in Valparo.") == [(12.0, None, "killed")]
    assert _facts("The clan joined the city's four other mob families in Valparo.") == []
    assert _facts("The city's 5,000 families receiving aid in Valparo wait.") != []
    assert _facts("The tour took them and their two daughters to Valparo.") == []
    assert _facts("Two daughters were hurt in Valparo.") != []
    assert _facts("A shell hit Valparo, killing a woman and her three daughters.") != []


def test_a_population_with_a_bound_and_a_resolution_in_capitals() -> None:
    assert _facts("The Valparo region is now home to more than 100 million young people.") == []
    # a unit in capitals after a name is a measure, not a product's number
    assert _facts("The Valparo X2 camera: Primary 16 MP, LED flash.") == [(16.0, None, "mp")]


def test_a_height_in_feet_and_inches_is_a_persons() -> None:
    assert _facts("Police described Kovac as a 5 foot, 8 inch 38-year-old male from Valparo.") == []


def test_a_happening_told_through_a_reporting_verb_is_the_happening() -> None:
    def events(text: str) -> list[str | None]:
        article = Article(id="a0", text=text, source="Wire", published=date(2012, 5, 9))
        return [f.event for f in compare([article]).facts]

    assert events("Up to 90,000 people are thought to have fled Valparo.") == ["flee"]
    assert events("At least 40 miners were reported killed in Valparo.") == ["kill"]
    # what the people are confirmed to have is no happening; the count stays
    assert events("At least 50 people are now confirmed to have the virus in Valparo.") == [None]


def test_a_persons_family_a_few_streets_and_bodies_not_yet_identified() -> None:
    assert _facts("Edda Varn, 46, waited with her two children on the roof in Valparo.") == []
    assert _facts("His house stands two streets from the embankment in Valparo.") == []
    # what befell someone's family is news all the same
    assert _facts("Gunmen killed their two children in Valparo.") == [(2.0, None, "killed")]
    article = Article(
        id="a0",
        text="Two bodies recovered near Valparo have not yet been identified.",
        source="Wire",
        published=date(2012, 5, 9),
    )
    assert [f.scope for f in compare([article]).facts] == ["not identified"]


def test_what_a_provision_suffices_for_is_no_count_of_who_is_there() -> None:
    assert _facts("The depot in Valparo holds enough tents for 12,000 refugees.") == []
    assert _facts("The aid is sufficient for 2,000 families in Valparo.") == []
    # what a thing has room for is what it is measured by
    assert _facts("The new battery has a capacity for 1,000 full recharges.") == [
        (1000.0, None, "recharge")
    ]
    # what was brought for them still counts them
    assert _facts("Trucks brought food for 3,000 refugees in Valparo.") == [
        (3000.0, None, "displaced")
    ]


def test_an_apposition_that_says_how_high_a_level_is_is_no_ranking() -> None:
    assert [v for v, _, _ in _facts("Turnout was 71 percent, the highest since 1988.")] == [71]
    assert [v for v, _, _ in _facts("Police held 40 people, the most in a decade.")] == [40]
    # a move's record stays out: the day's high is not the close
    moved = "Arvo shares jumped as much as 9.5 percent, the most in two years, before closing up 6.3 percent."
    assert [v for v, _, _ in _facts(moved)] == [6.3]
    assert _facts("The two biggest parties signed the pact.") == []


def test_a_few_picked_out_by_rank_are_described_not_counted() -> None:
    assert _facts("Bailout terms left its two main banks crippled.") == []
    assert _facts("There are three key steps to the plan.") == []
    # people are the news whatever their rank, and a rank before the number is a record
    assert [v for v, _, _ in _facts("The bomb killed three leading regime figures.")] == [3]
    assert [v for v, _, _ in _facts("The five key suspects may be cross-examined.")] == [5]
    assert [v for v, _, _ in _facts("The film boasts a leading nine nominations.")] == [9]
    # a number glued to its unit measures the ranked thing: "the 16-megapixel main camera"
    assert [v for v, _, _ in _facts("The S5's 16-megapixel main camera is sharp.")] == [16]


def test_the_few_parts_a_thing_is_made_up_of_are_what_it_is_not_counts() -> None:
    assert _facts("Capital gains taxes fall into two categories.") == []
    assert _facts("The DEC, which is made up of nine UK charities, has launched an appeal.") == []
    assert _facts("The system comprises four modules.") == []
    # a large count is the thing's size; people, sums and measures are kept
    assert [v for v, _, _ in _facts("The patch consists of more than 300 updates.")] == [300]
    assert [v for v, _, _ in _facts("A force comprising 3,000 troops was sent.")] == [3000]
    assert [v for v, _, _ in _facts("The aid consists of 500 tonnes of food.")] == [500]


def test_a_noun_alike_in_both_numbers_is_counted_not_named() -> None:
    assert _facts("About 12 ships and 21 aircraft joined the search off Valparo.") == [
        (12.0, None, "ship"),
        (21.0, None, "aircraft"),
    ]
    assert _facts("The flood in Valparo drowned 400 sheep.") == [(400.0, None, "sheep")]
    # a singular determiner makes the digit a model's name: "a 787 aircraft"
    assert _facts("The airline lost a 787 aircraft over the sea.") == []


def test_a_crafts_own_passengers_are_counted_a_persons_family_is_not() -> None:
    assert _facts("The ferry and its 310 passengers vanished off Valparo.") == [
        (310.0, None, "passenger")
    ]
    assert _facts("The trawler sank off Valparo with its 14 crew.") == [(14.0, None, "crew")]
    assert _facts("She waited in Valparo with her three children.") == []
    assert _facts("Valparo and its 4 million residents were spared.") == []


def test_a_number_before_aboard_counts_the_people_aboard() -> None:
    assert _facts("Relatives of the 186 onboard gathered in Valparo.") == [(186.0, None, "people")]
    assert _facts("The ferry left Valparo with 300 aboard.") == [(300.0, None, "people")]
    # "onboard" tagged as the counted noun
    assert _facts("The ferry with 239 onboard was towed to Valparo.") == [(239.0, None, "people")]
    # a toll's verb still says what befell them
    assert _facts("The crash near Valparo killed all 109 aboard.") == [(109.0, None, "killed")]


def test_a_count_after_a_relative_clauses_verb_is_its_object() -> None:
    # the parser takes "128 people" for the subject of "were" and leaves "killed" objectless
    text = "The coordinated attacks in Valparo that killed at least 128 people were an act of war."
    assert _facts(text) == [(128.0, None, "killed")]
    text = "The alleged planner of the Valparo attacks that killed 129 people has been named."
    assert _facts(text) == [(129.0, None, "killed")]


def test_souls_on_board_are_people_counted_once_when_said_again() -> None:
    text = "The jet crashed with 239 souls on board. The plane was carrying 239 people."
    assert _facts(text) == [(239.0, None, "people")]


def test_a_count_in_apposition_after_as_many_names_sums_them_up() -> None:
    text = "Portugal, Spain and Italy, the three other problem countries, must cut spending."
    assert _facts(text) == []
    # what happened to named people is counted even so
    text = "Smith, Jones and Brown, the three men, were charged on Monday."
    assert _facts(text) == [(3.0, None, "man")]


def test_what_a_question_counts_nobody_reported() -> None:
    assert _facts("Is 150 deaths in Valparo not rather a small toll?") == []
    assert _facts('He asked: "Why did 40 miners die in Valparo?"') == []
    # the statement before the question is still reported
    assert _facts(
        "Relatives of the 113 people killed in Valparo gathered and were asked: Why them?"
    ) == [(113.0, None, "killed")]
    assert _facts("The dam now holds 400 tonnes of silt, but who is counting?") != []


def test_a_model_number_with_a_letter_glued_on_is_a_name() -> None:
    assert _facts("The Valparo laptop has GT 650M graphics.") == []
    # with no series before it, the letter is a scale
    assert _facts("The company paid $650M for Valparo.") == [(650_000_000.0, None, "money")]


def test_the_family_someone_comes_from_describes_them() -> None:
    assert _facts("Born in Valparo, Kovac was one of six children.") == []
    assert _facts("The second of five sons, Kovac left Valparo at 16.") == []
    assert _facts("Kovac grew up in Valparo in a family with six children.") == []
    # "three" is her family, not the toll; kin a man killed are a toll
    assert _facts("One of her three children was killed in the blast in Valparo.") == []
    assert _facts("He killed his wife and two children in Valparo.") == [(2.0, None, "killed")]
    assert _facts("Kovac was one of five children killed in the fire in Valparo.") == [
        (5.0, None, "killed")
    ]


def test_harm_that_nearly_happened_did_not() -> None:
    assert _facts("Kovac threatened witnesses, two nearly killed when they were shot.") == []
    assert _facts("Two men were almost killed in the crash in Valparo.") == []
    # "nearly" on the number is its bound, and a figure that nearly doubled is still the figure
    assert _facts("Nearly 50 people were killed in the blast in Valparo.") == [
        (50.0, None, "killed")
    ]
    assert _facts("The toll nearly doubled to 50 in Valparo.") == [(50.0, None, "killed")]
