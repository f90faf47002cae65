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
