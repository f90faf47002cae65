"""Lengths that name what they measure are compared across outlets (``facts.dimensions``).

Sentences written by the team, not taken from any dataset."""

from __future__ import annotations

from datetime import date

from storyline.compare import Comparison, compare
from storyline.facts.models import Fact
from storyline.models import Article

DAY = date(2024, 6, 3)


def _article(ident: str, text: str, source: str, day: int) -> Article:
    return Article(id=ident, text=text, source=source, published=date(2024, 6, day))


def _lengths(comparison: Comparison) -> list[Fact]:
    return [f for f in comparison.facts if f.kind == "length"]


def _label_of(comparison: Comparison, values: set[float]) -> str | None:
    labels = [
        finding.label
        for finding in comparison.findings
        if {f.value for f in finding.facts} == values
    ]
    return labels[0] if len(labels) == 1 else None


def test_the_start_and_the_end_of_one_descent_are_two_things() -> None:
    articles = [
        _article(
            "a", "The glider dropped from 12,000 feet down to 4,000 feet in a minute.", "A", 3
        ),
        _article(
            "b", "The glider plunged from an altitude of 3,650 meters to 1,400 meters.", "B", 4
        ),
    ]
    comparison = compare(articles)
    scopes = {f.value: f.scope for f in _lengths(comparison)}
    assert scopes == {
        12000: "altitude where the descent began",
        4000: "altitude where the descent ended",
        3650: "altitude where the descent began",
        1400: "altitude where the descent ended",
    }
    assert _label_of(comparison, {12000, 3650}) == "agreed"  # one height in feet and metres
    assert _label_of(comparison, {4000, 1400}) == "changed"  # the end, reported again later
    for finding in comparison.findings:
        assert len({f.scope for f in finding.facts}) == 1


def test_a_climb_is_not_a_descent_and_a_cruising_altitude_has_no_end() -> None:
    text = "The jet climbed back to 20,000 feet while flying at 500 mph. It had been flying at 31,000 feet."
    scopes = {f.value: f.scope for f in _lengths(compare([_article("a", text, "A", 3)]))}
    assert scopes == {20000: "altitude where the climb ended", 31000: None}


def test_both_ends_in_one_phrase_are_no_one_end() -> None:
    text = "Within 20 seconds the glider dropped from 2,500 to 1,800 feet."
    assert {f.scope for f in _lengths(compare([_article("a", text, "A", 3)]))} == {None}


def test_a_distance_travelled_stays_loose() -> None:
    articles = [
        _article("a", "The yacht has sailed 2,000 miles so far.", "A", 3),
        _article("b", "The yacht has sailed 2,400 miles so far.", "B", 5),
    ]
    comparison = compare(articles)
    assert {f.scope for f in _lengths(comparison)} == {None}
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_outlets_giving_a_piece_two_sizes_dispute_it() -> None:
    articles = [
        _article("a", "Police said a 12-inch shard of glass was found in the hall.", "A", 3),
        _article("b", "A 12-inch shard of glass found in the hall is being examined.", "B", 4),
        _article("c", "The 14-inch by two-inch piece of glass was sent to a laboratory.", "C", 9),
    ]
    comparison = compare(articles)
    scopes = {f.value: f.scope for f in _lengths(comparison)}
    assert scopes[12] == scopes[14] == "length of piece of glass"
    assert scopes[2] == "width of piece of glass"
    assert _label_of(comparison, {12, 14}) == "disputed"


def test_a_height_belongs_to_the_thing_it_describes() -> None:
    articles = [
        _article("a", "Workers climbed the 90-foot-high crane on Monday.", "A", 3),
        _article("b", "The crane, 27 meters tall, was dismantled.", "B", 4),
        _article("c", "The 300-foot-high tower nearby was evacuated.", "C", 4),
    ]
    comparison = compare(articles)
    scopes = {f.value: f.scope for f in _lengths(comparison)}
    assert scopes == {90: "height of crane", 27: "height of crane", 300: "height of tower"}
    assert _label_of(comparison, {90, 27}) == "agreed"
    assert not any({90, 300} <= {f.value for f in finding.facts} for finding in comparison.findings)


def test_two_sizes_of_one_kind_of_thing_never_differ_but_one_size_agrees() -> None:
    ships = [
        _article("a", "The first wreck is 60 feet long, divers said.", "A", 3),
        _article("b", "A second wreck, 45 feet long, lies further east.", "B", 5),
    ]
    comparison = compare(ships)
    assert {f.scope for f in _lengths(comparison)} == {"length of wreck"}
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")
    same = [
        _article("a", "The 40-foot-high statue was unveiled on Monday.", "A", 3),
        _article("b", "Crowds gathered around the 40-foot-high statue.", "B", 4),
    ]
    assert _label_of(compare(same), {40}) == "agreed"


def test_pieces_far_apart_in_size_are_two_pieces_not_a_dispute() -> None:
    articles = [
        _article("a", "Inspectors found a 3-inch fragment of steel on the track.", "A", 3),
        _article("b", "A 16-inch fragment of steel lay beside the track.", "B", 6),
    ]
    comparison = compare(articles)
    assert {f.scope for f in _lengths(comparison)} == {"length of piece of steel"}
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")


def test_distances_in_two_units_agree_only_when_they_are_one_measure() -> None:
    articles = [
        _article("a", "Radar picked up objects about 2,300km from Perth.", "A", 3),
        _article("b", "Floating objects were spotted some 1,550 miles southwest of Perth.", "B", 4),
        _article("c", "The search focused on seas some 2,500km south-west of Perth.", "C", 5),
        _article("d", "The plane plunged from 33,000 feet.", "D", 3),
        _article("e", "The plane plunged from 10,060 metres.", "E", 4),
    ]
    comparison = compare(articles)
    agreed = [{f.value for f in x.facts} for x in comparison.by_label("agreed")]
    assert agreed == [{33_000, 10_060}]


def test_what_a_device_can_reach_or_waters_may_be_is_no_depth() -> None:
    articles = [
        _article(
            "a",
            "A pinger locator, capable of locating a black box to a depth of 20,000 feet, was sent.",
            "A",
            3,
        ),
        _article("b", "The waters may be more than three and a half miles deep in places.", "B", 4),
        _article(
            "c", "At a depth of 100 meters, the sonar may have failed to spot the ship.", "C", 5
        ),
    ]
    scopes = {f.value: f.scope for f in _lengths(compare(articles))}
    assert scopes == {20_000: None, 3.5: None, 100: "depth"}


def test_a_squared_length_is_an_area() -> None:
    texts = (
        ("a", "Fire crews fought the 300-square-mile blaze north of Valparo.", "Wire"),
        ("b", "The fire has burned 777 square km of forest north of Valparo.", "Daily"),
        ("c", "Smoke from the fire drifted 300 miles north of Valparo.", "Post"),
    )
    facts = compare([_article(i, t, s, 1) for i, t, s in texts]).facts
    assert [(f.kind, f.value, f.unit) for f in facts] == [
        ("area", 300.0, "square mile"),
        ("area", 777.0, "square km"),
        ("length", 300.0, "mile"),
    ]
