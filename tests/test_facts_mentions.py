"""Numbers the facts stage must read at their written value, or not report as quantities
(found reading ECB+, the crisis windows and WikiRef's web pages)."""

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
