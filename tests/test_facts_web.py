"""How the facts stage reads the habits of web and live-page news: entries stamped with the time
of day, sums with a glued scale before a currency word, hyphenated scales, heights in storeys,
pronouns for what is counted, an earlier disaster recalled through a relative clause, history set
"back in" an earlier year, a count restating what another means, and dollars other than the US's."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.compare import Comparison, compare
from storyline.models import Article

REPORTED = date(2012, 5, 9)


def _facts(text: str) -> list[tuple[str, float, str]]:
    article = Article(id="a", text=text, source="Wire", published=REPORTED)
    return [(f.kind, f.value, f.unit) for f in compare([article]).facts]


@pytest.mark.parametrize(
    "text",
    [
        "2358 The harbour master has given an update on the ferry.",
        "1817 Red Cross officials in Valparo say the road is open again.",
    ],
)
def test_a_live_pages_time_stamp_is_not_a_count(text: str) -> None:
    assert _facts(text) == []


def test_a_time_stamp_does_not_hide_the_entrys_own_count() -> None:
    text = "0945 Port officials say 31 passengers were rescued from the ferry."
    assert _facts(text) == [("rescued", 31.0, "passenger")]


def test_a_sum_with_a_glued_scale_before_a_currency_word_is_money() -> None:
    assert _facts("The province has offered 2m euros in aid.") == [("money", 2e6, "euro")]
    assert _facts("The city gave 5m pounds to the appeal.") == [("money", 5e6, "pound")]
    assert _facts("The ferry sank in 40m of water.")[0][1:] == (40.0, "m")


def test_a_glued_scale_before_a_plural_counts_thousands_or_millions() -> None:
    assert _facts("The carrier sold 12m phones in Valparo.") == [("phone", 12e6, "phone")]
    assert _facts("Some 2M users joined the service.")[0][1] == 2e6
    assert _facts("The ferry survived a 30m fall of the crane.")[0][1:] == (30.0, "m")


@pytest.mark.parametrize(
    "text",
    [
        "The carrier opened its 5G network in Valparo.",
        "The new handset records 4K video.",
        "About 20K fans filled the stadium.",
    ],
)
def test_a_capital_letter_glued_to_a_number_names_a_format(text: str) -> None:
    assert _facts(text) == []


def test_letters_glued_to_a_number_are_its_unit_not_the_noun_counted() -> None:
    assert _facts("Our 16GB model came with little room for photos.") == [("gb", 16.0, "gb")]


def test_a_glued_scale_that_ends_the_sentence_is_still_a_scale() -> None:
    article = Article(
        id="a", text="Clubs stand to make around £24m.", source="W", published=REPORTED
    )
    assert [(f.kind, f.value, f.text) for f in compare([article]).facts] == [
        ("money", 24e6, "around £24m")
    ]
    text = "Turnover has broken the £200m barrier in Valparo."
    assert compare([Article(id="a", text=text, source="W")]).facts == ()


def test_a_hyphenated_scale_belongs_to_its_number() -> None:
    # (not "its 12-thousand staff": a body's own staff describes it, see test_facts_mentions)
    assert _facts("The agency evacuated 12-thousand staff.")[0][1] == 12_000


@pytest.mark.parametrize(
    "text",
    [
        "Many two and three storey houses in Valparo did not survive the storm.",
        "The ones that stood were the two main ones on the quay.",
    ],
)
def test_heights_and_pronouns_are_not_counts(text: str) -> None:
    assert _facts(text) == []


def test_a_disaster_recalled_through_a_relative_clause_is_background() -> None:
    text = (
        "In 1961, a storm hit the coast and produced a surge that killed 300 people. "
        "The storm on Monday killed 12 people in Valparo."
    )
    assert [value for _, value, _ in _facts(text)] == [12.0]


def test_a_disaster_recalled_through_a_clause_on_its_year_is_background() -> None:
    text = (
        "The worst flu outbreak in the region came in 1957-58, when an estimated 9,000 people "
        "were infected in the valley. The new flu has killed 12 people in Valparo."
    )
    assert [value for _, value, _ in _facts(text)] == [12.0]


def test_a_list_of_old_disasters_hung_on_one_verb_is_background() -> None:
    # The parse hangs both years on one verb; the later one still lies decades before the report.
    text = (
        "Earlier quakes were deadlier: in 1701 in Dorrin a quake killed 2,000, and in Sallow "
        "Islands in 1850 a quake killed 5,000. The quake on Monday killed 12 people in Valparo."
    )
    assert [value for _, value, _ in _facts(text)] == [12.0]


def test_a_yearly_rate_is_not_grouped_with_the_storys_toll() -> None:
    articles = [
        Article(
            id="a",
            text="Seasonal flu kills about 36,000 people a year. The new flu has killed 40 people.",
            source="Wire",
            published=REPORTED,
        ),
        Article(
            id="b", text="The new flu has killed 52 people.", source="Daily", published=REPORTED
        ),
    ]
    comparison = compare(articles)
    windows = {f.value: f.window for f in comparison.facts}
    assert windows == {36_000: "per year", 40: None, 52: None}
    assert [{f.value for f in found.facts} for found in comparison.by_label("disputed")] == [
        {40, 52}
    ]


def test_a_year_that_only_dates_a_happening_is_no_rate() -> None:
    assert _facts("A year ago the storm killed 40 people in Valparo.") == [
        ("killed", 40.0, "people")
    ]
    text = "He was sentenced to a year in prison and fined 500 dollars."
    assert (
        compare([Article(id="a", text=text, source="W", published=REPORTED)]).facts[0].window
        is None
    )


def test_a_chronology_entry_headed_by_an_old_year_is_background() -> None:
    text = (
        "1957: A flu first seen in China killed up to two million people.\n\n"
        "The new flu has killed 30 people in Valparo."
    )
    assert _facts(text) == [("killed", 30.0, "people")]


def test_a_chronology_entry_glued_to_the_line_before_is_background() -> None:
    # A web page's fact box loses its line ends: the entry starts inside the sentence.
    text = (
        "Past pandemics hit the old hardest 1957: A flu first seen in China killed up to two "
        "million people.\n\nThe new flu has killed 30 people in Valparo."
    )
    assert _facts(text) == [("killed", 30.0, "people")]


def test_a_year_that_ends_a_clause_before_a_colon_heads_no_entry() -> None:
    text = "Cases rose sharply in 2001: The new flu has killed 30 people in Valparo."
    assert _facts(text) == [("killed", 30.0, "people")]


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the ferry line fell 6.3 percent, the most in more than a year.",
        "Shares in the ferry line fell 6.3 percent, their first fall for a year.",
    ],
)
def test_a_year_after_a_comparison_or_a_preposition_is_no_rate(text: str) -> None:
    facts = compare([Article(id="a", text=text, source="W", published=REPORTED)]).facts
    assert [(f.value, f.window) for f in facts] == [(6.3, None)]


def test_a_grade_on_a_scale_written_as_a_word_is_not_a_count() -> None:
    assert _facts("A magnitude six earthquake and a category five storm hit Valparo.") == []


def test_a_threshold_on_a_scale_is_not_a_reading() -> None:
    text = "The agency warned of a 70% chance of a magnitude 7 or greater tremor in Valparo."
    assert _facts(text) == []  # the threshold is no reading, and the odds are no result


@pytest.mark.parametrize(
    "text",
    [
        "Valparo is on the list of the 20 highest-earning ports in the world.",
        "Ten of the 1998 squad came from Valparo.",
    ],
)
def test_rankings_and_members_of_one_thing_are_not_counts_of_it(text: str) -> None:
    assert _facts(text) == []


def test_a_bound_and_another_figure_of_a_plain_noun_agree_only_on_one_happening() -> None:
    texts = (
        ("a", "Wire", "The messaging service is available in more than 120 countries."),
        ("b", "Daily", "The new handset launches next month in 150 countries."),
    )
    articles = [Article(id=i, text=t, source=s, published=REPORTED) for i, s, t in texts]
    assert not compare(articles).by_label("agreed")
    texts = (
        ("a", "Wire", "The messaging service now runs in 74 countries."),
        ("b", "Daily", "The messaging service is offered in more than 70 countries."),
    )
    articles = [Article(id=i, text=t, source=s, published=REPORTED) for i, s, t in texts]
    assert [len(found.facts) for found in compare(articles).by_label("agreed")] == [2]


def test_near_figures_of_unnamed_people_doing_different_things_do_not_agree() -> None:
    articles = [
        Article(
            id="a",
            text="In a similar flood upriver, an estimated 400 people.",
            source="Wire",
            published=REPORTED,
        ),
        Article(
            id="b",
            text="At last count about 413 people were running for mayor.",
            source="Daily",
            published=REPORTED,
        ),
    ]
    assert not compare(articles).by_label("agreed")


def test_one_figure_of_unnamed_people_from_two_outlets_still_agrees() -> None:
    text = "Some 12,000 people were evacuated from Valparo."
    articles = [
        Article(id=i, text=text, source=source, published=REPORTED)
        for i, source in (("a", "Wire"), ("b", "Daily"))
    ]
    assert [{f.value for f in found.facts} for found in compare(articles).by_label("agreed")] == [
        {12_000}
    ]


def _dated(ident: str, text: str, day: date, source: str = "Wire") -> Article:
    return Article(id=ident, text=text, source=source, published=day)


def test_a_plain_nouns_series_spread_wide_is_different_sets_not_a_tally() -> None:
    articles = [
        _dated("a", "Eight tribes signed the compact.", date(2012, 1, 5)),
        _dated("b", "The council speaks for 36 tribes.", date(2012, 3, 5), "Daily"),
        _dated("c", "Among the 130 tribes with casinos, few thrive.", date(2012, 6, 5), "Post"),
    ]
    assert not compare(articles).by_label("changed")


def test_two_estimates_of_a_yearly_rate_are_not_an_update() -> None:
    articles = [
        _dated(
            "a", "The drugs contribute to 7,000 deaths a year, one estimate says.", date(2012, 1, 5)
        ),
        _dated(
            "b", "A study found 16,500 deaths a year from the drugs.", date(2012, 6, 5), "Daily"
        ),
    ]
    assert not compare(articles).by_label("changed")


def test_a_tally_under_one_verb_may_grow_far() -> None:
    articles = [
        _dated("a", "The treaty has been ratified by 23 countries.", date(2012, 1, 5)),
        _dated("b", "So far 65 countries have ratified the treaty.", date(2012, 6, 5), "Daily"),
        _dated(
            "c", "The treaty has now been ratified by 101 countries.", date(2012, 12, 5), "Post"
        ),
    ]
    assert _values_of(compare(articles), "changed") == [{23, 65, 101}]


def _values_of(comparison: Comparison, label: str) -> list[set[float]]:
    return [{f.value for f in found.facts} for found in comparison.by_label(label)]


@pytest.mark.parametrize(
    "text",
    [
        "Suppose you buy a share of the ferry line for $100.",
        "The minister gave an example: imagine a family that owes $20,000.",
    ],
)
def test_an_example_set_up_in_the_sentence_is_not_news(text: str) -> None:
    assert _facts(text) == []


def test_a_worked_example_runs_on_through_its_paragraphs_and_list() -> None:
    """An explainer sets up an example once, then runs it in the conditional and in a list of
    steps: none of its numbers is news; the page's own figure after the example is."""
    text = "\n\n".join(
        [
            "The ferry levy rose this year. For an example of how it works, let's consider Ana.",
            "Ana earns $40,000 a year and crosses twice a week.",
            "In this simple example, Ana's levy would be $1,200, or 3% of her pay.",
            "- The first $10,000 would be levied at 2%, or $200.",
            "- Those two bands add up to $1,200.",
            "The levy raised $3 million in Valparo last year.",
        ]
    )
    assert [(kind, value) for kind, value, _ in _facts(text)] == [("money", 3e6)]


