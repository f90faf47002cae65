"""The embedding channel between headlines (``ClusterSettings.headline_dense``): a headline that
shares no word with its story still joins it, unrelated headlines stay apart, and full articles
are never embedded nor moved by it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from storyline.cluster import ClusterDoc, ClusterSettings, cluster_batch
from storyline.cluster.linkage import DenseLink, relative_groups
from storyline.embeddings import Vectors, article_text, load_embedder
from test_cluster import FLOOD_A, FLOOD_B

# Fictional headlines. The last flood headline shares no content word with the other four.
FLOOD = [
    "Marlowe River bursts its banks after record rain",
    "Floodwaters swamp homes in Marlowe",
    "Residents evacuated as Marlowe river keeps rising",
    "Heavy rain floods Marlowe streets",
    "Storm surge inundates low-lying neighbourhoods",
]
MERGER = [
    "Veltrix agrees to buy Norcom for $4 billion",
    "Veltrix and Norcom boards approve the deal",
    "Norcom shareholders cheer Veltrix offer",
]
DAY = date(2026, 3, 2)


def _docs(prefix: str, texts: Sequence[str]) -> list[ClusterDoc]:
    return [ClusterDoc(id=f"{prefix}{i}", text=t, published=DAY) for i, t in enumerate(texts)]


def _stories(found: Sequence[object]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for a in found:
        by.setdefault(a.story, set()).add(a.doc_id)  # type: ignore[attr-defined]
    return {frozenset(g) for g in by.values()}


@dataclass(frozen=True)
class _Counting:
    """The real model, remembering what it was asked to embed."""

    model: object
    seen: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.model.name)  # type: ignore[attr-defined]

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        vectors: Vectors = self.model.embed(texts)  # type: ignore[attr-defined]
        return vectors


def test_a_dense_link_joins_groups_only_above_its_floor() -> None:
    """Items 0 and 1 share no word (lexical link 0) but their embeddings agree (0.5); item 2's
    embedding is as close to them as unrelated headlines are (0.15)."""
    lexical = np.zeros((3, 3))
    cosines = np.array([[1.0, 0.5, 0.15], [0.5, 1.0, 0.15], [0.15, 0.15, 1.0]])
    assert relative_groups(lexical, 0.03, 0.7)[0] == [0, 1, 2]
    dense = DenseLink(cosines, weight=2.0, floor=0.2)
    assert relative_groups(lexical, 0.03, 0.7, dense=dense)[0] == [0, 0, 1]
    # A weight of 0 is no channel at all, and a floor above the pair's cosine neither.
    assert relative_groups(lexical, 0.03, 0.7, dense=DenseLink(cosines, 0.0, 0.2))[0] == [0, 1, 2]
    assert relative_groups(lexical, 0.03, 0.7, dense=DenseLink(cosines, 2.0, 0.6))[0] == [0, 1, 2]


def test_the_dense_bonus_fades_between_larger_groups_but_not_for_a_lone_headline() -> None:
    """Two groups of eight headlines of one subject (cosine 0.3 across, 0.9 within) whose words
    part them (lexical link -0.08 across), and a lone headline close to the first group in
    embeddings only. Counted in full, the bonus joins all three; fading beyond groups of two
    (``group``), it still brings the lone headline in, and leaves the two groups apart."""
    n = 17
    a, b, lone = list(range(8)), list(range(8, 16)), 16
    lexical = np.full((n, n), -0.08)
    cosines = np.full((n, n), 0.3)
    for group in (a, b):
        lexical[np.ix_(group, group)] = 0.2
        cosines[np.ix_(group, group)] = 0.9
    lexical[lone, b] = lexical[b, lone] = -0.2
    cosines[lone, b] = cosines[b, lone] = 0.0
    cosines[lone, a] = cosines[a, lone] = 0.35

    def stories(group: float) -> list[int]:
        dense = DenseLink(cosines, weight=2.0, floor=0.2, group=group)
        return relative_groups(lexical, 0.03, 0.0, dense=dense)[0]

    assert stories(0.0) == [0] * n
    assert stories(2.0) == [0] * 8 + [1] * 8 + [0]
    with pytest.raises(ValueError, match="headline_dense_group"):
        ClusterSettings(headline_dense_group=-1)


def test_headline_groups_are_held_to_their_embeddings_cohesion() -> None:
    """Two tight pairs of headlines (cosine 0.9 within, 0.3 across, above the floor): the link
    alone joins them; held to the tighter pair's cohesion they join while 0.3 is at least the
    share times 0.9, and part beyond."""
    lexical = np.zeros((4, 4))
    cosines = np.full((4, 4), 0.3)
    cosines[:2, :2] = cosines[2:, 2:] = 0.9
    words = np.full(4, 8.0)  # headlines: under closeness_min_words

    def stories(closeness: float, *, per_item: float = 8.0) -> list[int]:
        dense = DenseLink(cosines, weight=2.0, floor=0.2, closeness=closeness)
        found = relative_groups(
            lexical, 0.03, 0.7, words=words * per_item / 8.0, min_words=20, dense=dense
        )
        return found[0]

    assert stories(0.0) == [0, 0, 0, 0]
    assert stories(0.3) == [0, 0, 0, 0]  # 0.3 across >= 0.3 x 0.9
    assert stories(0.5) == [0, 0, 1, 1]  # 0.3 across < 0.5 x 0.9
    # Full articles (40 words each) are judged by their lexical cohesion, not by this.
    assert stories(0.5, per_item=40.0) == [0, 0, 0, 0]


def test_headline_dense_is_validated() -> None:
    with pytest.raises(ValueError, match="headline_dense must be >= 0"):
        ClusterSettings(headline_dense=-1.0)
    with pytest.raises(ValueError, match="headline_dense_floor"):
        ClusterSettings(headline_dense_floor=1.5)
    with pytest.raises(ValueError, match="headline_closeness"):
        ClusterSettings(headline_closeness=2.0)


def test_a_headline_without_a_shared_word_joins_its_story() -> None:
    batch = _docs("f", FLOOD) + _docs("m", MERGER)
    flood, merger = frozenset(f"f{i}" for i in range(5)), frozenset(f"m{i}" for i in range(3))
    lexical = _stories(cluster_batch(batch))
    assert frozenset({"f4"}) in lexical and merger in lexical  # words alone cannot place it
    embedder = load_embedder("wordllama")
    embedded = _stories(cluster_batch(batch, embedder=embedder))
    assert embedded == {flood, merger}


def test_a_shouted_headline_is_embedded_in_case_and_joins_its_story() -> None:
    """A headline set in capitals reads to the model as other tokens: it is re-cased before it
    is embedded, so the wordless flood headline joins its story shouted as well."""
    shouted = [*FLOOD[:4], FLOOD[4].upper()]
    assert article_text(None, FLOOD[4].upper()) == "Storm Surge Inundates Low-lying Neighbourhoods"
    assert article_text(None, FLOOD[1]) == FLOOD[1]  # a headline in case is left as it is
    assert article_text("MARLOWE FLOODS", "Floodwaters swamp homes in Marlowe.") == (
        "Marlowe Floods. Floodwaters swamp homes in Marlowe."
    )
    batch = _docs("f", shouted) + _docs("m", MERGER)
    flood, merger = frozenset(f"f{i}" for i in range(5)), frozenset(f"m{i}" for i in range(3))
    assert _stories(cluster_batch(batch, embedder=load_embedder("wordllama"))) == {flood, merger}


def test_the_channel_off_leaves_the_lexical_stories() -> None:
    batch = _docs("f", FLOOD) + _docs("m", MERGER)
    off = ClusterSettings(headline_dense=0.0)
    embedder = load_embedder("wordllama")
    assert _stories(cluster_batch(batch, settings=off, embedder=embedder)) == _stories(
        cluster_batch(batch)
    )


# The two floods' reports of test_cluster that are full articles (20 words or more).
ARTICLES = [
    ClusterDoc(id=f"{place}{i}", text=text)
    for place, texts in (("a", FLOOD_A), ("b", FLOOD_B))
    for i, text in enumerate(texts)
    if len(text.split()) >= ClusterSettings().closeness_min_words
]


def test_full_articles_are_never_embedded_nor_moved() -> None:
    counting = _Counting(load_embedder("wordllama"))
    found = cluster_batch(ARTICLES + _docs("f", FLOOD), embedder=counting)
    assert sorted(counting.seen) == sorted(FLOOD)  # the headlines only
    plain = cluster_batch(ARTICLES + _docs("f", FLOOD))
    full = [a for a in found if not a.doc_id.startswith("f")]
    assert _stories(full) == _stories([a for a in plain if not a.doc_id.startswith("f")])
    assert len({a.story for a in full}) == 2  # the two floods stay two stories


FLOORS = json.loads(
    (Path(__file__).resolve().parents[1] / "benchmarks" / "floors.json").read_text("utf-8")
)["clustering_headline_embeddings"]


@pytest.mark.parametrize("run", sorted(k for k in FLOORS if not k.startswith("_")))
def test_uci_headlines_with_embeddings_stay_above_the_floor(run: str) -> None:
    """UCI headlines with wordllama as benchmarks/ecbplus.py feeds them: as ``ingest`` cuts
    them, and each day shuffled 250 at a time (stories against Google News' story ids)."""
    from benchmarks import ecbplus as bench

    try:
        rows = bench.uci_in_time_order()
    except FileNotFoundError:
        pytest.skip(f"the UCI headlines are not in {bench.data_dir()}")
    embedder = load_embedder("wordllama")
    if run == "uci_headlines_as_ingest_cuts":
        found = bench.as_ingest_cuts(run, rows, 1000, embedder=embedder)
    else:
        found = bench.streamed(run, bench.uci_days_shuffled(), 250, embedder=embedder)
    b3 = found["bcubed"]
    assert isinstance(b3, dict)
    assert b3["f1"] >= FLOORS[run], f"{run} B-cubed F1 {b3['f1']:.3f} < floor"


def test_ingest_and_cluster_batch_embed_headlines_by_default_and_only_headlines(
    tmp_path: Path,
) -> None:
    """The default embedder (wordllama) reaches ``ingest`` and ``cluster-batch`` alike; a stream
    of full articles never loads its model."""
    from storyline import engine
    from storyline.engine.clustering import cluster_lines
    from storyline.engine.indexes import open_indexes
    from storyline.store import open_store

    lines = [
        json.dumps({"id": f"h{i}", "text": text, "date": "2026-03-0" + str(1 + i % 3)})
        for i, text in enumerate(FLOOD)
    ]
    (tmp_path / "heads.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    grouped = cluster_lines(lines)
    assert len({row["story"] for row in grouped.rows}) == 1  # the wordless one joins too
    with open_store(tmp_path / "h.db") as store:
        engine.ingest([tmp_path / "heads.jsonl"], store=store)
        assert open_indexes(store).stories.features.startswith("lexical+wordllama")
    articles = [*FLOOD_A, *FLOOD_B]
    (tmp_path / "full.jsonl").write_text(
        "\n".join(json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(articles)) + "\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "f.db") as store:
        engine.ingest([tmp_path / "full.jsonl"], store=store)
        embedder = open_indexes(store).stories.embedder
        assert embedder is not None and getattr(embedder, "_model", None) is None
