"""Wire-copy detection: reprints collapse, own-words reports of the same event do not.

All texts are fictional and written for these tests.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from benchmarks.dedup import pairwise_scores
from benchmarks.synth import SynthArticle, SynthConfig, generate

from storyline.dedup import DedupIndex, DedupSettings, find_duplicates
from storyline.fingerprints import normalise

AGENCY = """MARLOWE BAY (Coastline Press) — Fishing crews in Marlowe Bay refused to put to sea on Thursday after the harbour authority doubled mooring fees without warning, leaving more than 140 boats tied up along the old quay.

The harbour master, Ingrid Feldhaus, said the increase was needed to pay for repairs to the breakwater, which was damaged in two winter storms and has not been fully inspected since 2019.

Crew members gathered outside the authority's offices from early morning, many carrying crates of unsold catch from the previous day. Several said they could not afford the new rate and would move to the smaller port at Kessing if the decision stood.

"We were told about this by a notice pinned to a lamp post," said Tomas Rell, who has fished from the bay for thirty years. "Nobody asked us, nobody explained the numbers."

The town council is due to discuss the fees at an emergency session next Tuesday. Councillor Maud Brenner said she would ask the authority to phase the increase over three years and to publish the inspection report on the breakwater.

Fish merchants in the market hall reported that prices for cod and plaice rose by almost a fifth by midday as supplies ran short. Restaurants along the seafront said they had switched to frozen stock for the weekend.

The authority said in a statement late on Thursday that it remained open to talks but that the breakwater repairs could not be delayed any longer."""

# Same text as an outlet runs it: new headline line, a photo caption on top, the last two
# paragraphs cut, two copy-edits, and the outlet's sign-off lines.
REPRINT = """Harbour fee row keeps Marlowe Bay fleet in port

Boats lie idle at the old quay in Marlowe Bay on Thursday as crews protest against higher fees. (Photo: Coastline Press)

MARLOWE BAY (Coastline Press) — Fishing crews in Marlowe Bay refused to put to sea on Thursday after the harbour authority doubled mooring fees without notice, leaving more than 140 boats tied up along the old quay.

The harbour master, Ingrid Feldhaus, said the increase was needed to pay for repairs to the breakwater, which was damaged in two winter storms and has not been fully inspected since 2019.

Crew members gathered outside the authority's offices from early morning, many carrying crates of unsold catch from the previous day. Several stated they could not afford the new rate and would move to the smaller port at Kessing if the decision stood.

"We were told about this by a notice pinned to a lamp post," said Tomas Rell, who has fished from the bay for thirty years. "Nobody asked us, nobody explained the numbers."

The town council is due to discuss the fees at an emergency session next Tuesday.

Click here to join the Westshore Echo channel on your phone for all the latest local news alerts.
© Westshore Echo 2026"""

# The same event reported by another outlet in its own words: same names, numbers and quote.
OWN_WORDS = """Around 140 fishing boats stayed in Marlowe Bay harbour on Thursday as crews protested against a sudden doubling of mooring charges.

Harbour master Ingrid Feldhaus defended the rise, saying money was urgently required to fix the storm-damaged breakwater, last inspected in 2019.

Fishermen spent the morning outside the harbour authority building. Some warned they would relocate to Kessing, a smaller port along the coast, if the charges were not reversed.

"We were told about this by a notice pinned to a lamp post," said Tomas Rell, who has fished from the bay for thirty years.

Councillors will debate the issue next Tuesday, and Maud Brenner plans to propose spreading the increase across three years.

