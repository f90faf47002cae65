"""The Dask runner: the same tasks on the workers of a ``dask.distributed`` cluster.

With ``scheduler`` it joins a running cluster (``tcp://host:8786``); without, it starts a
``LocalCluster`` of ``workers`` single-threaded worker *processes* (the stages are pure Python and
numpy, so threads would fight over the GIL). Only task descriptions and small results travel
through the scheduler; partitions move through the shared output folder.

Two Dask defaults cost the stages CPU, so the LocalCluster's workers start without them:

- ``MALLOC_TRIM_THRESHOLD_=65536`` (``distributed.nanny.pre-spawn-environ``). Setting it at all
  turns off glibc's adaptive mmap threshold, so every numpy temporary above 128 kB is a fresh
  ``mmap`` and page faults; the window task took 35% more CPU (4.1 s -> 5.5 s at 30k articles).
- The statistical profiler, which walks the task thread's stack every 10 ms.

A cluster given by ``scheduler`` is configured by whoever started it (docs/scaling.md says how).
Every worker imports the task modules once when the runner starts, not inside the first task.
"""

from __future__ import annotations

import contextlib
import importlib
import resource
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from storyline.runners.base import R, T
from storyline.runners.outputs import optional_module

__all__ = ["DaskRunner"]

# What the tasks import; each worker loads them once at start, not inside its first task.
WARM_MODULES = (
    "storyline.runners.tasks",
    "storyline.runners.stages",
    "storyline.runners.inputs",
    "storyline.clean",
    "storyline.registry",
    "pyarrow.parquet",
)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _warm(names: Sequence[str]) -> int:
    for name in names:
        importlib.import_module(name)
    return len(names)


@contextlib.contextmanager
def _fast_workers() -> Iterator[None]:
    """Dask config for the LocalCluster's worker processes: no malloc trim, no profiler."""
    dask = optional_module("dask")
    environ = {
        k: v
        for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
        if k != "MALLOC_TRIM_THRESHOLD_"
    }
    with dask.config.set(
        {
            "distributed.nanny.pre-spawn-environ": environ,
            "distributed.worker.profile.enabled": False,
        }
    ):
        yield


class DaskRunner:
    """Maps tasks over a Dask cluster; results come back in input order."""

    name = "dask"

    def __init__(
        self,
        *,
        scheduler: str | None = None,
        workers: int = 2,
        memory_limit: str = "4GB",
        progress: bool = False,
    ) -> None:
        distributed = optional_module("distributed")
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}.")
        self.progress = progress
        self._cluster: Any = None
        if scheduler:
            self._client: Any = distributed.Client(scheduler)
        else:
            with _fast_workers():
                self._cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=":0",
                    memory_limit=memory_limit,
                )
            self._client = distributed.Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)
        self._client.run(_warm, WARM_MODULES)

    @property
    def client(self) -> Any:
        return self._client

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, label: str) -> list[R]:
        as_completed = optional_module("distributed").as_completed
        if not items:
            return []
        run = uuid.uuid4().hex[:8]
        keys = [f"{label}-{run}-{i}" for i in range(len(items))]
        futures = self._client.map(fn, list(items), pure=False, key=keys)
        position = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        bar: Any = None
        if self.progress:
            from tqdm import tqdm

            bar = tqdm(total=len(futures), desc=label, unit="task", file=sys.stderr)
        try:
            for future in as_completed(futures):
                results[position[future.key]] = future.result()  # re-raises a task's error here
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return results

    def peak_memory_mb(self) -> list[float]:
        peaks = self._client.run(_peak_rss_mb)
        return [float(peaks[w]) for w in sorted(peaks)]

    def cpu_seconds(self) -> float:
        return float(sum(self._client.run(_cpu_seconds).values()))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
