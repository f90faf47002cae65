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