Traders at the fish market said cod and plaice were a fifth dearer by lunchtime, while seafront restaurants turned to frozen fish."""


def test_reprint_with_new_headline_caption_cut_and_signoff_is_found() -> None:
    index = DedupIndex()
    assert index.add("agency", AGENCY) is None
    assert index.add("reprint", REPRINT) == "agency"


def test_same_event_in_other_words_is_not_merged() -> None:
    index = DedupIndex()
    assert index.add("agency", AGENCY) is None
    assert index.add("own-words", OWN_WORDS) is None
    assert index.add("reprint", REPRINT) == "agency"


def test_exact_duplicate_and_repeated_id() -> None:
    index = DedupIndex()
    assert index.add("a", AGENCY) is None
    assert index.add("b", AGENCY) == "a"
    # A stream that re-delivers an id is answered as before, and nothing is added.
    assert index.add("b", "whatever else") == "a"
    assert index.add("a", AGENCY) is None
    assert len(index) == 2


def test_decisions_made_elsewhere_are_recorded_without_matching() -> None:
    # A loaded batch run says "own-words" copies "agency" and the reprint is its own article.
    index = DedupIndex()
    assert index.add("agency", AGENCY, copy_of="agency") is None
    assert index.add("own-words", OWN_WORDS, copy_of="agency") == "agency"
    assert index.add("reprint", REPRINT, copy_of="reprint") is None
    assert index.canonical("own-words") == "agency"
    # Later articles match against them as indexed: a copy of the reprint points to it.
    assert index.add("again", REPRINT) == "reprint"


def test_short_texts_only_match_exactly() -> None:
    index = DedupIndex()
    assert index.add("x", "Storm warning for the coast tonight.") is None
    assert index.add("y", "Storm warning for the coast tonight.") == "x"
    assert index.add("z", "Storm warning for the valley tonight.") is None


def test_normalise_drops_captions_signoffs_and_short_lines() -> None:
    words = normalise(REPRINT)
    text = " ".join(words)
    assert "click here" not in text
    assert "photo" not in text
    assert "harbour fee row" not in text  # the headline line: too short to be body
    assert text.startswith("marlowe bay coastline press fishing crews")


def test_query_does_not_add() -> None:
    index = DedupIndex()
    index.add("agency", AGENCY)
    assert index.query(REPRINT) == "agency"
    assert index.query(OWN_WORDS) is None
    assert len(index) == 1


def _batch() -> tuple[list[tuple[str, str]], dict[str, date]]:
    items = [("agency", AGENCY), ("reprint", REPRINT), ("own", OWN_WORDS), ("copy", AGENCY)]
    dates = {
        "agency": date(2026, 3, 5),
        "reprint": date(2026, 3, 6),
        "own": date(2026, 3, 5),
        "copy": date(2026, 3, 5),
    }
    return items, dates


def test_find_duplicates_maps_every_id_to_the_earliest_copy() -> None:
    items, dates = _batch()
    result = find_duplicates(items, dates=dates)
    # agency and copy share the earliest date: the tie goes to the smaller id.
    assert result == {"agency": "agency", "reprint": "agency", "own": "own", "copy": "agency"}


@pytest.mark.parametrize("seed", range(6))
def test_find_duplicates_is_order_independent_with_dates(seed: int) -> None:
    items, dates = _batch()
    expected = find_duplicates(items, dates=dates)
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    assert find_duplicates(shuffled, dates=dates) == expected


def test_find_duplicates_is_order_independent_on_a_synthetic_batch() -> None:
    articles = list(generate(250, seed=3))
    items = [(a.id, a.text) for a in articles]
    dates = {a.id: a.published for a in articles}
    expected = find_duplicates(items, dates=dates)
    assert len(set(expected.values())) < len(items)  # the batch has copies to collapse
    for seed in range(2):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert find_duplicates(shuffled, dates=dates) == expected


def test_find_duplicates_without_dates_follows_the_given_order() -> None:
    result = find_duplicates([("later", REPRINT), ("first", AGENCY)])
    assert result == {"later": "later", "first": "later"}


def test_state_round_trip() -> None:
    index = DedupIndex(settings=DedupSettings(threshold=0.55))
    for article_id, text in [("agency", AGENCY), ("own", OWN_WORDS), ("reprint", REPRINT)]:
        index.add(article_id, text)
    state = index.to_state()
    restored = DedupIndex.from_state(state)
    assert restored.settings == index.settings
    assert len(restored) == 3
    assert restored.canonical("reprint") == "agency"
    assert restored.to_state() == state
    # The restored index keeps answering, and keeps growing, as the original does.
    assert restored.add("copy", AGENCY) == index.add("copy", AGENCY) == "agency"
    assert restored.to_state() == index.to_state()


def test_a_state_saved_before_the_restored_days_is_refused_not_crashed_on() -> None:
    """Such a state (version 3 without "dropped"/"pinned") must raise ValueError, which makes
    open_indexes rebuild from the articles; a KeyError would stop every writer start."""
    import io
    import json

    import numpy as np

    index = DedupIndex()
    index.add("agency", AGENCY)
    with np.load(io.BytesIO(index.to_state()), allow_pickle=False) as arrays:
        parts = {name: arrays[name] for name in arrays.files}
    meta = json.loads(parts["meta"].tobytes().decode("utf-8"))
    del meta["dropped"], meta["pinned"]
    parts["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **parts)
    with pytest.raises(ValueError, match="dropped"):
        DedupIndex.from_state(buffer.getvalue())


def test_empty_index_state_round_trip() -> None:
    restored = DedupIndex.from_state(DedupIndex().to_state())
    assert len(restored) == 0
    assert restored.add("a", AGENCY) is None


def test_settings_validate_early() -> None:
    with pytest.raises(ValueError, match="multiple of band_rows"):
        DedupSettings(num_perm=63, band_rows=2)
    with pytest.raises(ValueError, match="threshold"):
        DedupSettings(threshold=0.0)


def test_synthetic_wire_copies_meet_the_quality_floor() -> None:
    """A small version of benchmarks/dedup.py: the floors are the benchmark's targets."""
    articles = list(generate(800, seed=11))
    index = DedupIndex()
    for article in articles:
        index.add(article.id, article.text)
    scores = pairwise_scores(
        [a.wire_group for a in articles], [index.canonical(a.id) for a in articles]
    )
    assert scores["gold_pairs"] > 300
    assert scores["precision"] >= 0.98
    assert scores["recall"] >= 0.98


