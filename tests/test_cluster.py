"""Story/event clustering and its metrics, on small fictional articles written for these tests."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyline.cluster import (
    Assignment,
    ClusterDoc,
    ClusterSettings,
    StoryIndex,
    average_linkage,
    cluster_batch,
    relative_linkage,
)
from storyline.embeddings import load_embedder
from storyline.evaluation.clustering import bcubed, pairwise
from storyline.features import body_lines, entity_counts

DATA = Path(
    os.environ.get("STORYLINE_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data")
)

# Two floods (Marrowby, Quillhaven) and one football transfer: fictional places, people, numbers.
FLOOD_A = [
    "The river Ost burst its banks in Marrowby on Tuesday, flooding 300 homes. Mayor Ada Venn said "
    "rescue boats reached the old mill district.",
    "Floodwater covered Marrowby after the Ost rose two metres overnight. Ada Venn asked residents "
    "of the mill district to leave their homes.",
    "In Marrowby, 300 homes were flooded when the Ost overflowed, Mayor Ada Venn said, and boats "
    "carried families from the mill district.",
    "Rescue boats worked through the night in Marrowby as the Ost flood reached 300 homes; Ada "
    "Venn "
    "opened the town hall as a shelter.",
    "Ada Venn, mayor of Marrowby, said the Ost flood was the worst since 1952 and that 300 homes "
    "in the mill district need repairs.",
    "Volunteers in Marrowby filled sandbags along the Ost; Mayor Ada Venn thanked the boat crews "
    "of the mill district.",
]
FLOOD_B = [
    "The river Brenn burst its banks in Quillhaven on Sunday, flooding 45 farms. Governor Tomas "
    "Ilk "
    "said rescue boats reached families in the valley.",
    "Floodwater covered Quillhaven after the Brenn rose overnight. Tomas Ilk asked residents of "
    "the "
    "valley to leave their homes as the river flooded 45 farms.",
    "In Quillhaven, 45 farms were flooded when the Brenn overflowed, Governor Tomas Ilk said, and "
    "rescue boats carried families from the valley.",
    "Rescue boats worked through the night in Quillhaven as the Brenn flood reached 45 farms; "
    "Tomas "
    "Ilk opened a school as a shelter for residents.",
    "Governor Tomas Ilk said the Brenn flood in Quillhaven destroyed the harvest of 45 farms in "
    "the valley.",
    "Quillhaven volunteers filled sandbags along the Brenn; Tomas Ilk thanked the valley farmers.",
]
TRANSFER = [
    "Striker Leo Brandt signed for Harbour City FC for a record fee of 80 million, the club said.",
    "Harbour City FC confirmed the record signing of striker Leo Brandt for 80 million on a "
    "five-year contract.",
    "Leo Brandt joined Harbour City FC; the 80 million transfer is a club record for a striker.",
    "The striker Leo Brandt passed his medical at Harbour City FC before his 80 million record "
    "move.",
]


def docs(prefix: str, texts: list[str], *, day: date | None = None) -> list[ClusterDoc]:
    return [ClusterDoc(id=f"{prefix}{i}", text=t, published=day) for i, t in enumerate(texts)]


def groups(assignments: list[Assignment], level: str) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for a in assignments:
        by.setdefault(getattr(a, level), set()).add(a.doc_id)
    return {frozenset(g) for g in by.values()}


def ids(prefix: str, n: int) -> frozenset[str]:
    return frozenset(f"{prefix}{i}" for i in range(n))


ALL = docs("a", FLOOD_A) + docs("b", FLOOD_B) + docs("t", TRANSFER)


def test_two_floods_in_two_places_are_two_stories() -> None:
    """A story is one happening: the Marrowby and Quillhaven floods share every word of their
    kind, but not their places, people or numbers."""
    stories = groups(cluster_batch(ALL), "story")
    assert stories == {ids("a", 6), ids("b", 6), ids("t", 4)}


def test_two_floods_alone_in_one_week_are_two_stories() -> None:
    """Three reports of each flood and nothing else in the window: each article's five nearest
    are all there is, so the two floods fill each other's neighbourhoods through the words of
    their kind. Either rule keeps them apart: ``neighbour_ratio`` (the other flood's reports
    are far less alike than an article's best) and ``name_conflict`` (each flood's names,
    Marrowby, Ost, Ada Venn / Quillhaven, Brenn, Tomas Ilk, are never said by the other);
    without both they become one story."""
    quiet = [
        ClusterDoc(id=f"a{i}", text=t, published=date(2025, 3, 3 + i))
        for i, t in enumerate(FLOOD_A[:3])
    ] + [
        ClusterDoc(id=f"b{i}", text=t, published=date(2025, 3, 6 + i))
        for i, t in enumerate(FLOOD_B[:3])
    ]
    assert groups(cluster_batch(quiet), "story") == {ids("a", 3), ids("b", 3)}
    for rule in (ClusterSettings(neighbour_ratio=0.0), ClusterSettings(name_conflict=1.0)):
        assert groups(cluster_batch(quiet, settings=rule), "story") == {ids("a", 3), ids("b", 3)}
    merged = cluster_batch(quiet, settings=ClusterSettings(neighbour_ratio=0.0, name_conflict=1.0))
    assert groups(merged, "story") == {ids("a", 3) | ids("b", 3)}


def test_name_evidence_refuses_groups_whose_participants_differ() -> None:
    """Salient names are those at least half a group's articles (and two) say; a merge is
    refused when each side's are mostly names the other never mentions, never for a lone
    article or a group of headlines."""
    from scipy import sparse

    from storyline.cluster.participants import NameEvidence

    # Columns 0-2: one quake's town, official and magnitude; 3-5: the other's; 6: "Iran".
    rows = [[0, 1, 2, 6], [0, 1, 6], [0, 2], [3, 4, 5, 6], [3, 4, 6], [3, 5], [0, 3]]
    data = [1.0] * sum(len(r) for r in rows)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    entities = sparse.csr_matrix((data, np.concatenate(rows), indptr), shape=(len(rows), 8))

    def evidence(conflict: float, words: float = 300.0) -> NameEvidence:
        return NameEvidence(
            entities,
            np.full(len(rows), words),
            conflict=conflict,
            min_words=20,
            entity_df=np.ones(8, dtype=np.int64),
            n_docs=10,
        )

    names = evidence(0.5)
    assert names.allows(0, 3, 1.0)  # lone articles: no salient names yet
    for a, b in ((0, 1), (0, 2), (3, 4), (3, 5)):
        assert names.allows(a, b, 1.0)
        names.merge(a, b)
    # Salient: {0, 1, 2, 6} and {3, 4, 5, 6}; each side's own three are never said by the other.
    assert not names.allows(0, 3, 1.0)
    assert names.allows(0, 6, 1.0)  # the article that names both towns is alone
    off = evidence(1.0)
    for a, b in ((0, 1), (0, 2), (3, 4), (3, 5)):
        off.merge(a, b)
    assert off.allows(0, 3, 1.0)
    headlines = evidence(0.5, words=8.0)
    for a, b in ((0, 1), (0, 2), (3, 4), (3, 5)):
        headlines.merge(a, b)
    assert headlines.allows(0, 3, 1.0)


def test_same_kind_events_are_split_into_events() -> None:
    events = groups(cluster_batch(ALL), "event")
    assert events == {ids("a", 6), ids("b", 6), ids("t", 4)}


def test_order_inside_a_batch_does_not_matter() -> None:
    first = sorted(cluster_batch(ALL), key=lambda a: a.doc_id)
    shuffled = ALL[5:] + ALL[:5][::-1]
    second = sorted(cluster_batch(shuffled), key=lambda a: a.doc_id)
    assert first == second


def test_incremental_add_equals_batch_add_for_separated_data() -> None:
    index = StoryIndex()
    incremental = index.add_batch(docs("a", FLOOD_A) + docs("t", TRANSFER[:2])) + index.add_batch(
        docs("b", FLOOD_B) + [ClusterDoc(id=f"t{i}", text=TRANSFER[i]) for i in (2, 3)]
    )
    for level in ("story", "event"):
        assert groups(incremental, level) == groups(cluster_batch(ALL), level)


def test_a_story_grows_only_within_its_window() -> None:
    """Follow-ups a few days on join the story; the same words after a long silence are another
    happening (a second flood of the Ost), in a stream and all at once alike."""
    first = [ClusterDoc(f"a{i}", t, published=date(2025, 3, 1)) for i, t in enumerate(FLOOD_A[:3])]
    soon = [ClusterDoc(f"s{i}", t, published=date(2025, 3, 9)) for i, t in enumerate(FLOOD_A[3:])]
    late = [ClusterDoc(f"l{i}", t, published=date(2025, 5, 1)) for i, t in enumerate(FLOOD_A)]
    index = StoryIndex(ClusterSettings(window_days=14))
    early = {a.story for a in index.add_batch(first)}
    assert {a.story for a in index.add_batch(soon)} == early
    assert {a.story for a in index.add_batch(late)}.isdisjoint(early)
    at_once = groups(cluster_batch(first + soon + late), "story")
    assert frozenset(d.id for d in late) in at_once
    assert frozenset(d.id for d in first + soon) in at_once


def test_state_round_trips_through_bytes() -> None:
    index = StoryIndex()
    index.add_batch(docs("a", FLOOD_A[:2]) + docs("t", TRANSFER[:2]))
    state = index.to_bytes()
    assert len(state) < 50_000  # compact: arrays, not a JSON dump of every feature
    restored = StoryIndex.from_bytes(state)
    more = docs("a", FLOOD_A)[2:] + docs("t", TRANSFER)[2:]
    assert restored.add_batch(more) == index.add_batch(more)
    assert restored.stories() == index.stories()


def test_adopted_stories_keep_their_ids_and_are_joined_later() -> None:
    index = StoryIndex()
    # Decided elsewhere (a batch run): the Marrowby flood is story "s00001" (the id the index
    # itself would give its first story) with two events; the transfer is "run.7".
    flood, transfer = docs("a", FLOOD_A[:4]), docs("t", TRANSFER[:2])
    given = {d.id: ("s00001", "s00001.e1" if d.id < "a2" else "s00001.e2") for d in flood}
    given |= {d.id: ("run.7", "run.7.e1") for d in transfer}
    index.adopt(flood + transfer, given)
    views = {s.id: s for s in index.stories()}
    assert (views["s00001"].size, views["s00001"].events) == (4, ("s00001.e1", "s00001.e2"))
    assert views["run.7"].size == 2 and "Harbour" in views["run.7"].label
    later = index.add_batch(docs("a", FLOOD_A)[4:] + docs("t", TRANSFER)[2:])
    home = {a.doc_id: a.story for a in later}
    assert home["a4"] == home["a5"] == "s00001" and home["t2"] == home["t3"] == "run.7"
    news = index.add_batch([ClusterDoc(id="n0", text="Lighthouse keeper retires after 40 years.")])
    assert news[0].story == "s00002"  # a new story's id skips the adopted one
    with pytest.raises(ValueError, match="no story given"):
        index.adopt(docs("x", TRANSFER[:1]), {})


def test_story_view_has_label_keywords_outlets() -> None:
    index = StoryIndex()
    batch = [
        ClusterDoc(
            id=f"t{i}",
            text=t,
            title=f"Brandt joins Harbour City {i}",
            source=f"Paper{i % 2}",
            published=date(2025, 5, 1 + i),
        )
        for i, t in enumerate(TRANSFER)
    ]
    index.add_batch(batch)
    (story,) = index.stories()
    assert story.label.startswith("Brandt joins Harbour City")
    assert "brandt" in story.keywords
    assert set(story.outlets) == {"Paper0", "Paper1"}
    assert (story.first_seen, story.last_seen) == (date(2025, 5, 1), date(2025, 5, 4))


def test_quiet_stories_are_archived_and_state_stays_bounded() -> None:
    index = StoryIndex(ClusterSettings(window_days=7, archive_days=10, max_active_events=2))
    (flood,) = {a.story for a in index.add_batch(docs("a", FLOOD_A, day=date(2025, 1, 1)))}
    (transfer,) = {a.story for a in index.add_batch(docs("t", TRANSFER, day=date(2025, 3, 1)))}
    assert [s.id for s in index.stories()] == [transfer]  # the flood went quiet: forgotten
    later = index.add_batch(docs("b", FLOOD_B, day=date(2025, 3, 2)))
    assert flood not in {a.story for a in later}
    assert index.stories([flood]) == []  # gone from the index once a later batch is in
    assert StoryIndex.from_bytes(index.to_bytes()).stories() == index.stories()


def test_saved_state_does_not_grow_with_the_stories_seen() -> None:
    """A long stream of stories that each go quiet: the state holds the active ones only."""
    index = StoryIndex(ClusterSettings(window_days=7, archive_days=10))
    sizes = []
    for month in range(1, 13):
        for k, text in enumerate((FLOOD_A, TRANSFER)):
            index.add_batch(docs(f"m{month}-{k}-", text, day=date(2024, month, 1 + k)))
        sizes.append(len(index.to_bytes()))
    assert len(index.stories()) <= 2
    assert max(sizes[3:]) <= 1.1 * sizes[2], sizes  # flat, not one more story's worth a month


def test_new_stories_are_numbered_past_reserved_and_adopted_ids() -> None:
    index = StoryIndex()
    index.reserve(["s00041", "w000003.s00077", "s00007"])
    first = index.add_batch(docs("t", TRANSFER, day=date(2025, 3, 1)))
    assert {a.story for a in first} == {"s00042"}
    adopted = docs("a", FLOOD_A, day=date(2025, 3, 2))
    index.adopt(adopted, {d.id: ("s00090", "s00090/e1") for d in adopted})
    later = index.add_batch(docs("u", TRANSFER, day=date(2025, 6, 1)))  # both went quiet
    assert {a.story for a in later} == {"s00091"}  # archived ids are not given again


def test_assignments_say_which_features_decided() -> None:
    assert {a.features for a in cluster_batch(ALL)} == {"lexical"}


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="similarity in"):
        ClusterSettings(story_threshold=1.5)
    with pytest.raises(ValueError, match="archive_days"):
        ClusterSettings(window_days=40, archive_days=30)


# Two tight pairs (0-1, 2-3) of one kind, linked loosely to each other; 4 is a loner.
TWO_TIGHT_PAIRS = np.array(
    [
        [1.0, 0.66, 0.30, 0.28, 0.00],
        [0.66, 1.0, 0.34, 0.33, 0.00],
        [0.30, 0.34, 1.0, 0.50, 0.05],
        [0.28, 0.33, 0.50, 1.0, 0.05],
        [0.00, 0.00, 0.05, 0.05, 1.0],
    ]
)


def test_relative_linkage_keeps_two_tight_groups_apart() -> None:
    # Plain average linkage at 0.14 joins the pairs (their mean link is 0.31).
    assert average_linkage(TWO_TIGHT_PAIRS, 0.14) == [0, 0, 0, 0, 1]
    # 0.31 is below half of the 0-1 pair's own link (0.66): two groups.
    assert relative_linkage(TWO_TIGHT_PAIRS, 0.14, 0.5) == [0, 0, 1, 1, 2]
    # A looser requirement lets them join.
    assert relative_linkage(TWO_TIGHT_PAIRS, 0.14, 0.4) == [0, 0, 0, 0, 1]
    # The loner's weak link (0.05) is far below the 2-3 pair's own (0.50): it stays alone even
    # under a low threshold; two loners have no inner link to compare with and join.
    assert relative_linkage(TWO_TIGHT_PAIRS, 0.04, 0.5)[4] == 2
    assert relative_linkage(np.array([[1.0, 0.2], [0.2, 1.0]]), 0.14, 0.9) == [0, 0]


def test_relative_linkage_without_closeness_is_average_linkage() -> None:
    rng = np.random.default_rng(7)
    for _ in range(60):
        n = int(rng.integers(2, 40))
        points = rng.normal(size=(n, 6))
        points /= np.linalg.norm(points, axis=1, keepdims=True)
        sim = points @ points.T
        threshold = float(rng.uniform(-0.2, 0.6))
        assert relative_linkage(sim, threshold, 0.0) == average_linkage(sim, threshold)


def test_relative_linkage_depends_only_on_the_groups_not_the_order() -> None:
    rng = np.random.default_rng(11)
    points = rng.normal(size=(30, 4))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    sim = points @ points.T
    labels = relative_linkage(sim, 0.1, 0.5)
    order = rng.permutation(30)
    shuffled = relative_linkage(sim[np.ix_(order, order)], 0.1, 0.5)

    def groups(assigned: list[int], ids: list[int]) -> set[frozenset[int]]:
        found: dict[int, set[int]] = {}
        for item, label in zip(ids, assigned, strict=True):
            found.setdefault(label, set()).add(item)
        return {frozenset(g) for g in found.values()}

    assert groups(shuffled, [int(i) for i in order]) == groups(labels, list(range(30)))


def test_wordllama_embeddings_keep_the_fictional_stories_apart() -> None:
    embedder = load_embedder("wordllama")
    assert embedder is not None
    result = cluster_batch(ALL, embedder=embedder)
    assert {a.features for a in result} == {f"lexical+{embedder.name}"}
    assert ids("t", 4) in groups(result, "story")
    assert groups(result, "event") == {ids("a", 6), ids("b", 6), ids("t", 4)}


def test_lexical_embedder_is_none_and_unknown_names_fail() -> None:
    assert load_embedder("lexical") is None
    with pytest.raises(ValueError, match="Unknown embedder"):
        load_embedder("word2vec")


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="Duplicate document id"):
        cluster_batch(docs("a", FLOOD_A[:1]) * 2)


def test_entities_and_url_lines() -> None:
    lines = body_lines("http : / / example . com / a\nMayor Ada Venn met 300 people in Marrowby.")
    assert lines == ["Mayor Ada Venn met 300 people in Marrowby."]
    found = entity_counts(lines)
    assert {"e:mayor_ada_venn", "e:marrowby", "n:300"} <= set(found)
    # A sentence-initial word counts as a name only if the article capitalises it elsewhere too.
    assert "e:police" not in entity_counts(["Police said it rained."])


def test_bcubed_on_known_examples() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert bcubed(gold, gold).f1 == 1.0
    one_cluster = bcubed(dict.fromkeys(gold, 0), gold)
    assert (one_cluster.precision, one_cluster.recall) == (0.5, 1.0)
    singletons = bcubed({k: k for k in gold}, gold)
    assert (singletons.precision, singletons.recall) == (1.0, 0.5)
    # Amigó et al. (2009) style: one item misplaced out of a 3-cluster.
    gold3 = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred3 = {"a": 1, "b": 1, "c": 2, "d": 2}
    score = bcubed(pred3, gold3)
    assert score.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert score.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_pairwise_on_known_examples() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": 1, "b": 1, "c": 2, "d": 2}
    score = pairwise(pred, gold)
    assert (score.precision, score.recall) == (0.5, pytest.approx(1 / 3))
    with pytest.raises(ValueError, match="different items"):
        pairwise({"a": 1}, gold)


def test_stream_of_batches_keeps_same_kind_stories_apart() -> None:
    """A quality gate on the incremental path: 3,000 synthetic articles (stories of the same kinds
    in other places) in batches of 300. Relative closeness across batches lifts story B-cubed F1
    from 0.55 to 0.68 here; the floor sits below."""
    from benchmarks.synth import generate

    arts = list(generate(3000, seed=5))
    stream = [
        ClusterDoc(id=a.id, text=a.text, title=a.title, source=a.source, published=a.published)
        for a in arts
    ]
    index = StoryIndex()
    found = [a for k in range(0, len(stream), 300) for a in index.add_batch(stream[k : k + 300])]
    gold = {a.id: a.story_id for a in arts}
    assert bcubed({a.doc_id: a.story for a in found}, gold).f1 >= 0.65
    # The stories' cohesion survives a checkpoint: a restored index decides as the original.
    more = [ClusterDoc(id=f"x{a.id}", text=a.text, published=a.published) for a in arts[-300:]]
    restored = StoryIndex.from_bytes(index.to_bytes())
    assert restored.add_batch(more) == index.add_batch(more)


@pytest.mark.skipif(not (DATA / "ecbplus" / "ecbplus_docs.jsonl").exists(), reason="no ECB+ data")
def test_ecbplus_floor() -> None:
    """A quality gate: ECB+ topics 1-10 only, to stay fast; floors sit below the measured scores.
    Stories are happenings: scored against the subtopics (the incidents), as events are."""
    rows = [json.loads(line) for line in (DATA / "ecbplus" / "ecbplus_docs.jsonl").open()]
    rows = [r for r in rows if r["topic"] <= 10]
    result = cluster_batch([ClusterDoc(id=r["doc"], text=r["text"]) for r in rows])
    events = bcubed({a.doc_id: a.event for a in result}, {r["doc"]: r["subtopic"] for r in rows})
    gold = {r["doc"]: r["subtopic"] for r in rows}
    stories = bcubed({a.doc_id: a.story for a in result}, gold)
    assert events.f1 >= 0.88
    assert stories.f1 >= 0.88


def test_every_story_a_batch_assigns_has_a_view_until_the_next_batch() -> None:
    """An old article in a new batch opens a story that is archived at once; the engine still
    needs its view to write the story, so it stays viewable until the next batch."""
    index = StoryIndex(ClusterSettings(window_days=7, archive_days=10))
    old = docs("o", FLOOD_A, day=date(2024, 1, 1))
    new = docs("n", TRANSFER, day=date(2025, 3, 1))
    found = index.add_batch(old + new)
    touched = sorted({a.story for a in found})
    assert len(touched) == 2
    assert [s.id for s in index.stories(touched)] == touched
    assert len(index.stories()) == 1  # only the transfer is active
    index.add_batch(docs("m", TRANSFER[:2], day=date(2025, 3, 2)))
    assert len(index.stories(touched)) == 1  # the old flood has gone to the store


def test_far_merges_count_dated_pairs_of_other_gold_stories_far_apart() -> None:
    from benchmarks.ecbplus import far_merges

    predicted = {"a": "s1", "b": "s1", "c": "s1", "d": "s2"}
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    days = {"a": 0, "b": 100, "c": 90, "d": None}
    # Pairs of s1: a-b (same gold), a-c (other gold, 90 days: far), b-c (10 days): 1 of 3.
    assert far_merges(predicted, gold, days) == {"far": 1, "pairs": 3, "rate": 0.3333}


def test_relative_groups_over_groups_of_articles() -> None:
    from storyline.cluster.linkage import Inner, relative_groups

    # Items 0 and 1: three articles each, pairs inside at 0.5; across, nine pairs summing to
    # 1.8 (mean 0.2). Item 2: a lone article, 0.1 from each article of item 1.
    sums = np.array([[0.0, 1.8, 0.0], [1.8, 0.0, 0.3], [0.0, 0.3, 0.0]])
    start = Inner(np.array([1.5, 1.5, 0.0]), np.array([3.0, 3.0, 0.0]))
    words = np.array([300.0, 300.0, 100.0])
    # 0.2 across is below 0.7 x 0.5 inside: two stories; the lone article's 0.1 is below
    # 0.7 x its assumed cohesion (0.2) and stays alone.
    held = relative_groups(sums, 0.04, 0.7, start=start, words=words, min_words=20, lone=0.2)
    assert held[0] == [0, 1, 2]
    # Without closeness it is average linkage of the articles: 0-1 join at 0.2.
    assert relative_groups(sums, 0.04, 0.0, start=start)[0][:2] == [0, 0]
    # Headlines (below the word floor) are not held back by their cohesion.
    short = np.array([30.0, 30.0, 10.0])
    assert relative_groups(sums, 0.04, 0.7, start=start, words=short, min_words=20)[0] == [0, 0, 0]


# Headlines of two stories that share one name and nothing else, and a follow-up of the first.
RECALL = [
    "Velmora recalls 40,000 cars over faulty brake sensors",
    "Velmora brake sensor recall covers 40,000 cars",
    "Carmaker Velmora recalls cars after brake sensor faults",
    "Velmora issues recall of 40,000 vehicles for brake sensors",
    "Brake sensor fault forces Velmora to recall 40,000 cars",
]
ELSEWHERE = [
    "Harbour City FC sign striker Leo Brandt for record fee",
    "Leo Brandt joins Harbour City FC in record transfer",
    "Storm Ilse closes ferries across the northern islands",
    "Ferries halted as Storm Ilse hits the northern islands",
    "Marrowby council approves new library on the old mill site",
    "New Marrowby library to be built on old mill site",
]
OFFICE = [
    "Velmora opens headquarters",
    "Velmora headquarters opens",
    "Velmora unveils headquarters",
    "New Velmora headquarters",
]
FOLLOW_UP = [
    "Velmora brake sensor recall widens to 60,000 vans",
    "Velmora widens brake recall to vans",
]


def _two_batches(settings: ClusterSettings | None = None) -> dict[str, str]:
    index = StoryIndex(settings)
    first = index.add_batch(docs("r", RECALL) + docs("e", ELSEWHERE))
    second = index.add_batch(docs("h", OFFICE) + docs("f", FOLLOW_UP))
    return {a.doc_id: a.story for a in first + second}


def test_one_shared_name_does_not_join_a_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """The headquarters headlines link to the recall story above the story cut through "Velmora"
    alone; without that one feature nothing is left, so they open a story of their own, while
    the recall's follow-up (brake, sensor, recall) joins it."""
    story = _two_batches()
    assert {story[f"f{i}"] for i in range(2)} == {story["r0"]}
    assert {story[f"h{i}"] for i in range(4)} != {story["r0"]}
    assert len({story[f"h{i}"] for i in range(4)}) == 1
    # The rule is what keeps them apart: with no feature taken out and the plain story cut,
    # the name joins them.
    monkeypatch.setattr("storyline.cluster.matching.top_feature", lambda *a, **k: 0.0)
    story = _two_batches(ClusterSettings(story_evidence=ClusterSettings().story_threshold))
    assert {story[f"h{i}"] for i in range(4)} == {story["r0"]}


