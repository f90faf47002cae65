"""A batch run: inputs -> cleaned partitions -> distributed dedup -> windowed stories -> summaries.

Stages, each a list of tasks handed to a ``Runner`` (tasks read and write the output folder):

1. ``prepare`` (one task per input partition): read, clean (``clean_batch``: recurring lines are
   learnt per partition), fingerprint; write the articles as Parquet and the LSH band keys already
   cut into ``P`` buckets (P = number of partitions, so a bucket is about one partition's keys).
2. ``bucket`` (one task per bucket): gather that bucket's keys from every partition (the shuffle),
   propose candidate pairs. The driver dedups pairs and splits them by the first doc's partition.
3. ``verify`` (one per partition): containment check of its candidate pairs. The driver joins the
   verified pairs into connected components (scipy, in C): canonical = earliest (date, input
   position) of each group.
4. ``windows`` (one per group of consecutive time windows): canonical articles clustered per
   ``window_days`` window that also takes the first ``overlap_days`` days of the next window. The
   driver merges stories of neighbouring windows that share overlap articles.
5. ``summaries`` (one per window group): every story homed there (its earliest window) gets its
   cited summary; lines go to ``stories.jsonl``, and each article's story and event and each
   story's label go next to them for ``storyline.runners.load`` (loading a run into a store).

Every task writes its result atomically with a ``.done`` marker and is skipped on a re-run, so a
killed run resumes where it stopped. The driver holds O(articles) small integers (day and
canonical number, 12 bytes an article) and the candidate pairs; workers hold one partition or one
window group at a time.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.runners import outputs
from storyline.runners.base import Runner
from storyline.runners.inputs import Partition, plan_partitions
from storyline.runners.outputs import optional_module
from storyline.runners.stages import UNDATED
from storyline.runners.tasks import (
    BatchSettings,
    RunContext,
    Task,
    bucket_task,
    prepare_task,
    sum_frequencies,
    summary_task,
    verify_task,
    window_number,
    window_task,
)

__all__ = ["BatchReport", "BatchSettings", "run_batch"]

log = logging.getLogger(__name__)
I64 = npt.NDArray[np.int64]
PLAN_VERSION = 1
TASKS_PER_WORKER = 4  # window groups per worker, at least (see _window_groups)
MIN_GROUP_DOCS = 500  # smaller groups cost more partition reads than they win in balance


@dataclass(frozen=True)
class BatchReport:
    """What a run did. ``skipped`` counts tasks found done by an earlier (killed) run."""

    output: Path
    articles: int
    failed: int
    reprints: int
    stories: int
    partitions: int
    skipped: int
    seconds: float
    stages: dict[str, float]


# --- the driver --------------------------------------------------------------------------------


def _write_plan(
    out: Path, inputs: Sequence[str | Path], settings: BatchSettings
) -> list[Partition]:
    """The run's plan; a resumed run must have the same one, or it would mix two runs' files."""
    parts = plan_partitions(inputs, partition_bytes=settings.partition_bytes)
    if not parts:
        raise ValueError("No input files found; give .jsonl(.gz), .parquet or .warc(.gz) files.")
    plan = {
        "version": PLAN_VERSION,
        "settings": asdict(settings),
        "partitions": [asdict(p) for p in parts],
    }
    path = out / "plan.json"
    if path.exists():
        if json.loads(path.read_text("utf-8")) != json.loads(json.dumps(plan)):
            raise ValueError(
                f"{out} holds a run with other inputs or settings; resume it with the same "
                "command, or choose a new --output folder."
            )
        log.info("resuming the run in %s", out)
    else:
        out.mkdir(parents=True, exist_ok=True)
        outputs.atomic_bytes(path, json.dumps(plan, indent=1).encode("utf-8"))
    return parts


def _dedup(ctx: RunContext, runner: Runner, total: int, days: I64) -> tuple[int, int]:
    """Stages 2-3 and the components of the verified pairs; returns (tasks skipped, reprints)."""
    from storyline.runners.stages import components

    target = ctx.path("dedup", "canonical.npy")
    if (found := outputs.read_marker(target)) is not None:
        return 0, int(found["reprints"])
    done = runner.map(bucket_task, [Task(ctx, b) for b in range(ctx.buckets)], label="shuffle")
    skipped = sum(r.get("skipped", 0) for r in done)
    partitions = len(ctx.offsets) - 1
    done = runner.map(verify_task, [Task(ctx, p) for p in range(partitions)], label="verify")
    skipped += sum(r.get("skipped", 0) for r in done)
    verified = [np.load(ctx.path("verified", f"v{p:05d}.npy")) for p in range(partitions)]
    edges = np.concatenate(verified) if verified else np.zeros((0, 2), np.int64)
    order = np.where(days == UNDATED, np.iinfo(np.int64).max, days).astype(np.int64)
    canonical = components(total, edges, order=order)
    copies = np.flatnonzero(canonical != np.arange(total))
    table = (
        np.stack([canonical[copies], copies], axis=1) if len(copies) else np.zeros((0, 2), np.int64)
    )
    table = table[np.lexsort((table[:, 1], table[:, 0]))]
    outputs.atomic_npy(ctx.path("dedup", "reprints.npy"), table.astype(np.int64))
    outputs.atomic_npy(target, canonical)
    outputs.write_marker(target, {"reprints": len(copies), "pairs": len(edges)})
    return skipped, len(copies)


def _window_groups(
    ctx: RunContext, days: I64, canonical: I64, *, workers: int
) -> tuple[int, int, list[list[int]]]:
    """(first day, undated window, consecutive windows grouped into window tasks).

    A group holds up to ``group_docs`` canonical docs, and less when that would leave fewer than
    ``TASKS_PER_WORKER`` tasks per worker: the stories and summaries stages end when their slowest
    worker does, and four groups on two workers left one idle for a third of the stage. Grouping
    only schedules: each window is clustered on its own, so the stories do not depend on it. The
    groups are kept in ``dedup/groups.json`` so that a resumed run (maybe on more workers) reads
    the window files it wrote.
    """
    target = ctx.path("dedup", "groups.json")
    if target.exists():
        kept = json.loads(target.read_text("utf-8"))
        return int(kept["first"]), int(kept["undated"]), [list(g) for g in kept["groups"]]
    keep = (canonical == np.arange(len(canonical))) & (days != UNDATED)
    dated = days[keep]
    first = int(dated.min()) if len(dated) else 0
    counts = (
        np.bincount((dated - first) // ctx.settings.window_days)
        if len(dated)
        else np.zeros(0, np.int64)
    )
    limit = min(
        ctx.settings.group_docs,
        max(MIN_GROUP_DOCS, -(-len(dated) // (TASKS_PER_WORKER * max(1, workers)))),
    )
    groups: list[list[int]] = []
    size = limit
    for w, n in enumerate(counts.tolist()):
        if n == 0:
            continue
        if not groups or size + n > limit:
            groups.append([])
            size = 0
        groups[-1].append(w)
        size += n
    undated = len(counts)
    if np.any((days == UNDATED) & (canonical == np.arange(len(canonical)))):
        groups.append([undated])
    plan = {"first": first, "undated": undated, "groups": groups}
    outputs.atomic_bytes(target, json.dumps(plan).encode("utf-8"))
    return first, undated, groups


def _window_tasks(
    ctx: RunContext,
    parts_meta: Sequence[dict[str, Any]],
    first: int,
    undated: int,
    groups: list[list[int]],
) -> list[Task]:
    week, overlap = ctx.settings.window_days, ctx.settings.overlap_days
    tasks = []
    for number, windows in enumerate(groups):
        if windows == [undated]:
            span = (0, 0)
            partitions = tuple(p for p, m in enumerate(parts_meta) if m["undated"])
        else:
            span = (first + windows[0] * week, first + (windows[-1] + 1) * week + overlap)
            partitions = tuple(
                p
                for p, m in enumerate(parts_meta)
                if m["min_day"] is not None and m["min_day"] < span[1] and m["max_day"] >= span[0]
            )
        tasks.append(Task(ctx, number, partitions, tuple(windows), span, (first, undated)))
    return tasks


def _merge(ctx: RunContext, groups: int) -> dict[str, str]:
    """Roots of the stories joined across window edges (only nodes that are not their own root)."""
    pq = optional_module("pyarrow.parquet")

    from storyline.runners.stages import merge_windows

    target = ctx.path("merge", "roots.json")
    if outputs.read_marker(target) is not None:
        roots: dict[str, str] = json.loads(target.read_text())
        return roots
    tail: dict[int, str] = {}
    core: dict[int, str] = {}
    for g in range(groups):
        table = pq.read_table(
            ctx.path("windows", f"g{g:05d}.parquet"), filters=[("overlap", "=", True)]
        )
        for gidx, node, is_core in zip(
            *(table.column(c).to_pylist() for c in ("gidx", "node", "core")), strict=True
        ):
            (core if is_core else tail)[gidx] = node
    shared = [(tail[g], core[g]) for g in sorted(tail) if g in core]
    roots = {k: v for k, v in merge_windows(shared).items() if k != v}
    outputs.atomic_bytes(target, json.dumps(roots, sort_keys=True).encode("utf-8"))
    outputs.write_marker(target, {"merged": len(roots)})
    return roots


def _summary_tasks(ctx: RunContext, groups: list[list[int]], roots: dict[str, str]) -> list[Task]:
    group_of = {w: g for g, ws in enumerate(groups) for w in ws}
    extra: dict[int, set[int]] = defaultdict(set)
    for node, root in roots.items():
        home = group_of[window_number(root)]
        extra[home].add(group_of[window_number(node)])
    return [
        Task(ctx, g, windows=tuple(ws), extra=tuple(sorted(extra[g])))
        for g, ws in enumerate(groups)
    ]


def _concatenate(out: Path, groups: int) -> int:
    target = out / "stories.jsonl"
    count = 0

    def lines() -> Any:
        nonlocal count
        for g in range(groups):
            with open(out / "stories" / f"g{g:05d}.jsonl", encoding="utf-8") as handle:
                for line in handle:
                    count += 1
                    yield line

    outputs.atomic_text(target, lines())
    return count


def run_batch(
    inputs: Sequence[str | Path],
    *,
    output: str | Path,
    runner: Runner | None = None,
    settings: BatchSettings | None = None,
) -> BatchReport:
    """Run the whole batch job over ``inputs`` into the folder ``output`` (resuming if it holds
    an unfinished run of the same plan); ``runner`` defaults to ``LocalRunner``."""
    from storyline.runners.local import LocalRunner

    start = time.perf_counter()
    settings = settings or BatchSettings()
    runner = runner or LocalRunner()
    out = Path(output).resolve()
    parts = _write_plan(out, inputs, settings)
    ctx = RunContext(str(out), settings, buckets=len(parts))
    clock: dict[str, float] = {}

    mark = time.perf_counter()
    meta = runner.map(prepare_task, [Task(ctx, p.number) for p in parts], label="prepare")
    skipped = sum(m.get("skipped", 0) for m in meta)
    offsets = tuple(int(x) for x in np.concatenate([[0], np.cumsum([m["docs"] for m in meta])]))
    ctx = replace(ctx, offsets=offsets)
    total = offsets[-1]
    days = np.concatenate(
        [np.load(ctx.path("parts", f"p{p.number:05d}.days.npy")) for p in parts]
    ).astype(np.int64)
    clock["prepare"] = time.perf_counter() - mark

    mark = time.perf_counter()
    sum_frequencies(ctx, len(parts))
    more, reprints = _dedup(ctx, runner, total, days)
    skipped += more
    clock["dedup"] = time.perf_counter() - mark

    mark = time.perf_counter()
    canonical = np.load(ctx.path("dedup", "canonical.npy"))
    first, undated, groups = _window_groups(ctx, days, canonical, workers=runner.workers)
    del canonical
    done = runner.map(
        window_task, _window_tasks(ctx, meta, first, undated, groups), label="stories"
    )
    skipped += sum(r.get("skipped", 0) for r in done)
    roots = _merge(ctx, len(groups))
    clock["stories"] = time.perf_counter() - mark

    mark = time.perf_counter()
    done = runner.map(summary_task, _summary_tasks(ctx, groups, roots), label="summaries")
    skipped += sum(r.get("skipped", 0) for r in done)
    stories = _concatenate(out, len(groups))
    clock["summaries"] = time.perf_counter() - mark

    report = BatchReport(
        output=out,
        articles=total,
        failed=sum(m["failed"] for m in meta),
        reprints=reprints,
        stories=stories,
        partitions=len(parts),
        skipped=skipped,
        seconds=time.perf_counter() - start,
        stages={k: round(v, 2) for k, v in clock.items()},
    )
    outputs.atomic_bytes(
        out / "report.json",
        json.dumps({**asdict(report), "output": str(out), "engine": runner.name}, indent=1).encode(
            "utf-8"
        ),
    )
    return report
