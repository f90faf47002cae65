"""The default runner: every task in this process, one after the other."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable, Sequence

from storyline.runners.base import R, T

__all__ = ["LocalRunner"]


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class LocalRunner:
    """Runs tasks in order in the calling process; a tqdm bar per stage when ``progress``."""

    name = "local"
    workers = 1

    def __init__(self, *, progress: bool = False) -> None:
        self.progress = progress

    def map(self, fn: Callable[[T], R], items: Sequence[T], *, label: str) -> list[R]:
        if not self.progress or not items:
            return [fn(item) for item in items]
        from tqdm import tqdm

        return [fn(item) for item in tqdm(items, desc=label, unit="task", file=sys.stderr)]

    def peak_memory_mb(self) -> list[float]:
        return [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]

    def cpu_seconds(self) -> float:
        return _cpu_seconds()

    def close(self) -> None:
        return None
