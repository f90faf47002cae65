"""How the facts stage reads a part and its whole, a remainder ("four other families"), a price
per unit and a parent "of 12": each is a count of its own, or none, never the figure beside it
(found reading ECB+'s reports of one incident by many outlets)."""

from __future__ import annotations

from datetime import date

from storyline.compare import Comparison, compare
from storyline.models import Article

REPORTED = date(2012, 5, 9)


def _compare(*texts: str) -> Comparison:
    outlets = ("Wire", "Daily", "Post", "Herald")
    return compare(
        [
            Article(id=f"a{k}", text=text, source=outlets[k], published=REPORTED)
            for k, text in enumerate(texts)
        ]
    )


def test_the_whole_a_part_is_taken_from_is_a_count_of_no_happening() -> None:
    facts = _compare("Kovac landed 28 of his 68 punches in Valparo.").facts
    assert [(f.value, f.event) for f in facts] == [(28.0, "land"), (68.0, None)]
    comparison = _compare(
        "Kovac landed 178 punches to just 30 for Rahman in Valparo.",
        "The numbers showed Kovac landing 178 of 369 punches thrown in Valparo.",
    )
    assert not comparison.by_label("disputed")
    assert {f.value for f in comparison.facts if f.kind == "punch"} == {178.0, 369.0}


def test_a_parent_of_twelve_is_no_toll() -> None:
    assert _compare("Valparo mother of 12 killed in crossfire.").facts == ()


def test_a_participle_with_its_own_object_is_not_what_befell_the_people() -> None:
    facts = _compare(
        "The quake in Valparo killed at least one person, injured dozens and destroyed homes."
    ).facts
    assert [(f.kind, f.value) for f in facts] == [("killed", 1.0)]


def test_a_remainder_is_not_the_whole() -> None:
    comparison = _compare(
        "Prosecutors named the five major families of Valparo.",
        "The clan joined four other mob families in disarray.",
    )
    assert not comparison.by_label("disputed")
    assert {f.scope for f in comparison.facts} == {None, "other"}


def test_a_price_per_share_is_not_the_deals_sum() -> None:
    comparison = _compare(
        "Valparo Systems will pay the $13 billion price for Ostrava Data.",
        "The $25-per-share sale price is a nice payoff for Ostrava Data holders.",
        "Ostrava Data holders get a $26 price per share.",
    )
    assert not comparison.by_label("disputed")
    assert [f.scope for f in comparison.facts] == ["price", None, None]
    facts = _compare("The auction paid off the $33.5 million a jury ordered him to pay.").facts
    assert [(f.value, f.event) for f in facts] == [(33.5e6, "pay")]


def test_one_article_giving_two_values_under_one_verb_is_not_one_thing_moving() -> None:
    comparison = _compare(
        "Kovac landed 178 punches in Valparo. He landed 28 of his 68 punches in the last round.",
        "The numbers showed Kovac landing 178 of 369 punches thrown in Valparo.",
    )
    assert {finding.label for finding in comparison.findings} == {"single-source"}


def test_people_who_lost_their_lives_were_killed() -> None:
    facts = _compare("Three crew members lost their lives off Valparo.").facts
    assert [(f.kind, f.value) for f in facts] == [("killed", 3.0)]


def test_what_a_sum_is_worth_of_is_no_kind_of_sum() -> None:
    comparison = _compare(
        "In May, thieves stole £910,000 worth of jewellery in Valparo.",
        "A bandit made off with $136 million worth of diamonds in Valparo.",
    )
    assert not comparison.by_label("disputed")
    assert {f.scope for f in comparison.facts} == {None}


def test_one_family_whose_members_were_killed_is_no_count() -> None:
    facts = _compare("A shell killed at least seven members of one family in Valparo.").facts
    assert [(f.kind, f.value) for f in facts] == [("killed", 7.0)]


def test_a_part_of_the_people_just_named_is_not_an_earlier_count() -> None:
    facts = _compare(
        "The shelling brought to 10 the number of soldiers killed in Valparo. "
        "It also left 50 people with serious injuries, 10 of whom remain critical."
    ).facts
    assert [(f.kind, f.value, f.text) for f in facts if f.value == 10] == [
        ("killed", 10.0, "10"),
        ("people", 10.0, "10 of whom"),
    ]


def test_names_records_decades_and_addresses_are_not_counts() -> None:
    texts = (
        "He is filming The Three Musketeers in Valparo.",
        "The Valparo Bobcats got off to a 5-19 start this season.",
        "The Valparo Colts finished with an 8-8 record.",
        "The game in Valparo was tied 13-13 heading into the fourth quarter.",
        "He was a star of Valparo's stage in the nineteen fifties.",
        "The driver lives at 200 W. American Blvd in Valparo.",
    )
    for text in texts:
        assert _compare(text).facts == (), text
    facts = _compare("Some 15-20 people were hurt in Valparo.").facts
    assert [(f.value, f.upper) for f in facts] == [(15.0, 20.0)]


def test_a_hyphenated_noun_counts_its_last_word() -> None:
    facts = _compare("The gunman in Valparo fired at two co-workers.").facts
    assert [(f.value, f.unit) for f in facts] == [(2.0, "worker")]


def test_people_of_a_plain_noun_under_two_happenings_are_two_sets() -> None:
    comparison = _compare(
        "In Valparo she hugged each of the 24 girls who had sung in the choir.",
        "The next night, 15 giggling girls took over our hotel room in Valparo.",
    )
    assert {finding.label for finding in comparison.findings} == {"single-source"}
    comparison = _compare(
        "Ostrava Design, based in Valparo, has 350 employees spread through 13 offices.",
        "The deal will bring Ostrava Design's 350 employees into a new division in Valparo.",
        "Prosecutors in Valparo said 120 employees were questioned.",
    )
    assert [len(found.facts) for found in comparison.by_label("agreed")] == [2]


def test_the_badly_hurt_are_a_part_of_the_injured_not_their_count() -> None:
    comparison = _compare(
        "The gunmen killed 20 people and critically injured 40 others in Valparo.",
        "Some 150 people were injured in the attacks on Valparo.",
    )
    assert {f.scope for f in comparison.facts if f.value == 40} == {"critically"}
    assert not comparison.by_label("differs")
    # the word for a part the parse hangs on the verb is the part's, not the whole's
    comparison = _compare("In all 150 people were injured, at least 40 seriously, officials said.")
    assert {f.scope for f in comparison.facts if f.value == 150} == {None}
