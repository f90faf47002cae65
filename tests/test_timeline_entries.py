"""Whether each timeline entry is true: filed under the day it reports, told by a sentence that
says what happened then (not a plan, a frame, a baseline or a stamp), readable on its own."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.dates import looks_forward, resolve
from storyline.day_reports import attribution_stub, time_stamp, unreported_days
from storyline.text import Lexicon
from storyline.timeline import build_timeline
from storyline.timeline_days import date_units
from test_timeline_selection import article

MONDAY = date(2025, 3, 3)


def value(sentence: str, published: date = MONDAY) -> date | None:
    found = resolve(sentence, published=published)
    assert len(found) == 1, found
    return found[0].value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a timetable in the present tense is this week's, this year's, not last one's
        ("The harbour board meets on March 12 and traders expect it to raise fees.", date(2025, 3, 12)),
        ("The council starts a two-day session on Tuesday and is expected to vote.", date(2025, 3, 4)),
        ("The new toll takes effect on April 1.", date(2025, 4, 1)),
        ("Eldham's rainy season begins in May.", date(2025, 5, 1)),
        # past tense, a caption's present for the day before, a habit: as before
        ("The harbour board met on March 12 and raised fees.", date(2024, 3, 12)),
        ("A volunteer meets with flood victims in Eldham on Sunday.", date(2025, 3, 2)),
        ("The school year normally ends in June.", date(2024, 6, 1)),
        # a past verb in the clause before: "met ... on Thursday" is last Thursday
        ("His visit, which ends on Wednesday, came after he met the mayor on Thursday.", date(2025, 2, 27)),
    ],
)  # fmt: skip
def test_a_timetable_in_the_present_reads_forward(sentence: str, expected: date) -> None:
    found = [e for e in resolve(sentence, published=MONDAY) if e.granularity in ("day", "month")]
    assert found[-1].value == expected


def test_a_time_that_points_back_is_never_a_plan() -> None:
    # "would" earlier in the sentence made "yesterday" a plan: events of yesterday are reported
    sentence = (
        "Given that the march a fortnight ago led many to predict the council would fall, "
        "events there yesterday tell another story."
    )
    (yesterday,) = [e for e in resolve(sentence, published=MONDAY) if e.text == "yesterday"]
    assert not looks_forward(sentence, yesterday)
    assert unreported_days(sentence, (yesterday,)) == frozenset()


def test_a_figure_measured_against_another_day_does_not_report_that_day() -> None:
    sentence = "The council counted 1,626 flooded homes, up from 1,364 on Saturday, officials said."
    expressions = resolve(sentence, published=date(2025, 3, 2))
    assert unreported_days(sentence, expressions) == {date(2025, 3, 1)}
    # a figure's comma does not end the clause: the same day read in a plain report is told
    told = "Rescuers reached 1,364 homes on Saturday."
    assert unreported_days(told, resolve(told, published=date(2025, 3, 2))) == frozenset()


@pytest.mark.parametrize(
    ("sentence", "stamped"),
    [
        ("At 2:36 pm on 4 Mar 2025, floodwatcher wrote: the levee held.", True),
        ("By Ann Reed | March 4, 2025; 12:08 PM ET Thanks, Ann.", True),
        ("At 4:53 pm on March 3, 2025, the river burst its banks.", False),
    ],
)
def test_a_comment_stamp_written_clock_first_is_not_a_mention(sentence: str, stamped: bool) -> None:
    expressions = resolve(sentence, published=date(2025, 3, 5))
    assert any(time_stamp(sentence, e) for e in expressions) is stamped


def test_an_attribution_alone_is_not_quoted() -> None:
    assert attribution_stub("Mara Quill, the head of the Eldham flood board, said Monday.")
    assert not attribution_stub(
        "Floodwater reached Eldham, a town on the Lune, officials said Monday."
    )


def test_a_day_after_publication_is_a_plan_whatever_the_clause_says() -> None:
    # "has called for a day of rage next Friday": the article cannot tell what happens then
    call = article(
        0,
        "2025-03-07",
        [
            "Flood victims blocked the Eldham ring road on Friday to demand faster aid, police said.",
            "The residents' union has called for a day of protest over the relief effort next Friday.",
        ],
    )
    dated = date_units([call], lexicon=Lexicon())
    assert date(2025, 3, 14) in dated.untold
    timeline = build_timeline([call])
    assert timeline.dates == (date(2025, 3, 7),)


def test_a_sentence_set_the_next_day_is_not_news_of_its_publication_day() -> None:
    report = article(
        0,
        "2025-03-05",
        [
            "Floodwater breached the Millbrook embankment in Eldham on Wednesday, the council said.",
            "The next day, the farmer who raised the alarm was interviewed by local radio.",
        ],
    )
    dated = date_units([report], lexicon=Lexicon())
    published = [dated.units[i].sentence.text for i in dated.published.get(date(2025, 3, 5), [])]
    assert not any(text.startswith("The next day") for text in published)


def test_a_recurring_weekday_names_no_day() -> None:
    report = article(
        0,
        "2025-03-05",
        [
            "Engineers sealed the breach in the Millbrook embankment on Wednesday, the council said.",
            "Organisers want the Friday of each week to become a day of protest in the square.",
            "Volunteers will hand out sandbags every Monday until the river falls, the council said.",
        ],
    )
    dated = date_units([report], lexicon=Lexicon())
    assert set(dated.mentions) == {date(2025, 3, 5)}


def test_an_automatic_entry_is_told_by_a_sentence_that_reports_its_day() -> None:
    # March 1 is told ("Rain began on March 1.", too short to quote), but the only quotable
    # sentence naming it dates the admissions it counts from ("since"): it says nothing of what
    # happened that day, so March 1 has no entry rather than a misleading one.
    first = article(
        0,
        "2025-03-03",
        [
            "Floodwater breached the Millbrook embankment in Eldham on Monday, the council said.",
            "Rain began on March 1.",
            "Hospitals said 40 people had been admitted with injuries since March 1, officials said.",
        ],
    )
    second = article(
        1,
        "2025-03-05",
        ["Army engineers closed the gap with sandbags on Wednesday as the water fell."],
    )
    dated = date_units([first, second], lexicon=Lexicon())
    assert date(2025, 3, 1) in dated.told
    timeline = build_timeline([first, second])
    assert timeline.dates == (date(2025, 3, 3), date(2025, 3, 5))


def test_a_pronoun_after_a_fronted_day_is_given_its_sentence() -> None:
    report = article(
        0,
        "2025-03-07",
        [
            "Floodwater reached the Eldham retail park on Monday, the council said.",
            "On Tuesday, the Lune Valley Building Society said it would defer mortgage payments.",
            "On Wednesday, it opened a relief fund of two million euros for flooded homeowners.",
        ],
    )
    timeline = build_timeline([report])
    (wednesday,) = [e for e in timeline.entries if e.date == date(2025, 3, 5)]
    texts = [s.text for s in wednesday.sentences]
    assert texts[0].startswith("On Tuesday, the Lune Valley Building Society")
    assert texts[1].startswith("On Wednesday, it opened")


def test_a_large_story_leaves_out_a_day_only_publication_stands_for() -> None:
    # Fourteen reports, each telling its day, and a column published on March 20 that names no
    # day: its day would be quoted from an opinion ("Too many officials ..."), not from news.
    places = "Alder Birch Cedar Dunmore Elm Fenwick Garth Holm Ivel Jarrow Kell Lorn Mere Nash"
    reports = [
        article(
            i,
            f"2025-03-{i + 3:02d}",
            [f"Rescuers reached the village of {place} on March {i + 3} after the floodwater fell, the council said."],
        )
        for i, place in enumerate(places.split())
    ]  # fmt: skip
    column = article(
        20,
        "2025-03-20",
        [
            "Too many officials waited for the water to rise before they moved the sandbags to the villages.",
            "The valley deserves a flood plan written before the rain, not after the rescue boats.",
        ],
    )
    second = article(
        21,
        "2025-03-20",
        [
            "Flood defences along the Lune valley were neglected for a decade, several residents argued."
        ],
    )
    timeline = build_timeline([*reports, column, second])
    assert date(2025, 3, 20) not in timeline.dates
    assert len(timeline.dates) == 14
