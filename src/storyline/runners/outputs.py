"""Writing a batch run's files so that a killed run can resume: atomic files and done markers.

Every task result is written to a temporary name in the same folder and renamed into place (an
atomic step on POSIX file systems and on NFS), then its marker ``NAME.done`` (a small JSON of what
the task returned) is written the same way. A task whose marker exists is not run again; a task
killed half-way leaves at most a temporary file, which the next run overwrites.
"""

from __future__ import annotations

import importlib
import json
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "atomic_bytes",
    "atomic_npy",
    "atomic_parquet",
    "atomic_text",
    "marker",
    "read_marker",
    "write_marker",
]


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")


def _publish(tmp: Path, path: Path) -> None:
    os.replace(tmp, path)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary path, then rename it to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    try:
        write(tmp)
        _publish(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: _ignore(tmp.write_bytes(data)))


def _ignore(_: object) -> None:
    return None


def optional_module(name: str) -> Any:
    """Import a module of the ``dask`` extra (pyarrow, warcio, distributed: untyped) or say how
    to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise RuntimeError(
            f"storyline batch needs {name.split('.')[0]!r}: pip install 'storyline[dask]'."
        ) from exc


def atomic_text(path: Path, lines: Iterable[str]) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.writelines(lines)

    atomic_write(path, write)


def atomic_npy(path: Path, array: npt.NDArray[Any]) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            np.save(handle, array, allow_pickle=False)

    atomic_write(path, write)


def atomic_parquet(
    path: Path, columns: dict[str, Any], *, row_group_rows: int | None = None
) -> None:
    """A Parquet file from plain column lists/arrays (zstd: text compresses ~4x); row groups of
    ``row_group_rows`` rows let a reader decode only the rows it wants."""
    pa = optional_module("pyarrow")
    pq = optional_module("pyarrow.parquet")
    table = pa.table(columns)
    atomic_write(
        path,
        lambda tmp: pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_rows),
    )


def marker(path: Path) -> Path:
    return path.with_name(path.name + ".done")


def write_marker(path: Path, result: dict[str, Any]) -> None:
    atomic_bytes(marker(path), json.dumps(result, sort_keys=True).encode("utf-8"))


def read_marker(path: Path) -> dict[str, Any] | None:
    """What a finished task returned, or None if it has not finished."""
    done = marker(path)
    if not done.exists():
        return None
    data: dict[str, Any] = json.loads(done.read_text("utf-8"))
    return data
