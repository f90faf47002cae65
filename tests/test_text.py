"""Sentence splitting on the news-text cases Punkt alone gets wrong, and the lexicon."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.models import Article
from storyline.text import (
    _MODIFYING_INITIALS,
    _RUN_IN_LEAD,
    _RUN_IN_LEAD_ANYWHERE,
    _TITLE,
    Lexicon,
    _merge_false_breaks,
    _title_before,
    split_paragraph,
    split_sentences,
    token_text,
    tokens,
)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_paragraph(text)]


@pytest.mark.parametrize(
    "expected",
    [
        ["Lt. Col. Dana Price led the unit.", "She declined to comment."],
        ["Output rose 12 pct. in the quarter.", "Exports fell."],
        ["Queues formed at 7 a.m.", "By noon the shop was empty."],
        ["Prices rose.", "(They fell 4 per cent last year.)", "Analysts were surprised."],
        ['"We will stay," Gen. Mark Harlow said.', "The ministry did not comment."],
        ["The U.S. Army said on Jan. 5 it would leave.", "It left on Jan. 9."],
        ["Tickets for the 7 p.m. Concorde show sold out.", "More were added."],
        # ECB+: a title joined to a name by a hyphen is still a title
        ["Two climbers died in the Aoraki-Mt. Cook park on Friday.", "Police named them."],
    ],
)
def test_tricky_news_sentences(expected: list[str]) -> None:
    assert sentences(" ".join(expected)) == expected


@pytest.mark.parametrize(
    ("first", "merged"),
    [
        ("The convoy crossed the river at dawn and was met by Brig.", True),
        ("Col.", True),
        ("The convoy was met at the crossing by a man named XBrig.", False),
        ("The convoy was met at the Aoraki-Mt.", True),
        ("The convoy was met at the crossing by the brigade.", False),
    ],
)
def test_a_break_after_a_title_is_merged_however_long_the_span(first: str, merged: bool) -> None:
    # Only the span's last characters are searched for the title; the word before must still
    # end there ("XBrig." is no title).
    paragraph = f"{first} Harland Dorsey led it north."
    spans = [(0, len(first)), (len(first) + 1, len(paragraph))]
    expected = [(0, len(paragraph))] if merged else spans
    assert _merge_false_breaks(paragraph, spans) == expected


@pytest.mark.parametrize(
    ("first", "merged"),
    [
        # DUC 2006 and 2007: initials that modify the next word do not end a sentence
        ("Chavez said he met earlier Wednesday with U.S.", True),
        ("She is the highest ranking official to visit since former U.S.", True),
        ('"That is not what we asked for," Iraqi U.N.', True),
        ("Talks resume next week under the supervision of U.K.", True),
        # as nouns they take "the", and may end one
        ("The delegation flew back to the U.S.", False),
        ("The resolution was sent to The U.N.", False),
        ("The envoy left for the U.S.A.", False),
    ],
)
def test_a_break_after_modifying_initials_is_merged(first: str, merged: bool) -> None:
    paragraph = f"{first} Ambassador Harland Dorsey led it north."
    spans = [(0, len(first)), (len(first) + 1, len(paragraph))]
    expected = [(0, len(paragraph))] if merged else spans
    assert _merge_false_breaks(paragraph, spans) == expected
    if merged:
        assert sentences(paragraph) == [paragraph]


@given(
    st.lists(
        st.sampled_from(["Rain fell.", "Dr. Ames left.", "It was 5 p.m. in Oslo.", "No."]),
        max_size=6,
    )
)
def test_spans_are_trimmed_and_inside_the_article(parts: list[str]) -> None:
    text = "\n\n".join(parts)
    article = Article(id="a", text=text)
    for s in split_sentences(article):
        assert text[s.start : s.end] == s.text == s.text.strip() and s.text


# Letters whose lower case is ASCII, or longer, or depends on context ("Σ" at a word's end).
_TRICKY = "aZ09 .,'\"-_\t\n\u00a0\u0130\u212a\u00df\u00e9\u2019\u03a3\u0391\U0001f600"


@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=40), st.data())
def test_tokens_are_the_lower_cased_alphanumeric_runs_in_any_span(
    text: str, data: st.DataObject
) -> None:
    # ROUGE's tokens, as a regular expression reads them; and an article's token_text gives
    # every span's tokens, unless lower-casing changed its length ("İ").
    def expected(t: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", t.lower())

    assert tokens(text) == expected(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain = token_text(text)
    if plain is not None:
        assert plain[start:end].split() == expected(text[start:end])
    else:
        assert len(text.lower()) != len(text)


def test_lexicon_codes_are_stable_and_stem_aware() -> None:
    lexicon = Lexicon()
    a = np.frombuffer(lexicon.packed(["floods", "flooding", "the", "dam"]), dtype=np.int64)
    b = np.frombuffer(lexicon.packed(["dam", "flooded"]), dtype=np.int64)
    assert a[0] == a[1] == b[1] and a[3] == b[0]
    stop = lexicon.stop_mask()
    assert stop[a[2]] and not stop[a[3]]
    # known words, one, several or none, are looked up alike
    assert lexicon.packed(["dam"]) * 2 == lexicon.packed(["dam", "dam"])
    assert lexicon.packed([]) == b""


def test_clear_breaks_after_lower_case_words_that_punkt_misses() -> None:
    text = "Crime was high, the report found. Indian victims said so."
    assert sentences(text) == ["Crime was high, the report found.", "Indian victims said so."]
    # ...but not after a lower-case abbreviation.
    assert len(sentences("Output rose approx. Ten firms agreed.")) == 1
    # the word may end before a newline, as "$" reads it; paragraphs with other stops than the
    # full stop are read with the general patterns
    assert sentences("It rained hard\n. The dam held.") == ["It rained hard\n.", "The dam held."]
    assert sentences("Rain fell. Wow! The dam held? Yes.") == [
        "Rain fell.",
        "Wow!",
        "The dam held?",
        "Yes.",
    ]


def test_a_headline_run_into_its_lead_is_cut_off() -> None:
    # a page's headline and caption with no stop before the lead
    assert sentences(
        "Floods hit Eldham orphanage A nurse at the orphanage said all were safe."
    ) == [
        "Floods hit Eldham orphanage",
        "A nurse at the orphanage said all were safe.",
    ]
    assert sentences("Crowds in Eldham The mayor urged calm on Monday.") == [
        "Crowds in Eldham",
        "The mayor urged calm on Monday.",
    ]
    # "A" naming a thing is no new sentence
    for text in (
        "The virus is an influenza A strain, the ministry said.",
        "The ferry runs from point A to point B twice a day.",
        "She is on the A list of Eldham's hosts.",
        "He told The Eldham Post that the dam held.",
    ):
        assert sentences(text) == [text]


@given(st.text(alphabet=st.sampled_from(list("aAnTthe .,")), max_size=16))
def test_a_run_in_lead_is_found_the_same_from_its_capital(text: str) -> None:
    """_repair asks whether a paragraph holds a run-in lead with an expression that starts at
    the capital: it finds one exactly where _RUN_IN_LEAD does."""
    assert (_RUN_IN_LEAD_ANYWHERE.search(text) is None) == (_RUN_IN_LEAD.search(text) is None)


@given(st.text(alphabet=st.sampled_from(list("aLtSUK.s ")), max_size=12))
def test_a_title_before_a_stop_is_found_without_searching_lower_case_words(text: str) -> None:
    """_title_before skips its searches where no capital stands before the stop; it answers as
    the searches do."""
    for end in range(len(text) + 1):
        for start in range(end):
            expected = (
                _TITLE.search(text, max(start, end - 5), end) is not None
                or _MODIFYING_INITIALS.search(text, max(start, end - 9), end) is not None
            )
            assert _title_before(text, start, end) == expected
