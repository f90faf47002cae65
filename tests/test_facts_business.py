"""Numbers of business and political news, in sentences of our own: index points, poll shares,
sums and counts of plain things, read and aligned so that no two different things agree or differ.
"""

from __future__ import annotations

from datetime import date

from storyline.compare import compare
from storyline.facts import Quantity, extract_quantities
from storyline.models import Article, Sentence


def _read(text: str) -> list[Quantity]:
    sentence = Sentence(article_id="a", start=0, end=len(text), text=text, position=0, paragraph=0)
    return list(extract_quantities(sentence))


def _counted(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.kind) for q in _read(text)]


def _labels(*reports: tuple[str, str, date]) -> dict[str, list[list[float]]]:
    articles = [
        Article(id=f"a{i}", text=text, source=source, published=day)
        for i, (text, source, day) in enumerate(reports)
    ]
    found: dict[str, list[list[float]]] = {}
    for finding in compare(articles).findings:
        found.setdefault(finding.label, []).append([f.value for f in finding.facts])
    return found


def test_shares_and_proportions_are_not_counts() -> None:
    assert _counted("Nearly nine in 10 voters expressed concern about the bill.") == []
    assert _counted("One in five children in the district is underfed.") == []
    # a larger number "in" a smaller one, or in a year, is a count
    assert (30, "killed") in _counted("The storm killed 30 in 10 villages.")
    assert (12, "arrested") in _counted("Police arrested 12 in 2008.")
    # one in any whole is a share, with or without "every"; so is a rate's denominator
    assert _counted("One in every 500 Valparo users was exposed to the flaw.") == []
    assert _counted("As many as 1 in 500 users could have been exposed.") == []
    assert _counted("Three in every 10 voters backed the bill.") == []
    assert _counted("The rate was 12 cases per 100,000 residents.") == [(12, "case")]
    assert _counted("The storm killed 1 in 2008.") == [(1, "killed")]


def test_certainty_and_the_parties_of_a_relation_are_not_counts() -> None:
    assert _counted("Kovac said he was 99.9 per cent sure there were no militants there.") == []
    assert _counted("The shelling escalated tensions between the two neighbors.") == []
    assert _counted("Talks between the three rival factions in Valparo stalled.") == []
    assert _counted("Kovac urged two sides to avoid taking Valparo into civil war.") == []
    # the things named after "of" are named, not counted; a toll of them stays
    assert _counted("The museums of the two great cities of Valparo and Ostra were spared.") == []
    assert (2, "killed") in _counted("Gunmen killed two citizens of Britain and France.")


def test_the_make_of_a_thing_and_the_size_of_a_union_are_not_counts() -> None:
    assert _counted("The film is based on the four-book series by Kovac.") == []
    assert _counted("Officials said the raid was a 2-part militant assault.") == []
    assert _counted("The Valparo Bar, a union with 9,500 members, said it would strike.") == []
    # members of another body named after "of" may be the news
    assert (30, "member") in _counted("Rebels attacked a convoy with 30 members of the guard.")
    # a count of the parties that is news, not pointed back to, stays
    assert (2, "group") in _counted("Fighting between two rebel groups flared in Valparo.")
    assert (3000, "people") in _counted(
        "Clashes broke out between the 3,000 protesters and police."
    )


def test_names_ages_and_races_with_numbers_are_not_counts() -> None:
    assert _counted("Trucks passed like an oncoming eighteen-wheeler.") == []
    assert _counted("Bernanke, 54 and calm of demeanor, spoke first.") == []
    assert _counted("She won the 100-meter dash and lost in the 200 meters, a day later.") == []
    assert _counted("He unveiled a three-point plan.") == []
    # a distance of the story and a height stay
    assert _counted("The boat sank in 100 meters of water.") == [(100, "length")]
    assert _counted("The 54-meter-high balloon landed.") == [(54, "length")]


def test_points_are_a_measure_of_a_move_and_a_day_in_which_is_no_rate() -> None:
    assert [(q.value, q.kind) for q in _read("The Dow fell 504 points on Monday.")] == [
        (504, "point")
    ]
    assert [(q.value, q.kind) for q in _read("It recovered part of Monday's 504-point drop.")] == [
        (504, "point")
    ]
    (plan,) = _read("It was a day in which the House refused to pass a $700 billion plan.")
    assert plan.window is None and plan.scope == "plan"
    (dose,) = [q for q in _read("Patients took 1,200 mg a day in two doses.") if q.value == 1200]
    assert dose.window == "per day"
    (trade,) = _read("Bans rattled the $26 billion-a-year pork industry.")
    assert trade.window == "per year"


