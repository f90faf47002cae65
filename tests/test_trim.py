"""Trimming the days and places a summary cannot anchor ("said Friday", "said here today")."""

from __future__ import annotations

import pytest

from storyline.models import Article, Budget, content_id
from storyline.summarizers.concepts import ConceptSummarizer
from storyline.summarizers.trim import without_deixis
from storyline.summarizers.units import build_units, summary_units
from storyline.text import Lexicon


@pytest.mark.parametrize(
    ("text", "trimmed"),
    [
        (
            "The Lendmark council approved the new bridge, a spokesman said Friday.",
            "The Lendmark council approved the new bridge, a spokesman said.",
        ),
        (
            "The ministry said here today that the Orsk mill would close.",
            "The ministry said that the Orsk mill would close.",
        ),
        (
            "A jury on Thursday awarded $2.1 million to the Varno family.",
            "A jury awarded $2.1 million to the Varno family.",
        ),
        (
            "The Kessel dam gave way early on Tuesday after three days of rain.",
            "The Kessel dam gave way after three days of rain.",
        ),
        ("On Monday, rescuers reached Tarn.", "Rescuers reached Tarn."),
        (
            "Rescuers reached the village of Ardmore on Tuesday morning by boat.",
            "Rescuers reached the village of Ardmore by boat.",
        ),
        ("The court, on Friday, ruled for the miners.", "The court ruled for the miners."),
    ],
)
def test_drops_days_and_places_a_summary_cannot_anchor(text: str, trimmed: str) -> None:
    assert without_deixis(text) == trimmed


@pytest.mark.parametrize(
    "text",
    [
        # the day is what the sentence tells
        "The Orsk drills were scheduled to end on Friday.",
        # two days: the sentence is about when
        "Officials said the ferry sank on Sunday, but the crew said it sank on Saturday.",
        # a date or a second day follows, a word qualifies it, a noun holds it
        "The mayor spoke on Friday, Dec. 4 in Lendmark.",
        "The vote on Monday and Tuesday was close.",
        "The council will meet again, possibly on Sunday.",
        "After Tuesday's flood, the council said the dam would be rebuilt.",
        "The fair, which starts Friday, ends in May.",
        "But on Sunday, the first day of the fair, the rain came back.",
        "The minister said today's vote was final.",
        # a part of the day never stays behind without its day
        "Rescuers reached the village of Ardmore on Tuesday morning.",
    ],
)
def test_keeps_days_it_cannot_drop_cleanly(text: str) -> None:
    assert without_deixis(text) == text


def test_a_trimmed_sentence_is_asked_again_whether_it_leans_on_one_before() -> None:
    # without the day, a reference further in stands among the opening words ("the man"; "the
    # man who killed four guards" would say which, and lean on nothing)
    text = (
        "The Lendmark courthouse reopened after the escape in March. A judge on Friday "
        "sentenced the man to life in prison for killing four guards. "
        "On Sunday, they reached the flooded village of Ardmore by boat."
    )
    lexicon = Lexicon()
    plain = build_units([_article(text)], lexicon=lexicon)
    units = summary_units([_article(text)], lexicon=lexicon)
    assert [bool(u.dangling) for u in plain] == [False, False, True]
    assert [u.sentence.text.split()[:3] for u in units[1:]] == [
        ["A", "judge", "sentenced"],
        ["They", "reached", "the"],
    ]
    assert [bool(u.dangling) for u in units] == [False, True, True]


def _article(text: str) -> Article:
    return Article(id=content_id("test", text), text=text, source="test")


def test_summary_units_are_trimmed_and_cite_the_whole_sentence() -> None:
    text = (
        "The Lendmark council approved the new Orsk bridge over the river, a spokesman said "
        'Friday. "We will open it on Monday morning," the mayor of Lendmark said on Friday.'
    )
    article = _article(text)
    lexicon = Lexicon()
    units = summary_units([article], lexicon=lexicon)
    plain = build_units([article], lexicon=Lexicon())
    assert units[0].sentence.text.endswith("a spokesman said.")
    assert units[0].words == plain[0].words - 1
    # the span is the sentence as the article writes it: its citation states the day
    assert text[units[0].sentence.start : units[0].sentence.end] == plain[0].sentence.text
    # a quotation is verbatim: the quoted sentence keeps its days
    assert units[1].sentence.text == plain[1].sentence.text


def test_a_summary_sentence_is_trimmed_and_cites_the_sentence_with_its_day() -> None:
    articles = [
        _article(
            f"The Lendmark council approved the new Orsk bridge over the Varno river, officials "
            f"said Friday. Work on the bridge over the Varno will begin in {month}, the council "
            f"said in a statement."
        )
        for month in ("May", "June", "July")
    ]
    by_id = {a.id: a for a in articles}
    summary = ConceptSummarizer().summarize(articles, budget=Budget(words=40))
    trimmed = [s for s in summary.sentences if s.text.endswith("officials said.")]
    assert trimmed and not any("Friday" in s.text for s in summary.sentences)
    for sentence in trimmed:
        own = sentence.citations[0]
        assert by_id[own.article_id].text[own.start : own.end].endswith("officials said Friday.")
