"""How a batch meets the index (``cluster/matching.py``): the index places the batch's full
articles it knows before the batch is clustered (``placed``), the story stage keeps apart what
it pinned to two stories (``batch.Pinned``), and a fragment is held to the two stories'
cohesion weighted by their articles (``closeness_need``)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from storyline.cluster import ClusterDoc, StoryIndex, cluster_batch, matching
from storyline.cluster.batch import Pinned, batch_names
from storyline.cluster.events import StoryState
from storyline.cluster.groups import sum_groups
from storyline.cluster.linkage import Inner, relative_groups
from storyline.cluster.participants import NameEvidence
from storyline.cluster.settings import ClusterSettings

# Two fictional ferry sinkings in one week: one kind, two happenings.
KIND = (
    "The ferry sank in rough seas and the coast guard sent rescue boats, helicopters and "
    "divers to search for missing passengers."
)
GULL = [
    "The Northern Gull ferry sank off Korvala island on Monday, and captain Edmund Rask was "
    "pulled from the water by fishermen.",
    "Korvala harbour officials said the Northern Gull carried 140 passengers when it "
    "capsized; Edmund Rask had warned of engine trouble.",
    "Families gathered at Korvala harbour as divers searched the wreck of the Northern Gull; "
    "captain Edmund Rask is in hospital.",
    "Investigators in Korvala will question Edmund Rask about the Northern Gull's overloaded "
    "car deck, the island's mayor Tove Lind said.",
]
HERON = [
    "The Silver Heron ferry went down near the Maselle coast, and its captain Ines Calloway "
    "radioed for help before the lights failed.",
    "Maselle port authorities said the Silver Heron had 90 passengers aboard; captain Ines "
    "Calloway survived with a broken arm.",
    "Rescuers in Maselle recovered bodies from the Silver Heron as relatives waited; Ines "
    "Calloway told reporters the cargo shifted.",
    "The prosecutor of Maselle, Ruben Okafor, opened an inquiry into the Silver Heron sinking "
    "and questioned captain Ines Calloway.",
]
# A later report of each, in one batch: they share the kind's words more than their names.
LATE = [
    ClusterDoc(
        id="g9",
        text="Divers searched the sunken ferry for missing passengers again on Wednesday, and "
        "coast guard rescue boats circled the wreck. Korvala island held a vigil for the "
        "Northern Gull victims and captain Edmund Rask apologised.",
        published=date(2024, 5, 3),
    ),
    ClusterDoc(
        id="h9",
        text="The coast guard said rescue boats and divers found two more missing passengers "
        "of the sunken ferry alive on Wednesday. In Maselle, Ines Calloway of the Silver "
        "Heron thanked the helicopter crews.",
        published=date(2024, 5, 3),
    ),
]


def _reports(prefix: str, texts: list[str], day: int) -> list[ClusterDoc]:
    return [
        ClusterDoc(id=f"{prefix}{i}", text=f"{KIND} {t}", published=date(2024, 5, day))
        for i, t in enumerate(texts)
    ]


def test_a_batch_alone_joins_two_late_reports_of_a_kind() -> None:
    """The premise: with nothing else in the batch, the two late reports are each other's
    nearest neighbour and become one story."""
    found = cluster_batch(LATE)
    assert found[0].story == found[1].story


def test_the_index_places_each_late_report_in_its_own_happening() -> None:
    index = StoryIndex()
    first = {
        a.doc_id: a.story for a in index.add_batch(_reports("g", GULL, 1) + _reports("h", HERON, 2))
    }
    assert first["g0"] != first["h0"]
    assert len({first[f"g{i}"] for i in range(4)}) == 1
    late = {a.doc_id: a.story for a in index.add_batch(LATE)}
    assert late["g9"] == first["g0"]
    assert late["h9"] == first["h0"]


def test_headlines_are_left_to_the_batch() -> None:
    """A headline has too few words for the placement; it is clustered with its batch."""
    index = StoryIndex()
    index.add_batch(_reports("g", GULL, 1))
    headline = ClusterDoc(
        id="x", text="Northern Gull captain Edmund Rask apologises", published=date(2024, 5, 2)
    )
    batch = index._vectorise([headline], {}, {})
    articles = sum_groups(batch, [0], 1)
    view = index._view_of(articles)
    assert view is not None
    names = batch_names(batch, index.settings, entity_df=index.entity_df, n_docs=index.n_docs)
    assert matching.placed(view, articles, names, settings=index.settings) == {}


def test_pinned_groups_never_join() -> None:
    """Two items pinned to two index stories stay apart however alike; an unpinned one joins
    either."""
    sim = np.array([[0.0, 0.9, 0.8], [0.9, 0.0, 0.1], [0.8, 0.1, 0.0]])

    class Always:
        def allows(self, a: int, b: int, link: float) -> bool:
            return True

        def merge(self, a: int, b: int) -> None:
            pass

    labels, _ = relative_groups(sim, 0.05, 0.0, evidence=Pinned(Always(), [-1, 0, 1]))
    assert labels[0] == labels[1]  # the unpinned item joins its closest pinned one
    assert labels[1] != labels[2]  # and then that group, pinned to 0, refuses the one pinned to 1
    unpinned, _ = relative_groups(sim, 0.05, 0.0)
    assert len(set(unpinned)) == 1


# A fictional dam failure, then two later reports of it that say much the same thing.
DAM = [
    f"{t} Officials expect the clean-up to take months, and schools will stay closed."
    for t in (
        "The Brennock dam in the Tarrow valley gave way before dawn, and water swept through "
        "three villages below it.",
        "Engineers had warned the Tarrow valley council in March that the Brennock dam's "
        "spillway was cracked.",
        "Rescue teams in the Tarrow valley pulled 30 people from flooded homes after the "
        "Brennock dam collapse.",
        "The Brennock dam operator, Halvard Water, said it would pay for temporary housing in "
        "the Tarrow valley.",
        "Villagers below the Brennock dam described a roar and then a wall of brown water "
        "reaching the church roof.",
        "The regional governor Mira Stanek declared an emergency in the Tarrow valley after the "
        "Brennock dam failure.",
    )
]
RESIGNATION = [
    "Halvard Water's chief executive resigned over the Brennock dam collapse in the Tarrow "
    "valley. Governor Mira Stanek said the emergency is not over: schools stay closed and the "
    "clean-up will take months.",
    "The Brennock dam operator Halvard Water lost its chief executive on Friday. In the Tarrow "
    "valley, where the dam failure flooded villages, governor Mira Stanek said schools stay "
    "closed during the clean-up.",
]


def test_two_alike_follow_ups_join_their_story() -> None:
    """Two follow-ups that agree with each other (cohesion 0.47) and link to their story as
    well as its own articles link to each other (0.27 against 0.26) join it: the tighter
    group's cohesion alone would have asked for 0.33."""
    index = StoryIndex()
    first = index.add_batch(
        [
            ClusterDoc(id=f"d{i}", text=t, published=date(2024, 3, 1 + i % 3))
            for i, t in enumerate(DAM)
        ]
    )
    assert len({a.story for a in first}) == 1
    late = index.add_batch(
        [
            ClusterDoc(id=f"r{i}", text=t, published=date(2024, 3, 5))
            for i, t in enumerate(RESIGNATION)
        ]
    )
    assert {a.story for a in late} == {first[0].story}


