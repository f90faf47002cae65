"""The ``Runner`` seam: how a batch run's tasks are scheduled, and nothing else.

A runner maps a task function over a list of small, picklable task descriptions and returns the
small results in order. Tasks read their inputs from, and write their outputs to, the run's output
folder, so the same task runs in this process (``LocalRunner``) or on any worker of a Dask cluster
that sees the same folder (``DaskRunner``): the pipeline cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar, runtime_checkable

from storyline.registry import ENGINES

__all__ = ["ENGINES", "R", "Runner", "T"]

T = TypeVar("T")
R = TypeVar("R")


@runtime_checkable
class Runner(Protocol):
    """Schedules tasks; ``workers`` is how many run at once (for planning, not for correctness)."""

    name: str
    workers: int

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, label: str) -> list[R]:
        """``[fn(item) for item in items]``, possibly in parallel, in the order of ``items``."""
        ...

    def peak_memory_mb(self) -> list[float]:
        """Peak resident memory of each process that ran tasks so far (MB)."""
        ...

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the processes that run tasks, summed."""
        ...

    def close(self) -> None: ...
