"""The Python API a user imports."""

from __future__ import annotations

from pathlib import Path

import storyline
from storyline.summarizers.concepts import (
    ConceptSummarizer,  # importing a method must not shadow the API
)

STORY = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam"


def test_summarize_paths_and_articles_agree() -> None:
    assert callable(storyline.summarize) and ConceptSummarizer.name == "storyline"
    report = storyline.summarize([STORY / "articles.jsonl"], words=100)
    assert report.errors == () and len(report.articles) == 6
    again = storyline.summarize(list(report.articles), words=100)
    assert again.summary == report.summary
    assert 0 < report.summary.words <= 100
