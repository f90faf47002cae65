"""One-shot clustering of JSONL lines into stories and events (``storyline cluster-batch``):
no store, no cleaning; the text is taken as given."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.cluster import ClusterSettings
    from storyline.features import ClusterDoc


@dataclass(frozen=True)
class ClusterLines:
    """``cluster-batch`` output rows in input order, and the lines that could not be used."""

    rows: tuple[dict[str, str], ...]
    errors: tuple[str, ...]


def cluster_lines(lines: Iterable[str], *, settings: ClusterSettings | None = None) -> ClusterLines:
    """One-shot clustering of JSONL ``{"id", "text", "title"?, "date"?, "source"?}`` lines into
    ``{"id", "story", "event"}`` rows."""
    from storyline.cluster import cluster_batch
    from storyline.embeddings import load_embedder

    docs: list[ClusterDoc] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = _cluster_doc(json.loads(line), origin=f"line {number}")
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: invalid JSON ({exc.msg} at column {exc.colno}).")
            continue
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if doc.id in seen:
            errors.append(f"line {number}: id {doc.id!r} was already used by an earlier line.")
            continue
        seen.add(doc.id)
        docs.append(doc)
    # the default embedder, as ``ingest`` uses: headlines link by meaning too, loaded only if one
    # comes (full articles are never embedded)
    embedder = load_embedder("auto")
    assignments = cluster_batch(docs, settings=settings, embedder=embedder) if docs else []
    rows = tuple({"id": a.doc_id, "story": a.story, "event": a.event} for a in assignments)
    return ClusterLines(rows=rows, errors=tuple(errors))


def _cluster_doc(record: object, *, origin: str) -> ClusterDoc:
    from storyline.cluster import ClusterDoc
    from storyline.ingest import parse_date

    if not isinstance(record, dict):
        raise ValueError(f"{origin}: expected a JSON object with 'id' and 'text'.")
    doc_id, text = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise ValueError(f"{origin}: needs an 'id' (a string).")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{origin}: needs a non-empty string 'text'.")
    title, source = record.get("title"), record.get("source")
    return ClusterDoc(
        id=str(doc_id),
        text=text,
        title=title if isinstance(title, str) else None,
        source=source if isinstance(source, str) else None,
        published=parse_date(record.get("date")),
    )
