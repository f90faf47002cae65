"""The tasks of a batch run: each reads its inputs from the run folder, calls the pure stages of
``stages.py`` and writes its result atomically with a ``.done`` marker (see ``pipeline.py`` for the
order they run in). A task whose marker exists returns the marker's content at once, which is
how a killed run resumes. Tasks are plain module functions of a frozen ``Task`` so that Dask can
pickle them by reference.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.dedup import DedupSettings
from storyline.models import Article
from storyline.runners import outputs
from storyline.runners.inputs import DEFAULT_PARTITION_BYTES, Partition
from storyline.runners.outputs import optional_module
from storyline.runners.stages import UNDATED, Frequencies

__all__ = [
    "BatchSettings",
    "RunContext",
    "Task",
    "bucket_task",
    "prepare_task",
    "read_articles",
    "sum_frequencies",
    "summary_task",
    "verify_task",
    "window_number",
    "window_task",
]

# clean_batch learns each outlet's recurring lines from the batch it is given, at a cost that grows
# faster than linearly (10k docs: 5 s in find_recurring); 2,000 docs hold enough of each outlet.
CLEAN_CHUNK = 2000
# Document frequencies come from every 4th article, scaled up: idf needs proportions, not counts,
# and counting features costs as much as cleaning (benchmarks/batch.py, prepare stage).
DF_SAMPLE = 4
CHUNK = 65_536  # candidate pairs pre-filtered at once in a verify task
# Rows per Parquet row group of a partition's articles: window and summary tasks decode only the
# groups holding their rows (a partition is ~10k articles).
PART_ROW_GROUP = 1024


@dataclass(frozen=True)
class BatchSettings:
    """Knobs of a batch run; all of them are part of the plan a resumed run must match.

    ``window_days`` / ``overlap_days``: story windows and how far each reaches into the next (a
    story whose events are further apart than the overlap, with no article in between, is split
    at the edge). ``cluster_batch``: docs per ``StoryIndex.add_batch`` inside a window (the
    streaming clusterer's tuned batch size). ``group_docs``: canonical docs per window task.
    ``dedup_days``: copies further apart in time than this are not looked for (None: anywhere).
    """

    partition_bytes: int = DEFAULT_PARTITION_BYTES
    window_days: int = 7
    overlap_days: int = 2
    cluster_batch: int = 100
    group_docs: int = 5_000
    summary_words: int = 100
    method: str = "storyline"
    dedup_days: int | None = 30
    dedup: DedupSettings = field(default_factory=DedupSettings)

    def __post_init__(self) -> None:
        if self.window_days < 1 or not 0 <= self.overlap_days < self.window_days:
            raise ValueError(
                "BatchSettings needs window_days >= 1 and 0 <= overlap_days < window_days "
                f"(got {self.window_days} and {self.overlap_days}); e.g. 7 and 2."
            )
        if min(self.cluster_batch, self.group_docs, self.summary_words) < 1:
            raise ValueError("cluster_batch, group_docs and summary_words must be >= 1.")


@dataclass(frozen=True)
class RunContext:
    """What every task needs: where the run lives, its settings and the partition offsets."""

    out: str
    settings: BatchSettings
    offsets: tuple[int, ...] = ()
    buckets: int = 1

    def path(self, *parts: str) -> Path:
        return Path(self.out).joinpath(*parts)

    def partition_of(self, gidx: int) -> int:
        return bisect_right(self.offsets, gidx) - 1


# --- tasks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    ctx: RunContext
    number: int
    partitions: tuple[int, ...] = ()
    windows: tuple[int, ...] = ()
    span: tuple[int, int] = (0, 0)
    extra: tuple[int, ...] = ()  # summaries: other window groups to read


def _done(path: Path) -> dict[str, Any] | None:
    found = outputs.read_marker(path)
    if found is not None:
        found["skipped"] = 1
    return found


def prepare_task(task: Task) -> dict[str, Any]:
    """Read, clean and fingerprint one partition; write articles, days and bucketed band keys."""
    from storyline.clean import clean_batch
    from storyline.cluster import from_article
    from storyline.models import RawDocument, ReadError
    from storyline.runners.inputs import read_partition
    from storyline.runners.stages import band_keys, fingerprints, frequencies

    ctx = task.ctx
    target = ctx.path("parts", f"p{task.number:05d}.parquet")
    if (found := _done(target)) is not None:
        return found
    part = Partition(
        **json.loads(Path(ctx.out, "plan.json").read_text())["partitions"][task.number]
    )
    raws: list[RawDocument] = []
    errors: list[str] = []
    for item in read_partition(part):
        (errors.append(str(item)) if isinstance(item, ReadError) else raws.append(item))
    articles = []
    cleaned = [
        article
        for start in range(0, len(raws), CLEAN_CHUNK)
        for article in clean_batch(raws[start : start + CLEAN_CHUNK])
    ]
    for raw, article in zip(raws, cleaned, strict=True):
        if article.text.strip():
            articles.append(replace(article, doc_key=raw.doc_key or raw.origin))
        else:
            errors.append(f"{raw.origin}: has no article text left after cleaning.")
    prints = fingerprints([a.text for a in articles], settings=ctx.settings.dedup)
    days = np.array(
        [a.published.toordinal() if a.published else UNDATED for a in articles], dtype=np.int32
    )
    keys = band_keys(prints.signatures, band_rows=ctx.settings.dedup.band_rows)
    sample = [from_article(a) for a in articles[::DF_SAMPLE]]
    corpus = frequencies(sample).scaled(DF_SAMPLE)
    _save_frequencies(ctx.path("parts", f"p{task.number:05d}.df.npz"), corpus)
    _write_bands(ctx, task.number, keys)
    outputs.atomic_npy(ctx.path("parts", f"p{task.number:05d}.days.npy"), days)
    outputs.atomic_text(
        ctx.path("parts", f"p{task.number:05d}.errors.txt"), (e + "\n" for e in errors)
    )
    outputs.atomic_parquet(
        target,
        row_group_rows=PART_ROW_GROUP,
        columns={
            "key": [a.doc_key for a in articles],
            "title": [a.title for a in articles],
            "source": [a.source for a in articles],
            "url": [a.url for a in articles],
            "day": days,
            "text": [a.text for a in articles],
            "shingles": [s.tobytes() for s in prints.shingles],
            "signature": [row.tobytes() for row in prints.signatures],
        },
    )
    dated = days[days != UNDATED]
    result = {
        "docs": len(articles),
        "failed": len(errors),
        "min_day": int(dated.min()) if len(dated) else None,
        "max_day": int(dated.max()) if len(dated) else None,
        "undated": int(len(days) - len(dated)),
    }
    outputs.write_marker(target, result)
    return result


def _save_frequencies(path: Path, corpus: Frequencies) -> None:
    """Sparse on disk: a partition touches a few percent of the 2**20 hashed features."""
    terms, entities = np.flatnonzero(corpus.terms), np.flatnonzero(corpus.entities)

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            np.savez(
                handle,
                terms=terms,
                term_counts=corpus.terms[terms],
                entities=entities,
                entity_counts=corpus.entities[entities],
                docs=np.array([corpus.docs]),
            )

    outputs.atomic_write(path, write)


def _load_frequencies(path: Path) -> Frequencies:
    from storyline.features import DIMENSIONS

    with np.load(path) as data:
        terms = np.zeros(DIMENSIONS, dtype=np.int64)
        entities = np.zeros(DIMENSIONS, dtype=np.int64)
        terms[data["terms"]] = data["term_counts"]
        entities[data["entities"]] = data["entity_counts"]
        return Frequencies(terms, entities, int(data["docs"][0]))


def sum_frequencies(ctx: RunContext, partitions: int) -> None:
    """The corpus's document frequencies: the sum of the partitions' (a small reduce)."""
    target = ctx.path("dedup", "df.npz")
    if target.exists():
        return
    total: Frequencies | None = None
    for p in range(partitions):
        part = _load_frequencies(ctx.path("parts", f"p{p:05d}.df.npz"))
        total = (
            part
            if total is None
            else Frequencies(
                total.terms + part.terms, total.entities + part.entities, total.docs + part.docs
            )
        )
    if total is not None:
        _save_frequencies(target, total)


def _write_bands(ctx: RunContext, number: int, keys: npt.NDArray[np.uint64]) -> None:
    """Band keys with their row, sorted by bucket (key mod buckets), and the bucket offsets."""
    rows = np.repeat(np.arange(keys.shape[0], dtype=np.int64), keys.shape[1])
    flat = keys.ravel()
    bucket = (flat % np.uint64(ctx.buckets)).astype(np.int64)
    order = np.argsort(bucket, kind="stable")
    offsets = np.searchsorted(bucket[order], np.arange(ctx.buckets + 1)).astype(np.int64)
    outputs.atomic_npy(ctx.path("bands", f"p{number:05d}.keys.npy"), flat[order])
    outputs.atomic_npy(ctx.path("bands", f"p{number:05d}.rows.npy"), rows[order])
    outputs.atomic_npy(ctx.path("bands", f"p{number:05d}.offsets.npy"), offsets)


def bucket_task(task: Task) -> dict[str, Any]:
    """The shuffle: one bucket's band keys from every partition, and the pairs they propose,
    written sorted by the partition of the pair's first doc (the verify task that owns it)."""
    from storyline.runners.stages import candidate_pairs

    ctx = task.ctx
    target = ctx.path("pairs", f"b{task.number:05d}.npy")
    if (found := _done(target)) is not None:
        return found
    keys, docs = [], []
    for p in range(len(ctx.offsets) - 1):
        stem = ctx.path("bands", f"p{p:05d}")
        offsets = np.load(f"{stem}.offsets.npy")
        lo, hi = int(offsets[task.number]), int(offsets[task.number + 1])
        keys.append(np.load(f"{stem}.keys.npy", mmap_mode="r")[lo:hi])
        docs.append(np.load(f"{stem}.rows.npy", mmap_mode="r")[lo:hi] + ctx.offsets[p])
    pairs = candidate_pairs(np.concatenate(keys), np.concatenate(docs))  # sorted: by first doc
    pairs = _close_in_time(ctx, pairs)
    first = (pairs >> np.uint64(32)).astype(np.int64)
    owners = np.searchsorted(first, np.asarray(ctx.offsets, dtype=np.int64))
    outputs.atomic_npy(ctx.path("pairs", f"b{task.number:05d}.offsets.npy"), owners)
    outputs.atomic_npy(target, pairs)
    result = {"pairs": len(pairs)}
    outputs.write_marker(target, result)
    return result


def _close_in_time(ctx: RunContext, pairs: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Drop pairs dated more than ``dedup_days`` apart (undated articles pair with anything).

    Template phrasing makes candidates across the whole corpus; reprints come within days. The gate
    keeps a verify task's working set to its partition's time neighbourhood, so its memory does
    not grow with the corpus (reading the day of every article costs 4 bytes an article).
    """
    limit = ctx.settings.dedup_days
    if limit is None or not len(pairs):
        return pairs
    days = np.concatenate(
        [np.load(ctx.path("parts", f"p{p:05d}.days.npy")) for p in range(len(ctx.offsets) - 1)]
    ).astype(np.int64)
    a = days[(pairs >> np.uint64(32)).astype(np.int64)]
    b = days[(pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)]
    keep = (np.abs(a - b) <= limit) | (a == UNDATED) | (b == UNDATED)
    kept: npt.NDArray[np.uint64] = pairs[keep]
    return kept


def _fingerprint_rows(
    ctx: RunContext, partition: int, wanted: npt.NDArray[np.int64]
) -> tuple[list[npt.NDArray[np.uint32]], npt.NDArray[np.uint32]]:
    """Shingle sets and signatures of the ``wanted`` (sorted) global docs of one partition."""
    pq = optional_module("pyarrow.parquet")
    table = pq.read_table(
        ctx.path("parts", f"p{partition:05d}.parquet"), columns=["shingles", "signature"]
    )
    rows = (wanted - ctx.offsets[partition]).tolist()
    shingles = table.column("shingles").take(rows).to_pylist()
    signatures = table.column("signature").take(rows).to_pylist()
    width = ctx.settings.dedup.num_perm + ctx.settings.dedup.lead_perm
    matrix = np.frombuffer(b"".join(signatures), dtype=np.uint32).reshape(len(rows), width)
    return [np.frombuffer(x, dtype=np.uint32) for x in shingles], matrix


def verify_task(task: Task) -> dict[str, Any]:
    """Prefilter (MinHash estimate) and containment check of this partition's candidate pairs."""
    from storyline.runners.stages import plausible, verify_pairs

    ctx = task.ctx
    target = ctx.path("verified", f"v{task.number:05d}.npy")
    if (found := _done(target)) is not None:
        return found
    pieces = []
    for bucket in range(ctx.buckets):
        owners = np.load(ctx.path("pairs", f"b{bucket:05d}.offsets.npy"))
        lo, hi = int(owners[task.number]), int(owners[task.number + 1])
        pieces.append(np.load(ctx.path("pairs", f"b{bucket:05d}.npy"), mmap_mode="r")[lo:hi])
    pairs = np.unique(np.concatenate(pieces)) if pieces else np.zeros(0, np.uint64)
    a = (pairs >> np.uint64(32)).astype(np.int64)
    b = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
    docs = np.unique(np.concatenate([a, b]))
    shingles: list[npt.NDArray[np.uint32]] = []
    signatures = []
    for p in np.unique(np.searchsorted(np.asarray(ctx.offsets), docs, "right") - 1).tolist():
        inside = docs[(docs >= ctx.offsets[p]) & (docs < ctx.offsets[p + 1])]
        found_shingles, found_signatures = _fingerprint_rows(ctx, p, inside)
        shingles.extend(found_shingles)
        signatures.append(found_signatures)
    row_a, row_b = np.searchsorted(docs, a), np.searchsorted(docs, b)
    sizes = np.array([len(x) for x in shingles], dtype=np.int64)
    matrix = np.concatenate(signatures) if signatures else np.zeros((0, 1), np.uint32)
    # In chunks: the estimate's temporaries are ~700 bytes a pair, and a partition can own millions.
    keep = np.concatenate(
        [
            plausible(
                matrix,
                sizes,
                row_a[i : i + CHUNK],
                row_b[i : i + CHUNK],
                settings=ctx.settings.dedup,
            )
            for i in range(0, len(row_a), CHUNK)
        ]
        or [np.zeros(0, dtype=bool)]
    )
    index = {int(g): i for i, g in enumerate(docs.tolist())}
    candidates = list(zip(a[keep].tolist(), b[keep].tolist(), strict=True))
    kept = verify_pairs(
        candidates, {g: shingles[i] for g, i in index.items()}, settings=ctx.settings.dedup
    )
    outputs.atomic_npy(target, np.array(kept, dtype=np.int64).reshape(-1, 2))
    result = {"candidates": len(pairs), "prefiltered": len(candidates), "verified": len(kept)}
    outputs.write_marker(target, result)
    return result


def _read_rows(
    ctx: RunContext, partition: int, columns: list[str], rows: Sequence[int] | None = None
) -> dict[str, list[Any]]:
    """Columns of one partition's articles: every row, or only ``rows`` (ascending), decoding
    only the row groups that hold them. A window or summary task wants a few thousand rows of
    a partition; decoding all of its text was a fifth of a small task."""
    pq = optional_module("pyarrow.parquet")

    path = ctx.path("parts", f"p{partition:05d}.parquet")
    if rows is None:
        table = pq.read_table(path, columns=columns)
        return {name: table.column(name).to_pylist() for name in columns}
    handle = pq.ParquetFile(path)
    sizes = [handle.metadata.row_group(g).num_rows for g in range(handle.num_row_groups)]
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    wanted = np.asarray(rows, dtype=np.int64)
    groups = np.unique(np.searchsorted(starts, wanted, "right") - 1)
    if not len(groups):
        return {name: [] for name in columns}
    # Row r of group g sits at (r - starts[g]) + rows of the chosen groups before g.
    before = np.concatenate([[0], np.cumsum(starts[groups + 1] - starts[groups])])[:-1]
    shift = dict(zip(groups.tolist(), (before - starts[groups]).tolist(), strict=True))
    group_of = np.searchsorted(starts, wanted, "right") - 1
    positions = wanted + np.array([shift[g] for g in group_of.tolist()], dtype=np.int64)
    table = handle.read_row_groups(groups.tolist(), columns=columns).take(positions)
    return {name: table.column(name).to_pylist() for name in columns}


def _window_of(day: int, ctx: RunContext, first: int) -> int:
    return (day - first) // ctx.settings.window_days


def window_task(task: Task) -> dict[str, Any]:
    """Cluster the canonical articles of a group of consecutive windows, window by window."""
    from storyline.features import ClusterDoc
    from storyline.runners.stages import cluster_window

    ctx = task.ctx
    target = ctx.path("windows", f"g{task.number:05d}.parquet")
    if (found := _done(target)) is not None:
        return found
    canonical = np.load(ctx.path("dedup", "canonical.npy"), mmap_mode="r")
    corpus = _load_frequencies(ctx.path("dedup", "df.npz"))
    first, undated_window = task.extra
    lo, hi = task.span
    members: dict[int, list[ClusterDoc]] = defaultdict(list)
    for p in task.partitions:
        base = ctx.offsets[p]
        chosen: list[tuple[int, int, list[int]]] = []  # (row, day, windows) of this group's docs
        for i, day in enumerate(_read_rows(ctx, p, ["day"])["day"]):
            gidx = base + i
            if canonical[gidx] != gidx:
                continue
            if day == UNDATED:
                windows = [undated_window] if undated_window in task.windows else []
            elif lo <= day < hi:
                core = _window_of(day, ctx, first)
                tail = (day - first) % ctx.settings.window_days < ctx.settings.overlap_days
                windows = [w for w in ([core - 1, core] if tail else [core]) if w in task.windows]
            else:
                continue
            if windows:
                chosen.append((i, day, windows))
        rows = _read_rows(ctx, p, ["title", "source", "text"], [i for i, _, _ in chosen])
        for k, (i, day, windows) in enumerate(chosen):
            doc = ClusterDoc(
                str(base + i),
                rows["text"][k],
                rows["title"][k],
                rows["source"][k],
                date.fromordinal(day) if day != UNDATED else None,
            )
            for w in windows:
                members[w].append(doc)
    out: dict[str, list[Any]] = {
        "gidx": [],
        "node": [],
        "event": [],
        "core": [],
        "overlap": [],
        "label": [],
        "keywords": [],
    }
    for w in sorted(members):
        day_of = {d.id: d.published.toordinal() if d.published else UNDATED for d in members[w]}
        clusters = cluster_window(members[w], batch=ctx.settings.cluster_batch, corpus=corpus)
        for a in clusters.assignments:
            gidx, day = int(a.doc_id), day_of[a.doc_id]
            core = w == undated_window or _window_of(day, ctx, first) == w
            overlap = (
                w != undated_window
                and ((day - first) % ctx.settings.window_days < ctx.settings.overlap_days)
                and day - first >= ctx.settings.window_days
            )
            out["gidx"].append(gidx)
            out["node"].append(f"w{w:06d}.{a.story}")
            out["event"].append(a.event)
            out["core"].append(core)
            out["overlap"].append(overlap)
            label, keywords = clusters.labels.get(a.story, ("", ()))
            out["label"].append(label)
            out["keywords"].append(list(keywords))
    outputs.atomic_parquet(target, out)
    result = {"windows": len(members), "rows": len(out["gidx"])}
    outputs.write_marker(target, result)
    return result


def _story_of(roots: dict[str, str], node: str) -> str:
    return roots.get(node, node)


def window_number(node: str) -> int:
    return int(node[1:7])


def summary_task(task: Task) -> dict[str, Any]:
    """Summaries of the stories homed in one window group (their earliest window is there)."""
    pq = optional_module("pyarrow.parquet")

    from storyline.models import Budget
    from storyline.registry import summarizers

    ctx = task.ctx
    target = ctx.path("stories", f"g{task.number:05d}.jsonl")
    if (found := _done(target)) is not None:
        return found
    roots: dict[str, str] = json.loads(ctx.path("merge", "roots.json").read_text())
    home = set(task.windows)
    members: dict[str, list[int]] = defaultdict(list)
    events: dict[int, str] = {}
    labels: dict[str, tuple[str, list[str]]] = {}
    columns = ("gidx", "node", "core", "event", "label", "keywords")
    for g in sorted({task.number, *task.extra}):
        table = pq.read_table(ctx.path("windows", f"g{g:05d}.parquet"), columns=list(columns))
        for gidx, node, core, event, label, keywords in zip(
            *(table.column(c).to_pylist() for c in columns), strict=True
        ):
            labels.setdefault(node, (label, keywords))
            story = _story_of(roots, node)
            if core and window_number(story) in home:
                members[story].append(gidx)
                events[gidx] = f"{node}.{event}"
    wanted = {g for ids in members.values() for g in ids}
    reprints = _reprints(ctx, wanted)
    articles = read_articles(ctx, wanted | {r for rs in reprints.values() for r in rs})
    method = summarizers.create(ctx.settings.method)
    budget = Budget(words=ctx.settings.summary_words)
    lines = []
    load: dict[str, list[Any]] = {k: [] for k in ("story", "gidx", "canonical", "event")}
    for story in sorted(members):
        ids = sorted(members[story], key=lambda g: (articles[g].published or date.max, g))
        chosen = [articles[g] for g in ids]
        for g in ids:
            for row in (g, *reprints.get(g, ())):
                load["story"].append(story)
                load["gidx"].append(row)
                load["canonical"].append(g)
                load["event"].append(events[g])
        summary = method.summarize(chosen, budget=budget)
        record = {
            "story": story,
            "articles": [articles[g].id for g in ids],
            "reprints": {
                articles[g].id: [articles[r].id for r in reprints[g]]
                for g in ids
                if reprints.get(g)
            },
            "summary": summary.text,
            "citations": [
                [[c.article_id, c.start, c.end] for c in s.citations] for s in summary.sentences
            ],
            "first_seen": _iso(chosen[0].published),
            "last_seen": _iso(max((a.published for a in chosen if a.published), default=None)),
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    story_labels = [labels.get(story, ("", [])) for story in sorted(members)]
    outputs.atomic_parquet(
        ctx.path("stories", f"g{task.number:05d}.labels.parquet"),
        {
            "story": sorted(members),
            "label": [label for label, _ in story_labels],
            "keywords": [list(keywords) for _, keywords in story_labels],
        },
    )
    outputs.atomic_parquet(ctx.path("stories", f"g{task.number:05d}.members.parquet"), load)
    outputs.atomic_text(target, lines)
    result = {"stories": len(lines), "articles": len(wanted)}
    outputs.write_marker(target, result)
    return result


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _reprints(ctx: RunContext, wanted: set[int]) -> dict[int, list[int]]:
    """canonical gidx -> its reprints' gidx, from the sorted (canonical, member) table."""
    table = np.load(ctx.path("dedup", "reprints.npy"), mmap_mode="r")
    if not len(table) or not wanted:
        return {}
    heads = np.asarray(table[:, 0])
    out: dict[int, list[int]] = {}
    for g in sorted(wanted):
        lo, hi = np.searchsorted(heads, [g, g + 1])
        if hi > lo:
            out[g] = [int(x) for x in table[lo:hi, 1]]
    return out


def read_articles(ctx: RunContext, wanted: set[int]) -> dict[int, Article]:
    """Articles (id = the input's id) for these global doc numbers, read partition by partition."""
    by_partition: dict[int, list[int]] = defaultdict(list)
    for g in wanted:
        by_partition[ctx.partition_of(g)].append(g)
    out: dict[int, Article] = {}
    for p, ids in sorted(by_partition.items()):
        ids.sort()
        base = ctx.offsets[p]
        columns = ["key", "title", "source", "url", "day", "text"]
        rows = _read_rows(ctx, p, columns, [g - base for g in ids])
        for k, g in enumerate(ids):
            day = rows["day"][k]
            out[g] = Article(
                id=rows["key"][k],
                text=rows["text"][k],
                title=rows["title"][k],
                source=rows["source"][k],
                url=rows["url"][k],
                published=date.fromordinal(day) if day != UNDATED else None,
            )
    return out
