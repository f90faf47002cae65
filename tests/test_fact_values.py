"""How a finding writes its values: with the unit a reader checks them against in the quoted
sentence ("~300 feet" beside "80 meters", not "~300" beside "80")."""

from __future__ import annotations

import pytest

from storyline.facts.alignment import Group
from storyline.facts.labels import describe, participle, value_text
from storyline.facts.models import Fact
from storyline.facts.values import compatible


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
        (fact(300, "foot", "length", approx=True, bound="about"), "~300 feet"),
        (fact(22, "people", "people", approx=True, bound="min"), "≥22"),  # "at least 22"
        (fact(50, "people", "people", approx=True, bound="max"), "≤50"),  # "nearly 50"
        (fact(2, "dollar", "money", approx=True, bound="min", upper=None), "≥$2"),
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
        (fact(40_000_000, "crown", "money"), "40 million crowns"),
        (fact(5_000, "rupee", "money", upper=6_000), "5,000–6,000 rupees"),
        (fact(1, "crown", "money"), "1 crown"),
        (fact(217, "people", "killed"), "217"),
        (fact(6_000_000, "people", "people", approx=True), "~6 million"),
        (fact(14_000, "ton", "mass"), "14,000 tons"),
    ],
)
def test_values_carry_their_units(given: Fact, shown: str) -> None:
    assert value_text(given) == shown


@pytest.mark.parametrize(
    ("verb", "done"),
    [
        ("pay", "paid"),
        ("strike", "struck"),
        ("evacuate", "evacuated"),
        ("drop", "dropped"),
        ("carry", "carried"),
        ("kill", "killed"),
        ("begin", "begun"),
        ("visit", "visited"),
        ("destroy", "destroyed"),
        ("withdraw", "withdrawn"),
        ("stand", "stood"),
        ("admit", "admitted"),
        ("control", "controlled"),
        ("limit", "limited"),
        ("offer", "offered"),
        ("shrink", "shrunk"),
        ("oversee", "overseen"),  # a prefix keeps the irregular verb's participle
        ("rewrite", "rewritten"),
        ("mislead", "misled"),
        ("reopen", "reopened"),
        ("relay", "relayed"),
    ],
)
def test_headings_say_what_happened_in_the_participle(verb: str, done: str) -> None:
    assert participle(verb) == done


def test_a_heading_names_the_measured_thing_and_leaves_out_verbs_that_only_tell() -> None:
    depth = fact(300, "foot", "length", scope="depth", event="be")
    assert describe(Group(key=("length",), facts=(depth,), loose=False)) == "depth"
    targets = fact(9, "site", "target", event="strike", window="24 hour")
    assert describe(Group(key=("target",), facts=(targets,), loose=False)) == (
        "target (struck), in 24 hours"
    )
    share = fact(52.9, "percent", "percent", scope="putin", event="have")
    assert describe(Group(key=("percent",), facts=(share,), loose=False)) == "putin share"
    toll = fact(11, "people", "killed", event="kill", place="Tanzania")
    assert describe(Group(key=("killed",), facts=(toll,), loose=False)) == "killed in Tanzania"


def test_a_heading_says_a_happening_only_when_the_reports_say_it() -> None:
    """ "struggled to rescue 118 sailors", "118 crew on board", "the death of the 118 crew": the
    crew, not "crew (rescued)"; two of three saying "struck" make the heading."""
    crew = (
        fact(118, "sailor", "crew", event="rescue"),
        fact(118, "crew", "crew"),
        fact(118, "crew", "crew", event="confirm"),
    )
    assert describe(Group(key=("crew",), facts=crew, loose=False)) == "crew"
    targets = (
        fact(9, "site", "target", event="strike"),
        fact(53, "target", "target", event="strike"),
        fact(53, "target", "target", event="hit"),
    )
    assert describe(Group(key=("target",), facts=targets, loose=False)) == "target (struck)"


def test_a_heading_does_not_say_its_verb_twice_and_names_additions() -> None:
    infected = (
        fact(55, "people", "infected", event="infect"),
        fact(62, "people", "infected", event="infect"),
    )
    assert describe(Group(key=("infected",), facts=infected, loose=False)) == "infected"
    more = fact(120_000, "voucher", "voucher", scope="more", event="ask")
    assert (
        describe(Group(key=("voucher",), facts=(more,), loose=False))
        == "additional voucher (asked)"
    )


def test_a_findings_line_gives_each_value_once_with_every_outlet_that_states_it() -> None:
    from datetime import date

    from storyline.facts.labels import finding

    day1, day2 = date(2011, 3, 14), date(2011, 3, 15)
    facts = (
        fact(60, "people", "killed", outlet="Wire", when=day1, attributed_to="officials"),
        fact(60, "people", "killed", outlet="Daily", when=day1, attributed_to="she"),
        fact(60, "people", "killed", outlet="Post", when=day2),
        fact(81, "people", "killed", outlet="Herald", when=day2),
    )
    line = finding(Group(key=("killed",), facts=facts, loose=False)).summary
    assert line.count("60") == 1 and "she" not in line
    assert line.startswith("60 (Daily, Wire per officials, 2011-03-14; Post, 2011-03-15)")
    assert line.endswith("81 (Herald, 2011-03-15)")