def test_synth_is_deterministic_and_labelled() -> None:
    first = [a.to_dict() for a in generate(300, seed=5)]
    assert first == [a.to_dict() for a in generate(300, seed=5)]
    assert first != [a.to_dict() for a in generate(300, seed=6)]
    kinds = {a["kind"] for a in first}
    assert {"original", "reprint"} <= kinds
    assert len({a["id"] for a in first}) == 300
    raw = next(iter(generate(1, seed=5))).to_raw()
    assert raw.doc_key == "a0000000" and raw.published is not None and raw.text


def test_a_copy_is_matched_only_inside_the_window() -> None:
    index = DedupIndex(settings=DedupSettings(window_days=30))
    assert index.add("agency", AGENCY, published=date(2026, 3, 1)) is None
    assert index.add("reprint", REPRINT, published=date(2026, 3, 20)) == "agency"
    assert index.add("undated", REPRINT) == "agency"  # counts as the newest day seen
    # Much later, a re-post is a new article: the agency text has left the window.
    assert index.add("repost", AGENCY, published=date(2026, 5, 1)) is None
    # The window is around each article's own date, looking back and forward.
    assert index.add("early", REPRINT, published=date(2026, 2, 2)) == "agency"
    assert index.add("far", REPRINT, published=date(2026, 1, 2)) is None
    unbounded = DedupIndex(settings=DedupSettings(window_days=None))
    unbounded.add("agency", AGENCY, published=date(2026, 3, 1))
    assert unbounded.add("repost", AGENCY, published=date(2029, 5, 1)) == "agency"


def test_the_window_bounds_the_index_and_state_round_trips() -> None:
    """A long stream: the index holds about a window of articles around the recent additions,
    and a checkpoint taken midway answers exactly as the index that made it."""
    articles = list(generate(4000, seed=11))
    days = (articles[-1].published - articles[0].published).days
    assert days > 30  # the stream spans several windows
    settings = DedupSettings(window_days=7, horizon=500)
    index = DedupIndex(settings=settings)
    answers = [index.add(a.id, a.text, published=a.published) for a in articles[:3000]]
    assert len(index) < 2500  # the first weeks have left
    restored = DedupIndex.from_state(index.to_state())
    rest = articles[3000:]
    assert [index.add(a.id, a.text, published=a.published) for a in rest] == [
        restored.add(a.id, a.text, published=a.published) for a in rest
    ]
    assert any(answers) and len(index) == len(restored)


def test_a_backfill_finds_its_copies_beside_newer_articles() -> None:
    """Issue 17.2: old archives ingested after a newer article still find their copies, and an
    article that arrives after its own copy is matched to it (the window looks both ways)."""
    index = DedupIndex(settings=DedupSettings(window_days=30))
    index.add("news", OWN_WORDS, published=date(2027, 5, 18))
    assert index.add("reprint", REPRINT, published=date(2026, 3, 2)) is None
    assert index.add("agency", AGENCY, published=date(2026, 3, 1)) == "reprint"


def test_groups_do_not_depend_on_the_order_of_the_stream() -> None:
    """Months of articles in date order, reversed and shuffled: the same reprint groups."""
    articles = list(generate(1500, seed=4, config=SynthConfig(stories_per_block=4)))
    assert (articles[-1].published - articles[0].published).days > 90

    def groups(order: list[SynthArticle]) -> set[frozenset[str]]:
        index = DedupIndex()
        found = {a.id: index.add(a.id, a.text, published=a.published) or a.id for a in order}
        members: dict[str, set[str]] = {}
        for article_id, canonical in found.items():
            members.setdefault(canonical, set()).add(article_id)
        return {frozenset(m) for m in members.values()}

    shuffled = articles[:]
    random.Random(2).shuffle(shuffled)
    in_order = groups(articles)
    assert sum(len(g) > 1 for g in in_order) > 100
    assert groups(articles[::-1]) == in_order
    assert groups(shuffled) == in_order
