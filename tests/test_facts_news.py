"""Rules for news unlike the dev set: many incidents a day, background, plain nouns.

Short stories in our own words, modelled on what the audit (benchmarks/facts_audit.py) found in
war and crisis coverage: tolls of different days compared as one, a decades-old outbreak's count
read as the story's, and one outlet's two reports called a dispute.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline.compare import Comparison, compare
from storyline.facts.days import resolve_day, season_year
from storyline.facts.labels import label_group
from storyline.models import Article

# 16 March 2011 was a Wednesday.
WEDNESDAY = date(2011, 3, 16)


def _article(ident: str, text: str, source: str, published: date) -> Article:
    return Article(id=ident, text=text, source=source, published=published)


def _values(comparison: Comparison, label: str) -> list[set[float]]:
    return [{f.value for f in finding.facts} for finding in comparison.by_label(label)]


def test_a_day_expression_reads_back_from_the_publication_date() -> None:
    assert resolve_day("weekday:0", WEDNESDAY) == date(2011, 3, 14)  # Monday before
    assert resolve_day("weekday:2", WEDNESDAY) == WEDNESDAY  # the same day
    assert resolve_day("back:1", WEDNESDAY) == date(2011, 3, 15)  # last night, yesterday
    assert resolve_day("date:12-30", WEDNESDAY) == date(2010, 12, 30)  # the latest such date
    assert resolve_day("date:2-30", WEDNESDAY) is None
    assert resolve_day(None, WEDNESDAY) is None and resolve_day("weekday:1", None) is None


def test_tolls_of_two_named_days_are_two_things_not_a_dispute() -> None:
    articles = [
        _article("a", "Shelling killed 40 civilians in the old town on Monday.", "A", WEDNESDAY),
        _article("b", "Troops killed 25 civilians in the old town on Wednesday.", "B", WEDNESDAY),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")
    assert {f.happened for f in comparison.facts} == {date(2011, 3, 14), WEDNESDAY}


def test_a_toll_that_rises_after_its_day_is_still_one_changed_count() -> None:
    articles = [
        _article("a", "A car bomb killed 30 people at the market on Wednesday.", "A", WEDNESDAY),
        _article(
            "b",
            "The toll from the market bombing rose to 45 on Thursday, officials said.",
            "B",
            date(2011, 3, 17),
        ),
    ]
    assert _values(compare(articles), "changed") == [{30, 45}]


def test_a_day_the_telling_is_set_on_does_not_date_the_happening() -> None:
    article = _article(
        "a", "Rebels said on Tuesday that 12 fighters were captured.", "A", WEDNESDAY
    )
    assert [f.happened for f in compare([article]).facts] == [None]


def test_a_count_set_decades_before_the_report_is_background() -> None:
    text = (
        "In 1976 an outbreak of a similar flu infected 200 people at one army base. "
        "The new virus has infected 40 people this month."
    )
    facts = compare([_article("a", text, "A", date(2009, 4, 28))]).facts
    assert [f.value for f in facts] == [40]


def test_a_count_set_in_a_recent_year_stays() -> None:
    text = "In 2008 the virus infected 200 people in the province."
    facts = compare([_article("a", text, "A", date(2009, 4, 28))]).facts
    assert [f.value for f in facts] == [200]


def test_one_outlets_two_reports_quoting_two_parties_are_not_a_dispute() -> None:
    articles = [
        _article("c", "Cases have been confirmed in 30 states.", "X", date(2011, 3, 12)),
        _article(
            "a", "Cases are now confirmed in 41 states, the health agency said.", "W", WEDNESDAY
        ),
        _article(
            "b", "Two-thirds of the 36 states are affected, the ministry said.", "W", WEDNESDAY
        ),
    ]
    comparison = compare(articles)
    assert {f.attributed_to for f in comparison.facts} == {
        None,
        "the health agency",
        "the ministry",
    }
    assert not comparison.by_label("disputed")


def test_a_clause_that_goes_on_from_another_happened_on_its_day() -> None:
    texts = {
        "a": "Rebels detonated a bomb on Friday night, killing 10 soldiers.",
        "b": "Eight guards were killed in last night's raids on the depot.",
    }
    got = {
        ident: [f.happened for f in compare([_article(ident, text, "A", WEDNESDAY)]).facts]
        for ident, text in texts.items()
    }
    assert got == {"a": [date(2011, 3, 11)], "b": [date(2011, 3, 15)]}


def test_a_date_opening_the_sentence_without_a_comma_dates_the_happening() -> None:
    # wire copy: "On March 9 police in ... arrested" - the parse may hang the date on "police";
    # two raids a year apart are then two incidents, not one count of arrests risen
    articles = [
        _article(
            "a",
            "On March 9 police in the harbour district arrested six smugglers and seized 40 rifles.",
            "A",
            WEDNESDAY,
        ),
        _article(
            "b", "Police arrested 19 smugglers in a raid, officials said.", "B", date(2012, 5, 2)
        ),
    ]
    comparison = compare(articles)
    assert date(2011, 3, 9) in {f.happened for f in comparison.facts}
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_the_day_of_the_clashes_a_count_happened_in_is_its_day() -> None:
    # "on Wednesday" hangs on "clashes", not on "wounded"; the killing joined to the wounding
    # happened in the same clashes, on the same day.
    text = (
        "At least eight people were killed and more than 340 wounded in clashes around the "
        "country on Wednesday, the health minister said."
    )
    facts = compare([_article("a", text, "A", date(2011, 3, 17))]).facts
    assert [(f.value, f.happened) for f in facts] == [(8, WEDNESDAY), (340, WEDNESDAY)]
    attack = _article("b", "Five guards were killed in the attack on the depot.", "A", WEDNESDAY)
    assert [f.happened for f in compare([attack]).facts] == [None]


def test_tolls_of_two_days_of_clashes_are_not_one_disputed_count() -> None:
    articles = [
        _article(
            "a",
            "Twenty people were killed in Cairo on Tuesday and more than 200 injured.",
            "A",
            date(2011, 3, 15),
        ),
        _article(
            "b",
            "Eight people were killed and more than 340 wounded in clashes on Wednesday.",
            "B",
            WEDNESDAY,
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")


def test_a_count_of_a_people_the_parser_misnames_still_counts_people() -> None:
    # The small model tags "Chechens" as an organisation; fleeing makes them the displaced.
    text = "More than 155,000 Chechens have fled to Ingushetia since the fighting began."
    (fact,) = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert (fact.kind, fact.value) == ("displaced", 155000)


def test_a_count_reported_before_a_named_day_is_not_that_days_count() -> None:
    articles = [
        _article("a", "Two people were injured in the clashes.", "A", date(2011, 3, 12)),
        _article(
            "b", "Eleven people were wounded in a shooting on Sunday.", "B", date(2011, 3, 14)
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_counts_naming_no_day_in_a_story_of_several_days_never_differ() -> None:
    articles = [
        _article("a", "Shelling killed 40 civilians on Monday.", "A", WEDNESDAY),
        _article("b", "Troops killed 25 civilians on Wednesday.", "B", WEDNESDAY),
        _article("c", "The fighting has killed 30 civilians.", "C", date(2011, 3, 17)),
        _article("d", "The fighting has killed 90 civilians.", "D", date(2011, 3, 18)),
        _article("e", "The fighting has killed 90 civilians.", "E", date(2011, 3, 18)),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")
    assert not comparison.by_label("differs")


def test_people_of_two_different_happenings_do_not_agree() -> None:
    articles = [
        _article("a", "Doctors have treated 1,500 people at the field hospital.", "A", WEDNESDAY),
        _article("b", "Some 1,500 people have joined the search teams.", "B", WEDNESDAY),
    ]
    assert not compare(articles).by_label("agreed")
    same = [
        _article("a", "Doctors have treated 1,500 people at the field hospital.", "A", WEDNESDAY),
        _article("b", "Medics treated 1,500 people in the first two days.", "B", WEDNESDAY),
    ]
    assert _values(compare(same), "agreed") == [{1500}]


def _counted(text: str) -> list[float]:
    return [f.value for f in compare([_article("a", text, "A", WEDNESDAY)]).facts]


def test_clock_times_addresses_and_descriptions_of_a_body_are_not_counted() -> None:
    assert _counted("Updated 21.15 GMT: the crowd of 3,000 people dispersed.") == [3000]
    assert _counted("Protesters gathered outside 10 Downing Street, and 12 were arrested.") == [12]
    assert _counted("The 27-nation bloc met as the 12-member council voted.") == []
    assert _counted("Envoys of the union's 27 member states met in a five-star hotel.") == []


def test_the_population_of_a_place_is_not_a_count_of_the_story() -> None:
    assert _counted("The country is home to some 80 million people.") == []
    assert _counted("He claimed the backing of Ruritania's 24 million people.") == []
    assert _counted("The floods drove 80,000 people from their homes.") == [80000]


def test_an_item_of_a_list_of_things_hit_is_not_the_count_of_targets() -> None:
    articles = [
        _article("a", "Officials said the jets hit three ground targets.", "A", WEDNESDAY),
        _article(
            "b", "The jets hit eight bunkers, four fuel sites and two trucks.", "B", WEDNESDAY
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("disputed") and not comparison.by_label("differs")
    assert {f.scope for f in comparison.facts if f.kind == "target"} == {None, "site"}


def test_a_count_in_one_building_is_not_the_count_of_the_story() -> None:
    articles = [
        _article("a", "About 200 people were missing in the Grand Hotel.", "A", WEDNESDAY),
        _article("b", "More than 300 people are still missing.", "B", date(2011, 3, 18)),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("differs")


def test_last_and_a_weekday_is_left_undated() -> None:
    article = _article("a", "The storm killed 12 people last Tuesday.", "A", WEDNESDAY)
    assert [f.happened for f in compare([article]).facts] == [None]


def test_an_outbreak_set_decades_back_in_its_subject_is_background() -> None:
    assert _counted("An outbreak of a similar flu in 1976 infected 200 soldiers.") == []


def test_two_words_for_people_are_not_two_units_of_one_measure() -> None:
    articles = [
        _article("a", "The virus has caused 108 deaths in the country.", "A", WEDNESDAY),
        _article("b", "The virus has killed 109 people in the country.", "B", date(2011, 3, 17)),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("agreed")
    assert _values(comparison, "changed") == [{108, 109}]


def test_a_figure_above_an_earlier_lower_bound_is_the_count_risen() -> None:
    articles = [
        _article("a", "The flu has killed at least 126 people.", "A", date(2011, 3, 3)),
        _article("b", "The flu has killed 140 people.", "B", date(2011, 3, 11)),
    ]
    assert _values(compare(articles), "changed") == [{126, 140}]
    restated = [
        _article("a", "The bombing killed 253 people.", "A", date(2011, 3, 3)),
        _article("b", "The bombing killed more than 200 people.", "B", date(2011, 3, 11)),
    ]
    assert _values(compare(restated), "agreed") == [{253, 200}]


def test_two_lower_bounds_agree_only_when_the_finer_one_lies_just_above() -> None:
    day = date(2011, 5, 12)
    articles = [
        _article("a", "More than 100 refugees from Misrata arrived in Benghazi.", "A", day),
        _article("b", "A ship arrived in Benghazi carrying at least 108 refugees.", "B", day),
    ]
    assert _values(compare(articles), "agreed") == [{100, 108}]
    apart = [
        _article("a", "The bombing killed more than 200 people.", "A", day),
        _article("b", "The bombing killed more than 250 people.", "B", day),
    ]
    assert not compare(apart).by_label("agreed")


def test_blows_struck_are_counted_and_two_outlets_giving_two_counts_dispute() -> None:
    articles = [
        _article(
            "a", "Shepard was beaten more than 20 times on the head.", "A", date(1999, 10, 25)
        ),
        _article(
            "b",
            "Shepard was struck at least 20 times, a coroner testified.",
            "B",
            date(1999, 10, 26),
        ),
        _article(
            "c", "The student suffered at least 18 blows to the head.", "C", date(1999, 11, 1)
        ),
        _article(
            "d",
            "He visited the bar five times. The town was hit three times.",
            "D",
            date(1999, 11, 2),
        ),
    ]
    comparison = compare(articles)
    assert _values(comparison, "disputed") == [{20, 18}]
    assert {f.value for f in comparison.facts if f.article_id == "d"} == set()


def test_outlets_repeating_one_undated_figure_in_a_story_of_several_days_agree() -> None:
    articles = [
        _article("a", "Shelling killed 40 civilians on Monday.", "A", WEDNESDAY),
        _article("b", "Troops killed 25 civilians on Wednesday.", "B", WEDNESDAY),
        _article("c", "The siege has killed as many as 300 civilians.", "C", date(2011, 3, 17)),
        _article("d", "The siege has killed as many as 300 civilians.", "D", date(2011, 3, 18)),
        _article("e", "The siege has killed 90 civilians.", "E", date(2011, 3, 18)),
    ]
    comparison = compare(articles)
    assert _values(comparison, "agreed") == [{300}]
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_a_score_and_the_size_of_a_league_or_a_bomb_are_not_counts() -> None:
    assert _counted("The home side won 98-91 and is last of the 30-team league.") == []
    assert _counted("Jets dropped two 500-pound bombs on the depot.") == [2]
    assert _counted("Between 15-20 people were hurt.") == [15]


def test_a_teams_gap_in_the_table_is_no_count_but_a_polls_gap_stays() -> None:
    assert _counted("The Rovers are 10 points behind fifth-placed Dunmore.") == []
    assert _counted("Dunmore are six points clear at the top after 30 fans were hurt.") == [30]
    assert _counted("Labour is 10 points behind the Greens in the latest poll.") == [10]


def test_a_vote_tally_written_like_a_score_stays() -> None:
    assert _counted("The council approved the curfew by a 9-4 vote.") == [9, 4]


def test_the_audit_skips_without_the_shared_data_and_detokenises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import facts_audit

    monkeypatch.setattr(facts_audit, "DATA", tmp_path / "absent")
    assert facts_audit.main(["--story", "haiti-week1"]) == 0
    assert "skipped" in capsys.readouterr().out
    text = "The toll -LRB- official -RRB- rose to 3,000 , officials said ; it was n't $ 5 ."
    assert facts_audit.detokenise(text) == (
        "The toll (official) rose to 3,000, officials said; it wasn't $5."
    )
    assert (
        facts_audit.ecb_detokenise("at 3 : 33 a . m in the U . S .") == "at 3:33 a.m. in the U.S."
    )


def test_the_audit_reads_an_ecbplus_subtopic_as_one_story_of_many_outlets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import facts_audit

    docs = [
        ("1_1ecb.xml", "1_ecb", "A quake killed 12 people in Valparo ."),
        (
            "1_2ecbplus.xml",
            "1_ecbplus",
            "http : / / www . example . com / 2013 / quake\nMay 03 , 2013\nThe quake killed 12 .",
        ),
    ]
    (tmp_path / "ecbplus").mkdir()
    (tmp_path / "ecbplus" / "ecbplus_docs.jsonl").write_text(
        "".join(json.dumps({"doc": d, "subtopic": s, "text": t}) + "\n" for d, s, t in docs)
    )
    monkeypatch.setattr(facts_audit, "DATA", tmp_path)
    assert facts_audit.ecbplus_subtopics() == ["1_ecb", "1_ecbplus"]
    assert facts_audit.story_rows(facts_audit.StorySpec("x", "ecbplus", "1_ecbplus", "", "")) == [
        {
            "id": "1_2ecbplus.xml",
            "source": "example.com",
            "date": "2013-05-03",
            "text": "May 03, 2013\nThe quake killed 12.",
        }
    ]
    assert facts_audit.main(["--ecbplus", "--story", "1_ecb", "--mentions", "1"]) == 0
    assert "## 1_ecb: 1 articles, 1 outlets, 1 facts" in capsys.readouterr().out


def test_single_figures_of_a_toll_change_only_as_a_tally_over_three_dates() -> None:
    two = [
        _article("a", "One soldier was killed at a checkpoint.", "A", date(2011, 3, 12)),
        _article("b", "Four soldiers were killed in street fighting.", "B", WEDNESDAY),
        _article("c", "Four soldiers were killed in street fighting.", "C", WEDNESDAY),
    ]
    comparison = compare(two)
    assert not comparison.by_label("changed")
    assert _values(comparison, "agreed") == [{4}]  # the two outlets' one figure still agrees
    tally = [
        _article(k, f"The virus has killed {n} people in the city.", k, date(2011, 3, day))
        for k, n, day in (("a", "three", 10), ("b", "four", 12), ("c", "six", 15))
    ]
    assert _values(compare(tally), "changed") == [{3, 4, 6}]


def test_a_single_figure_toll_and_a_larger_one_later_are_two_incidents() -> None:
    articles = [
        _article("a", "Six rebels were killed in the raid on the depot.", "A", date(2011, 3, 12)),
        _article("b", "Troops killed 27 rebels near the airport.", "B", WEDNESDAY),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")
    rising = [
        _article("a", "The blast killed 12 people, police said.", "A", date(2011, 3, 12)),
        _article("b", "The blast killed 31 people, police said.", "B", WEDNESDAY),
    ]
    assert _values(compare(rising), "changed") == [{12, 31}]


def test_two_single_figure_tolls_on_one_day_are_not_a_dispute() -> None:
    articles = [
        _article("a", "Two people were killed in clashes in the city.", "A", WEDNESDAY),
        _article("b", "Four people were killed when a mob stormed a house.", "B", WEDNESDAY),
    ]
    assert not compare(articles).by_label("disputed")
    larger = [
        _article("a", "Clashes in the city killed 40 people, medics said.", "A", WEDNESDAY),
        _article("b", "Clashes in the city killed 55 people, activists said.", "B", WEDNESDAY),
    ]
    assert _values(compare(larger), "disputed") == [{40, 55}]


def test_a_later_lower_bound_that_rounds_no_earlier_figure_does_not_agree_with_it() -> None:
    articles = [
        _article("a", "Shelling killed 184 people across the country.", "A", date(2011, 3, 9)),
        _article("b", "At least 143 people were killed across the country.", "B", WEDNESDAY),
    ]
    assert not compare(articles).by_label("agreed")
    restated = [
        _article("a", "The bombing killed 253 people, officials said.", "A", date(2011, 3, 9)),
        _article("b", "The bombing killed more than 250 people.", "B", WEDNESDAY),
    ]
    assert _values(compare(restated), "agreed") == [{253, 250}]


def test_a_figure_a_bound_already_said_is_no_rise() -> None:
    said = [
        _article("a", "Clashes injured more than 260 people, medics said.", "A", WEDNESDAY),
        _article("b", "Clashes injured 261 people, medics said.", "B", date(2011, 3, 18)),
    ]
    assert _values(compare(said), "agreed") == [{260, 261}]
    risen = [
        _article("a", "Clashes injured more than 260 people, medics said.", "A", WEDNESDAY),
        _article("b", "Clashes injured 284 people, medics said.", "B", date(2011, 3, 18)),
    ]
    assert _values(compare(risen), "changed") == [{260, 284}]


def test_a_sum_written_to_two_steps_is_no_dispute() -> None:
    rounded = [
        _article("a", "The agency launched a $5bn aid appeal for the region.", "A", WEDNESDAY),
        _article("b", "The agency launched a $5.1 billion aid appeal.", "B", WEDNESDAY),
    ]
    assert not compare(rounded).by_label("disputed")
    apart = [
        _article("a", "The agency launched a $5bn aid appeal for the region.", "A", WEDNESDAY),
        _article("b", "The agency launched a $5.6 billion aid appeal.", "B", WEDNESDAY),
    ]
    assert _values(compare(apart), "disputed") == [{5e9, 5.6e9}]


def test_a_much_lower_count_from_another_outlet_days_later_is_not_an_update() -> None:
    articles = [
        _article(
            "a", "Police detained at least 90 people at the square on Wednesday.", "A", WEDNESDAY
        ),
        _article(
            "b", "Police said 70 people were detained after the protests.", "B", date(2011, 3, 21)
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")


def test_an_official_count_revised_down_a_little_is_still_changed() -> None:
    articles = [
        _article("a", "The quake injured 33,559 people, the crisis centre said.", "A", WEDNESDAY),
        _article(
            "b", "The quake injured 33,495 people, the crisis centre said.", "B", date(2011, 3, 18)
        ),
    ]
    assert _values(compare(articles), "changed") == [{33559, 33495}]


def test_a_bound_before_a_currency_sign_is_read() -> None:
    text = "The company agreed to settle the lawsuits for at least $3 billion."
    (fact,) = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert (fact.value, fact.bound, fact.text) == (3e9, "min", "at least $3 billion")


def test_who_did_the_killing_is_not_counted_as_killed() -> None:
    text = (
        "Three soldiers killed two civilians near the border. "
        "Militiamen killed 19 people from four families. "
        "Six people were killed by five gunmen. "
        "Four rebels were killed and 12 soldiers wounded."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert {(f.value, f.kind) for f in facts} == {
        (3, "soldier"),
        (2, "killed"),
        (19, "killed"),
        (4, "family"),
        (6, "killed"),
        (5, "gunman"),
        (4, "killed"),
        (12, "injured"),
    }


def test_one_person_the_story_turns_to_is_not_a_count() -> None:
    text = (
        "One survivor wept quietly outside the embassy. "
        "One refugee told reporters the camp was full. "
        "One soldier was killed at the checkpoint."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind) for f in facts] == [(1, "killed")]


def test_sites_are_targets_only_when_struck() -> None:
    text = (
        "The ministry said its jets struck nine militant sites. "
        "Some 1,000 people sought help at three aid sites. "
        "All four of its medical facilities were damaged."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind) for f in facts] == [
        (9, "target"),
        (1000, "people"),
        (3, "site"),
        (4, "facility"),
    ]


def test_equal_counts_of_people_under_different_happenings_are_not_one_agreed_count() -> None:
    articles = [
        _article("a", "The minister said 100,000 people would be sent to camps.", "A", WEDNESDAY),
        _article("b", "About 100,000 people will be sent to camps, he said.", "B", WEDNESDAY),
        _article("c", "Oxfam is targeting nearly 100,000 people with clean water.", "C", WEDNESDAY),
        _article("d", "Some 2,000 people marched and 300 people were evacuated.", "D", WEDNESDAY),
    ]
    agreed = compare(articles).by_label("agreed")
    assert [sorted(f.article_id for f in finding.facts) for finding in agreed] == [["a", "b"]]


def test_date_stamps_plural_kilometres_and_a_nations_pounds() -> None:
    text = (
        "Photos 20110821 Libyan rebels take position during fighting. "
        "Rebels advanced some 40 kms along the coast road. "
        "The government sold 4 billion Egyptian pounds of bills. "
        "Smith, who weighed about 270 pounds, took the drug."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind, f.unit) for f in facts] == [
        (40, "length", "km"),
        (4e9, "money", "pound"),
    ]


def test_a_number_before_a_capitalised_singular_noun_is_a_name() -> None:
    text = (
        "Troops of the 32 Brigade shelled the town. "
        "Jets took off from 77 Base at dawn. "
        "Bomb Kills 20 People In Market. "
        "Gunmen attacked two Atlanta brokerages."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [f.value for f in facts] == [20, 2]


def test_last_years_count_and_this_years_are_two_things() -> None:
    articles = [
        _article("a", "The virus has infected 62 people in the city.", "A", date(1999, 9, 27)),
        _article(
            "b",
            "Last year, seven people died and 55 others were infected in the city. "
            "This year, 13 people have been infected in the city.",
            "B",
            date(2000, 9, 27),
        ),
    ]
    comparison = compare(articles)
    assert {(f.value, f.year) for f in comparison.facts if f.kind == "infected"} == {
        (62, None),
        (55, 1999),
        (13, 2000),
    }
    assert not [f for f in comparison.findings if f.label in ("changed", "disputed", "differs")]


def test_last_years_count_given_two_ways_by_two_outlets_is_disputed() -> None:
    articles = [
        _article(
            "a",
            "Last year the fever killed 12 people and made 48 others ill in the valley.",
            "A",
            date(2000, 7, 31),
        ),
        _article(
            "b",
            "Last summer, 12 people died and 57 others were infected in the valley.",
            "B",
            date(2000, 8, 15),
        ),
        _article(
            "c",
            "Last year, 12 people died and 48 others were infected in the valley.",
            "C",
            date(2000, 9, 27),
        ),
    ]
    comparison = compare(articles)
    infected = [f for f in comparison.facts if f.kind == "infected"]
    assert {(f.value, f.year) for f in infected} == {(48, 1999), (57, 1999)}
    assert _values(comparison, "disputed") == [{48, 57}]
    assert _values(comparison, "agreed") == [{12}]


def test_a_past_years_count_early_next_year_or_in_single_figures_is_no_dispute() -> None:
    january = [
        _article("a", "Last year the storm killed 120 people.", "A", date(2001, 1, 4)),
        _article("b", "Last year the storm killed 160 people.", "B", date(2001, 1, 9)),
    ]
    assert not compare(january).by_label("disputed")  # December's storm may still be counted
    small = [
        _article("a", "Last year the fever killed six people in the city.", "A", date(2000, 7, 1)),
        _article(
            "b", "Last year the fever killed seven people in the city.", "B", date(2000, 8, 1)
        ),
    ]
    assert not compare(small).by_label("disputed")


def test_last_summer_is_last_years_until_the_summer_is_over() -> None:
    assert season_year("summer", date(2000, 8, 15)) == 1999
    assert season_year("summer", date(2000, 10, 2)) == 2000
    assert season_year("spring", date(2000, 5, 31)) == 1999


def test_people_made_ill_or_falling_sick_are_the_infected() -> None:
    text = (
        "The fever made 48 others ill in the valley. "
        "Thirty people fell sick after the feast. "
        "The clinic treats 300 mentally ill patients."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind) for f in facts if f.kind == "infected"] == [
        (48, "infected"),
        (30, "infected"),
    ]


def test_a_toll_of_several_attacks_is_their_total() -> None:
    text = "The attacks killed two people and injured 124. The bombing injured 111 people."
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.scope) for f in facts] == [(2, "in all"), (124, "in all"), (111, None)]


def test_a_lower_count_from_another_outlet_days_later_contradicts_it() -> None:
    articles = [
        _article("a", "The bombing injured 111 people.", "A", date(2011, 3, 1)),
        _article("b", "The bombing wounded more than 100 others.", "B", date(2011, 3, 9)),
        _article("c", "In the bombing, 100 were injured.", "C", date(2011, 3, 10)),
    ]
    assert _values(compare(articles), "disputed") == [{111, 100}]


def test_a_dateline_in_capitals_is_not_what_is_counted() -> None:
    text = "Police killed at least 40 demonstrators SANAA, Yemen - The state declared an emergency."
    (fact,) = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert (fact.value, fact.unit) == (40, "demonstrator")


def test_who_fled_or_died_is_who_it_befell_even_with_an_object() -> None:
    text = (
        "Some 2,000 residents fled the city on Monday. "
        "About 40,000 Syrians have fled the fighting. "
        "Hundreds died and 3,000 people fled the flooded district."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind) for f in facts] == [
        (2000, "displaced"),
        (40000, "displaced"),
        (3000, "displaced"),
    ]


def test_claimants_who_claim_or_estimate_in_the_present_are_named() -> None:
    articles = [
        _article("a", "Organisers claim 12,000 people marched on Saturday.", "A", WEDNESDAY),
        _article("b", "Police estimate 8,000 people marched on Saturday.", "B", WEDNESDAY),
    ]
    comparison = compare(articles)
    assert {(f.value, f.attributed_to) for f in comparison.facts} == {
        (12000, "Organisers"),
        (8000, "Police"),
    }
    assert _values(comparison, "disputed") == [{12000, 8000}]


def test_a_year_naming_the_subject_or_the_clause_before_sets_background() -> None:
    in_2010 = date(2010, 1, 15)
    for text in (
        "The 1995 earthquake killed 6,400 people in the port city.",
        "In 1998 a cyclone destroyed 400 homes and killed 60 people.",
    ):
        assert compare([_article("a", text, "A", in_2010)]).facts == ()
    kept = compare([_article("a", "Aid workers hope 1000 tents will follow.", "A", in_2010)])
    assert [f.value for f in kept.facts] == [1000]  # a plural's number is a count, not a year
    # a number before a unit is a measure of the subject, not its year
    for text in (
        "A faster 1066 MHz bus with 6MB of cache speeds up the new laptop.",
        "The 1500 km pipeline carried 300 barrels a day.",
    ):
        assert compare([_article("a", text, "A", in_2010)]).facts != (), text


def test_a_bare_number_joined_to_a_count_with_its_own_place_counts_the_same() -> None:
    text = "Shelling killed 10 people in Homs and five in Hama on Monday."
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind, f.place) for f in facts] == [
        (10, "killed", "Homs"),
        (5, "killed", "Hama"),
    ]
    # without a place of its own, "four on the ground" may be other people: not read
    text = "The crash killed all 109 people on board and four on the ground."
    assert [f.value for f in compare([_article("a", text, "A", WEDNESDAY)]).facts] == [109]


def test_a_part_including_a_place_of_its_own_counts_the_same() -> None:
    text = "The storm killed 40 people on Monday, including 12 in Haiti and 9 in Cuba."
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind, f.place) for f in facts] == [
        (40, "killed", None),
        (12, "killed", "Haiti"),
        (9, "killed", "Cuba"),
    ]


def test_a_bare_count_whose_copula_says_what_befell_them() -> None:
    text = "At least 160 people died in Valparo and 1,000 were missing on Monday."
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.kind) for f in facts] == [(160, "killed"), (1000, "missing")]


def test_tolls_of_incidents_of_different_kinds_are_not_one_toll_changed() -> None:
    articles = [
        _article("a", "A rare ice storm swept the hills, leaving 6 people dead.", "A", WEDNESDAY),
        _article(
            "b", "More than 70 were killed in twin blasts at a bus depot.", "B", date(2011, 3, 19)
        ),
        _article(
            "c", "At least 90 people died after the blasts at the depot.", "C", date(2011, 3, 21)
        ),
    ]
    comparison = compare(articles)
    assert _values(comparison, "changed") == [{70, 90}]  # the blasts' toll rose; no storm in it
    assert not comparison.by_label("disputed")
    assert {f.incident for f in comparison.facts} == {("weather",), ("blast",)}


def test_sizes_of_studies_are_not_one_count_updated() -> None:
    """Each trial of a treatment is counted once; a later, larger one does not update it (a DUC
    story's four trials, 135 to 330 patients over 18 months, read as one count rising)."""
    text = "In a study of 140 patients, the drug eased the pain."
    (fact,) = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert fact.incident == ("study",)
    reports = [(135, date(1998, 8, 3), "A"), (151, date(1999, 3, 18), "B")]
    reports += [(180, date(1999, 8, 23), "A"), (330, date(2000, 1, 30), "A")]
    trials = [
        replace(fact, value=value, when=day, outlet=outlet, article_id=f"{outlet}{value}")
        for value, day, outlet in reports
    ]
    assert label_group(trials) == "differs"
    assert label_group([replace(f, incident=()) for f in trials]) == "changed"  # a rising count
    assert label_group([trials[0], replace(trials[0], outlet="B")]) == "agreed"  # one study


def test_one_incident_told_in_other_words_still_rises_as_one_toll() -> None:
    articles = [
        _article("a", "The explosion at the depot killed 30 people.", "A", WEDNESDAY),
        _article("b", "The toll of the depot bombing rose to 45.", "B", date(2011, 3, 18)),
    ]
    assert _values(compare(articles), "changed") == [{30, 45}]


def test_a_capital_word_opening_a_sentence_is_no_place() -> None:
    text = "With 21 dead and 300 injured, the square stayed full."
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [(f.value, f.place) for f in facts] == [(21, None), (300, None)]


def test_a_heading_word_or_a_bracketed_name_after_a_number_is_not_what_it_counts() -> None:
    for text in (
        "A blast at the market kills four COVERAGE FROM THE CAPITAL -- a bomber struck at noon.",
        "State radio put the toll at 52 ( BBC ) -- Dozens were hurt in the bombing.",
        # a headline run into the next sentence: a capital article starts that sentence
        "Toll climbs past 4,000 A Shell spokesman said the staff had left the country.",
    ):
        units = {f.unit for f in compare([_article("a", text, "A", WEDNESDAY)]).facts}
        assert not units & {"coverage", "bbc", "spokesman"}
    # an article in lower case after a number does not part it from what it counts
    text = "Four of the president's top security aides were killed in the bombing."
    assert {f.value for f in compare([_article("a", text, "A", WEDNESDAY)]).facts} == {4}


def test_a_distance_that_says_where_a_town_lies_is_not_the_story_s() -> None:
    for text in (
        "Fighters pushed west from Brega, which lies about 240 kilometers east of the capital.",
        "Ten boats in the harbour of Palamos, some 95 km ( 60 miles ) from Girona, stay idle.",
    ):
        kinds = {f.kind for f in compare([_article("a", text, "A", WEDNESDAY)]).facts}
        assert "length" not in kinds
    text = "The wreck lies 250 feet down, 60 miles south of the island."
    assert {f.value for f in compare([_article("a", text, "A", WEDNESDAY)]).facts} >= {60}


def test_a_scale_letter_set_off_by_a_space_after_a_currency_sign_is_a_million() -> None:
    (fact,) = compare(
        [_article("a", "The blockade costs the port $3 m a day.", "A", WEDNESDAY)]
    ).facts
    assert (fact.kind, fact.value) == ("money", 3_000_000)


def test_a_noun_past_a_finite_verb_is_not_what_a_number_counts() -> None:
    text = "Four dead as police storm the camp and burn the protesters' tents on Friday."
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert "tent" not in {f.kind for f in facts}


def test_the_west_is_no_place_of_the_people_it_describes() -> None:
    text = "Two Western reporters killed in the old town last week were buried on Monday."
    (fact,) = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert (fact.value, fact.place) == (2, None)


def test_incident_kinds_are_read_near_the_number() -> None:
    from storyline.facts.incidents import incident_kinds, incidents_differ

    def kinds(text: str, number: str) -> frozenset[str]:
        at = text.index(number)
        return incident_kinds(text, at, at + len(number))

    ground = kinds("Tanks shelled two suburbs overnight and at least 18 people died.", "18")
    air = kinds("Officials said 64 people died in the air raids on the port.", "64")
    assert "fighting" in ground and "bombardment" in air
    assert not incidents_differ(ground, air)  # "shelled" is a bombardment too
    assert incidents_differ(kinds("Tanks rolled in and 18 people died.", "18"), air)
    assert kinds("The attack left 12 people dead.", "12") == frozenset()  # says no kind


def test_a_number_before_a_name_in_the_singular_counts_nothing_it_names() -> None:
    text = "Leaders condemn the killing of 61 Daily Courier Lebanon blames rebels for the raid."
    units = {f.unit for f in compare([_article("a", text, "A", WEDNESDAY)]).facts}
    assert "lebanon" not in units


def test_a_page_s_instruction_and_a_list_s_items_are_no_quantities() -> None:
    for text in (
        "Choose a name with 4-20 letters and digits only",
        "Five things to watch as the talks resume on Monday.",
    ):
        assert compare([_article("a", text, "A", WEDNESDAY)]).facts == ()


def test_where_a_town_or_the_writer_is_is_no_distance_of_the_story() -> None:
    for text in (
        "Roofs fell in at Marigot, a village about 30km (19 miles) to the east, aid staff said.",
        "Since we are 20 miles from the capital, no convoy has reached us.",
    ):
        kinds = {f.kind for f in compare([_article("a", text, "A", WEDNESDAY)]).facts}
        assert "length" not in kinds


def test_passengers_and_crew_are_counted_together_and_seats_hold_a_hall() -> None:
    # "carrying 120 passengers and crew" counts everyone aboard: not the passengers, whom the
    # other report counts apart from the crew; "a 900-seat theatre" holds 900 seats.
    first = _article(
        "a",
        "The ferry, carrying 120 passengers and crew, sank off Tolvey. The fire began in "
        "the 900-seat Arden theatre on the upper deck.",
        "Coastline Daily",
        WEDNESDAY,
    )
    second = _article(
        "b",
        "There were 110 passengers and 10 crew on board the ferry when it sank off Tolvey. "
        "Survivors said the fire started in the ship's 900-seat theatre.",
        "Harbour Wire",
        WEDNESDAY,
    )
    comparison = compare([first, second])
    kinds = {(f.kind, f.value) for f in comparison.facts}
    assert ("passenger", 120.0) not in kinds
    assert {("people", 120.0), ("passenger", 110.0), ("seat", 900.0)} <= kinds
    assert {900.0} in _values(comparison, "agreed")
    assert not comparison.by_label("disputed") and not comparison.by_label("changed")


def test_a_rising_toll_with_a_same_day_contradiction_is_disputed_once_an_intruder_leaves() -> None:
    # A global flu toll rising over a week, two outlets apart on one day, and a crash's toll
    # that met it under "killed": the crash is set apart, and the rest is one count disputed
    # (GUIDELINES: two outlets, one day, two values), not a group whose values merely differ.
    reports = [
        ("a", "The new flu has killed 50 people, the health agency said.", "Wire", 14),
        ("b", "The new flu has killed 65 people in 34 countries.", "Daily", 16),
        ("c", "At least 72 people have died of the new flu, the health agency says.", "Post", 16),
        ("d", "The new flu has killed 74 people.", "Herald", 18),
        ("e", "A helicopter crashed into a crane, killing two.", "Courier", 19),
        ("f", "The new flu has killed 85 people.", "Globe", 21),
    ]
    comparison = compare(
        [_article(ident, text, source, date(2009, 5, day)) for ident, text, source, day in reports]
    )
    assert _values(comparison, "disputed") == [{50, 65, 72, 74, 85}]
    assert not comparison.by_label("differs")


def test_a_toll_of_named_people_is_their_sub_group_not_the_story_s_toll() -> None:
    articles = [
        _article("a", "The quake's death toll in Haiti rose to 150,000.", "A", date(2010, 1, 20)),
        _article(
            "b",
            "Brazil says the death toll of its peacekeepers in Haiti has risen to 14.",
            "B",
            date(2010, 1, 20),
        ),
        _article(
            "c", "Officials put the number of refugees at over 156,000.", "C", date(2010, 1, 21)
        ),
    ]
    scopes = {f.value: f.scope for f in compare(articles).facts}
    assert scopes == {150_000: None, 14: "peacekeeper", 156_000: None}


def test_the_dead_are_placed_where_they_died_and_their_burials_are_a_count_of_their_own() -> None:
    (chinese,) = compare(
        [
            _article(
                "a",
                "Meanwhile, the bodies of eight Chinese nationals killed in the quake have arrived"
                " back in Beijing in a ceremony attended by relatives.",
                "A",
                date(2010, 1, 19),
            )
        ]
    ).facts
    assert (chinese.kind, chinese.place) == ("killed", None)
    articles = [
        _article(
            "a", "At least 70,000 people who died have already been buried.", "A", date(2010, 1, 19)
        ),
        _article("b", "At least 70,000 victims have already been buried.", "B", date(2010, 1, 20)),
        _article(
            "c",
            "At least 75,000 bodies have so far been buried, the government said.",
            "C",
            date(2010, 1, 22),
        ),
        _article(
            "d", "The quake killed 150,000 people, the government said.", "D", date(2010, 1, 24)
        ),
    ]
    comparison = compare(articles)
    (buried,) = comparison.by_label("changed")
    assert {f.value for f in buried.facts} == {70_000, 75_000} and buried.what == "bodies buried"
    assert {f.scope for f in comparison.facts if f.value == 150_000} == {None}


def test_unnamed_people_meet_on_a_round_figure_only_when_written_alike_or_one_happening() -> None:
    day = date(2015, 11, 16)
    articles = [
        _article(
            "a",
            "Hospitals said that of the 80 people admitted in a critical condition, 29 remained.",
            "A",
            day,
        ),
        _article(
            "b",
            "The mayor received a list of more than 80 people suspected as militants.",
            "B",
            day,
        ),
        _article("c", "Some two million people are thought to need emergency relief.", "C", day),
        _article("d", "Some two million people are thought to need emergency relief.", "D", day),
    ]
    assert _values(compare(articles), "agreed") == [{2_000_000}]


def test_soldiers_of_two_nations_wounded_the_same_day_are_two_counts() -> None:
    articles = [
        _article(
            "a", "The military said one Turkish soldier was wounded in a clash.", "A", WEDNESDAY
        ),
        _article(
            "b", "Two Austrian soldiers were wounded in fighting near the crossing.", "B", WEDNESDAY
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("disputed")
    assert {f.scope for f in comparison.facts} == {"Turkish soldier", "Austrian soldier"}


def test_a_crashs_toll_aboard_and_on_the_ground_are_parts_of_its_whole() -> None:
    reports = [
        (
            "The airliner crashed near Ostrava, killing all 88 people on board and 12 on the ground.",
            "Wire",
        ),
        ("All 88 people aboard and 12 people on the ground were killed.", "Daily"),
        ("The crash killed 100 people, officials said.", "Post"),
        ("Relatives mourned the 100 people killed in the crash.", "Herald"),
    ]
    articles = [
        _article(f"a{i}", text, source, WEDNESDAY) for i, (text, source) in enumerate(reports)
    ]
    comparison = compare(articles)
    assert sorted(map(sorted, _values(comparison, "agreed"))) == [[12.0], [88.0], [100.0]]
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")
    # with no one killed on the ground, "all 88 aboard" is the toll every report gives
    aboard = _article("c", "The jet crashed, killing all 88 people on board.", "Wire", WEDNESDAY)
    alone = compare([aboard, _article("b", "The crash killed 88 people.", "Post", WEDNESDAY)])
    assert _values(alone, "agreed") == [{88.0}]


def test_a_count_in_a_clause_going_on_from_another_happened_on_its_day() -> None:
    """ "On Friday, police opened fire, killing 30 and leaving more than 100 wounded": the
    wounded were counted on the firing's day, two clauses up; a clause set against another's
    time ("three days after militants attacked ..., killing 16") does not take that one's day."""
    saturday = date(2011, 3, 12)
    text = (
        "On Friday, police opened fire on protesters in the capital, killing at least 30 "
        "people and leaving more than 100 wounded, doctors said. Three days after militants "
        "attacked an army post, killing 16 soldiers, the president on Saturday sacked his "
        "intelligence chief."
    )
    comparison = compare([_article("a", text, "A", saturday)])
    happened = {f.value: f.happened for f in comparison.facts}
    assert happened[100] == date(2011, 3, 11) and happened[30] == date(2011, 3, 11)
    assert happened[16] is None


def test_tolls_of_two_named_months_are_two_things_not_a_toll_that_rose() -> None:
    """ "Up to 2,000 killed in May" and "2,386 killed in June" are two months' tolls; a month
    that dates another clause ("the uprising, which began in March, has killed 9,000") or
    dates what was not a count of people ("detonated five devices in May") is no window."""
    articles = [
        _article(
            "a",
            "Up to 2,000 people were killed in Syria in May alone, a monitoring group said.",
            "A",
            date(2012, 6, 28),
        ),
        _article(
            "b",
            "Activists said 2,386 people were killed across Syria in June.",
            "B",
            date(2012, 7, 1),
        ),
        _article(
            "c",
            "The uprising, which began in March, has killed 9,000 people. India detonated five "
            "nuclear devices in May.",
            "C",
            date(2012, 7, 1),
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("changed") and not comparison.by_label("disputed")
    windows = {f.value: f.window for f in comparison.facts}
    assert windows[2000] == "May" and windows[2386] == "June"
    assert windows[9000] is None and windows.get(5) is None


def test_one_month_named_long_after_dates_the_event_and_parts_nothing() -> None:
    """ "Killed two co-workers in September", told in December, dates the shooting: it is the
    count every report gives, not September's toll apart from the story's."""
    articles = [
        _article(
            "a",
            "The woman shot and killed two co-workers in September at the plant.",
            "A",
            date(2010, 12, 7),
        ),
        _article(
            "b",
            "Prosecutors say the woman killed two co-workers at the plant after a dispute.",
            "B",
            date(2010, 12, 8),
        ),
    ]
    assert _values(compare(articles), "agreed") == [{2.0}]


def test_a_days_toll_then_another_outlets_count_days_later_is_not_an_update() -> None:
    """ "Gunmen opened fire Friday, killing two and wounding 17", then another outlet's "48
    wounded at a funeral" four days later: the second count names no day and no running total,
    so it is not known to update Friday's; the same party's own count revised still is."""
    friday = date(2012, 8, 24)
    articles = [
        _article(
            "a",
            "Gunmen opened fire Friday in the northern city, killing two people and "
            "wounding 17, security officials said.",
            "A",
            friday,
        ),
        _article(
            "b",
            "Twelve people were killed and 48 wounded at a funeral in the town, state media said.",
            "B",
            date(2012, 8, 28),
        ),
    ]
    assert not compare(articles).by_label("changed")
    revised = [
        _article(
            "c",
            "Egypt's health ministry reported that 639 were wounded in Wednesday's clashes.",
            "C",
            WEDNESDAY,
        ),
        _article(
            "d",
            "Nearly 850 people have been injured, according to the health ministry.",
            "D",
            date(2011, 3, 17),
        ),
    ]
    assert _values(compare(revised), "changed") == [{639.0, 850.0}]


def test_a_count_since_a_recent_day_is_not_one_attacks_toll() -> None:
    """ "Twelve troops were killed and 42 injured since Tuesday morning" runs over the days
    since; "eight troops were killed when militants attacked the base", the same day, is one
    attack's toll: two measures, not two outlets disputing one."""
    articles = [
        _article(
            "a",
            "Eight government troops were killed and at least 28 soldiers were injured when "
            "militants attacked the army base, a security official said.",
            "A",
            WEDNESDAY,
        ),
        _article(
            "b",
            "Twelve government troops were killed and another 42 injured since Tuesday "
            "morning, the official said.",
            "B",
            WEDNESDAY,
        ),
    ]
    comparison = compare(articles)
    assert not comparison.by_label("disputed")
    assert {f.value: f.window for f in comparison.facts}[12] == "since tuesday"


def test_a_same_day_contradiction_is_disputed_whatever_the_count_does_later() -> None:
    # two outlets give the day's toll as 48 and 53, another "more than 50" days later: the
    # values turn, but the outlets contradicted each other on the day (GUIDELINES: disputed)
    articles = [
        _article("a", "Snipers killed 48 protesters in the square on Friday.", "A", WEDNESDAY),
        _article("b", "Snipers killed 53 protesters in the square on Friday.", "B", WEDNESDAY),
        _article(
            "c",
            "The killing of more than 50 protesters in the square shocked the capital.",
            "C",
            date(2011, 3, 21),
        ),
    ]
    assert _values(compare(articles), "disputed") == [{48, 53, 50}]


def test_a_bound_restated_beside_a_higher_figure_agrees_with_it() -> None:
    # "more than 100" on the 16th and again on the 17th, "at least 108" on the 17th: on that
    # day the bound and the figure agree, so nothing says the count rose
    thursday = date(2011, 3, 17)
    articles = [
        _article("a", "More than 100 refugees arrived in the port by ship.", "A", WEDNESDAY),
        _article("b", "More than 100 refugees arrived in the port by ship.", "B", thursday),
        _article("c", "A ship brought at least 108 refugees to the port.", "C", thursday),
    ]
    comparison = compare(articles)
    assert _values(comparison, "agreed") == [{100, 108}]
    # without the restatement, the later higher figure is the count risen
    assert _values(compare([articles[0], articles[2]]), "changed") == [{100, 108}]


def test_a_game_reports_play_is_no_fact_but_its_crowd_and_sums_are() -> None:
    game = (
        "Moore threw for 215 yards and two touchdowns as the Hawks won 24-17. "
        "Diaz ran for 131 yards, Lee had six catches and Park chipped in 12 points. "
        "The Hawks forced three turnovers before halftime. "
        "About 41,000 fans watched, and Moore signed a $30 million contract last week."
    )
    other = (
        "The suspect ran for 200 yards before police caught him. "
        "The index fell 120 points on Friday."
    )
    facts = compare(
        [_article("a", game, "A", WEDNESDAY), _article("b", other, "B", WEDNESDAY)]
    ).facts
    assert [(f.article_id, f.value) for f in facts] == [
        ("a", 41000),
        ("a", 30e6),
        ("b", 200),
        ("b", 120),
    ]


def test_whom_an_organisation_represents_or_brings_together_is_no_count() -> None:
    text = (
        "The appeal is run by the committee, which brings together 13 major charities. "
        "The societies, which collectively represent more than 20,000 scientists, wrote. "
        "A coalition uniting 40 groups called a strike. "
        "The rally brought together 2,000 people in the square. "
        "His lawyer, who represents 300 families, filed the suit."
    )
    facts = compare([_article("a", text, "A", WEDNESDAY)]).facts
    assert [f.value for f in facts] == [2000, 300]


def test_a_round_figure_under_two_happenings_is_one_thing_only_where_its_sentences_meet() -> None:
    # three officials who resigned and three others an envoy met share no word but "officials";
    # two life sentences Henderson received and is serving are one figure told two ways
    articles = [
        _article("a", "At least three government officials resigned on Monday.", "A", WEDNESDAY),
        _article("b", "The envoy met three senior officials from the ministry.", "B", WEDNESDAY),
        _article("c", "Henderson received two life sentences in April.", "C", WEDNESDAY),
        _article("d", "Henderson is serving two life sentences for the murder.", "D", WEDNESDAY),
        _article("e", "Militants had bombed two U.S. embassies in August.", "E", WEDNESDAY),
        _article("f", "It came after two U.S. embassies were devastated.", "F", WEDNESDAY),
    ]
    agreed = compare(articles).by_label("agreed")
    assert sorted(sorted(f.article_id for f in finding.facts) for finding in agreed) == [
        ["c", "d"],
        ["e", "f"],  # named alike, "U.S. embassies": one thing whatever the verbs
    ]