def test_an_example_leaves_the_figures_before_it_and_a_quotes_aside() -> None:
    assert [f[1] for f in _facts("The fare is $12: imagine a family that pays $20,000.")] == [12]
    text = '"As you can imagine, this was a terrible attack," he said. It killed 40 people.'
    assert [f[1] for f in _facts(text)] == [40]


def test_a_distinctive_figure_of_people_under_several_verbs_is_one_group() -> None:
    texts = (
        ("a", "Wire", "The missing jet was carrying 239 people from Valparo."),
        ("b", "Daily", "The 239 people aboard the jet disappeared over the sea."),
        ("c", "Post", "Relatives of the 239 people who traveled on the jet waited in Valparo."),
    )
    articles = [Article(id=i, text=t, source=s, published=REPORTED) for i, s, t in texts]
    assert [len(found.facts) for found in compare(articles).by_label("agreed")] == [3]


@pytest.mark.parametrize(
    "text",
    [
        "Leaders of the Group of 20 nations met in Valparo.",
        "The leaders of the top 20 ports met in Valparo.",
    ],
)
def test_a_group_named_by_its_number_and_a_top_ranking_are_not_counts(text: str) -> None:
    assert _facts(text) == []


def test_votes_of_two_candidates_the_same_day_are_two_counts() -> None:
    texts = (
        ("a", "Wire", "Ahmad Jarba obtained 55 votes in the second round in Valparo."),
        ("b", "Daily", "He edged out Mustafa Sabbagh, who obtained 52 votes in the second round."),
    )
    articles = [Article(id=i, text=t, source=s, published=REPORTED) for i, s, t in texts]
    comparison = compare(articles)
    assert not comparison.by_label("disputed")
    assert {f.scope for f in comparison.facts} == {"Ahmad Jarba", "Mustafa Sabbagh"}