def test_closeness_weighs_the_cohesions_by_articles() -> None:
    """The bar is the articles-weighted mean where both sides are measured, the measured one
    where only one is, ``lone_cohesion`` for two lone articles."""
    settings = ClusterSettings()
    story = StoryState(id="s1", size=6, inner=15 * 0.2, pairs=15, word_count=600)
    lone_story = StoryState(id="s2", size=1, word_count=100)
    inner = Inner(np.array([0.8, 0.0]), np.array([1.0, 0.0]))  # a pair at 0.8, a lone article
    need = matching.closeness_need(
        inner, np.array([200.0, 100.0]), np.array([2.0, 1.0]), [story, lone_story], settings
    )
    close = settings.relative_closeness
    assert need[0, 0] == pytest.approx(close * (2 * 0.8 + 6 * 0.2) / 8)
    assert need[0, 1] == pytest.approx(close * 0.8)
    assert need[1, 0] == pytest.approx(close * 0.2)
    assert need[1, 1] == pytest.approx(close * settings.lone_cohesion)


def test_two_alike_follow_ups_join_an_adopted_story_too() -> None:
    """A story loaded from a batch run (``adopt``) gets the cohesion an ingested one has, so
    the same follow-ups join it."""
    index = StoryIndex()
    docs = [
        ClusterDoc(id=f"d{i}", text=t, published=date(2024, 3, 1 + i % 3))
        for i, t in enumerate(DAM)
    ]
    index.adopt(docs[:3], {d.id: ("s00007", "s00007/e1") for d in docs[:3]})
    index.adopt(docs[3:], {d.id: ("s00007", "s00007/e2") for d in docs[3:]})
    late = index.add_batch(
        [
            ClusterDoc(id=f"r{i}", text=t, published=date(2024, 3, 5))
            for i, t in enumerate(RESIGNATION)
        ]
    )
    assert {a.story for a in late} == {"s00007"}


def test_a_batch_spanning_a_gap_still_meets_its_older_days_stories() -> None:
    """The index forgets before the match only what no article of the batch could join: a
    batch holding a late Northern Gull report and an article from two months on (an archive
    cut into batches) still puts the report in the Gull's story."""
    index = StoryIndex()
    first = index.add_batch(_reports("g", GULL, 1))
    later = ClusterDoc(
        id="x1",
        text="The city council of Brennholm approved a new tram line along the river, "
        "after a year of debate about its cost and the trees along the quay.",
        published=date(2024, 7, 10),
    )
    story = {a.doc_id: a.story for a in index.add_batch([LATE[0], later])}
    assert story["g9"] == first[0].story
    assert story["x1"] != first[0].story


