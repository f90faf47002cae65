"""Evaluation beside the algorithms: ROUGE (a pure-Python port of ROUGE-1.5.5 and a wrapper for the
original Perl script) and loaders for the DUC 2006/2007 summarization sets.

Say which ROUGE a number comes from: ``rouge.score``/``RougeScorer`` is the port (equal to the
Perl per topic within 5e-6 on DUC 2006), ``rouge_perl.score_corpus_perl`` runs ROUGE-1.5.5.pl.
"""

from storyline.evaluation.duc import DucTopic, data_dir, load_duc2006, load_duc2007
from storyline.evaluation.rouge import (
    METRICS,
    Interval,
    RougeScorer,
    Score,
    ScoreInterval,
    score,
    score_corpus,
)
from storyline.evaluation.rouge_perl import score_corpus_perl
from storyline.evaluation.rouge_stem import RougeUnavailable

__all__ = [
    "METRICS",
    "DucTopic",
    "Interval",
    "RougeScorer",
    "RougeUnavailable",
    "Score",
    "ScoreInterval",
    "data_dir",
    "load_duc2006",
    "load_duc2007",
    "score",
    "score_corpus",
    "score_corpus_perl",
]
