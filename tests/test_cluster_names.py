"""The name-anchor rule (``storyline.cluster.names``): stories of one kind told apart by names.

Fictional towns, quakes and people, written for these tests.
"""

from __future__ import annotations

import io
import json
from datetime import date

import numpy as np
from scipy import sparse

from storyline.cluster import ClusterDoc, ClusterSettings, StoryIndex, cluster_batch
from storyline.cluster.linkage import relative_groups
from storyline.cluster.names import NameGate
from storyline.features import DIMENSIONS, column

SETTINGS = ClusterSettings()


def gate(units: list[dict[str, int]], articles: list[int], words: int = 300) -> NameGate:
    """A gate over units given as {name: articles naming it}, each article ``words`` long."""
    rows, cols, vals = [], [], []
    for i, named in enumerate(units):
        for name, count in named.items():
            rows.append(i)
            cols.append(column("e:" + name))
            vals.append(float(count))
    names = sparse.csr_matrix((vals, (rows, cols)), shape=(len(units), DIMENSIONS))
    sizes = np.array(articles, dtype=np.float64)
    return NameGate(names, sizes, sizes * words, SETTINGS)


# Units: 0 and 1 are two quakes in Velmora, 2 one in Tarsk, 3 one in Ostry, 4 a quake story
# whose articles name Velmora now and then, 5 a report that names nothing.
UNITS = [
    {"velmora": 10, "usgs": 4},
    {"velmora": 6, "brask_valley": 5},
    {"tarsk": 9, "usgs": 3},
    {"ostry": 8},
    {"tarsk": 7, "velmora": 3},
    {},
]
ARTICLES = [10, 6, 10, 8, 8, 5]


def test_a_story_refuses_an_event_named_otherwise_and_takes_one_that_names_its_anchor() -> None:
    g = gate(UNITS, ARTICLES)
    assert g.refuses([0, 1], [2])  # Tarsk's quake is another story of the kind
    assert not g.refuses([0, 1], [4])  # names Velmora in 3 of 8 articles: it mentions the anchor
    assert not g.refuses([0, 1], [5])  # names nothing: names cannot tell it apart
    fresh = gate(UNITS, ARTICLES)
    assert not fresh.refuses([0], [2])  # two lone events: no story has shown its anchors yet


def test_a_refused_event_is_bound_to_its_own_names() -> None:
    g = gate(UNITS, ARTICLES)
    assert not g.refuses([2], [3])  # before: two lone quakes may meet
    assert g.refuses([0, 1], [2]) and g.refuses([0, 1], [3])
    assert g.refuses([2], [3])  # after: the kind is told apart by names, so they stay apart


def test_headlines_are_not_judged_by_names() -> None:
    g = gate(UNITS, ARTICLES, words=9)
    assert not g.refuses([0, 1], [2])


def test_relative_groups_asks_the_gate_before_each_merge() -> None:
    sim = np.full((4, 4), 0.3)
    sim[0, 1] = sim[1, 0] = 0.6  # the Velmora pair is the tightest
    g = gate(UNITS[:4], ARTICLES[:4])
    labels, _ = relative_groups(sim, 0.1, 0.0, refuse=g.refuses)
    assert labels[0] == labels[1]
    assert len({labels[0], labels[2], labels[3]}) == 3
    assert relative_groups(sim, 0.1, 0.0)[0] == [0, 0, 0, 0]


def quake(place: str, region: str, day: int, magnitude: str, n: int) -> list[ClusterDoc]:
    """``n`` reports of one earthquake at ``place``, each in other words."""
    leads = [
        f"A magnitude {magnitude} earthquake struck near {place} in {region} early on Sunday, "
        "shaking buildings and sending residents into the streets, the seismological service "
        "said.",
        f"The quake that hit {place} measured {magnitude} and was felt across {region}; "
        "officials reported cracked walls and a collapsed shed but no deaths.",
        f"Residents of {place} spent the night outdoors after a {magnitude} tremor, the "
        f"strongest in {region} for years, damaged roads and cut power to two villages.",
        f"Emergency crews in {region} checked bridges around {place} after the earthquake, "
        f"which the seismological service put at magnitude {magnitude}.",
        f"Aftershocks rattled {place} through the morning following the {magnitude} quake; "
        f"schools in {region} will stay shut while engineers inspect them.",
    ]
    tail = (
        " The epicentre lay at a shallow depth, which made the shaking stronger, and more "
        "aftershocks are expected over the coming days, the seismologists warned."
    )
    return [
        ClusterDoc(
            id=f"{place}-{day}-{i}",
            text=leads[i % len(leads)] + tail,
            published=date(2026, 3, day),
        )
        for i in range(n)
    ]


def test_quakes_in_two_places_are_two_stories_and_two_in_one_place_are_one() -> None:
    first = quake("Velmora", "the Brask Valley", 1, "5.8", 5)
    second = quake("Velmora", "the Brask Valley", 20, "4.9", 5)  # weeks later, same place
    other = quake("Tarsk", "the Ostry Hills", 10, "6.1", 5)  # dates keep all three events apart
    found = {a.doc_id: a.story for a in cluster_batch([*first, *second, *other])}
    velmora = {found[d.id] for d in first + second}
    tarsk = {found[d.id] for d in other}
    assert len(velmora) == 1 and len(tarsk) == 1 and velmora != tarsk
    merged = cluster_batch([*first, *second, *other], settings=ClusterSettings(name_anchors=False))
    assert len({a.story for a in merged}) == 1  # without the rule, one kind is one story


def test_the_index_keeps_a_quake_elsewhere_out_of_an_anchored_story() -> None:
    index = StoryIndex()
    first = quake("Velmora", "the Brask Valley", 1, "5.8", 5)
    second = quake("Velmora", "the Brask Valley", 12, "4.9", 5)
    (velmora,) = {a.story for a in index.add_batch([*first, *second])}  # two events
    restored = StoryIndex.from_bytes(index.to_bytes())  # the names are in the saved state
    for stories in (index, restored):
        later = stories.add_batch(quake("Tarsk", "the Ostry Hills", 14, "6.1", 5))
        assert velmora not in {a.story for a in later}
    unruled = StoryIndex(ClusterSettings(name_anchors=False))
    unruled.add_batch([*first, *second])
    assert velmora in {
        a.story for a in unruled.add_batch(quake("Tarsk", "the Ostry Hills", 14, "6.1", 5))
    }


def test_a_state_saved_before_names_still_loads() -> None:
    """Version 3 states (no names, no word counts) load; their events are not judged by names."""
    index = StoryIndex()
    index.add_batch(quake("Velmora", "the Brask Valley", 1, "5.8", 5))
    with np.load(io.BytesIO(index.to_bytes())) as saved:
        arrays = {k: saved[k] for k in saved.files if not k.startswith("names_")}
    header = json.loads(arrays["header"].tobytes().decode("utf-8"))
    header["version"] = 3
    for story in header["stories"]:
        story["events"] = [event[:2] for event in story["events"]]
    arrays["header"] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    old = io.BytesIO()
    np.savez_compressed(old, **arrays)
    restored = StoryIndex.from_bytes(old.getvalue())
    assert restored.stories() == index.stories()
    later = quake("Velmora", "the Brask Valley", 2, "4.9", 5)
    assert {a.story for a in restored.add_batch(later)} == {s.id for s in index.stories()}
