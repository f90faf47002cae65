"""Temporal expressions: our own test set (>= 95% right) and the conventions dates.py promises."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks.dates import load_cases, storyline_correct

from storyline.dates import TimeExpression, iter_days, period_end, resolve

WEDNESDAY = date(2025, 3, 5)


def one(sentence: str, published: date | None = WEDNESDAY) -> TimeExpression:
    found = resolve(sentence, published=published)
    assert len(found) == 1, found
    return found[0]


def test_test_set_is_big_enough_and_resolved() -> None:
    cases = load_cases()
    assert len(cases) >= 100
    wrong = [c.expression + " | " + c.sentence for c in cases if not storyline_correct(c)]
    assert 1 - len(wrong) / len(cases) >= 0.95, wrong


def test_weekday_is_the_most_recent_one_unless_future() -> None:
    assert one("Protesters marched on Monday.").value == date(2025, 3, 3)
    assert one("The mayor spoke on Wednesday.").value == WEDNESDAY  # the publication day itself
    assert one("Talks will resume on Monday.").value == date(2025, 3, 10)
    assert one("He said on Monday that he will resign.").value == date(2025, 3, 3)
    assert one("Snow fell last Wednesday.").value == date(2025, 2, 26)
    assert one("The vote is next Wednesday.").value == date(2025, 3, 12)
    # a plan told in the past is still to come; one that "had" been planned has passed
    assert one("The premier said he planned to visit on Friday.").value == date(2025, 3, 7)
    assert one("She said she intended to fly out on Friday.").value == date(2025, 3, 7)
    assert one("He had planned to fly on Friday but stayed.").value == date(2025, 2, 28)


def test_deadlines_and_possibilities_look_forward() -> None:
    # Published on a Wednesday: the Friday meant is two days later, not five days before.
    assert one("Oxygen could run out by Friday, doctors warned.").value == date(2025, 3, 7)
    assert one("Supplies may last until Friday.").value == date(2025, 3, 7)
    assert one("Repairs must be finished before Monday.").value == date(2025, 3, 10)
    assert one("Talks continue until Friday.").value == date(2025, 3, 7)
    assert one("Forecasters expect more rain on Friday.").value == date(2025, 3, 7)
    # ... but a deadline already passed, or a possibility about the past, looks back.
    assert one("The camp was closed by Friday.").value == date(2025, 2, 28)
    assert one("The crew had left by Friday.").value == date(2025, 2, 28)
    assert one("It may have happened on Friday.").value == date(2025, 2, 28)
    # a state that holds now lasts until a day to come; one that has ended does not
    assert one("The city has closed all schools until Friday.").value == date(2025, 3, 7)
    assert one("The border crossings are shut until Friday.").value == date(2025, 3, 7)
    assert one("The airport was closed until Friday.").value == date(2025, 2, 28)
    assert one("Officials said on Friday that oxygen could run out.").value == date(2025, 2, 28)


def test_an_arrangement_and_a_joined_modal_look_forward() -> None:
    """ "is to send ... on Monday" is arranged, still to come; a modal joined after a past verb
    looks forward from itself. Timeline17's Haiti timeline put both under the days before."""
    assert one("Interpol says it is to send a team to Valdria on Monday.").value == date(
        2025, 3, 10
    )
    assert one("Ministers are to meet on Friday.").value == date(2025, 3, 7)
    assert one("The crews were travelling north and should be there by Sunday.").value == date(
        2025, 3, 9
    )
    # ... but not "is to do with", a past "could", "might" the noun or a saying before a "when"
    assert one("The delay is to do with Monday's storm.").value == date(2025, 3, 3)
    assert one("I was sad because I could not go in on Monday.").value == date(2025, 3, 3)
    assert one("It was a show of military might on Monday.").value == date(2025, 3, 3)
    found = resolve(
        "As the mayor said on Monday, when a town is to be moved, it asks.", published=WEDNESDAY
    )
    assert found[0].value == date(2025, 3, 3)