def test_a_claimant_that_opened_its_sentence_reads_lower_case_in_a_line() -> None:
    """ "The officer said" gives "per the officer" beside "per the officer" of another outlet,
    not "per The officer"; "Officials say" gives "per officials" where the article also writes
    the word in lower case; a name keeps its capital."""
    from datetime import date

    from storyline.facts.labels import finding
    from storyline.facts.stage import speaker_case

    text = (
        "The officer said 31 magazines were found. Officials say the search goes on. "
        "The Navy said 31. Reuters said the officials had left. Preliminary reports suggest more."
    )
    assert speaker_case("The officer", text) == "the officer"
    assert speaker_case("The Navy", text) == "the Navy"  # as news style writes it mid-sentence
    assert speaker_case("Officials", text) == "officials"
    assert speaker_case("Reuters", text) == "Reuters"
    assert speaker_case("Preliminary reports", text) == "Preliminary reports"  # never lower here
    assert speaker_case("Local Police", text) == "Local Police"
    day = date(2011, 3, 14)
    facts = (
        fact(31, "magazine", "magazine", outlet="Wire", when=day, attributed_to="the officer"),
        fact(31, "magazine", "magazine", outlet="Daily", when=day, attributed_to="the officer"),
        fact(31, "magazine", "magazine", outlet="Post", when=day, attributed_to="the Navy"),
    )
    line = finding(Group(key=("magazine",), facts=facts, loose=False)).summary
    assert line == "31 (Daily per the officer, Post per the Navy, Wire per the officer, 2011-03-14)"
    alone = finding(Group(key=("magazine",), facts=facts[:1], loose=False)).summary
    assert alone == "31 (Wire per the officer, 2011-03-14)", "one outlet reads as several do"


def test_exact_and_approximate_values_each_read_once_in_a_line() -> None:
    """ "12 (A); ~12 (B); 12 (C)" (outlets in name order) reads as three values."""
    from datetime import date

    from storyline.facts.labels import finding

    day = date(2011, 3, 14)
    facts = tuple(
        fact(12, "people", "people", outlet=name, when=day, approx=name == "Bulletin")
        for name in ("Wire", "Bulletin", "Daily")
    )
    line = finding(Group(key=("people",), facts=facts, loose=False)).summary
    assert line == "12 (Daily, Wire, 2011-03-14); ~12 (Bulletin, 2011-03-14)"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # "six miles" is "10 kilometres" converted and rounded to whole miles (9.66 km)
        (fact(10, "kilometer", "length"), fact(6, "mile", "length"), True),
        (fact(33_000, "foot", "length"), fact(9_900, "meter", "length"), True),
        # beyond half a mile and half a kilometre: 5 miles (8.05 km) is no 10 km
        (fact(10, "kilometer", "length"), fact(5, "mile", "length"), False),
        (fact(10, "kilometer", "length"), fact(7, "mile", "length"), False),
        # figures written finely in both units are converted finely: 72.5 mm is 2.85 inches,
        # and "2.91 inches" is another thing's width
        (fact(72.5, "mm", "length"), fact(2.85, "inch", "length"), True),
        (fact(72.5, "mm", "length"), fact(2.91, "inch", "length"), False),
        (fact(16_700, "foot", "length"), fact(5_090, "meter", "length"), True),
        # one unit under two words rounds nothing: magnitude 5 is not 5.2
        (fact(5, "magnitude", "magnitude"), fact(5.2, "magnitude", "magnitude"), False),
    ],
)
def test_one_measure_in_two_units_agrees_within_the_coarser_rounding(
    a: Fact, b: Fact, same: bool
) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # two ranges that share one end, or overlap with neither holding the other, are two
        # estimates ("another 15 to 20 percent", "an additional 10 to 15 percent"); a range
        # inside another may be one, and one figure read as a range's two ends is a figure
        (fact(15, "percent", "percent", upper=20), fact(10, "percent", "percent", upper=15), False),
        (fact(15, "people", "crowd", upper=20), fact(10, "people", "crowd", upper=15), False),
        (fact(3, "percent", "percent", upper=5), fact(4, "percent", "percent", upper=12), False),
        (fact(15, "people", "crowd", upper=20), fact(16, "people", "crowd", upper=18), True),
        (fact(300, "people", "crowd", upper=500), fact(300, "people", "crowd", upper=300), True),
        # a plain figure at a range's end may be the same count
        (fact(15, "people", "killed", upper=20), fact(20, "people", "killed"), True),
    ],
)
def test_ranges_that_only_overlap_are_two_figures(a: Fact, b: Fact, same: bool) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same