def test_sums_of_two_kinds_of_package_the_same_day_are_two_sums() -> None:
    texts = (
        ("a", "Wire", "The lender may get a slice of the $700 billion rescue package."),
        ("b", "Daily", "He helped shape the $787 billion stimulus package in Valparo."),
    )
    articles = [Article(id=i, text=t, source=s, published=REPORTED) for i, s, t in texts]
    comparison = compare(articles)
    assert not comparison.by_label("disputed")
    assert {f.scope for f in comparison.facts} == {"rescue package", "stimulus package"}
    texts = (
        ("a", "Wire", "Congress considers a $700 billion bailout of the banks."),
        ("b", "Daily", "Banks get help as part of the $700 billion government bailout."),
    )
    articles = [Article(id=i, text=t, source=s, published=REPORTED) for i, s, t in texts]
    assert [len(found.facts) for found in compare(articles).by_label("agreed")] == [2]


def test_sums_in_two_currencies_are_two_things_never_differing() -> None:
    # one sum may be given in euros by one outlet and converted to dollars by another: no
    # comparison of the values can tell that from two sums, so they neither agree nor differ
    texts = (
        ("a", "Wire", "Robbers pulled off a 3 million-euro raid on a Valparo bank on Monday."),
        ("b", "Daily", "Robbers pulled off a $3.9 million raid on a Valparo bank on Monday."),
        ("c", "Post", "Thieves carried out a €3 million raid on the Valparo bank, police said."),
    )
    articles = [Article(id=i, text=t, source=s) for i, s, t in texts]
    comparison = compare(articles)
    assert not comparison.by_label("differs")
    assert _values_of(comparison, "agreed") == [{3e6}]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The second phase will cover more than 9,000 sq miles of seabed.", "square mile"),
        ("Divers mapped a zone of some 4,000 sq. km off the cape.", "square km"),
        ("The warehouse fire gutted 2,000 sq metres of storage.", "square metre"),
        # "sq" parsed as the counted noun, or as a determiner of the unit
        ("The ferry's sonar searched 328 sq miles but found nothing.", "square mile"),
        ("The search zone now covers more than 23,000 sq miles.", "square mile"),
    ],
)
def test_square_cut_short_before_a_unit_is_an_area(text: str, unit: str) -> None:
    assert [(kind, u) for kind, _, u in _facts(text)] == [("area", unit)]


