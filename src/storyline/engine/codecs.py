"""JSON codecs for the results the engine caches in a store (summaries and timelines).

Kept apart from the views' JSON: a cache must round-trip the result exactly (citations as
article id and offsets), while a view is what a reader sees (quotes, numbers, outlets).
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from storyline.models import Citation, Summary, SummarySentence

if TYPE_CHECKING:
    from storyline.timeline import Timeline


def _sentences(sentences: tuple[SummarySentence, ...]) -> list[dict[str, Any]]:
    return [
        {
            "text": s.text,
            "citations": [[c.article_id, c.start, c.end, c.score] for c in s.citations],
        }
        for s in sentences
    ]


def _sentences_from(data: list[dict[str, Any]]) -> tuple[SummarySentence, ...]:
    return tuple(
        SummarySentence(
            text=s["text"],
            citations=tuple(
                Citation(article_id=c[0], start=int(c[1]), end=int(c[2]), score=float(c[3]))
                for c in s["citations"]
            ),
        )
        for s in data
    )


def summary_to_json(summary: Summary) -> str:
    payload = {
        "method": summary.method,
        "settings": summary.settings,
        "sentences": _sentences(summary.sentences),
    }
    return json.dumps(payload, ensure_ascii=False, default=str)


def summary_from_json(payload: str) -> Summary:
    data = json.loads(payload)
    return Summary(
        sentences=_sentences_from(data["sentences"]),
        method=data["method"],
        settings=data["settings"],
    )


def timeline_to_json(timeline: Timeline) -> str:
    entries = [
        {
            "date": e.date.isoformat(),
            "granularity": e.granularity,
            "score": e.score,
            "sentences": _sentences(e.sentences),
        }
        for e in timeline.entries
    ]
    payload = {"method": timeline.method, "settings": timeline.settings, "entries": entries}
    return json.dumps(payload, ensure_ascii=False, default=str)


def timeline_from_json(payload: str) -> Timeline:
    from storyline.timeline import Timeline, TimelineEntry

    data = json.loads(payload)
    entries = tuple(
        TimelineEntry(
            date=date.fromisoformat(e["date"]),
            granularity=e["granularity"],
            sentences=_sentences_from(e["sentences"]),
            score=float(e["score"]),
        )
        for e in data["entries"]
    )
    return Timeline(entries, method=data["method"], settings=data["settings"])
