"""How the facts stage reads the habits of web and live-page news: entries stamped with the time
of day, sums with a glued scale before a currency word, hyphenated scales, heights in storeys,
pronouns for what is counted, and an earlier disaster recalled through a relative clause."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.compare import compare
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


def test_a_hyphenated_scale_belongs_to_its_number() -> None:
    assert _facts("The agency checked on its 12-thousand staff.")[0][1] == 12_000


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
