"""Batch runs over large corpora (storyline.runners), local or on a Dask cluster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.engine.documents import DEFAULT_METHOD

if TYPE_CHECKING:
    from storyline.runners import BatchReport


def batch(
    inputs: Sequence[str | Path],
    *,
    output: str | Path,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    progress: bool = False,
    words: int = 100,
    method: str = DEFAULT_METHOD,
    window_days: int = 7,
    overlap_days: int = 2,
    partition_mb: float | None = None,
) -> BatchReport:
    """Dedup, cluster and summarize a large corpus into ``output``/stories.jsonl, partition by
    partition, here or on a Dask cluster; a re-run with the same arguments resumes a killed run."""
    from storyline.runners import BatchSettings, make_runner, run_batch

    settings = BatchSettings(
        summary_words=words, method=method, window_days=window_days, overlap_days=overlap_days
    )
    if partition_mb is not None:
        settings = replace(settings, partition_bytes=max(1, int(partition_mb * 1_000_000)))
    runner = make_runner(engine, scheduler=scheduler, workers=workers, progress=progress)
    try:
        return run_batch(inputs, output=output, runner=runner, settings=settings)
    finally:
        runner.close()