def test_what_a_sum_or_a_share_or_a_toll_is_of() -> None:
    (bailout,) = _read("That 700 billion dollar bail-out should help homeowners.")
    assert bailout.scope == "bailout"
    (rate,) = _read("The Fed slashed short-term interest rates to 1 percent.")
    assert rate.scope is None  # the rate's level, not the Fed's share
    (vote,) = _read("Yavlinsky was third with 6 percent of the vote.")
    assert vote.scope == "yavlinsky"
    (bodies,) = _read("Fighters found 30 bodies of government loyalists in the town.")
    assert (bodies.kind, bodies.scope) == ("killed", "loyalist")


def test_round_sums_and_plain_counts_of_different_things_neither_agree_nor_differ() -> None:
    found = _labels(
        ("Deposits are insured by the government for up to $100,000.", "A", date(2008, 9, 19)),
        ("A loss of $100,000 since December seems large, he said.", "B", date(2008, 9, 28)),
        ("Deposit insurance, now up to $100,000, was meant to stop runs.", "C", date(2008, 9, 29)),
        ("The council voted 10-0, with five nations abstaining.", "A", date(2011, 3, 17)),
        ("The 28 NATO countries had authorized a plan, she said.", "B", date(2011, 3, 24)),
    )
    assert "agreed" not in found and "differs" not in found and "changed" not in found


def test_one_sum_under_three_different_happenings_is_three_sums() -> None:
    found = _labels(
        ("The government holds $2.3 trillion of the debt in trust funds.", "A", date(1999, 3, 2)),
        (
            "The budget office projected the surplus would total $2.3 trillion.",
            "B",
            date(1999, 7, 1),
        ),
        ("Of that, $2.3 trillion is generated by payroll taxes.", "C", date(1999, 8, 9)),
    )
    assert "agreed" not in found
    found = _labels(
        ("The city paid $2.3 trillion to the lenders.", "A", date(1999, 3, 2)),
        ("Officials said the city paid $2.3 trillion.", "B", date(1999, 7, 1)),
        ("The $2.3 trillion was paid in full.", "C", date(1999, 8, 9)),
    )
    assert [2.3e12, 2.3e12, 2.3e12] in found.get("agreed", [])


def test_a_one_digit_decimal_share_is_not_distinctive() -> None:
    found = _labels(
        ("The death rate of the fever is 0.4% of cases.", "A", date(2009, 6, 12)),
        ("Resistance to the drug was seen at a rate of 0.4% in trials.", "B", date(2009, 6, 30)),
    )
    assert "agreed" not in found
    found = _labels(
        ("The death rate of the fever is 0.45% of cases.", "A", date(2009, 6, 12)),
        ("Doctors put the death rate of the fever at 0.45%.", "B", date(2009, 6, 30)),
    )
    assert [0.45, 0.45] in found.get("agreed", [])


def test_one_rate_given_years_apart_is_two_periods_rates() -> None:
    rate = ("The country's unemployment rate stood at 11.5 percent in July.", "B")
    found = _labels(
        ("Unemployment in the country reached 11.5 percent in July.", "A", date(1998, 8, 20)),
        (*rate, date(2000, 8, 21)),
    )
    assert "agreed" not in found
    found = _labels(
        ("Unemployment in the country reached 11.5 percent in July.", "A", date(1998, 8, 20)),
        (*rate, date(1998, 8, 21)),
    )
    assert [11.5, 11.5] in found.get("agreed", [])


def test_one_plain_count_given_by_three_outlets_agrees_beside_another_value() -> None:
    found = _labels(
        ("Four suicide bombings hit the main square.", "A", date(2012, 10, 3)),
        ("The council condemned four suicide bombings in the city.", "B", date(2012, 10, 3)),
        ("Officials said four suicide bombings struck the district.", "C", date(2012, 10, 3)),
        ("Three suicide bombings ripped through the district.", "D", date(2012, 10, 3)),
    )
    assert [4.0, 4.0, 4.0] in found.get("agreed", [])


