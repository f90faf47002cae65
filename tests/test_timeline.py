"""Timelines: the right days, cited sentences, the JSON file mode, speed, and Timeline17 if present.

The flood story below is fictional, written for these tests.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import date
from pathlib import Path

import pytest

from storyline.dates import iter_days, resolve
from storyline.day_reports import time_stamp, unreported_days
from storyline.models import PARAGRAPH_SEPARATOR, Article, content_id
from storyline.summarizers.numbers import numbers_in, states_numbers
from storyline.summarizers.quality import layout_fragment
from storyline.timeline import (
    Dating,
    Timeline,
    TimelineSettings,
    build_timeline,
    prepare_timeline,
)
from storyline.timeline_days import DayEvidence, day_evidence, keep_articles, rank_days, spread_out

FLOOD = [
    (
        "2025-03-04",
        [
            "Heavy rain caused the Marrow River to burst its banks on Monday, flooding hundreds of homes in the town of Eldham.",
            "Emergency crews evacuated 400 residents from the low-lying Millbrook district during the night.",
            "The regional council declared a state of emergency on Monday evening as the water kept rising.",
        ],
    ),
    (
        "2025-03-05",
        [
            "The Marrow River burst its banks on Monday after days of heavy rain, flooding homes across Eldham.",
            "On Tuesday, soldiers began building a sandbag wall along the eastern embankment of the river.",
            "The mayor of Eldham said on Wednesday that 1,200 people were now living in temporary shelters.",
        ],
    ),
    (
        "2025-03-07",
        [
            "Water levels on the Marrow River fell on Thursday for the first time since the flood began.",
            "The Eldham flood, which started on March 3 when the river burst its banks, has cost an estimated 40 million euros.",
            "The government will announce a compensation fund for flooded households next Monday, ministers said.",
        ],
    ),
    (
        "2025-03-11",
        [
            "The government announced a 25 million euro compensation fund for flooded households on Monday.",
            "The Marrow River burst its banks in Eldham on March 3, forcing 1,200 people from their homes.",
            "Residents of the Millbrook district began returning home on Tuesday as the water levels dropped.",
        ],
    ),
    (
        None,
        [
            "The Marrow River flood of March 3, 2025 was the worst in Eldham for a century, local historians say.",
            "Engineers said the eastern embankment had been weakened by years of neglect before it finally failed.",
        ],
    ),
]


def article(index: int, published: str | None, sentences: list[str]) -> Article:
    text = PARAGRAPH_SEPARATOR.join(sentences)
    return Article(
        id=content_id(str(index), text),
        text=text,
        source=f"outlet-{index}",
        published=date.fromisoformat(published) if published else None,
    )


@pytest.fixture
def story() -> list[Article]:
    return [article(i, day, sentences) for i, (day, sentences) in enumerate(FLOOD)]


def test_the_day_everyone_talks_about_comes_first(story: list[Article]) -> None:
    timeline = build_timeline(story, max_dates=1)
    assert timeline.dates == (date(2025, 3, 3),)
    (sentence,) = timeline.entries[0].sentences
    assert "burst its banks" in sentence.text


def test_entries_are_dated_in_order_and_cited(story: list[Article]) -> None:
    timeline = build_timeline(story, max_dates=4, sentences_per_date=2)
    assert 2 <= len(timeline.entries) <= 4
    assert list(timeline.dates) == sorted(timeline.dates)
    assert (
        date(2025, 3, 10) in timeline.dates
    )  # "on Monday" in March 11's paper, "next Monday" on the 7th
    by_id = {a.id: a for a in story}
    seen = set()
    for entry in timeline.entries:
        assert 1 <= len(entry.sentences) <= 2 and entry.granularity == "day"
        for sentence in entry.sentences:
            own = sentence.citations[0]
            assert by_id[own.article_id].text[own.start : own.end] == sentence.text
            assert own.score == 1.0
            assert sentence.text not in seen  # no sentence twice on one timeline
            seen.add(sentence.text)
    with pytest.raises(dataclasses.FrozenInstanceError):
        timeline.entries[0].date = date(2000, 1, 1)  # type: ignore[misc]


def test_same_event_in_other_outlets_is_cited(story: list[Article]) -> None:
    timeline = build_timeline(story, max_dates=1, sentences_per_date=1)
    citations = timeline.entries[0].sentences[0].citations
    assert len({c.article_id for c in citations}) >= 2


def test_a_citation_states_the_numbers_of_its_sentence(story: list[Article]) -> None:
    # "1,200 people" (March 5) and "forcing 1,200 people from their homes" (March 11) agree, so
    # either may cite the other; a span without the number, or with another value, may not.
    by_id = {a.id: a for a in story}
    timeline = build_timeline(story, max_dates=8, sentences_per_date=2)
    for entry in timeline.entries:
        for sentence in entry.sentences:
            claim = numbers_in(sentence.text)
            for c in sentence.citations[1:]:
                assert states_numbers(claim, by_id[c.article_id].text[c.start : c.end])


def test_window_and_automatic_length(story: list[Article]) -> None:
    window = build_timeline(story, max_dates=5, start=date(2025, 3, 4), end=date(2025, 3, 8))
    assert window.entries and all(date(2025, 3, 4) <= d <= date(2025, 3, 8) for d in window.dates)
    automatic = build_timeline(story)  # days that at least two articles talk about
    assert date(2025, 3, 3) in automatic.dates
    assert isinstance(automatic, Timeline) and automatic.settings["max_dates"] is None


def test_undated_articles_only_give_explicit_dates(story: list[Article]) -> None:
    undated = [dataclasses.replace(a, published=None) for a in story]
    timeline = build_timeline(undated, max_dates=5)
    assert timeline.dates == (date(2025, 3, 3),)


def test_undated_reports_keep_only_days_two_of_them_name() -> None:
    # Three undated reports of a flood; one profiles the mayor (born on a named day), one
    # recalls an old flood. Nothing tells those days from the story's, so the default timeline
    # keeps the day two reports name, and says why when no such day exists.
    reports = [
        article(
            0,
            None,
            ["The Marrow River burst its banks on March 3, 2025, flooding homes in Eldham."],
        ),
        article(
            1,
            None,
            ["Eldham was flooded on March 3, 2025 when the embankment failed, the council said."],
        ),
        article(
            2, None, ["The mayor, born on June 2, 1961, said the town last flooded on May 9, 1987."]
        ),
    ]
    assert build_timeline(reports).dates == (date(2025, 3, 3),)
    lonely = build_timeline([reports[0], reports[2]])
    assert lonely.dates == ()
    assert "undated" in lonely.reason and "--max-dates" in lonely.reason
    # One undated article still gets the days it names.
    assert build_timeline([reports[0]]).dates == (date(2025, 3, 3),)


def test_bad_options_say_how_to_fix_them(story: list[Article]) -> None:
    with pytest.raises(ValueError, match="sentences_per_date"):
        build_timeline(story, sentences_per_date=0)
    with pytest.raises(ValueError, match="max_dates"):
        build_timeline(story, max_dates=0)
    assert build_timeline([], max_dates=3).entries == ()


def test_grouped_sentences_that_name_their_day_are_chosen_first() -> None:
    # Input already grouped by day (dating="published"): one sentence per "article", filed under
    # March 4. The sentence that says "on Tuesday" (March 4, 2025) is the report of that day even
    # though the others are closer to the group's centroid.
    grouped = [
        "Flood water covered the streets of Eldham and the Marrow River kept rising in the town.",
        "Flood water reached the centre of Eldham as the Marrow River kept rising in the town.",
        "Soldiers built a sandbag wall along the Marrow River in Eldham on Tuesday.",
    ]
    articles = [article(i, "2025-03-04", [text]) for i, text in enumerate(grouped)]
    chosen = build_timeline(articles, max_dates=1, dating="published")
    assert [s.text for s in chosen.entries[0].sentences] == [grouped[2]]
    centroid = build_timeline(
        articles,
        max_dates=1,
        dating="published",
        settings=TimelineSettings(prefer_confirmed=False),
    )
    assert chosen.dates == centroid.dates == (date(2025, 3, 4),)
    assert centroid.entries[0].sentences[0].text != grouped[2]
    both = build_timeline(articles, max_dates=1, sentences_per_date=2, dating="published")
    assert len(both.entries[0].sentences) == 2  # the others still fill the day's quota


def test_a_day_is_told_by_a_sentence_that_stands_alone() -> None:
    # Every sentence reports Tuesday (March 4, 2025); the one nearest the day's centroid opens
    # with "But", leaning on a sentence the timeline does not quote, so another is chosen. The
    # day itself does not change.
    grouped = [
        "But soldiers built a sandbag wall along the Marrow River in Eldham on Tuesday.",
        "Soldiers built a sandbag wall along the Marrow River in Eldham on Tuesday night.",
        "He said soldiers built a sandbag wall along the Marrow River in Eldham on Tuesday.",
        "Rescue crews in boats reached the flooded Millbrook district of Eldham on Tuesday.",
    ]
    articles = [article(i, "2025-03-04", [text]) for i, text in enumerate(grouped)]
    leaning = TimelineSettings(leaning_weight=1.0)
    before = build_timeline(articles, max_dates=1, dating="published", settings=leaning)
    assert [s.text for s in before.entries[0].sentences] == [grouped[0]]
    after = build_timeline(articles, max_dates=1, dating="published")
    assert [s.text for s in after.entries[0].sentences] == [grouped[1]]
    assert after.dates == before.dates == (date(2025, 3, 4),)
    # A day whose only report leans on another sentence keeps it: standing alone orders the
    # candidates, it does not drop the day.
    alone = build_timeline(articles[:1], max_dates=1, dating="published")
    assert [s.text for s in alone.entries[0].sentences] == [grouped[0]]


def test_an_entry_names_a_person_in_full_at_their_first_mention() -> None:
    # The entry is read without its article: "Vale said" alone does not tell the reader who
    # spoke; the article named him in full earlier, and the entry writes the name so.
    text = [
        "Edwin Vale, the mayor of Eldham, toured the flooded Millbrook district by boat.",
        "Soldiers finished a sandbag wall along the Marrow River in Eldham on Tuesday, Vale said.",
    ]
    timeline = build_timeline([article(0, "2025-03-05", text)], max_dates=1)
    told = [s.text for e in timeline.entries for s in e.sentences]
    assert any("Edwin Vale said" in t for t in told), told
    assert not any(t.endswith(", Vale said.") for t in told), told


def test_fifty_articles_make_a_timeline(story: list[Article]) -> None:
    # Speed is measured in benchmarks/timelines.py (200 articles), not timed here.
    many = []
    for copy in range(10):
        for i, (day, sentences) in enumerate(FLOOD):
            # Reworded per copy so they are fifty articles, not five repeated.
            varied = [s.replace("Eldham", f"Eldham (report {copy})") for s in sentences * 6]
            many.append(article(copy * 10 + i, day, varied))
    assert len(many) == 50
    timeline = build_timeline(many, max_dates=10, sentences_per_date=2)
    assert 3 <= len(timeline.entries) <= 10


def data_dir() -> Path:
    override = os.environ.get("STORYLINE_DATA")
    return (
        Path(override)
        if override
        else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )


@pytest.mark.skipif(not (data_dir() / "timeline17").is_dir(), reason="shared data absent")
def test_timeline17_dates_match_the_gold() -> None:
    from storyline.evaluation.timelines import date_f1, load_timeline17

    topic = next(t for t in load_timeline17(data_dir()) if t.name == "haiti")
    gold = topic.gold[0]
    assert gold.dates[0] == date(2010, 1, 12) and gold.entries[0][1]
    start, end = gold.dates[0], gold.dates[-1]
    articles = [a for a in topic.articles if a.published and start <= a.published <= end]
    timeline = build_timeline(
        articles,
        max_dates=len(gold.dates),
        sentences_per_date=gold.sentences_per_date,
        start=start,
        end=end,
    )
    floors = json.loads(
        (Path(__file__).resolve().parents[1] / "benchmarks" / "floors.json").read_text()
    )
    assert date_f1(timeline.dates, gold.dates) >= floors["timelines"]["timeline17:haiti"]


# Two reports of a fictional air campaign, a week apart (both on a Monday), in our own words:
# the shape of the two real reports the project started from, where the same ministry gives the
# same kind of "past 24 hours" count at two press conferences.
AIR_CAMPAIGN = [
    (
        "2015-10-05",
        [
            "Russia began its air campaign over the northern provinces on September 30, saying it would strike only militant positions.",
            "The defence ministry said on Monday that its jets had struck nine militant sites in the past 24 hours.",
            "A ministry spokesman told reporters in Moscow that the bombers flew twenty sorties from the coastal air base.",
        ],
    ),
    (
        "2015-10-12",
        [
            "On Saturday, Russian jets destroyed a command post and an ammunition depot near the river town of Karsa.",
            "Bombers flew sixty-four sorties on Sunday, hitting training camps in four provinces, officials said.",
            "The defence ministry said on Monday that its aircraft had struck 53 militant targets in the past 24 hours.",
            "Aid groups said thousands of families had fled the villages around Karsa since the strikes began.",
        ],
    ),
]


def test_two_reports_a_week_apart_get_a_timeline_by_default() -> None:
    first, second = (article(i, day, s) for i, (day, s) in enumerate(AIR_CAMPAIGN))
    timeline = build_timeline([first, second])  # no max_dates: a small story gets every day
    expected = {
        date(2015, 9, 30): {first.id},
        date(2015, 10, 5): {first.id},
        date(2015, 10, 10): {second.id},
        date(2015, 10, 11): {second.id},
        date(2015, 10, 12): {second.id},
    }
    found = [entry for entry in timeline.entries if entry.date in expected]
    assert len(found) >= 4, timeline.dates
    for entry in found:
        cited = {c.article_id for s in entry.sentences for c in s.citations}
        # The 12 October count is not cited beside 5 October's, nor the other way round.
        assert cited == expected[entry.date], entry
    assert timeline.reason == ""


def test_an_empty_timeline_says_why_and_what_to_pass(story: list[Article]) -> None:
    assert "No articles" in build_timeline([]).reason
    undated = [
        dataclasses.replace(a, published=None, text=a.text.replace("March 3", "the third"))
        for a in story
    ]
    reason = build_timeline(undated).reason
    assert "publication date" in reason and "date" in reason
    window = build_timeline(story, start=date(2030, 1, 1), end=date(2030, 1, 2))
    assert not window.entries and "widen" in window.reason


def test_a_short_sentence_naming_a_day_is_a_mention(story: list[Article]) -> None:
    # Too short to quote (under 8 words), still one more article saying what happened when.
    brief = article(9, "2025-03-12", ["Eldham flooded on March 3.", "More rain is forecast."])
    before = {e.day: e for e in prepare_timeline(story).evidence()}
    after = {e.day: e for e in prepare_timeline([*story, brief]).evidence()}
    flood = date(2025, 3, 3)
    assert after[flood].told == before[flood].told + 1
    assert after[flood].support == before[flood].support  # no quotable sentence was added


def test_a_day_named_as_a_frame_is_not_told() -> None:
    # "since March 3" shows the day mattered (a refer-back, a calendar date) but does not tell
    # what happened on it; "burst its banks on March 3" does.
    framed = article(1, "2025-03-12", ["Rescue teams have worked in Eldham since March 3."])
    report = article(2, "2025-03-12", ["The Marrow River burst its banks on March 3 in Eldham."])
    flood = date(2025, 3, 3)
    told = {e.day: e for e in prepare_timeline([framed]).evidence()}
    assert told[flood].told == 0 and told[flood].later == 1 and told[flood].explicit == 1
    both = {e.day: e for e in prepare_timeline([framed, report]).evidence()}
    assert both[flood].told == 1 and both[flood].later == 2


def test_grouped_sentences_count_only_when_they_tell_their_day() -> None:
    # Input grouped by day (dating="published"): a sentence filed under Tuesday that names
    # another day, or none, is not Tuesday's report; the group's size is publication volume.
    tuesday = date(2025, 3, 4)
    grouped = [
        article(1, "2025-03-04", ["Soldiers began building a sandbag wall on Tuesday in Eldham."]),
        article(2, "2025-03-04", ["The river has been rising in Eldham for several days now."]),
        article(3, "2025-03-04", ["The mayor will visit the shelters in Eldham on Friday."]),
    ]
    prepared = prepare_timeline(grouped, dating="published")
    evidence = {e.day: e for e in prepared.evidence()}
    assert evidence[tuesday].volume == 3
    assert evidence[tuesday].told == 1
    # So is its centrality: the telling sentence's alone, not the sum over the group.
    units = prepared.dated.units
    telling = next(i for i, unit in enumerate(units) if unit.doc == 0)
    assert len(units) == 3
    assert evidence[tuesday].centrality == pytest.approx(prepared.central[telling])


@pytest.mark.parametrize("dating", ["mentions", "published"])
@pytest.mark.parametrize("kept", [(0, 1, 2, 3, 4), (1, 3), (0, 2, 4), (4,)])
def test_keeping_some_articles_gives_their_own_evidence(
    story: list[Article], dating: Dating, kept: tuple[int, ...]
) -> None:
    # The subsample check re-ranks parts of its input without dating them again: every count
    # must be the one dating only those articles gives (centrality depends on the vectors of the
    # whole input, so it is left out).
    def counts(evidence: list[DayEvidence]) -> list[DayEvidence]:
        return [dataclasses.replace(e, centrality=0.0) for e in evidence]

    whole = prepare_timeline(story, dating=dating).dated
    part = day_evidence(keep_articles(whole, set(kept)))
    alone = prepare_timeline([story[i] for i in kept], dating=dating).evidence()
    assert counts(part) == counts(alone)


def _evidence(day: date, *, articles: int, later: int = 0, explicit: int = 0) -> DayEvidence:
    return DayEvidence(
        day,
        told=articles,
        later=later,
        explicit=explicit,
        centrality=0.2 * articles,
        reporting=0,
        support=articles,
        volume=articles,
    )


def test_a_day_that_later_reports_return_to_ranks_first() -> None:
    same_day = _evidence(date(2025, 3, 3), articles=4)
    returned = _evidence(date(2025, 3, 4), articles=4, later=2)
    ranked = [day for day, _, _ in rank_days([same_day, returned])]
    assert ranked == [returned.day, same_day.day]


def test_a_day_returned_to_by_fewer_articles_outranks_a_busier_news_day() -> None:
    # Twelve articles tell the day they came out; four tell another day, two of them days later:
    # the day the story returns to is the landmark (refer-backs count double), though three
    # times as much was said about the other. Counted once, refer-backs would not lift it.
    busy = _evidence(date(2025, 3, 3), articles=12)
    landmark = _evidence(date(2025, 3, 5), articles=4, later=2)
    assert [day for day, _, _ in rank_days([busy, landmark])] == [landmark.day, busy.day]
    once = TimelineSettings(refer_back_weight=1.0)
    assert next(day for day, _, _ in rank_days([busy, landmark], settings=once)) == busy.day


def test_a_weekday_before_a_calendar_date_is_that_date() -> None:
    # "on Saturday, Oct. 11" is one day, October 11, not also the Saturday before the article:
    # read as two days, the sentence would not count for either.
    later = article(
        1,
        "2025-10-20",
        ["Finance ministers met in Washington on Saturday, Oct. 11, to agree a plan."],
    )
    evidence = {e.day: e for e in prepare_timeline([later]).evidence()}
    assert evidence[date(2025, 10, 11)].told == 1 and evidence[date(2025, 10, 11)].later == 1
    assert date(2025, 10, 18) not in evidence


def test_a_landmark_named_months_later_is_a_refer_back() -> None:
    # "the April 20 explosion" in November is seven months back, not five months ahead: a
    # refer-back to the landmark, which a timeline of the spill must count.
    later = article(
        1,
        "2025-11-10",
        ["Engineers are still studying the April 20 explosion on the drilling rig."],
    )
    evidence = {e.day: e for e in prepare_timeline([later]).evidence()}
    assert evidence[date(2025, 4, 20)].later == 1
    assert date(2026, 4, 20) not in evidence


def test_the_day_after_a_landmark_gives_way_to_another_event() -> None:
    # The vote on the 3rd fills the papers on the 4th too; the bridge closure on the 10th is
    # talked about a little less than either, but it is news of its own.
    vote = _evidence(date(2025, 3, 3), articles=9)
    echo = _evidence(date(2025, 3, 4), articles=8)
    bridge = _evidence(date(2025, 3, 10), articles=7)
    ranked = rank_days([vote, echo, bridge])
    assert [day for day, _, _ in ranked] == [vote.day, echo.day, bridge.day]
    spread = [day for day, _ in spread_out(ranked, settings=TimelineSettings(spread=1.0))]
    assert spread == [vote.day, bridge.day, echo.day]
    unspread = [day for day, _ in spread_out(ranked, settings=TimelineSettings(spread=0.0))]
    assert unspread == [vote.day, echo.day, bridge.day]
    baseline = TimelineSettings(ranking="volume", spread=1.0)  # the baseline stays pure volume
    by_volume = rank_days([vote, echo, bridge], settings=baseline)
    assert [day for day, _ in spread_out(by_volume, settings=baseline)] == [
        vote.day,
        echo.day,
        bridge.day,
    ]


@pytest.mark.parametrize(
    ("sentence", "unreported"),
    [
        ("Rebels have fought the army since March 3, when the first protests began.", True),
        ("The envoy is due to visit Eldham on Friday, officials said.", True),
        ("Eldham waits for Friday, when the envoy is due to visit the dam.", True),
        ("The river rose on Friday, when the dam gates opened.", False),
        ("Two days after March 3, the council met again.", True),
        ("The river burst its banks on March 3, flooding the town.", False),
        ("The council said on Friday that the bridge will reopen.", False),
        ("Flooding began on March 3 and has continued since then.", False),
    ],
)
def test_a_day_named_as_a_frame_or_a_plan_is_not_reported(sentence: str, unreported: bool) -> None:
    published = date(2025, 3, 5)  # a Wednesday: "Friday" is the 7th ahead, the 28th before
    expressions = resolve(sentence, published=published)
    days = set(iter_days(expressions))
    assert days
    assert (unreported_days(sentence, expressions) == days) is unreported


@pytest.mark.parametrize(
    ("sentence", "unreported"),
    [
        # a relative clause describes a noun; its day is not the day of the sentence's news
        ("The ferryman reported missing on Monday was found alive in Eldham.", True),
        ("Two boats recovered on Monday near Millbrook have not been identified.", True),
        ("The mayor, who toured Millbrook on Friday, promised new levees.", True),
        ("The ferryman who vanished on Monday was found alive in Eldham.", True),
        # a subordinate clause or phrase orders the news against another event
        ("Ferries resumed after a pause after the levee gave way near Eldham on March 3.", True),
        ("The ferry has not sailed since the flood on March 3.", True),
        # a time set by another event: the day named dates the saying
        ("On the day of the flood, the sirens did not sound, the mayor said on Friday.", True),
        # ... but a day of the sentence's own verb is its news
        ("The mayor toured Millbrook on Friday and promised new levees.", False),
        ("The levee gave way on Friday, the day of the council vote.", False),
        ("The meeting on Monday was tense, councillors said.", False),
        ("The mayor said Monday was the worst day of the flood.", False),
        ("Police arrested the ferryman on Monday.", False),
        ("The levee gave way before dawn on Monday.", False),
        ("Eldham was following the vote closely on Monday.", False),
        ("The ferry left Eldham, where it had docked on Monday.", False),
        ("The ferryman fell ill after arriving and was taken to hospital on Monday.", False),
        ("The ferry sank on the day of the vote - March 3 - near Eldham.", False),
    ],
)
def test_a_day_that_dates_another_event_is_not_reported(sentence: str, unreported: bool) -> None:
    published = date(2025, 3, 5)
    expressions = resolve(sentence, published=published)
    days = set(iter_days(expressions))
    assert days
    assert (unreported_days(sentence, expressions) == days) is unreported


def test_a_caption_date_dates_its_picture_whatever_clause_closes_it() -> None:
    caption = "Volunteers carry sandbags in Eldham after the Marrow River burst its banks on March 4, 2025."
    prose = "The council met in Eldham after the Marrow River burst its banks on March 4."
    dated = prepare_timeline([article(0, "2025-03-05", [caption, prose])]).dated
    by_text = {unit.sentence.text: i for i, unit in enumerate(dated.units)}
    assert by_text[caption] in dated.confirmed  # the picture's day is what it shows
    assert by_text[prose] not in dated.confirmed  # the council met after that day


def test_a_day_of_a_relative_clause_does_not_date_the_news() -> None:
    # The ferryman went missing on Monday and was found on Wednesday. Monday's entry quotes the
    # report of the disappearance, not the rescue that a relative clause dates by it.
    missing = article(
        0,
        "2025-03-03",
        ["The ferryman Ilan Drew was reported missing by his family in Eldham on Monday night."],
    )
    found = article(
        1,
        "2025-03-05",
        [
            "The ferryman reported missing in Eldham on Monday was found alive in a barn near Eldham."
        ],
    )
    # a third report of the rescue makes the rescue the story's more central sentence
    rescue = article(
        2, "2025-03-05", ["Rescuers found the ferryman alive in a barn near Eldham, police said."]
    )
    timeline = build_timeline([missing, found, rescue], max_dates=1)
    assert timeline.dates == (date(2025, 3, 3),)
    assert timeline.entries[0].sentences[0].text.startswith("The ferryman Ilan Drew was reported")


def test_the_report_of_a_day_is_quoted_before_a_look_back_at_it() -> None:
    # Three articles name March 3: two look back at it ("since", "after"), one tells it. The
    # look-backs are more central (they repeat the story's words), yet the entry quotes the report.
    articles = [
        article(
            0,
            "2025-03-10",
            [
                "The flood in Eldham has displaced 1,200 residents of Eldham since March 3, officials said."
            ],
        ),
        article(
            1,
            "2025-03-12",
            ["A week after March 3, the flood in Eldham still covers the low streets of Eldham."],
        ),
        article(
            2, "2025-03-04", ["The Marrow River burst its banks on March 3, the mayor confirmed."]
        ),
    ]
    timeline = build_timeline(articles, max_dates=1)
    assert timeline.dates == (date(2025, 3, 3),)
    assert timeline.entries[0].sentences[0].text.startswith("The Marrow River burst its banks")


@pytest.mark.parametrize(
    ("sentence", "stamped"),
    [
        (
            "ELDHAM | Tue Mar 4, 2025 10:19 pm GMT ELDHAM - The river burst its banks.",
            "Mar 4, 2025",
        ),
        (
            "Last updated: 4 March, 2025 - 14:10 GMT Eldham flood: the clean-up begins",
            "4 March, 2025",
        ),
        ("March 4, 2025 at 1:46 pm | Good idea, as long as the levees hold.", "March 4, 2025"),
        ("The river burst its banks on March 3, 2025 at 16:53 local time.", None),
        ("The flood that began on March 3, 2025 has cost 40 million euros.", None),
    ],
)
def test_a_page_time_stamp_is_not_a_mention(sentence: str, stamped: str | None) -> None:
    expressions = resolve(sentence, published=date(2025, 3, 5))
    assert [e.text for e in expressions if time_stamp(sentence, e)] == (
        [stamped] if stamped else []
    )


def test_stamped_articles_do_not_name_their_own_day() -> None:
    # Three wire stories carry their page stamp; only the fourth report names a day in its words.
    stamped = [
        article(
            i,
            "2025-03-07",
            [
                f"ELDHAM | Fri Mar 7, 2025 {9 + i}:15 am GMT ELDHAM - Volunteers cleared mud from {i + 2} streets."
            ],
        )
        for i in range(3)
    ]
    told = article(3, "2025-03-07", ["The council reopened the Millbrook bridge on March 6, 2025."])
    evidence = {e.day: e for e in prepare_timeline([*stamped, told]).evidence()}
    assert date(2025, 3, 7) not in evidence or evidence[date(2025, 3, 7)].explicit == 0
    assert evidence[date(2025, 3, 6)].explicit == 1


def test_a_plan_for_a_day_is_not_cited_as_its_report() -> None:
    # Tuesday's paper announces the visit for Friday; Saturday's reports it. Both name Friday and
    # share most words, but only the report tells what happened that day.
    plan = article(
        0,
        "2025-03-04",
        [
            "The prime minister will visit the flooded Millbrook district of Eldham on Friday, officials said."
        ],
    )
    report = article(
        1,
        "2025-03-08",
        [
            "The prime minister visited the flooded Millbrook district of Eldham on Friday, officials said."
        ],
    )
    timeline = build_timeline([plan, report], max_dates=1)
    assert timeline.dates == (date(2025, 3, 7),)
    (sentence,) = timeline.entries[0].sentences
    assert sentence.text.startswith("The prime minister visited")
    assert {c.article_id for c in sentence.citations} == {report.id}


def test_a_small_story_leaves_out_a_day_only_ever_planned() -> None:
    # Monday's report plans a visit for Friday; nothing later says it happened: Friday is not a
    # day of the story's timeline, the days of what did happen are.
    plan = article(
        0,
        "2025-03-03",
        [
            "Floodwater breached the Millbrook embankment in Eldham on Monday, forcing 300 families from their homes.",
            "The prime minister is expected to visit the flooded district on Friday, officials said.",
        ],
    )
    later = article(
        1,
        "2025-03-05",
        ["Engineers sealed the breach in the Millbrook embankment on Wednesday, the council said."],
    )
    timeline = build_timeline([plan, later])
    assert timeline.dates == (date(2025, 3, 3), date(2025, 3, 5))


def test_a_day_named_only_as_a_frame_is_no_entry() -> None:
    # Fourteen daily reports, each telling its own day; two count admissions "since March 1", a
    # day no report tells anything of: an entry under it would misdate their news.
    places = "Alder Birch Cedar Dunmore Elm Fenwick Garth Holm Ivel Jarrow Kell Lorn Mere Nash"
    reports = [
        article(
            i,
            f"2025-03-{i + 3:02d}",
            [
                f"Rescuers reached the village of {place} on March {i + 3} after the floodwater fell, the council said.",
                *(
                    [f"Hospitals said {200 + i} people had been admitted with injuries since March 1, officials said."]
                    if i in (4, 9)
                    else []
                ),
            ],
        )
        for i, place in enumerate(places.split())
    ]  # fmt: skip
    timeline = build_timeline(reports)
    assert date(2025, 3, 1) not in timeline.dates
    assert len(timeline.dates) == 14


def test_a_few_reports_over_months_still_get_their_days() -> None:
    # Seven reports months apart, each telling its own day and naming others once: no day is
    # named by two articles, yet the story has a timeline of its reports' days.
    settlements = [
        article(
            i,
            f"1999-{month:02d}-15",
            [
                f"The drug maker agreed on Monday to settle {100 + i} more lawsuits over its diet pill, lawyers said.",
                f"The company said it had set aside {i + 1} billion dollars for claims since {year_month}.",
            ],
        )
        for i, (month, year_month) in enumerate(
            [(1, "May 1997"), (3, "June 1997"), (5, "July 1997"), (6, "August 1997"),
             (8, "September 1997"), (10, "October 1997"), (12, "November 1997")]
        )
    ]  # fmt: skip
    timeline = build_timeline(settlements)
    assert not timeline.reason
    assert len(timeline.entries) >= 5


def test_a_day_one_report_recalls_from_years_before_is_background() -> None:
    # A trial story: one report recalls an unrelated shooting of 1986; the attack the trial is
    # about, two years before, is named by both reports and stays.
    trial = article(
        0,
        "2000-08-28",
        [
            "Jury selection began Monday in the negligence case against the Ardmore militia.",
            "The case has its origins on July 1, 1998, when guards fired at a car near the compound.",
        ],
    )
    verdict = article(
        1,
        "2000-09-07",
        [
            "A jury on Thursday awarded $6.3 million to the mother and son the guards attacked.",
            "The guards fired at their car on July 1, 1998, after it backfired near the gate.",
            "On Aug. 20, 1986, a postal worker in another state shot 14 co-workers, the lawyer recalled.",
        ],
    )
    days = build_timeline([trial, verdict]).dates
    assert date(1986, 8, 20) not in days
    assert {date(1998, 7, 1), date(2000, 8, 28), date(2000, 9, 7)} <= set(days)


def test_a_day_sentence_that_leans_on_the_one_before_is_given_it() -> None:
    # "She ..." quoted alone points at nobody: the entry carries the sentence before it too,
    # cited to its own span, when that one stands alone.
    report = article(
        0,
        "2025-03-05",
        [
            "Mayor Ada Venn toured the flooded streets of Eldham with army engineers on Monday.",
            "She said on Tuesday that the council would rebuild 40 homes before the winter.",
        ],
    )
    (monday, tuesday) = build_timeline([report]).entries
    assert [s.text for s in monday.sentences] == [report.text.split(PARAGRAPH_SEPARATOR)[0]]
    assert [s.text[:16] for s in tuesday.sentences] == ["Mayor Ada Venn t", "She said on Tues"]
    (cited,) = tuesday.sentences[0].citations
    assert report.text[cited.start : cited.end] == tuesday.sentences[0].text
    # with a fixed number of days (the benchmark's), an entry quotes its sentences only
    assert len(build_timeline([report], max_dates=2).entries[1].sentences) == 1


def test_a_sentence_recalling_a_long_past_year_is_not_news_of_its_publication_day() -> None:
    text = PARAGRAPH_SEPARATOR.join(
        [
            "Investigators removed two engines from the crash site near the runway.",
            "Britain and France built 16 of the jets, and the airlines took the unsold ones in 1979.",
            "The speed limit imposed on the jets in 1981 has been lifted by the regulator.",
            "It was the worst crash since 1979, the regulator said.",
        ]
    )
    published = date(2000, 8, 18)
    article = Article(id="a", text=text, published=published)
    prepared = prepare_timeline([article])
    candidates = {
        prepared.dated.units[i].sentence.text for i in prepared.dated.published[published]
    }
    assert not any("unsold" in sentence for sentence in candidates)
    assert sum("1981" in s or "worst crash" in s or "engines" in s for s in candidates) == 3


def test_a_sentence_the_layout_garbles_is_evidence_of_its_day_but_quoted_last() -> None:
    """A caption run into the next sentence still tells which day the news is about, so it
    counts for its day; the timeline quotes a whole sentence of that day before it, and the
    garbled one only where the day has nothing else."""
    from storyline.summarizers.quality import fragment
    from storyline.summarizers.units import UnitSettings, build_units
    from storyline.text import Lexicon
    from storyline.timeline import TIMELINE_UNITS, build_timeline

    run_in = (
        "Rescuers pull a child from the rubble on Tuesday There are mounting security concerns"
        " in the capital after the quake ."
    )
    assert fragment(run_in) == "headline run-in" and fragment(run_in, layout=False) is None
    whole = "The quake struck the capital on Tuesday and flattened hundreds of homes, police said."
    only = "Aid flights landed on Thursday There are long queues for water at the airport gates ."
    articles = [
        Article(id="a", text=f"{run_in}\n\n{whole}", source="A", published=date(2010, 1, 13)),
        Article(id="b", text=only, source="B", published=date(2010, 1, 15)),
    ]
    lexicon = Lexicon()
    summary_texts = {u.sentence.text for u in build_units(articles, lexicon=lexicon)}
    assert run_in not in summary_texts and only not in summary_texts
    timeline_texts = {
        u.sentence.text for u in build_units(articles, lexicon=lexicon, settings=TIMELINE_UNITS)
    }
    assert {run_in, only} <= timeline_texts
    assert UnitSettings().layout_fragments is False
    quoted = {
        entry.date: [s.text for s in entry.sentences]
        for entry in build_timeline(articles, max_dates=5).entries
    }
    assert quoted[date(2010, 1, 12)] == [whole]
    assert quoted[date(2010, 1, 14)] == [only]


def test_the_automatic_timeline_leaves_out_a_day_no_sentence_can_tell_alone(
    story: list[Article],
) -> None:
    # A blog names Sunday (March 9) only in its writer's own voice, and the sentence after it
    # leans on that one ("He said ..."): neither can be quoted alone. The automatic timeline
    # (every day of a small story) leaves the day out rather than quote them; asked for N days,
    # the day keeps its best sentence, as before.
    diary = [
        "Very early on Sunday I put on my rubber boots and walked down to the bridge over the Marrow River.",
        "He said the water had reached the second step of the Eldham town hall by Sunday night.",
    ]
    blog = article(9, "2025-03-10", diary)
    assert layout_fragment(diary[0], diary[0].split()) is not None
    sunday = date(2025, 3, 9)
    automatic = build_timeline([*story, blog])
    assert sunday not in automatic.dates
    assert date(2025, 3, 3) in automatic.dates  # the other days stay
    asked = build_timeline([*story, blog], max_dates=10)
    assert sunday in asked.dates


def test_editor_agreement_reads_other_references_inside_the_range_and_skips_copies() -> None:
    from benchmarks.timelines import editor_agreement

    from storyline.evaluation.timelines import GoldTimeline

    def reference(name: str, days: list[str]) -> GoldTimeline:
        return GoldTimeline(name, tuple((date.fromisoformat(d), ("A dam broke.",)) for d in days))

    ours = reference("ours", ["2025-03-04", "2025-03-06", "2025-03-09", "2025-03-12"])
    copy = reference("copy", ["2025-03-04", "2025-03-06", "2025-03-09", "2025-03-12"])
    # two of its three days inside our range are ours; its 20 March is after our last day
    other = reference("other", ["2025-03-04", "2025-03-05", "2025-03-09", "2025-03-20"])
    short = reference("short", ["2025-03-04", "2025-03-30"])  # one day in range: no judgement
    assert editor_agreement(ours, [ours, copy, other, short]) == pytest.approx(2 * 2 / (3 + 4))
    assert editor_agreement(ours, [ours, copy, short]) is None
