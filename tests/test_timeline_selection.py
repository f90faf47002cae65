"""Which sentences a timeline day quotes: photo captions last, and sentences about the story
before the day's other news."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.dates import resolve
from storyline.day_reports import caption_date
from storyline.models import PARAGRAPH_SEPARATOR, Article, content_id
from storyline.timeline import (
    TimelineSettings,
    build_timeline,
    headline_end,
    prepare_timeline,
)


def article(index: int, published: str, sentences: list[str]) -> Article:
    text = PARAGRAPH_SEPARATOR.join(sentences)
    return Article(
        id=content_id(str(index), text),
        text=text,
        source=f"outlet-{index}",
        published=date.fromisoformat(published),
    )


@pytest.mark.parametrize(
    ("sentence", "caption"),
    [
        ("Residents wade through flood water in Eldham , March 4 , 2025 .", True),
        ("Residents wade through flood water in Eldham on Tuesday , March 4 , 2025.", True),
        ("In this March 4, 2025 photo, residents wade through flood water in Eldham.", True),
        # Prose leaves the year out, or names a day far from its publication.
        ("The council evacuated 400 residents from Millbrook on March 4.", False),
        ("The last flood of that size hit Eldham on March 4, 1999.", False),
        ("On March 4, 2025, the council evacuated 400 residents from Millbrook.", False),
    ],
)
def test_a_caption_dates_its_picture(sentence: str, caption: bool) -> None:
    published = date(2025, 3, 5)
    expressions = resolve(sentence, published=published)
    assert any(caption_date(sentence, e, published) for e in expressions) == caption


def test_a_caption_is_quoted_after_the_reports_of_its_day() -> None:
    # Input grouped by day: both sentences tell March 4; the caption is nearer the centroid
    # (it shares the most words with the others) but describes a picture.
    grouped = [
        "Residents of Eldham wade through flood water near the Marrow River, March 4, 2025.",
        "Flood water from the Marrow River covered the streets of Eldham on Tuesday.",
        "Residents of Eldham watch the flood water of the Marrow River rise on Tuesday.",
    ]
    articles = [article(i, "2025-03-04", [text]) for i, text in enumerate(grouped)]
    assert prepare_timeline(articles, dating="published").dated.captions == frozenset({0})
    one = build_timeline(articles, max_dates=1, dating="published")
    assert one.dates == (date(2025, 3, 4),)
    assert grouped[0] not in [s.text for s in one.entries[0].sentences]
    # The caption still counts for its day and fills a quota the reports cannot.
    three = build_timeline(articles, max_dates=1, sentences_per_date=3, dating="published")
    assert grouped[0] in [s.text for s in three.entries[0].sentences]


def test_a_day_is_told_by_its_sentence_about_the_story() -> None:
    # Grouped input: the flood story over four days; March 4's group also holds a sentence of
    # other news (a cup final). For that day alone the two are alike (two sentences sit at the
    # same cosine from their centroid); the story decides.
    acts = ["forced residents from their homes", "closed the main bridge", "cut power to 900 homes"]
    flood = [
        f"The Marrow River flood in Eldham {act} on day {i + 2} of the emergency."
        for i, act in enumerate(acts)
    ]
    day = [
        "Carrow Town beat Hollin Rovers 3-1 in the cup final at Westfield stadium on Tuesday.",
        "Soldiers built a wall of sandbags against the Marrow River flood in Eldham on Tuesday.",
    ]
    articles = [article(i, f"2025-03-0{5 + i}", [text]) for i, text in enumerate(flood)]
    articles += [article(10 + i, "2025-03-04", [text]) for i, text in enumerate(day)]

    def quoted(settings: TimelineSettings) -> str:
        timeline = build_timeline(
            articles, max_dates=1, start=date(2025, 3, 4), end=date(2025, 3, 4),
            dating="published", settings=settings,
        )  # fmt: skip
        assert timeline.dates == (date(2025, 3, 4),)
        return timeline.entries[0].sentences[0].text

    assert quoted(TimelineSettings(story_weight=0.0)) == day[0]  # a tie: the first in the pool
    assert quoted(TimelineSettings()) == day[1]


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        (
            "Rebels take the port of Eldham after a week of shelling ELDHAM , Norland -- Rebel"
            " fighters took the port of Eldham on Tuesday after a week of shelling .",
            "ELDHAM , Norland -- Rebel fighters took the port of Eldham on Tuesday after a week"
            " of shelling .",
        ),
        (
            "Talks on the port collapse MARROW ( Reuters ) - Talks on the future of the port of"
            " Eldham collapsed on Wednesday , officials said .",
            "MARROW ( Reuters ) - Talks on the future of the port of Eldham collapsed on"
            " Wednesday , officials said .",
        ),
        (
            "A committee will oversee the port's reforms Eldham , Norland ( Wire ) -- Galvanized"
            " by the mayor's words , thousands filled the square on Tuesday .",
            "Eldham , Norland ( Wire ) -- Galvanized by the mayor's words , thousands filled the"
            " square on Tuesday .",
        ),
        # A photo credit run into the sentence after it.
        (
            "Photo by AP Government forces rolled into the port of Eldham after a week of"
            " shelling .",
            "Government forces rolled into the port of Eldham after a week of shelling .",
        ),
        (
            "( AP Photo / Mara Vell ) Protesters stormed an office of the ruling party in Eldham"
            " on Tuesday .",
            "Protesters stormed an office of the ruling party in Eldham on Tuesday .",
        ),
        ("Photo by AP Police in Eldham .", None),
        # A place in title case without its agency is no dateline.
        ("The talks in New York - so the mayor said - are over now and nobody came back .", None),
        # A dash inside a sentence, an acronym with a hyphen, a colon: no headline.
        (
            "Despite the setbacks and the shelling - now led by NORDCOM - loyalist forces have"
            " retaken much of the coast .",
            None,
        ),
        ("The head of the NTC , Mara Vell - Jansen , and two ministers met on Tuesday .", None),
        ('One resident told the BBC: "The water came up to the windows within an hour."', None),
    ],
)
def test_a_headline_run_into_its_lead_is_left_out(sentence: str, lead: str | None) -> None:
    assert sentence[headline_end(sentence) :] == (lead or sentence)


def test_a_day_quotes_the_lead_without_its_headline() -> None:
    # A page's extraction ran the headline into the lead; the entry quotes the lead, cited by
    # its own span.
    glued = (
        "Rebels take the port of Eldham after a week of shelling ELDHAM , Norland -- Rebel"
        " fighters took the port of Eldham on Tuesday after a week of shelling ."
    )
    reports = [
        glued,
        "Rebel fighters took control of the port of Eldham on Tuesday , residents said .",
        "The port of Eldham fell to rebel fighters on Tuesday after days of shelling .",
    ]
    articles = [article(i, "2025-03-04", [text]) for i, text in enumerate(reports)]
    timeline = build_timeline(articles, max_dates=1, sentences_per_date=3, dating="published")
    quoted = {s.text: s for s in timeline.entries[0].sentences}
    lead = glued[headline_end(glued) :]
    assert lead.startswith("ELDHAM") and glued not in quoted
    own = quoted[lead].citations[0]
    assert articles[0].text[own.start : own.end] == lead