def _headline_groups(words: float) -> tuple[Any, Any]:
    """Three one-headline groups over four columns: 0 and 1 share only column 0, 0 and 2 share
    columns 0 and 1; a background that every headline says a little of columns 1-3."""
    from scipy import sparse

    from storyline.cluster.groups import Background, Groups

    terms = sparse.csr_matrix(
        np.array([[0.8, 0.6, 0.0, 0.0], [0.8, 0.0, 0.6, 0.0], [0.6, 0.8, 0.0, 0.0]])
    )
    entities = sparse.csr_matrix((3, 4))
    ones = np.ones(3)
    sums = Groups(terms, entities, None, ones, ones * np.nan, ones * np.nan, ones * words)
    mass = np.array([0.0, 0.2, 0.2, 0.2])
    return sums, Background(mass, 1.0, float(mass @ mass))


def test_headlines_linked_by_one_word_alone_stay_apart_in_a_batch() -> None:
    """Inside a batch, two headlines whose link rests on one shared word while the rest of
    their words are less alike than the background are refused; a pair sharing a second word
    is not; full articles are left to their closeness."""
    from storyline.cluster.groups import HeadlineEvidence

    for words, refused in ((8.0, True), (400.0, False)):
        sums, background = _headline_groups(words)
        links = sums.pair_sums(sums, entity_weight=0.5, background=background)
        evidence = HeadlineEvidence(
            sums, floor=0.0, min_words=20, entity_weight=0.5, background=background
        )
        assert links[0, 1] > 0.03  # above the story cut, through column 0 alone
        assert evidence.allows(0, 1, float(links[0, 1])) is not refused
        assert evidence.allows(0, 2, float(links[0, 2]))
        # Once 2 has joined 0, the group is judged on its summed headlines.
        evidence.merge(0, 2)
        assert evidence.allows(0, 1, float((links[0, 1] + links[2, 1]) / 2)) is not refused


