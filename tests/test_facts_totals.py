"""Running totals and increments (``storyline.facts.totals``), in sentences of our own.

News that follows a count over days says how much it grew and what it now stands at, often in
one sentence: the addition is its own sub-group, the total is the count other reports give.
"""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.facts import Quantity, extract_quantities
from storyline.facts.totals import INCREMENT
from storyline.models import Article, Sentence

FRIDAY = date(2024, 5, 10)
SATURDAY = date(2024, 5, 11)


def _read(text: str) -> list[Quantity]:
    sentence = Sentence(article_id="a", start=0, end=len(text), text=text, position=0, paragraph=0)
    return list(extract_quantities(sentence))


def _scoped(text: str) -> list[tuple[float, str, str | None]]:
    return [(q.value, q.kind, q.scope) for q in _read(text)]


def test_a_count_marked_as_an_addition_is_its_own_sub_group() -> None:
    assert _scoped("Divers recovered three more bodies from the lake.") == [
        (3, "killed", INCREMENT)
    ]
    assert _scoped("Another 20 people were evacuated from the valley.") == [
        (20, "evacuated", INCREMENT)
    ]
    assert _scoped("The council agreed to send a further 300 soldiers to the border.") == [
        (300, "soldier", INCREMENT)
    ]
    assert _scoped("Doctors confirmed 30 new cases on Monday.") == [(30, "case", INCREMENT)]
    # "more than" bounds the number: the count itself, not an addition
    assert _scoped("More than 100 people were hurt in the crush.") == [(100, "injured", None)]


def test_a_new_total_counts_what_the_addition_counts_and_marks_it() -> None:
    text = "Crews have cleared 4,000 shells this spring, bringing the total so far to 90,000."
    assert [(q.value, q.kind, q.scope, q.event) for q in _read(text)] == [
        (4000, "shell", INCREMENT, "clear"),
        (90000, "shell", None, "clear"),
    ]
    text = "The flood killed 12 people on Friday, raising the death toll to 61."
    found = _read(text)
    assert [(q.value, q.kind, q.scope) for q in found] == [
        (12, "killed", INCREMENT),
        (61, "killed", None),
    ]
    assert found[1].day is None  # the total counts every day so far, not Friday's


def test_a_forecast_total_does_not_make_the_count_so_far_an_addition() -> None:
    text = "Officials have counted 200 bodies, and fear the toll could rise to 1,000."
    assert _read(text)[0].scope is None


def test_an_addition_is_never_compared_with_the_toll() -> None:
    articles = [
        Article(id="a", text="The storm killed 40 people, officials said.", source="A",
                published=FRIDAY),
        Article(id="b", text="Rescuers found three more bodies on Saturday, bringing the "
                "death toll to 43.", source="B", published=SATURDAY),
        Article(id="c", text="Rescuers found five more bodies on Saturday.", source="C",
                published=SATURDAY),
    ]  # fmt: skip
    comparison = compare(articles)
    changed = [{f.value for f in finding.facts} for finding in comparison.by_label("changed")]
    assert changed == [{40, 43}]
    assert not comparison.by_label("disputed") and not comparison.by_label("differs")


def test_the_total_a_count_makes_counts_what_it_counts() -> None:
    text = (
        "The cafe chain opened about 40 new shops this year for a total of about 190 in Ruritania."
    )
    assert [(q.value, q.kind) for q in _read(text)] == [(40, "shop"), (190, "shop")]