def test_a_day_a_plan_is_for_is_still_to_come() -> None:
    saturday = date(2025, 3, 8)
    # "for" names the occasion a plan or an appointment is meant for: the next such day
    assert one("Villagers readied themselves for Sunday.", saturday).value == date(2025, 3, 9)
    assert one("The hearing was adjourned for Friday.").value == date(2025, 3, 7)
    assert one("The unions called a strike for Monday.").value == date(2025, 3, 10)
    assert one("Volunteers are preparing for Saturday.").value == date(2025, 3, 8)
    # ... but not a plan that "had" been made, nor a day's own event, nor a measure of a day
    assert one("The rally had been called for Monday.").value == date(2025, 3, 3)
    assert one("He was jailed for Monday's attack.").value == date(2025, 3, 3)
    assert one("Fans crammed into the hall for Monday 's weigh-in.").value == date(2025, 3, 3)
    assert one("The figures for Monday were grim.").value == date(2025, 3, 3)


def test_month_without_year_looks_back_or_forward_by_tense() -> None:
    assert one("The law passed in April.").value == date(2024, 4, 1)
    assert one("The law will pass in April.").value == date(2025, 4, 1)
    assert one("The ship sank on March 3.").value == date(2025, 3, 3)
    assert one("The ship sank on March 9.").value == date(2024, 3, 9)


def test_a_span_that_ends_on_a_day_ends_on_its_nearest_occurrence() -> None:
    # a past verb does not send the end of a span that still runs a year back
    assert one("Tour firms canceled all holidays until 9 March.").value == date(2025, 3, 9)
    assert one("Schools were ordered shut through March 10.").value == date(2025, 3, 10)
    # a span that ended weeks ago stays in the past
    assert one("The airport was closed until February 3.").value == date(2025, 2, 3)


def test_granularities_and_ranges() -> None:
    week = one("Prices rose last week.")
    assert (week.value, week.granularity, week.last_day) == (
        date(2025, 2, 24),
        "week",
        date(2025, 3, 2),
    )
    month = one("Earlier this month the bank cut rates.")
    assert (month.granularity, month.last_day) == ("month", date(2025, 3, 31))
    assert one("It was founded in 2019.").granularity == "year"
    hours = one("Twelve people died in the past 24 hours.")
    assert (hours.value, hours.range_end) == (date(2025, 3, 4), WEDNESDAY)
    span = one("Clashes broke out between 3 and 5 March.")
    assert list(iter_days((span,))) == [date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)]
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)


def test_spans_index_the_sentence() -> None:
    sentence = "Police said yesterday that the bridge, closed on 2025-02-11, will reopen in June."
    for expression in resolve(sentence, published=WEDNESDAY):
        assert sentence[expression.start : expression.end] == expression.text
    assert [e.text for e in resolve(sentence, published=WEDNESDAY)] == [
        "yesterday",
        "2025-02-11",
        "in June",
    ]


def test_no_publication_date_invents_nothing() -> None:
    found = resolve(
        "Police said yesterday that the fire began on Monday, March 3, 2024.", published=None
    )
    by_text = {e.text: e for e in found}
    assert by_text["yesterday"].value is None and by_text["yesterday"].relative_days == -1
    assert by_text["Monday"].value is None and by_text["Monday"].weekday == 0
    assert by_text["March 3, 2024"].value == date(2024, 3, 3) and by_text["March 3, 2024"].explicit
    assert resolve("It happened on March 3.", published=None) == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "You may go now; the march was peaceful.",
        "She sat on the bench and said nothing.",
        "The hall seats 2019 people and cost $2,000,000.",
        "Turnout was 2020 votes higher than expected.",
        # a group named after a day: a name, not a time
        "Ahmed Maher, founder of the April 6 youth movement, joined the march.",
        "The March 14 alliance boycotted the talks.",
        "Members of the 6 April movement were arrested.",
        # an uprising named after the day it began, in any year since
        "The Feb. 17 revolution began in Benghazi, the rebels recalled.",
        "Thousands gathered to honour the martyrs of the January 25 revolution.",
    ],
)
def test_words_that_only_look_like_dates(sentence: str) -> None:
    assert resolve(sentence, published=WEDNESDAY) == ()