def test_relative_groups_asks_the_evidence_before_each_merge() -> None:
    from storyline.cluster.linkage import relative_groups

    class NotZeroAndOne:
        def __init__(self) -> None:
            self.merged: list[tuple[int, int]] = []

        def allows(self, a: int, b: int, link: float) -> bool:
            return {a, b} != {0, 1}

        def merge(self, a: int, b: int) -> None:
            self.merged.append((a, b))

    sim = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.5], [0.1, 0.5, 1.0]])
    assert relative_groups(sim, 0.3, 0.0)[0] == [0, 0, 0]
    evidence = NotZeroAndOne()
    assert relative_groups(sim, 0.3, 0.0, evidence=evidence)[0] == [0, 1, 1]
    assert evidence.merged == [(1, 2)]


def test_halves_finds_two_small_groups_a_tree_joined_across() -> None:
    """Two triples, each more alike inside than across, with one strong pair across (two
    reports that both say "gunman" and "killed"): the normalised cut still parts the
    triples, deterministically, and a group too small for two halves of two is not cut."""
    from storyline.cluster.linkage import halves

    sim = np.full((6, 6), 0.15)
    for block in ([0, 2, 4], [1, 3, 5]):
        sim[np.ix_(block, block)] = 0.45
    sim[0, 1] = sim[1, 0] = 0.6  # the strongest link of all runs across
    np.fill_diagonal(sim, 1.0)
    assert halves(sim, least=2) == ([0, 2, 4], [1, 3, 5])
    assert halves(sim[:3, :3], least=2) is None


