"""Numbers of political and financial web news, in sentences of our own: sums as British and web
outlets write them, the currencies named after them, and what a share or a count is of."""

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


def _labels(*reports: tuple[str, str, date | None]) -> dict[str, list[list[float]]]:
    articles = [
        Article(id=f"a{i}", text=text, source=source, published=day)
        for i, (text, source, day) in enumerate(reports)
    ]
    found: dict[str, list[list[float]]] = {}
    for finding in compare(articles).findings:
        found.setdefault(finding.label, []).append(sorted(f.value for f in finding.facts))
    return found


def test_a_scale_word_glued_to_the_digits_is_the_sum_s_scale() -> None:
    assert _counted("The Treasury paid a further £6.4billion into the fund.") == [(6.4e9, "money")]
    assert _counted("Ministers have already handed £3billion to Lisbon.") == [(3e9, "money")]
    assert _counted("The bank wrote off $250million of loans last year.") == [(2.5e8, "money")]
    # "bn" glued as before
    assert _counted("Dublin received a £7bn loan.") == [(7e9, "money")]


def test_a_currency_named_after_a_scaled_sum_makes_it_money_whatever_noun_follows() -> None:
    (rescue,) = _read("The minister opposed the 90 billion euro rescue in 2011.")
    assert (rescue.value, rescue.kind, rescue.scope) == (9e10, "money", "rescue")
    (loan,) = _read("Lisbon agreed to the 78bn euro loan package.")
    assert (loan.value, loan.kind) == (7.8e10, "money")
    # without a scale the number counts the noun: "5 euro coins" are coins
    assert _counted("The boy found 5 euro coins.") == [(5, "coin")]


def test_a_sum_in_brackets_after_a_scaled_sum_is_the_same_sum_in_other_money() -> None:
    assert _counted("Lenders will free €95 billion ($125 billion) in fresh loans.") == [
        (9.5e10, "money")
    ]
    assert _counted("The state borrowed 6 billion pounds ($9 billion) last year.") == [
        (6e9, "money")
    ]
    # in the same money a sum in brackets is a part of the first, and a count is its own
    assert _counted("The takeover cost the group $410 million ($300 million in cash).") == [
        (4.1e8, "money"),
        (3e8, "money"),
    ]
    assert _counted("The blast killed 31 people (including nine children).") == [
        (31, "killed"),
        (9, "child"),
    ]


def test_seats_no_reading_ties_to_a_party_are_not_one_count_that_moved() -> None:
    day = date(2019, 5, 27)
    for when in (day, None):
        found = _labels(
            ("The conservatives won 131 seats, officials said.", "Wire", when),
            ("The leftists won 58 seats, the count showed.", "Daily", when),
            ("The leftists won 57 seats and almost 24 percent.", "Herald", when),
        )
        assert set(found) == {"single-source"}, found
    # the same count from three outlets is still one they agree on
    found = _labels(
        ("The ruling party won 131 seats.", "Wire", day),
        ("The conservatives gained 131 seats, the count showed.", "Daily", day),
        ("The conservative bloc took 131 seats, ahead of the left.", "Herald", day),
    )
    assert found.get("agreed") == [[131.0, 131.0, 131.0]]


def test_lakh_and_crore_are_scales() -> None:
    assert _counted("The district harvests about 3.5 lakh tonnes of rice a season.") == [
        (350000, "mass")
    ]
    assert _counted("Floods displaced 1.4 crore people in the state.") == [(1.4e7, "displaced")]
    assert _counted("The scheme will cost 7,000 crore rupees.") == [(7e10, "money")]


def test_digits_before_a_singular_name_number_a_note_and_do_not_count_it() -> None:
    notes = "Sources: 1 IRS. Filing statistics, 2024. 2 IRS. Topic 409, capital gains."
    assert _counted(notes) == []
    # what is counted is written in the plural, and a unit glued on is a unit
    assert _counted("The navy fired 14 Tomahawk missiles.") == [(14, "missile")]
    assert _counted("The laptop ships with 512GB of storage.") == [(512, "gb")]


def test_the_level_a_rate_or_sum_moved_from_is_another_time_s() -> None:
    assert _counted("Turnout was 61 percent, down from 66 percent in 2016.") == [(61, "percent")]
    assert _counted("The jobless rate fell to 5.9 percent from 6.3 percent.") == [(5.9, "percent")]
    assert _counted("The shortfall narrowed to $2.1 billion from $2.6 billion.") == [
        (2.1e9, "money")
    ]
    # a range, or a move written from its start, stays
    assert _counted("Fares will cost from $49 up to $99.") == [(49, "money"), (99, "money")]
    assert _counted("The tax credit rose from $1,500 to $1,700.") == [
        (1500, "money"),
        (1700, "money"),
    ]
    # so the old level is not what one outlet says against another's figure
    day = date(2020, 11, 4)
    found = _labels(
        ("Turnout was 61 percent, down from 66 percent in 2016.", "Wire", day),
        ("Turnout reached 64 percent, officials said.", "Daily", day),
    )
    assert found.get("disputed") == [[61.0, 64.0]]


def test_a_share_of_the_vote_in_a_place_is_placed_there() -> None:
    assert [q.place for q in _read("Larsen won 56 percent of the vote in Telemark.")] == [
        "Telemark"
    ]
    # where the story gives the share in two places, each is its own, and neither is the whole's
    day = date(2021, 9, 14)
    found = _labels(
        ("Larsen won 49 percent of the vote nationally, officials said.", "Wire", day),
        ("Larsen won 56 percent of the vote in Telemark, the count showed.", "Daily", day),
        ("Larsen won 44 percent of the vote in Vestfold.", "Herald", day),
    )
    assert set(found) == {"single-source"}, found
