"""How the facts stage reads more habits of web pages (a fresh hand-labelled WikiRef sample): a
player's or a team's record, a birth weight, a named person's family, a second conversion in one
pair of brackets, a yardstick the story is measured against, a sum range whose scale is glued to
its second number, and a numbered name said twice."""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.models import Article

REPORTED = date(2012, 5, 9)


def _facts(text: str) -> list[tuple[float, float | None, str]]:
    article = Article(id="a", text=text, source="Wire", published=REPORTED)
    return [(f.value, f.upper, f.kind) for f in compare([article]).facts]


def _values(text: str) -> list[float]:
    return [value for value, _, _ in _facts(text)]


def test_what_a_player_or_a_team_did_in_play_is_a_record_not_a_count() -> None:
    text = "Kilbride scored 11 goals in 32 outings last season, and the club paid £4m for him."
    assert _values(text) == [4e6]
    assert _values("The keeper made 11 saves in a 4-0 defeat as 2,000 fans looked on.") == [2000]
    assert _values("The striker had three chances in the first 15 minutes.") == []
    assert _values("Both clubs have won 19 out of 23 games this season.") == []
    # the same words off the field, and games that are not a team's results, are counts
    assert _values("The tribunal handed down 21 death penalties.") == [21]
    assert _values("The broadcaster will show 46 live matches.") == [46]


def test_a_birth_weight_is_a_description_of_a_person() -> None:
    text = (
        "Maria Lopez was born at 5 pounds, 12 ounces, and her twin Clara Lopez weighed in "
        "at 6 pounds, 4 ounces."
    )
    assert _facts(text) == []
    # a parcel's weight, pounds and ounces, is not a person's
    assert _values("The parcel that exploded weighed 5 pounds.") == [5]


def test_the_family_a_named_person_has_is_not_a_count() -> None:
    assert _facts("After the speech, the Whitakers' two daughters joined their mother.") == []
    assert _facts("Her father lived with his wife and six children in a flat.") == []
    # a toll of kin stays
    assert _values("The blast killed the Whitakers' two daughters.") == [2]
    assert _values("The gunman killed his wife and two children.") == [2]
    assert _values("He had bludgeoned his wife and 2 children to death in a flat.") == [2]


def test_a_second_conversion_in_the_same_brackets_is_the_same_sum() -> None:
    text = "The deal brings in approximately 150m euros ($203m; £136m) each year."
    assert _values(text) == [150e6]
    # parts listed in brackets in the same currency stay parts
    text = "The fund paid $334 million ($281 million in cash, $53 million in stock)."
    assert _values(text) == [334e6, 281e6, 53e6]


def test_a_yardstick_the_story_is_measured_against_is_not_its_number() -> None:
    assert _facts("For reference, the older Orion 4 had a 9.88 WHr battery with 2600 mAh.") == []
    assert _facts("In comparison, the older Orion 4 accounted for 2 percent of traffic.") == []
    text = (
        "The Orion 5 measures 142.0 x 72.5 x 8.1 mm, slightly larger than the Orion 4's "
        "136.6 x 69.8 x 7.9 mm."
    )
    assert _values(text) == [142.0, 72.5]
    text = "At 5.57 ounces, the Orion Sport is lighter than the Orion Active's 6-ounce weight."
    assert _values(text) == [5.57]
    text = "The Orion Sport is a bit bulkier than the Orion original (5.59 x 2.85 x 0.32-inches)."
    assert _values(text) == []
    # a claimant quoted by way of comparison may be the story's figure disputed
    assert _values("By comparison, the rebels said 300 people died.") == [300]
    assert _values("In comparison with Monday, 40 more people were evacuated.") == [40]


def test_a_sum_range_shares_the_scale_glued_to_its_second_number() -> None:
    assert _facts("Clubs will receive £7-8m extra each season.") == [(7e6, 8e6, "money")]
    assert _facts("Clubs will receive £7-8bn over the deal.") == [(7e9, 8e9, "money")]
    # without a currency sign an "m" may be metres
    assert _facts("The wall is 7-8m high.") == [(7.0, 8.0, "length")]


def test_a_numbered_name_said_twice_is_a_name_both_times() -> None:
    assert _facts("The update reached the Vela 7 and Vela 10 tablets.") == []
    assert _values("The update reached 10 tablets and 7 phones.") == [10, 7]
