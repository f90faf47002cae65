"""A ``StoryIndex`` as bytes for a store: metadata as a JSON header, document frequencies and the
active events' feature sums as compressed numpy arrays."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storyline.cluster.events import EventState, StoryState, index_groups
from storyline.features import DIMENSIONS

if TYPE_CHECKING:
    from storyline.cluster.index import StoryIndex


# 3: the background term mass; 4: names and words per event (no longer read);
# 5: stories are happenings in a time window, with label candidates. Older states grouped by kind
# of happening: they are refused, the index is rebuilt from the articles. 6: each story's name
# counts (a 5 loads without them: its stories are not vouched for by names until they grow).
_STATE_VERSION = 6
_READS = (5, 6)


def dump_state(index: StoryIndex) -> bytes:
    """Metadata as a JSON header, document frequencies and active event sums as numpy arrays."""
    active = index._active_events()
    header = {
        "version": _STATE_VERSION,
        "features": index.features,
        "n_docs": index.n_docs,
        "mass_docs": index.mass_docs,
        "next_story": index._next_story,
        "batches": index._batches,
        "stories": [_story_header(s) for s in index._live],
        "active": [e.id for e in active],
    }
    arrays: dict[str, npt.NDArray[np.generic]] = {
        "header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    }
    for name, df in (("term_df", index.term_df), ("entity_df", index.entity_df)):
        cols = np.flatnonzero(df)
        arrays[name + "_cols"] = cols.astype(np.int32)
        arrays[name + "_counts"] = df[cols].astype(np.int64)
    mass_cols = np.flatnonzero(index.term_mass)
    arrays["term_mass_cols"] = mass_cols.astype(np.int32)
    arrays["term_mass_vals"] = index.term_mass[mass_cols]
    if active:
        groups = index_groups(active)
        blocks = (("terms", groups.terms), ("entities", groups.entities))
        for name, matrix in blocks:
            arrays[name + "_indptr"] = matrix.indptr.astype(np.int64)
            arrays[name + "_cols"] = matrix.indices.astype(np.int32)
            arrays[name + "_vals"] = matrix.data.astype(np.float32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def _story_header(story: StoryState) -> dict[str, object]:
    return {
        "id": story.id,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "outlets": dict(story.outlets),
        "label": story.label,
        "candidates": story.candidates,
        "words": dict(story.words),
        "size": story.size,
        "touched": story.touched,
        "inner": story.inner,
        "pairs": story.pairs,
        "word_count": story.word_count,
        "events": [[e.id, e.size, e.word_count] for e in story.events],
        "names": [[column, count] for column, count in story.names.items()],
    }


def state_features(data: bytes) -> str:
    """Which features (``StoryIndex.features``) a ``to_bytes`` state was built with."""
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        return str(json.loads(arrays["header"].tobytes().decode("utf-8"))["features"])


def load_state(index: StoryIndex, data: bytes) -> StoryIndex:
    arrays = np.load(io.BytesIO(data), allow_pickle=False)
    header = json.loads(arrays["header"].tobytes().decode("utf-8"))
    if header.get("version") not in _READS:
        raise ValueError(
            f"Unknown StoryIndex state version {header.get('version')!r}; expected "
            f"{_STATE_VERSION}. Rebuild the index from the articles."
        )
    if header["features"] != index.features:
        raise ValueError(
            f"The state was built with {header['features']} features but this index uses "
            f"{index.features}; load it with the same embedder."
        )
    index.n_docs, index._next_story = int(header["n_docs"]), int(header["next_story"])
    index.mass_docs = int(header.get("mass_docs", header["n_docs"]))
    index._batches = int(header["batches"])
    for name in ("term_df", "entity_df"):
        df = np.zeros(DIMENSIONS, dtype=np.int64)
        df[arrays[name + "_cols"]] = arrays[name + "_counts"]
        setattr(index, name, df)
    index.term_mass = np.zeros(DIMENSIONS, dtype=np.float64)
    index.term_mass[arrays["term_mass_cols"]] = arrays["term_mass_vals"]
    index._mass_sq = float(arrays["term_mass_vals"] @ arrays["term_mass_vals"])
    events: dict[str, EventState] = {}
    for raw in header["stories"]:
        if not raw.get("active", True):
            continue  # an archived story in a state saved before archived ones were forgotten
        story = _story_from_header(raw)
        for event_id, size, words in raw["events"]:
            event = EventState(story=story, id=event_id, size=int(size), word_count=float(words))
            story.events.append(event)
            events[event_id] = event
        index._by_id[story.id] = story
        index._live.append(story)
    _load_sums(arrays, [events[i] for i in header["active"]])
    return index


def _story_from_header(raw: dict[str, Any]) -> StoryState:
    return StoryState(
        id=raw["id"],
        first_seen=date.fromisoformat(raw["first_seen"]) if raw["first_seen"] else None,
        last_seen=date.fromisoformat(raw["last_seen"]) if raw["last_seen"] else None,
        outlets=Counter(raw["outlets"]),
        label=raw["label"],
        candidates=[str(c) for c in raw["candidates"]],
        words=Counter(raw["words"]),
        size=int(raw["size"]),
        touched=int(raw["touched"]),
        inner=float(raw["inner"]),
        pairs=float(raw["pairs"]),
        word_count=float(raw["word_count"]),
        names=Counter({int(c): int(n) for c, n in raw.get("names", [])}),
    )


def _load_sums(arrays: Any, active: Sequence[EventState]) -> None:
    if not active:
        return
    matrices = {
        name: sparse.csr_matrix(
            (arrays[name + "_vals"], arrays[name + "_cols"], arrays[name + "_indptr"]),
            shape=(len(active), DIMENSIONS),
        )
        for name in ("terms", "entities")
    }
    for i, event in enumerate(active):
        event.terms = matrices["terms"][i]
        event.entities = matrices["entities"][i]