def test_a_clause_set_back_in_an_earlier_year_is_history() -> None:
    text = "Back in 1998 there were only 11 foreign players in the Valparo league."
    assert _facts(text) == []
    assert _facts("Back in the 1990s, the club had 3 stadiums.") == []
    # "back in March" may be the story's own earlier day
    text = "Back in March, 20 people were hurt in the first blast."
    assert [f[1] for f in _facts(text)] == [20.0]


def test_a_count_saying_what_the_last_one_means_counts_nothing_new() -> None:
    text = "The league fielded 64 different nationalities. That means 64 avid foreign markets."
    assert [f[1] for f in _facts(text)] == [64.0]


def test_a_two_for_one_offer_is_a_kind_of_deal() -> None:
    assert _facts("The ferry line ran a two-for-one fare all summer.") == []


def test_another_dollar_is_money_and_its_conversion_is_the_same_sum() -> None:
    text = "The search will cost A$60 million ($56 million) over a year."
    assert _facts(text) == [("money", 60e6, "australian dollar")]
    assert _facts("The port raised C$40 million.") == [("money", 40e6, "canadian dollar")]


def test_a_measure_converted_after_its_direction_is_one_measure() -> None:
    text = "The buoy was found about 300 nautical miles away (560km) from the coast."
    assert [f[1] for f in _facts(text)] == [300.0]


def test_a_duration_in_seconds_is_not_a_count() -> None:
    assert _facts("The camera has 0.3-second autofocus.") == []


def test_an_editors_square_brackets_convert_the_sum_before_them() -> None:
    text = 'The mayor said: "I know $20,000 [£15,000] is not much for Valparo."'
    assert [f[1] for f in _facts(text)] == [20000.0]


def test_a_glued_m_before_a_square_unit_is_millions_not_metres() -> None:
    assert _facts("The search now covers 1.5m sq km of ocean.") == [("area", 1.5e6, "square km")]


