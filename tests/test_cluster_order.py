"""Stories of an archive fed in pieces, shuffled, stay near those of the archive clustered at
once: the floors of ``clustering_order`` in benchmarks/floors.json, scored as
benchmarks/ecbplus.py's ``stream_runs`` scores them (skipped without the shared data)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

FLOORS = {
    name: floor
    for name, floor in json.loads(
        (Path(__file__).resolve().parents[1] / "benchmarks" / "floors.json").read_text("utf-8")
    )
    .get("clustering_order", {})
    .items()
    if not name.startswith("_")
}


@pytest.mark.parametrize("run", sorted(FLOORS))
def test_shuffled_batches_stay_above_the_floor(run: str) -> None:
    from benchmarks import ecbplus as bench

    sets = {
        "ecbplus_shuffled_100": (bench.load_ecbplus, 100, "subtopic"),
        "wikiref220_shuffled_20": (bench.load_wikiref, 20, "topic"),
    }
    load, batch, key = sets[run]
    try:
        rows = list(load())
    except FileNotFoundError:
        pytest.skip(f"{run}: the data is not in {bench.data_dir()}")
    if not rows:
        pytest.skip(f"{run}: the data is not in {bench.data_dir()}")
    random.Random(0).shuffle(rows)
    b3 = bench.streamed(run, rows, batch, key=key)["bcubed"]
    assert isinstance(b3, dict)
    assert b3["f1"] >= FLOORS[run], f"{run} B-cubed F1 {b3['f1']:.3f} < {FLOORS[run]}"