def test_a_toll_in_a_sentence_of_long_past_years_is_background() -> None:
    found = _labels(
        ("The outbreak has killed 20 people, officials said.", "A", date(2009, 4, 27)),
        ("Hong Kong recalls SARS in 2003, which killed 299 people.", "B", date(2009, 4, 29)),
        ("The flu has now killed 26 people in Mexico.", "C", date(2009, 4, 30)),
    )
    assert all(299.0 not in values for group in found.values() for values in group)
    # a toll the sentence sets on a day is the story's own, whatever year it compares with
    found = _labels(
        (
            "The flood killed 40 people on Monday, the worst toll since 1998.",
            "A",
            date(2009, 4, 27),
        ),
        ("The flood killed 40 people, officials said.", "B", date(2009, 4, 28)),
    )
    assert [40.0, 40.0] in found.get("agreed", [])


def test_an_undated_storys_recalled_toll_is_background_by_the_year_it_names_most() -> None:
    texts = (
        "The March 2021 quake off Valparo has killed 350 people, officials said in 2021.",
        "The previous largest was the Kessel quake in 1931, which killed 2,000 people.",
        "More than 1,600 people died in the 2021 quake, the agency said.",
    )
    articles = [Article(id=f"a{i}", text=t, source=f"S{i}") for i, t in enumerate(texts)]
    values = {f.value for f in compare(articles).facts}
    assert 2000.0 not in values and {350.0, 1600.0} <= values
    # with no year named more often than the recalled one, nothing is taken for background
    alone = Article(id="b", text=texts[1], source="S")
    assert 2000.0 in {f.value for f in compare([alone]).facts}


def test_two_outlets_giving_one_partys_two_counts_on_a_day_is_no_dispute() -> None:
    found = _labels(
        (
            "The World Health Organisation yesterday confirmed 787 infections.",
            "A",
            date(2009, 5, 3),
        ),
        ("The World Health Organization said there were 898 infections.", "B", date(2009, 5, 3)),
    )
    assert "disputed" not in found
    found = _labels(
        ("The ministry said 787 people were infected.", "A", date(2009, 5, 3)),
        ("Rebels said 898 people were infected.", "B", date(2009, 5, 3)),
    )
    assert found.get("disputed") == [[787.0, 898.0]]


def test_two_values_of_a_plain_noun_far_apart_are_two_things() -> None:
    found = _labels(
        ("Drug makers made 2,500 vials of the vaccine, he said.", "A", date(2009, 4, 26)),
        ("The plant made 90 vials of the vaccine, officials said.", "B", date(2009, 4, 28)),
    )
    assert "differs" not in found and "changed" not in found


def test_a_polls_share_is_not_the_vote_and_two_polls_neither_update_nor_contradict() -> None:
    polled = [q.scope for q in _read("Opinion polls put Halvorsen's approval at 48 percent.")]
    assert polled == ["in polls"]
    assert [q.scope for q in _read("A survey found 61 percent of respondents back the plan.")] == [
        "in polls"
    ]
    assert [q.scope for q in _read("Halvorsen won 52.4 percent of the vote.")] == ["halvorsen"]
    # how much a thing changes is no one's share but a change of what changes; "for" names
    # whose share it is
    assert [q.scope for q in _read("Halvorsen promised to raise pensions by 20 percent.")] == [
        "change in pension"
    ]
    assert [q.scope for q in _read("Ostrov trails, against 31 percent for Halvorsen.")] == [
        "halvorsen"
    ]
    found = _labels(
        (
            "Halvorsen had the support of 58 percent of voters in a Gallup poll.",
            "Wire",
            date(2020, 3, 2),
        ),
        ("A Norstat poll gave Halvorsen 61 percent.", "Daily", date(2020, 3, 2)),
        ("Halvorsen won 54 percent of the vote on Sunday.", "Wire", date(2020, 3, 9)),
        ("Halvorsen took 54 percent of the vote.", "Daily", date(2020, 3, 9)),
    )
    # the result agrees; neither poll is shown as the result changing, nor as a dispute
    assert found.get("agreed") == [[54.0, 54.0]]
    assert "changed" not in found and "disputed" not in found and "differs" not in found