def test_a_run_of_business_quarters_is_how_long() -> None:
    text = "The ferry line boasts 12 consecutive quarters of growth in Valparo."
    assert _facts(text) == []


def test_the_odds_of_a_forecast_are_not_a_result() -> None:
    text = "Forecasters gave a 60% chance of a second storm, and 40 percent of homes lost power."
    assert [f[1] for f in _facts(text)] == [40.0]


@pytest.mark.parametrize(
    "text",
    [
        "Valparo's top four clubs worry the coach.",
        "The club had three top 10 finishes under its coach.",
    ],
)
def test_a_number_after_top_is_a_rank(text: str) -> None:
    assert [f[1] for f in _facts(text) if f[1] != 3.0] == []


def test_top_as_a_verb_still_leaves_the_sum() -> None:
    assert [f[1] for f in _facts("Losses could top $5 billion in Valparo.")] == [5e9]


@pytest.mark.parametrize(
    "text",
    [
        "If he had 49% of the shares, the board would still say no.",
        "If we can sign three or four players, we might reach the final.",
    ],
)
def test_a_supposition_in_any_tense_is_no_count(text: str) -> None:
    assert _facts(text) == []


def test_a_question_whether_a_count_is_true_still_reads_it() -> None:
    text = "Reporters asked if 20 soldiers were killed in Valparo."
    assert [f[1] for f in _facts(text)] == [20.0]


def test_a_thing_named_by_example_is_no_count() -> None:
    text = "Shoppers still buy small treats, like a $2 or $3 cookie, and 40% of sales are bread."
    assert [f[1] for f in _facts(text)] == [40.0]


def test_what_a_sum_equates_to_is_a_measure_of_its_own() -> None:
    text = "The deal is worth £3bn. This equates to at least £14m more per year for each club."
    assert [f[1] for f in _facts(text)] == [3e9, 14e6]


def test_a_supposition_denied_says_what_the_writer_expects() -> None:
    text = "We'd be shocked if the Valparo phone didn't cost at least $600."
    assert [f[1] for f in _facts(text)] == [600.0]


def test_a_few_blocks_farther_along_is_where_not_what() -> None:
    assert _facts("Two blocks farther along, he passed the Valparo library.") == []


def test_a_share_of_those_saying_something_is_a_polls_result() -> None:
    text = "Homeowners were polled, with 74% of over-65s saying they would offer tea in Valparo."
    assert [f[1] for f in _facts(text)] == [74.0]
    assert _facts("Three officials said the Valparo plan was dead.") == []


def test_the_size_a_kind_of_thing_can_grow_to_describes_it() -> None:
    assert _facts("Left to its own devices, the Valparo laurel can get to 10 metres tall.") == []
    # a forecast with "could" and a reading are the story's measures
    assert [f[1] for f in _facts("Waves could reach 10 metres, the agency said.")] == [10.0]
    assert [f[1] for f in _facts("The tsunami reached 10 metres in Valparo.")] == [10.0]


def test_a_number_counts_the_plural_after_a_coordinated_modifier() -> None:
    text = (
        "Forty-five cybersecurity merger and acquisition (M&A) deals were announced in May. "
        "Out of the 45 deals, a quarter had reported values."
    )
    assert _facts(text) == [("deal", 45.0, "deal")]
    # other things listed after a comma, or counted on their own, are not what it counts
    assert _facts("Each box holds a 10-person tent, blankets and a stove.") == [
        ("tent", 10.0, "tent")
    ]
    text = "A four-man team and 71 rescue specialists landed in Valparo on Thursday."
    assert [f[:2] for f in _facts(text)] == [("team", 4.0), ("specialist", 71.0)]


def test_a_listed_part_takes_the_place_written_straight_after_it() -> None:
    text = (
        "The chain now has roughly 4,500 units globally, including about 3,700 in Korea, "
        "300 or so in China and a growing presence across Cambodia."
    )
    article = Article(id="a", text=text, source="Wire", published=REPORTED)
    assert [(f.value, f.place) for f in compare([article]).facts] == [
        (4500.0, None),
        (3700.0, "Korea"),
        (300.0, "China"),
    ]


def test_a_scale_after_a_is_a_number_with_a_bound_or_a_sum() -> None:
    assert _facts("Nearly a million people fled Dunmore.") == [("displaced", 1e6, "people")]
    assert _facts("A million dollar reward is offered.")[0][1:] == (1e6, "dollar")
    # a part of a million is another value; with no bound or sum it may be a figure of speech
    assert _facts("Around half a million people are living in tents.") == []
    assert _facts("I have told him a million times.") == []
    assert _facts("It was a one in a million chance.") == []
