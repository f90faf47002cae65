"""Undated reports of one count that give close values (web pages without a date): the values
differ and no order says which came last, so the finding is that they differ, whole, not a
figure most reports give beside the rest left single-source (GUIDELINES: ``differs``)."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.models import Article


def _article(ident: str, text: str, published: date | None = None) -> Article:
    return Article(id=ident, text=text, source=f"Outlet {ident}", published=published)


def _findings(articles: list[Article]) -> set[tuple[str, tuple[float, ...]]]:
    found = compare(articles).findings
    return {(f.label, tuple(sorted(x.value for x in f.facts))) for f in found}


def test_close_undated_values_of_one_toll_differ_as_one_finding() -> None:
    articles = [
        _article("a", "The bombings in Valparo killed 121 people, officials said."),
        _article("b", "The bombings in Valparo killed 124 people, officials said."),
        _article("c", "The bombings in Valparo killed 124 people, officials said."),
        _article("d", "The bombings in Valparo killed 124 people, officials said."),
    ]
    assert _findings(articles) == {("differs", (121.0, 124.0, 124.0, 124.0))}


def test_a_far_undated_value_still_leaves_the_figure_most_give() -> None:
    articles = [
        _article("a", "The bombings in Valparo killed 60 people, officials said."),
        _article("b", "The bombings in Valparo killed 124 people, officials said."),
        _article("c", "The bombings in Valparo killed 124 people, officials said."),
        _article("d", "The bombings in Valparo killed 124 people, officials said."),
    ]
    assert ("agreed", (124.0, 124.0, 124.0)) in _findings(articles)


def test_undated_values_no_order_makes_one_count_are_each_their_outlets() -> None:
    # 3 and 4 injured in this week's tremor beside the 60 of an earlier quake: no order of them
    # is one count rising (updates.in_some_order), so no "values differ" finding claims them
    articles = [
        _article("a", "The tremor on Tarsel island injured 3 people, officials said."),
        _article("b", "The tremor on Tarsel island injured 4 people, officials said."),
        _article("c", "The quake on Tarsel island injured 60 people, officials said."),
    ]
    assert _findings(articles) == {
        ("single-source", (3.0,)),
        ("single-source", (4.0,)),
        ("single-source", (60.0,)),
    }
    within = [*articles[:2], _article("c", "The quake on Tarsel island injured 12 people.")]
    assert ("differs", (3.0, 4.0, 12.0)) in _findings(within)