def test_a_partys_seats_in_two_chambers_are_two_counts() -> None:
    assert [(q.scope, q.place) for q in _read("The Greens held 200 seats in the Storting.")] == [
        ("Greens", "Storting")
    ]
    found = _labels(
        ("The Greens hold 54 Senate seats after Tuesday's vote.", "Wire", date(2022, 11, 9)),
        ("The Greens hold 200 House seats, the count showed.", "Daily", date(2022, 11, 10)),
    )
    assert set(found) == {"single-source"}
    # the size of a body is no party's seats
    sized = _read("The Greens hold a majority of 90 in the 169-seat Storting.")
    assert [(q.value, q.scope, q.place) for q in sized if q.kind == "seat"] == [
        (169.0, "storting", None)
    ]


def test_a_rate_covers_the_counts_of_its_own_clause_only() -> None:
    def windows(text: str) -> list[tuple[float, str | None]]:
        return [(q.value, q.window) for q in _read(text)]

    assert windows("Each ferry has 300 seats, and the ferries sail 900 hours a year.") == [
        (300.0, None)
    ]
    assert windows(
        "Ostrov receives $2 billion in aid every year and has received $40 billion since 1980."
    ) == [(2e9, "per year"), (4e10, None)]
    assert windows("About 200 million cases of the fever are estimated to occur every year.") == [
        (2e8, "per year")
    ]
    assert windows("The jets struck 53 targets in the past 24 hours, the ministry said.") == [
        (53.0, "24 hour")
    ]


def test_lives_saved_are_no_toll() -> None:
    assert _counted("The barriers have saved an estimated 300 lives in Ostrov.") == [
        (300.0, "saved")
    ]
    assert _counted("The crash claimed 113 lives.") == [(113.0, "killed")]


def test_a_vote_tally_is_the_votes_for_and_against_of_the_body_that_voted() -> None:
    def tally(text: str) -> list[tuple[float, str | None, str | None, str | None]]:
        return [(q.value, q.scope, q.place, q.event) for q in _read(text) if q.kind == "vote"]

    assert tally("The Assembly voted 61-38 on Thursday to approve the levy.") == [
        (61.0, "for", "Assembly", "approve"),
        (38.0, "against", "Assembly", "approve"),
    ]
    # passive, with the tally as a noun's: the same body, the motion the vote decided
    assert tally("The treaty was ratified by the Assembly by a vote of 70 to 29.") == [
        (70.0, "for", "Assembly", "ratify"),
        (29.0, "against", "Assembly", "ratify"),
    ]
    # "against" after the tally: the first figure voted against the motion
    assert [(v, s) for v, s, _, _ in tally("The board voted 6-3 against the merger.")] == [
        (3.0, "for"),
        (6.0, "against"),
    ]
    assert tally("In a 6-3 ruling, the court's justices struck down the levy.")[0][:2] == (
        6.0,
        "for",
    )
    # a game's result, a fighter's record and a season stay no count
    assert tally("The Comets beat the Rovers 98-91 in a vote of confidence for the coach.") == []
    assert _counted("The boxer, 31-4-1, voted with his feet.") == []
    assert tally("The 2024-25 budget was approved on Monday.") == []
    assert tally("Voters elect a president in a runoff vote on June 16-17.") == []
    assert tally("The vote raised the board from 5 to 7 members.") == []


def test_outlets_giving_one_tally_agree_and_two_tallies_are_two_votes() -> None:
    found = _labels(
        ("The Assembly voted 61-38 on Thursday to approve the levy.", "Wire", date(2023, 5, 4)),
        ("The levy was approved by a 61-38 vote in the Assembly.", "Daily", date(2023, 5, 4)),
        # the same body's earlier vote on another motion is no dispute of the tally
        ("The Assembly voted 55-44 on Tuesday to debate the levy.", "Post", date(2023, 5, 4)),
    )
    assert sorted(found["agreed"]) == [[38.0, 38.0], [61.0, 61.0]]
    assert "disputed" not in found and "changed" not in found
    # two tallies of one motion are two votes (a first and a second reading), never a dispute
    found = _labels(
        ("The Assembly voted 61-38 on Thursday to approve the levy.", "Wire", date(2023, 5, 4)),
        ("The Assembly approved the levy 60-39 on Thursday.", "Daily", date(2023, 5, 4)),
        ("In a 6-3 vote, the board kept the rule.", "Post", date(2023, 5, 4)),
        ("The board's 6-4 vote kept the rule.", "Star", date(2023, 5, 4)),
    )
    assert set(found) == {"single-source"}


