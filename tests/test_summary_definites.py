"""A summary sentence that names a thing by "the X" its article introduced and the summary did not."""

from __future__ import annotations

from storyline.models import Article, Citation, Summary, SummarySentence
from storyline.summarizers.quality import UNINTRODUCED, Topic, definite_reference, problems
from storyline.summarizers.units import Leaning, summary_units
from storyline.text import Lexicon

_INSPECTION = (
    "The Orlen reservoir was drained on Monday after cracks appeared in its wall. "
    "A 2019 inspection recommended a survey of drainage under the eastern bank. "
    "The water board said the survey was delayed by a shortage of engineers. "
)


def test_a_definite_phrase_leans_on_the_indefinite_its_article_introduced() -> None:
    sentence = "The water board said the survey was delayed by a shortage of engineers."
    before = _INSPECTION[: _INSPECTION.index(sentence)]
    assert definite_reference(sentence, before=before) == "the survey"
    # the reader was given the survey, or the story is about it, or the article never
    # introduced one: the phrase stands
    assert definite_reference(sentence, named="Engineers surveyed the bank.", before=before) is None
    assert definite_reference(sentence, before=before, topic=frozenset({"survey"})) is None
    assert definite_reference(sentence, before="The reservoir was drained.") is None


def test_a_phrase_that_places_its_thing_itself_stands() -> None:
    before = "A survey of the bank and a report were published. A committee met. "
    for text in (
        "The survey of drainage was delayed.",  # its complement says which
        "The first survey was delayed.",  # a place in a series
        "Engineers said ``the survey was delayed''.",  # the speaker's, in a quotation
        "The survey Tuesday was delayed.",  # a name goes on
        "A survey team came, and the survey was delayed.",  # the sentence introduces it
    ):
        assert definite_reference(text, before=before) is None, text
    assert definite_reference("The two inspectors left.", before="Two inspectors came.") == (
        "the two inspectors"
    )
    # "one of the city's streets" introduces no city
    assert (
        definite_reference("Crowds left the city.", before="One of the city's roads shut.") is None
    )


def test_the_topic_is_what_most_articles_name() -> None:
    topic = Topic(["The dam broke.", "The dam held.", "A survey was done.", "Dams and rain."])
    assert "dam" in topic
    assert "survey" not in topic


def test_problems_counts_an_unintroduced_definite_given_the_articles() -> None:
    article = Article(id="a", text=_INSPECTION)
    other = Article(id="b", text="The Orlen reservoir was drained on Monday.")
    leaning = "The water board said the survey was delayed by a shortage of engineers."
    intro = "A 2019 inspection recommended a survey of drainage under the eastern bank."

    def cite(text: str) -> SummarySentence:
        start = _INSPECTION.index(text)
        return SummarySentence(text, (Citation("a", start, start + len(text)),))

    opening = cite("The Orlen reservoir was drained on Monday after cracks appeared in its wall.")
    alone = Summary((opening, cite(leaning)), method="test")
    assert problems(alone, [article, other]) == [(1, f"{UNINTRODUCED} 'the survey'")]
    assert problems(alone) == []  # without the articles, as before
    # preceded by the sentence that introduces it, it stands
    introduced = Summary((opening, cite(intro), cite(leaning)), method="test")
    assert problems(introduced, [article, other]) == []


def test_a_longer_phrase_with_its_own_complement_stands() -> None:
    before = "An unknown white man came. A new flood barrier was built. "
    assert definite_reference("She met the unknown white man who left.", before=before) is None
    assert definite_reference("The new flood barrier held.", before=before) is not None


def test_a_unit_naming_a_thing_its_article_introduced_leans_near_or_far() -> None:
    # a story of one article is all topic: a second one says what the story is
    other = Article(id="o", text="The Orlen reservoir was drained on Monday.")
    units = summary_units([Article(id="a", text=_INSPECTION), other], lexicon=Lexicon())
    by_text = {u.sentence.text: u.dangling for u in units}
    near = by_text["The water board said the survey was delayed by a shortage of engineers."]
    assert near and not near.far  # its predecessor introduces the survey: it may precede it
    assert near.definite
    far = Article(id="b", text=_INSPECTION.replace("eastern bank. ", "eastern bank. " + _FILLER))
    units = summary_units([far, other], lexicon=Lexicon())
    leaning = [u.dangling for u in units if "the survey" in u.sentence.text]
    assert leaning and all(d.far for d in leaning)
    # without the story (a timeline's units), the test is not made
    assert not Leaning(leaning[0]._text)


_FILLER = "Heavy rain fell on the valley for three days before the engineers arrived. "
