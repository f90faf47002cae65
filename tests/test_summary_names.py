"""A person's first mention in a summary is their full name when the cited article gives it.

The Kessel dam story below is fictional, written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.models import Article, Budget, content_id
from storyline.registry import summarizers
from storyline.summarizers.names import (
    MOST_ADDED_WORDS,
    FullNames,
    Words,
    bare_first_mentions,
    bare_surname,
    full_name,
    lower_words,
    write_names_in_full,
)

ENGINEER = (
    "Mirela Vostrak, the engineer who inspected the Kessel dam last spring, warned in a report "
    "that its spillway needed urgent repair work."
)
LATER = (
    "Vostrak said the regional government had ignored her warnings about the Kessel dam spillway."
)


def _article(source: str, paragraphs: list[str]) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(
        id=content_id(source, text), text=text, source=source, published=date(2026, 3, 3)
    )


@pytest.mark.parametrize(
    ("sentence", "surname"),
    [
        ("Vostrak said the dam was weak.", "Vostrak"),
        ("Vostrak's report was ignored by the council.", "Vostrak"),
        ("Vostrak, who led the inspection, left the ministry.", "Vostrak"),
        ("Police said the dam was weak.", None),  # written in lower case elsewhere
        ("The council said the dam was weak.", None),
        ("Mirela Vostrak said the dam was weak.", None),  # already in full
        ("Tuesday was the wettest day of the year.", None),
    ],
)
def test_a_bare_surname_opening(sentence: str, surname: str | None) -> None:
    common = lower_words(["The police said the rain would go on."])
    assert bare_surname(sentence, common=common) == surname


def test_the_full_name_is_the_one_the_article_writes() -> None:
    text = f"{ENGINEER} Heavy rain fell in South Ardan all week. {LATER}"
    index = Words(text)
    assert full_name("Vostrak", index) == "Mirela Vostrak"
    assert full_name("Vostrak", index, before=text.index(LATER)) == "Mirela Vostrak"
    assert full_name("Vostrak", index, before=0) is None  # not named before the opening
    assert full_name("Ardan", index) is None  # a compass word is no given name
    assert full_name("Vostrak", Words("Dr Vostrak said so.")) is None
    # "Various" opens a sentence on its own elsewhere: not a given name.
    story = "Various Ardanian officials spoke. Various reports agreed."
    assert full_name("Ardanian", Words(story)) is None
    initial = "Gen. George K. Lindqvist chaired the inquiry. Lindqvist said little."
    assert full_name("Lindqvist", Words(initial)) == "George K. Lindqvist"
    middle = "Police named Eric Robert Rudolph. Rudolph fled."
    assert full_name("Rudolph", Words(middle)) == "Eric Robert Rudolph"
    titled = "Prime Minister Ehud Barak spoke. Barak left."
    assert full_name("Barak", Words(titled)) == "Ehud Barak"
    federation = "The Stonewall Democratic Federation met. Democratic lawmakers spoke."
    assert full_name("Democratic", Words(federation)) is None
    # a word joined by a hyphen to a capitalised one is part of a compound name, not a surname
    agency = "Seven died, according to Agence France-Presse. France mourned."
    assert full_name("France", Words(agency)) is None
    led = "Ehud Barak-led talks began. Barak spoke."
    assert full_name("Barak", Words(led)) == "Ehud Barak"


def test_a_full_name_adds_at_most_the_words_the_summarizer_holds_for_it() -> None:
    # The summarizer looks a name up only for a sentence within MOST_ADDED_WORDS of the words
    # left: the longest form the article can give must stay within that bound.
    longest = "Police named Eric Robert K. Rudolph on Monday. Rudolph fled."
    name = full_name("Rudolph", Words(longest))
    assert name == "Eric Robert K. Rudolph"
    assert len(name.split()) - 1 == MOST_ADDED_WORDS


def test_written_in_full_once_and_only_from_the_cited_article() -> None:
    article = f"{ENGINEER}\n\n{LATER}"
    start = article.index(LATER)
    unnamed = "Engineers inspected the dam.\n\n" + LATER
    texts = [LATER, LATER.replace("said", "added")]
    full = write_names_in_full(texts, [(article, start), (article, start)], words_left=5)
    assert full[0] == "Mirela " + LATER
    assert full[1] == texts[1]  # the reader has met her by then
    assert write_names_in_full([LATER], [(unnamed, unnamed.index(LATER))], words_left=5) == [LATER]
    assert write_names_in_full([LATER], [(article, start)], words_left=0) == [LATER]  # no room
    unlimited = write_names_in_full([LATER], [(article, start)], words_left=None)
    assert unlimited == ["Mirela " + LATER]  # a budget of sentences only
    # Named only after the sentence: the article does not say who she is before it.
    after = f"{LATER}\n\n{ENGINEER}"
    assert FullNames()(LATER, after, 0) is None


def test_the_summary_introduces_the_person_and_keeps_the_budget() -> None:
    articles = [
        _article(
            "Northwind Press",
            [
                "The Kessel dam on the Ardan river gave way early on Tuesday, flooding nine villages.",
                ENGINEER,
                LATER,
            ],
        ),
        _article(
            "Valdria Today",
            [
                "The Kessel dam gave way on Tuesday after days of rain and flooded nine villages.",
                "Vostrak told reporters that the regional government had ignored her warnings "
                "about the dam spillway.",
            ],
        ),
    ]
    written = 0
    for words in (60, 30, 25):
        summary = summarizers.create("storyline").summarize(articles, budget=Budget(words=words))
        assert summary.words <= words
        by_id = {a.id: a for a in articles}
        read = ""
        for sentence in summary.sentences:
            own = sentence.citations[0]
            span = by_id[own.article_id].text[own.start : own.end]
            if sentence.text != span:  # written in full: the span with its given name
                assert sentence.text == "Mirela " + span and "Vostrak" not in read
                assert "Mirela Vostrak" in by_id[own.article_id].text[: own.start]
                written += 1
            elif span.startswith("Vostrak"):
                assert "Vostrak" in read  # a bare surname only once the reader has met her
            read += " " + sentence.text
    assert written  # at the shorter budgets the later sentence is her first mention


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The spillway needed repair, Vostrak said.",
            "The spillway needed repair, Mirela Vostrak said.",
        ),
        (
            "The spillway needed repair, according to Vostrak.",
            "The spillway needed repair, according to Mirela Vostrak.",
        ),
        (
            '"The spillway needs repair," Vostrak said.',
            '"The spillway needs repair," Mirela Vostrak said.',
        ),
        (
            "The spillway needed repair, the ministry said.",
            "The spillway needed repair, the ministry said.",
        ),
    ],
)
def test_a_bare_surname_as_claimant_is_written_in_full(sentence: str, expected: str) -> None:
    article = f"{ENGINEER} {sentence}"
    start = article.index(sentence)
    assert write_names_in_full([sentence], [(article, start)], words_left=None) == [expected]


def test_a_person_never_named_in_full_before_is_left_out_at_any_budget() -> None:
    # Two outlets report what Vostrak said without her given name, and only a third names her,
    # in a sentence of its own: the report shared by two outlets covers the most, but a summary
    # that opens with "Vostrak said ..." leaves the reader to guess who she is, and its own
    # article cannot write her in full. Neither copy may be chosen, long budgets included.
    said = (
        "Vostrak said the regional government had ignored her warnings about the {}spillway "
        "for two years."
    )
    articles = [
        _article(
            "Northwind Press",
            [
                "The Kessel dam on the Ardan river gave way early on Tuesday, flooding nine "
                "villages.",
                said.format("Kessel dam "),
                "Rescue teams from three provinces reached the flooded villages by boat on "
                "Tuesday evening.",
            ],
        ),
        _article(
            "Valdria Today",
            [
                "The Kessel dam gave way on Tuesday after days of rain and flooded nine villages.",
                said.format("dam "),
                "Rescue teams reached the flooded villages by boat on Tuesday evening, the "
                "province said.",
            ],
        ),
        _article(
            "Ardan Courier",
            [
                "Rain had fallen on the Ardan valley for eleven days before the Kessel dam gave "
                "way.",
                ENGINEER,
            ],
        ),
    ]
    words = lower_words(a.text for a in articles)
    method = summarizers.create("storyline")
    for budget in (Budget(sentences=2), Budget(sentences=3), Budget(words=40), Budget(words=200)):
        texts = [s.text for s in method.summarize(articles, budget=budget).sentences]
        assert texts and not bare_first_mentions(texts, words), (budget, texts)
        assert not any(t.startswith("Vostrak said") for t in texts)