def test_two_candidates_figures_side_by_side_are_each_their_own() -> None:
    def shares(text: str) -> list[tuple[float, str | None, str | None]]:
        return [(q.value, q.scope, q.place) for q in _read(text)]

    # "X led Y A to B": B is the rival's, however the parse hangs the rival's name
    assert shares("Maria Garcia led John Miller 46 percent to 41 percent in the runoff.") == [
        (46.0, "garcia", None),
        (41.0, "miller", None),
    ]
    # a share after a name, the verb left out, is that name's (not a place)
    assert shares("Garcia won 52 percent, Miller 29 percent.") == [
        (52.0, "garcia", None),
        (29.0, "miller", None),
    ]
    # a count set against a rival's: the rival's count of the same thing
    assert [(q.value, q.kind, q.scope) for q in _read("Garcia won 306 votes to Miller's 232.")] == [
        (306.0, "vote", "Garcia"),
        (232.0, "vote", "Miller"),
    ]
    # a poll named by "according to" makes the shares a poll's
    polled = _read("Garcia leads with 48 percent, according to a Marist poll.")
    assert [q.scope for q in polled] == ["garcia in polls"]


def test_a_partys_share_and_seats_are_its_own_however_the_sentence_names_it() -> None:
    def held(text: str) -> list[tuple[float, str | None, str | None]]:
        return [(q.value, q.kind, q.scope) for q in _read(text)]

    # "with": the name the figures are with, or the subject of the verb "with" hangs on
    assert held("Early counts showed the Greens with 31 percent of the vote and 88 seats.") == [
        (31.0, "percent", "greens"),
        (88.0, "seat", "Greens"),
    ]
    # a party named by its noun, and a clause that goes on from its verb
    assert held("The Valdor party took 19 percent of the vote, winning 40 seats.") == [
        (19.0, "percent", "valdor"),
        (40.0, "seat", "Valdor"),
    ]
    # the parser may hang a party's name on its noun as an adjective
    assert held("The leftist Podemos party, which had surged, gained 27 percent and 71 seats.") == [
        (27.0, "percent", "podemos"),
        (71.0, "seat", "Podemos"),
    ]
    # and may take "Party" for a name of its own: the party is still called by its name
    assert held("The Liberal Party, though winning only 48 seats, took 44 percent.") == [
        (48.0, "seat", "Liberal"),
        (44.0, "percent", "liberal"),
    ]
    # a place's figure is no winner's share
    assert held("France posted 3.1 percent growth.") == [(3.1, "percent", None)]
    # one chamber named by one outlet parts nothing: the seats are one count
    found = _labels(
        ("The Greens won 88 seats in the Storting.", "Wire", date(2022, 9, 12)),
        ("The Greens won 88 seats.", "Daily", date(2022, 9, 12)),
    )
    assert found == {"agreed": [[88.0, 88.0]]}


def test_a_partys_seats_written_without_its_name_are_its_where_no_other_has_the_figure() -> None:
    found = _labels(
        ("The Greens won 88 seats, the count showed.", "Wire", date(2022, 9, 12)),
        ("The ruling party lost, and 88 seats went to the opposition.", "Daily", date(2022, 9, 12)),
        ("The GREENS took 88 seats, against the Reds' 40.", "Post", date(2022, 9, 12)),
    )
    assert found.get("agreed") == [[88.0, 88.0, 88.0]]
    # a figure two holders have stays unheld: compared by value only
    found = _labels(
        ("The Greens won 40 seats.", "Wire", date(2022, 9, 12)),
        ("The Reds won 40 seats.", "Daily", date(2022, 9, 12)),
        ("Another party won 40 seats.", "Post", date(2022, 9, 12)),
    )
    assert "agreed" not in found


def test_changes_by_one_percentage_of_two_things_do_not_agree() -> None:
    day = date(2012, 4, 27)
    two_things = _labels(
        ("The fund expects that the Valparo economy will contract by 3.7 percent.", "Wire", day),
        ("Ferry traffic on the bay fell by 3.7 percent last spring.", "Daily", day),
    )
    assert "agreed" not in two_things
    one_thing = _labels(
        ("The fund expects that the Valparo economy will contract by 3.7 percent.", "Wire", day),
        ("The Valparo economy will shrink by 3.7 percent, the fund said.", "Daily", day),
    )
    assert one_thing["agreed"] == [[3.7, 3.7]]
    scopes = [q.scope for q in _read("The fund expects its economy to contract by 3.7 percent.")]
    assert scopes == ["change in economy"]