def test_relative_groups_waives_closeness_for_one_happening() -> None:
    """Two groups whose link across (0.2) is below 0.7 x their cohesion (0.5) stay apart, unless
    the agreement vouches for them as one happening; the cut still applies."""
    from storyline.cluster.linkage import Inner, relative_groups

    sums = np.array([[0.0, 1.8], [1.8, 0.0]])  # three articles each: mean link 0.2 across
    start = Inner(np.array([1.5, 1.5]), np.array([3.0, 3.0]))
    words = np.array([300.0, 300.0])

    class Vouch:
        def __init__(self, answer: bool) -> None:
            self.answer, self.merged = answer, 0

        def agrees(self, a: int, b: int) -> bool:
            return self.answer

        def merge(self, a: int, b: int) -> None:
            self.merged += 1

    def run(same: Vouch | None, threshold: float = 0.04) -> list[int]:
        return relative_groups(
            sums, threshold, 0.7, start=start, words=words, min_words=20, same=same
        )[0]

    assert run(None) == [0, 1]
    assert run(Vouch(False)) == [0, 1]
    vouch = Vouch(True)
    assert run(vouch) == [0, 0] and vouch.merged == 1
    assert run(Vouch(True), threshold=0.3) == [0, 1]  # below the cut: never one story


def test_same_happening_needs_the_same_names_on_overlapping_days() -> None:
    """Fragments of one happening name the same participants on the same days; a group that
    says names the other never does, a group on other days, or an undated one is not vouched
    for."""
    from scipy import sparse

    from storyline.cluster.participants import NameEvidence, SameHappening

    # Columns 0-2: Marrowby, Ada Venn, the Ost; 3: a donor; 4-5: Quillhaven, Tomas Ilk.
    rows = [[0, 1, 2], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3], [4, 5, 2], [4, 5]]
    data = [1.0] * sum(len(r) for r in rows)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    entities = sparse.csr_matrix((data, np.concatenate(rows), indptr), shape=(len(rows), 8))
    names = NameEvidence(
        entities,
        np.full(len(rows), 300.0),
        conflict=0.5,
        min_words=20,
        entity_df=np.ones(8, dtype=np.int64),
        n_docs=10,
    )
    members = [[0, 1], [2, 3], [4, 5]]

    def same(first: list[float], last: list[float]) -> SameHappening:
        return SameHappening(names, members, np.array(first), np.array(last), agreement=0.3)

    # The second group's donor (one salient name of four) goes unsaid by the first: 0.25.
    on_days = same([1.0, 3.0, 2.0], [4.0, 6.0, 5.0])
    assert on_days.agrees(0, 1)
    assert not on_days.agrees(0, 2)  # Quillhaven's names
    assert not same([1.0, 6.0, 2.0], [4.0, 9.0, 5.0]).agrees(0, 1)  # no day in common
    assert not same([1.0, np.nan, 2.0], [4.0, np.nan, 5.0]).agrees(0, 1)  # undated
    strict = SameHappening(
        names, members, np.array([1.0, 3.0, 2.0]), np.array([4.0, 6.0, 5.0]), agreement=0.2
    )
    assert not strict.agrees(0, 1)