def test_index_agreement_reads_the_stories_name_counts() -> None:
    """A batch story vouched for by an index story's names: each says the other's salient
    names; one whose salient names the story never said is not."""
    from collections import Counter

    from storyline.cluster.participants import index_agreement

    # Four batch articles over name columns 1..6: the first two say 1 and 2, the last two 5, 6.
    rows = [[1, 2], [1, 2, 3], [5, 6], [5, 6]]
    names = _name_evidence(rows)
    story = (Counter({1: 5, 2: 4, 4: 1}), 6, True)  # says 1 and 2 in most of its six articles
    vouched = index_agreement(names, [[0, 1], [2, 3]], [story], [(0, 0), (1, 0)], agreement=0.3)
    assert vouched == [True, False]


def test_lone_says_needs_the_other_sides_participants() -> None:
    """A lone article meets a story at a neighbour's bar only when it says the story's
    salient names (a follow-up), not when it shares the kind's words alone (another incident
    of the kind); a group meets a lone article's story when that article said the group's
    salient names. Headlines and a pair of two groups are never asked."""
    from collections import Counter

    from storyline.cluster.participants import lone_says

    # Batch articles over name columns: 0 says 1, 2 and 7; 1 says 5 and 6; 2 and 3 say 1, 2.
    rows = [[1, 2, 7], [5, 6], [1, 2], [1, 2, 3]]
    names = _name_evidence(rows)
    story = (Counter({1: 3, 2: 3, 4: 1}), 3, True)  # three articles, saying 1 and 2
    lone = (Counter({1: 1, 2: 1, 3: 1}), 1, True)  # one article: 1, 2 and 3
    headlines = (Counter({1: 3, 2: 3}), 3, False)
    members = [[0], [1], [2, 3]]
    pairs = [(0, 0), (1, 0), (2, 1), (2, 0), (0, 2), (0, 1)]
    found = lone_says(names, members, [story, lone, headlines], pairs, conflict=0.5)
    assert found == [True, False, True, False, False, False]


def test_story_names_survive_the_saved_state() -> None:
    index = StoryIndex()
    index.add_batch(_reports("g", GULL, 1))
    loaded = StoryIndex.from_bytes(index.to_bytes())
    assert [s.names for s in loaded._live] == [s.names for s in index._live]
    assert any(s.names for s in loaded._live)


# Three follow-ups of the Gull that agree with each other far more than with its first reports
# (a shared paragraph on the insurance dispute) but name its participants again.
INSURANCE = (
    "Underwriters at the maritime insurance syndicate disputed the valuation of the hull and "
    "the claims of cargo owners, and the arbitration panel in the capital postponed its ruling "
    "on compensation until the spring."
)
FOLLOW_UPS = [
    "Insurers of the Northern Gull will pay the families of Korvala, the island's mayor Tove "
    "Lind announced, while Edmund Rask hired a lawyer to answer the charges of negligence.",
    "Edmund Rask appeared before a Korvala judge on Thursday; the Northern Gull captain denied "
    "overloading the car deck, and Tove Lind asked islanders to stay calm during the hearing.",
    "A memorial for the Northern Gull victims will be built on the Korvala quay, Tove Lind "
    "said, as Edmund Rask's trial was set for the autumn and the ferry company suspended routes.",
]


@pytest.mark.parametrize("name_agreement", [0.3, -1.0])
def test_follow_ups_with_the_same_names_join_their_story(name_agreement: float) -> None:
    """Follow-ups held apart by their closeness alone (a new story with the name rule off)
    join their story at the index match when they say its salient names, as they would inside
    one batch (``participants.index_agreement``)."""
    index = StoryIndex(ClusterSettings(name_agreement=name_agreement))
    first = index.add_batch(_reports("g", GULL, 1) + _reports("h", HERON, 2))
    gull = {a.story for a in first if a.doc_id.startswith("g")}
    assert len(gull) == 1 and gull != {a.story for a in first if a.doc_id.startswith("h")}
    late = index.add_batch(
        [
            ClusterDoc(id=f"f{i}", text=f"{INSURANCE} {t}", published=date(2024, 5, 6))
            for i, t in enumerate(FOLLOW_UPS)
        ]
    )
    joined = {a.story for a in late} == gull
    assert joined == (name_agreement >= 0)


def _name_evidence(rows: list[list[int]]) -> NameEvidence:
    """Four long batch articles over name columns 0..7, each saying the columns of its row."""
    from scipy import sparse

    entities = sparse.csr_matrix(
        (
            np.ones(sum(map(len, rows))),
            [c for r in rows for c in r],
            np.cumsum([0, *map(len, rows)]),
        ),
        shape=(4, 8),
    )
    return NameEvidence(
        entities,
        np.full(4, 100.0),
        conflict=0.5,
        min_words=20,
        entity_df=np.ones(8, dtype=np.int64),
        n_docs=10,
    )
