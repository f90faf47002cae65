"""The held-out sets of benchmarks/summary_checks.py: ECB+'s tokens joined back as a page writes
them, WikiRef's pages read as the text reader reads them (skipped when the data is absent)."""

from __future__ import annotations

import pytest
from benchmarks.facts_audit import ecb_detokenise
from benchmarks.summary_checks import ECBPLUS, WIKIREF, ecbplus_clusters, wikiref_clusters


@pytest.mark.parametrize(
    ("tokens", "page"),
    [
        ("at 3 : 33 a . m . Tuesday", "at 3:33 a.m. Tuesday"),
        ("1 , 400 people fled", "1,400 people fled"),
        ("a magnitude 5 . 9 quake", "a magnitude 5.9 quake"),
        ("a record of 411-300 ( . 578 )", "a record of 411-300 (.578)"),
        ("the apartment ’ s door", "the apartment’s door"),
        ("“ We are ready , ” he said", "“We are ready,” he said"),
        ("the victims ' families", "the victims' families"),
        ("the U . S . Army", "the U.S. Army"),
    ],
)
def test_ecb_tokens_are_joined_as_a_page_writes_them(tokens: str, page: str) -> None:
    assert ecb_detokenise(tokens) == page


@pytest.mark.skipif(not ECBPLUS.is_file(), reason="ECB+ not in ../shared/data")
def test_each_ecb_incident_is_a_cluster_without_its_address() -> None:
    clusters = ecbplus_clusters()
    assert len(clusters) == 86
    articles = [a for c in clusters for a in c]
    assert all(len(c) >= 3 for c in clusters)
    assert not any(a.text.startswith("http") for a in articles)
    assert any(a.url and a.url.startswith("http://") for a in articles)


@pytest.mark.skipif(not WIKIREF.is_dir(), reason="WikiRef not in ../shared/data")
def test_wikiref_clusters_hold_pages_of_one_topic() -> None:
    clusters = wikiref_clusters()
    assert all(5 <= len(c) <= 8 for c in clusters)
    articles = [a for c in clusters for a in c]
    assert not any("\ufffd" in a.text for a in articles)  # Windows-1252 pages decoded as such
    assert sum(a.title is not None for a in articles) > 0.9 * len(articles)
