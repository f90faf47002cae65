"""How a finding writes its values: with the unit a reader checks them against in the quoted
sentence ("~300 feet" beside "80 meters", not "~300" beside "80")."""

from __future__ import annotations

import pytest

from storyline.facts.labels import value_text
from storyline.facts.models import Fact


def fact(value: float, unit: str, kind: str, **extra: object) -> Fact:
    base: dict[str, object] = {
        "kind": kind,
        "unit": unit,
        "value": value,
        "approx": False,
        "article_id": "a",
        "start": 0,
        "end": 1,
        "text": "",
        "outlet": "Wire",
    }
    return Fact(**{**base, **extra})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (fact(300, "foot", "length", approx=True), "~300 feet"),
        (fact(80, "meter", "length"), "80 meters"),
        (fact(1, "mile", "length"), "1 mile"),
        (fact(22, "mph", "speed"), "22 mph"),
        (fact(7.4, "magnitude", "magnitude"), "7.4"),
        (fact(52.94, "percent", "percent"), "52.94%"),
        (fact(10, "percent", "percent", upper=30), "10–30%"),
        (fact(3_750_000_000, "dollar", "money"), "$3.75 billion"),
        (fact(6_000_000, "dollar", "money", upper=7_000_000), "$6 million–$7 million"),
        (fact(500_000, "dollar", "money"), "$500,000"),
        (fact(56.25, "cent", "money"), "56.25 cents"),
        (fact(2_000_000, "yuan", "money"), "2 million yuan"),
        (fact(217, "people", "killed"), "217"),
        (fact(6_000_000, "people", "people", approx=True), "~6 million"),
        (fact(14_000, "ton", "mass"), "14,000 tons"),
    ],
)
def test_values_carry_their_units(given: Fact, shown: str) -> None:
    assert value_text(given) == shown