def test_a_date_naming_an_occasion_is_its_nearest_occurrence() -> None:
    # "the March 26 election" eight days after publication, though the clause is past tense
    sentence = "Putin was cautious about the outcome of the March 26 election, aides said."
    assert one(sentence, date(2000, 3, 18)).value == date(2000, 3, 26)
    assert one("Officials met the Dec. 31 deadline.", date(2000, 1, 5)).value == date(1999, 12, 31)
    # a date of the clause's own past verb stays in the past
    assert one("He was arrested on March 20.", date(2000, 3, 18)).value == date(1999, 3, 20)


def test_last_weekday_a_day_or_two_back_is_the_week_before() -> None:
    """ "last Tuesday" on a Thursday is not two days back: that day is "Tuesday"."""
    thursday, friday = date(2025, 3, 6), date(2025, 3, 7)
    monday, sunday = date(2025, 3, 3), date(2025, 3, 9)
    assert one("The bridge collapsed last Tuesday.", thursday).value == date(2025, 2, 25)
    assert one("Dozens died in last Tuesday's flood.", WEDNESDAY).value == date(2025, 2, 25)
    # three days back, or across the weekend, the nearest such day is meant
    assert one("The bridge collapsed last Tuesday.", friday).value == date(2025, 3, 4)
    assert one("The bridge collapsed last Saturday.", monday).value == date(2025, 3, 1)
    assert one("The bridge collapsed last Friday.", sunday).value == date(2025, 3, 7)
    assert one("The bridge collapsed last Wednesday.", WEDNESDAY).value == date(2025, 2, 26)
    # "the last Sunday in May" names no day the article can place
    assert [
        e.text for e in resolve("It closes on the last Sunday in May.", published=WEDNESDAY)
    ] == ["in May"]


def test_weeks_ago_is_a_week_not_a_day() -> None:
    found = one("The strike began three weeks ago.")
    assert (found.value, found.granularity, found.relative) == (date(2025, 2, 10), "week", -3)
    assert list(iter_days((found,))) == []
    # "a week ago" still counts back seven days
    assert one("The strike began a week ago.").value == date(2025, 2, 26)


def test_a_two_digit_year_after_a_month() -> None:
    found = one("The uprising in June 09 changed the region.")
    assert (found.value, found.granularity) == (date(2009, 6, 1), "month")
    assert one("The riots of May '68 changed the city.").value == date(1968, 5, 1)
    # a zero-padded day is still a day where a day is written
    assert one("The vote came on June 09 after talks.").value == date(2024, 6, 9)
    assert one("The vote came in June 09, 2010.").value == date(2010, 6, 9)


def test_today_that_means_nowadays_names_no_day() -> None:
    for sentence in (
        "In today's Valdria, few people trust the police.",
        "Today's youth want jobs more than slogans.",
        "Twenty years ago few had phones; today most do.",
    ):
        assert resolve(sentence, published=WEDNESDAY) == (), sentence
    assert one("Thousands joined today's march in the capital.").value == WEDNESDAY
    assert one("The index fell 3% today.").value == WEDNESDAY
    # an anniversary's "today" is the day
    found = resolve("It opened 40 years ago today.", published=WEDNESDAY)
    assert [(e.text, e.value) for e in found][-1] == ("today", WEDNESDAY)


def test_a_possessive_weekday_looks_forward_only_when_its_occasion_is_planned() -> None:
    assert one("Organisers hope for thousands at Friday's planned rally.").value == date(2025, 3, 7)
    assert one("Voters are preparing for Saturday's vote.").value == date(2025, 3, 8)
    # a past clause, or "for" without a verb of getting ready, keeps the day behind
    assert one("Police did not allow Tuesday's planned march.").value == date(2025, 3, 4)
    assert one("Police are searching for Monday's attackers.").value == date(2025, 3, 3)
    assert one("Saturday's vote was postponed.").value == date(2025, 3, 1)
