"""Batch runs over corpora bigger than one process: the same stage functions over partitions,
scheduled here (``LocalRunner``, the default) or on a Dask cluster (``DaskRunner``).

``run_batch(inputs, output=DIR, runner=...)`` is the entry point; ``make_runner`` builds a runner
from CLI-style options. See docs/scaling.md.
"""

from __future__ import annotations

from storyline.runners.base import ENGINES, Runner
from storyline.runners.local import LocalRunner
from storyline.runners.pipeline import BatchReport, BatchSettings, run_batch

__all__ = [
    "ENGINES",
    "BatchReport",
    "BatchSettings",
    "LocalRunner",
    "Runner",
    "make_runner",
    "run_batch",
]


def make_runner(
    engine: str = "local",
    *,
    scheduler: str | None = None,
    workers: int = 2,
    memory_limit: str = "4GB",
    progress: bool = False,
) -> Runner:
    """``local`` or ``dask`` (a LocalCluster of ``workers`` processes, or ``scheduler``'s)."""
    if engine == "local":
        if scheduler:
            raise ValueError("--scheduler needs --engine dask.")
        return LocalRunner(progress=progress)
    if engine == "dask":
        from storyline.runners.dask import DaskRunner

        return DaskRunner(
            scheduler=scheduler, workers=workers, memory_limit=memory_limit, progress=progress
        )
    raise ValueError(f"Unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}.")
