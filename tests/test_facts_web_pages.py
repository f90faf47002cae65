"""How the facts stage reads more habits of web pages (a fresh hand-labelled WikiRef sample): a
player's or a team's record, a birth weight, a named person's family, a second conversion in one
pair of brackets, a yardstick the story is measured against, a sum range whose scale is glued to
its second number, a numbered name said twice, a number closing a name run, a word that stands
in for what is counted, a toll said again under a bare word, and a disaster's measure recalled
from a year long before."""

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
    assert _values("Rovers have played 412 matches and conceded 530 goals.") == []
    assert _values("Albion let in 301 in 412 matches, the fewest of any club.") == []
    assert _values("Rovers top the charts with 980 goals - almost two a game.") == []
    assert _values("The broadcaster pays £9m per match.") == [9e6]
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


def test_a_number_that_closes_a_name_run_names_rather_than_counts() -> None:
    assert _facts("The handset supports Wi-Fi standard IEEE 802.11 and NFC.") == []
    assert _facts("We ran the Vela 3.0 battery life test twice.") == []
    assert _facts("The update switches off the Orion 400 cores at night.") == []
    assert _values("The Standard & Poor's 500 Index lost 1.7 percent.") == [1.7]
    assert _values("The Dorrin 100 index fell 2 percent.") == [2]
    # a measure, a share or a scale after the number is the name's own count
    assert _values("The Vela 3 has a screen of 5.1 inches.") == [5.1]
    assert _values("Greece's 300 lawmakers voted on the plan.") == [300]
    assert _values("Orion sold 2.5 million phones in Valparo.") == [2.5e6]


def test_a_word_that_stands_in_for_what_is_counted_names_nothing() -> None:
    text = "Nine reactors restarted, but the four nearest the coast stayed shut."
    assert _facts(text) == [(9, None, "reactor")]
    assert _facts("The two largest were sold to the city.") == []
    # "others" are counted (people the sentence names by "those"); a noun in -est is a noun
    assert 2 in _values("Four of those are in custody and two others await extradition.")
    assert _values("Police made four arrests at two protests.") == [4, 2]


def test_a_toll_said_again_under_a_bare_word_is_one_fact() -> None:
    text = (
        "In addition to the 129 people killed in Lyon, 352 were injured. "
        "At least one doctor is among the 129 dead, officials said."
    )
    assert _values(text) == [129, 352]
    # a repeat that says whom is kept, and so is a small count said again
    text = "The blast killed 12 people in Lyon. Among them, 12 soldiers were killed."
    assert _values(text) == [12, 12]
    text = "Four men were detained in Lyon on Monday. Four more were arrested on Tuesday."
    assert _values(text) == [4, 4]


def test_a_disasters_measure_recalled_from_long_before_is_background() -> None:
    text = (
        "The quake in 2012 measured 7.1 and killed 40 people. The previous largest was the "
        "Dorrin quake in 1931, which killed 2,000 people, and that was 7.9 magnitude."
    )
    assert _values(text) == [7.1, 40]
    # without a toll recalled with it, a year long before does not make a measure history
    text = "The Vela, launched in 1995, carries 107 personnel, according to a guide."
    assert _values(text) == [107]
    text = "A jury found him liable for their 1994 deaths, awarding the families $8.5 million."
    assert _values(text) == [8.5e6]


def test_the_base_a_change_is_measured_on_is_not_the_storys_figure() -> None:
    text = "The new deal is a 40% rise on the current £2bn deal."
    assert _facts(text) == [(40, None, "percent")]
    assert _values("Sales show a 12% jump on last year's $40 million.") == [12]
    # a share "compared to" may be the same poll's earlier one, which is labelled
    text = "Polls show his support down 3 points compared to the 60 percent he had."
    assert 60 in _values(text)
