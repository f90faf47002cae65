"""What a web page sets its story against is not the story's count: another event after
"than", the earlier event a record is reckoned "since", names listed after a count of places, who
named someone, a predicate restating its subject's count, a condition, and a rating. The story's
own numbers in the same sentences stay."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.compare import compare
from storyline.models import Article

REPORTED = date(2012, 5, 9)


def _facts(text: str) -> list[tuple[str, float]]:
    article = Article(id="a", text=text, source="Wire", published=REPORTED)
    return [(f.kind, f.value) for f in compare([article]).facts]


def test_the_event_a_story_is_compared_with_is_background() -> None:
    text = (
        "The raid on the Valparo depot was far bolder than a robbery there in March carried "
        "out by four masked men."
    )
    assert _facts(text) == []


def test_a_rival_compared_with_at_the_storys_time_is_the_storys() -> None:
    text = "The Greens won more seats than a rival alliance, which took 40 seats in Valparo."
    assert ("seat", 40.0) in _facts(text)


def test_a_rivals_figure_the_story_is_compared_with_is_kept() -> None:
    text = "The club's offer is less than the $18 million reported by a rival paper."
    assert ("money", 18e6) in _facts(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("More than 60 people were injured in the blast in Valparo.", 60.0),
        ("The storm killed more than 60 in Valparo.", 60.0),
    ],
)
def test_a_numbers_own_bound_after_than_is_kept(text: str, value: float) -> None:
    assert [v for _, v in _facts(text)] == [value]


def test_a_comparison_of_importance_keeps_the_storys_sum() -> None:
    text = (
        "The dispute matters less than the two plans the councils propose for the "
        "$4 billion surplus left after the levy."
    )
    assert ("money", 4e9) in _facts(text)


def test_the_earlier_event_a_record_is_reckoned_from_is_background() -> None:
    text = (
        "The fire was the deadliest in Valparo since the 1994 ferry disaster in the bay, "
        "which killed 212 people."
    )
    assert _facts(text) == []


def test_a_count_in_the_main_clause_after_since_is_kept() -> None:
    text = "Since the flooding began, more than 15,000 villagers have fled Valparo."
    assert [v for _, v in _facts(text)] == [15000.0]


def test_places_named_after_their_count_are_listed_not_counted() -> None:
    text = (
        "Mourners gathered near two of the damaged sites, the Corvo cafe and the Pike Street "
        "bakery, on Sunday. Officers sealed off two of the attack sites, Le Merle bar and Le "
        "Petit Corvo restaurant."
    )
    assert ("site", 2.0) not in _facts(text)


def test_people_named_after_their_count_are_still_counted() -> None:
    text = (
        "The video showed graphic images of two other photographers, Ana Ruiz and Tom Hale, "
        "who were seriously wounded in the same attack."
    )
    assert [v for _, v in _facts(text)] == [2.0]


def test_outlets_that_identified_someone_tell_the_news() -> None:
    text = "Three local radio stations identified the driver as Tom Hale."
    assert _facts(text) == []


def test_a_predicate_restating_its_subjects_count_counts_nothing_again() -> None:
    facts = _facts("The two ferries the port bought in May are two fine vessels.")
    assert [v for _, v in facts].count(2.0) == 1


def test_a_figure_in_a_condition_is_not_a_reading() -> None:
    text = (
        "The maker says if you set the handset to saver mode with only 10 percent of the "
        "charge left, it still runs for a day."
    )
    assert _facts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The critic gave the handset a score of four-and-a-half stars out of five.",
        "Reviewers rated the ferry 8 out of 10.",
    ],
)
def test_a_rating_on_a_small_scale_is_not_a_count(text: str) -> None:
    assert _facts(text) == []


def test_the_numbers_of_a_numbered_list_are_not_counts() -> None:
    text = (
        "The ferry trade in figures\n\n"
        "1 The Valparo ferry carried 12,000 passengers last year.\n\n"
        "2 Refits of the older boats ended in the spring.\n\n"
        "3 Tickets rose by 4 percent.\n\n"
        "4 Crews struck twice."
    )
    assert sorted(v for _, v in _facts(text)) == [4.0, 12000.0]


def test_a_headline_count_over_its_lead_is_no_list() -> None:
    text = "3 Dead in Valparo Ferry Fire\n\n3 Crew members died when fire swept the ferry."
    assert 3.0 in [v for _, v in _facts(text)]


def test_an_undated_storys_year_is_not_read_off_a_screen_size() -> None:
    # an undated page's year is the one it names most; "1920 x 1080" names no year
    from storyline.facts.stage import _story_date

    text = (
        "The phone launched in 2015 with a 1920 x 1080 screen. Its 1920 x 1080 panel is bright, "
        "and a 1080x1920 video mode is new."
    )
    page = Article(id="p", text=text, title=None, source="s", url=None, published=None)
    assert _story_date([page]) == date(2015, 12, 31)