# A film's premiere in a fictional country, and a lone report that shares only the country's name.
PREMIERE = [
    "Fans of Lantern Tide queued overnight in Veltoria for the film's premiere, dressed as the "
    "harbour pilots of the saga; director Imre Sallow signed posters at the Orvane cinema.",
    "Lantern Tide opened in Veltoria to crowds at the Orvane cinema, where director Imre Sallow "
    "thanked fans who had queued overnight in harbour pilot costumes.",
    "Veltoria welcomed Lantern Tide: director Imre Sallow greeted fans in harbour pilot costumes "
    "at the Orvane cinema premiere after a night in the queue.",
    "At the Orvane cinema premiere of Lantern Tide, Veltoria's fans queued overnight and director "
    "Imre Sallow signed posters for harbour pilots young and old.",
]
SOLAR_STATION = (
    "Engineers from Veltoria finished a solar power station near Karsk on Monday; the plant will "
    "light 9,000 homes, the regional energy office said."
)


def test_an_article_its_event_hardly_links_to_is_judged_on_its_own() -> None:
    """Shared neighbours put the lone solar report in the premiere's event (its only
    neighbours share "Veltoria"); its link to the event is a sliver of the event's own, so it
    enters the story stage alone and relative closeness keeps it out of the film's story."""
    docs = [
        ClusterDoc(id=f"film{i}", text=text, published=date(2031, 5, 3 + i))
        for i, text in enumerate(PREMIERE)
    ]
    docs.append(ClusterDoc(id="solar", text=SOLAR_STATION, published=date(2031, 5, 4)))

    def stories(ratio: float) -> dict[str, str]:
        settings = ClusterSettings(stray_ratio=ratio)
        return {a.doc_id: a.story for a in cluster_batch(docs, settings=settings)}

    found = stories(ClusterSettings().stray_ratio)
    assert len({found[f"film{i}"] for i in range(4)}) == 1
    assert found["solar"] != found["film0"]
    off = stories(0.0)  # the rule off: the event carries the report into the film's story
    assert off["solar"] == off["film0"]
