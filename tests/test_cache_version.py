"""Cached story results are keyed by the code that made them: after an upgrade a story that has
not changed is summarized again rather than served the older code's summary."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from storyline import engine
from storyline.store import open_store

stories = importlib.import_module("storyline.engine.stories")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam" / "articles.jsonl"


def test_a_cached_summary_is_not_served_to_other_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(str(tmp_path / "s.db"))
    try:
        engine.ingest([str(EXAMPLE)], store=store)
        story_id = engine.list_stories(store, min_articles=1).stories[0].id
        first = engine.story_report(store, story_id)
        assert not first.cached
        assert engine.story_report(store, story_id).cached
        monkeypatch.setattr(stories, "code_version", lambda: "other-code")
        again = engine.story_report(store, story_id)
        assert not again.cached  # made again by the "new" code, not read back
        assert again.summary.sentences == first.summary.sentences
    finally:
        store.close()
