"""benchmarks/summarization.py at a budget other than DUC 2006's: the proxy for DUC 2004's
100-word task, cut and scored as DUC 2004 is and recorded apart from the 250-word table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.summarization import NIST_WORDS, Cluster, Scoring, run_method, score

from storyline.clean import clean_batch
from storyline.evaluation.rouge_stem import RougeUnavailable
from storyline.ingest import parse_record
from storyline.models import RawDocument

KESSEL = Path(__file__).resolve().parents[1] / "examples" / "kessel-dam" / "articles.jsonl"


def test_only_nist_budget_is_jackknifed_and_recorded_as_the_main_table() -> None:
    nist = Scoring.for_words(NIST_WORDS)
    assert (nist.words, nist.jackknife, nist.name) == (250, True, "summarization")
    duc2004 = Scoring.for_words(100)
    assert (duc2004.words, duc2004.jackknife, duc2004.name) == (100, False, "summarization-100")


@pytest.fixture(scope="module")
def wordnet_ready() -> None:
    from storyline.evaluation.rouge_stem import rouge_exceptions

    try:
        rouge_exceptions()
    except RougeUnavailable as error:
        pytest.skip(f"ROUGE-1.5.5's WordNet exceptions not installed: {error}")


@pytest.mark.usefixtures("wordnet_ready")
def test_words_past_the_budget_are_not_scored() -> None:
    reference = "the dam gave way after three days of rain and flooded nine villages"
    # 100 words that share nothing with the reference, then the reference itself
    padding = " ".join(f"filler{i}" for i in range(100))
    cluster = Cluster("t1", (), (reference, reference))
    at_100 = score([[padding, reference]], [cluster], perl=False, scoring=Scoring.for_words(100))
    at_250 = score([[padding, reference]], [cluster], perl=False, scoring=Scoring.for_words(250))
    assert at_100["port"]["rouge-1"].recall == 0.0
    assert at_250["port"]["rouge-1"].recall == 1.0


def test_summaries_are_made_at_the_given_budget() -> None:
    lines = KESSEL.read_text(encoding="utf-8").splitlines()
    raws = [parse_record(json.loads(line), origin=f"kessel:{i}") for i, line in enumerate(lines)]
    documents = [r for r in raws if isinstance(r, RawDocument)]
    assert len(documents) == len(raws) > 1
    cluster = Cluster("kessel", tuple(clean_batch(documents)), ())
    for words in (40, 100):
        summaries, cpu, _ = run_method("storyline", [cluster], words=words, passes=1)
        used = sum(len(s.split()) for s in summaries[0])
        assert 0 < used <= words
        assert cpu > 0
