"""The ROUGE-1.5.5 port on hand-scored cases, and against the Perl script when it is installed."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.evaluation.rouge import (
    METRICS,
    RougeScorer,
    Score,
    _lcs_mask,
    _positions,
    _skip_bigrams,
    perl_bootstrap,
    score,
    score_corpus,
    truncate,
)
from storyline.evaluation.rouge_stem import RougeStemmer, RougeUnavailable, porter_stem

PLAIN = RougeScorer(stem=False, limit_words=None)


def _close(actual: Score, recall: float, precision: float) -> None:
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    assert actual.recall == pytest.approx(recall)
    assert actual.precision == pytest.approx(precision)
    assert actual.f1 == pytest.approx(f1)


def test_single_reference_by_hand() -> None:
    got = PLAIN.score("the cat sat on the mat", ["the cat lay on the mat"])
    _close(got["rouge-1"], 5 / 6, 5 / 6)  # the x2, cat, on, mat
    _close(got["rouge-2"], 3 / 5, 3 / 5)  # the cat, on the, the mat
    _close(got["rouge-3"], 1 / 4, 1 / 4)  # on the mat
    _close(got["rouge-4"], 0.0, 0.0)
    _close(got["rouge-l"], 5 / 6, 5 / 6)  # the cat on the mat
    # 5 unigrams (all but the last token) + 15 pairs each; 4 unigram + 10 pair hits.
    _close(got["rouge-su4"], 14 / 20, 14 / 20)
    assert set(got) == set(METRICS)


def test_references_are_pooled_not_maxed() -> None:
    # -f A: hits and counts summed over references; precision counts the peer once per reference.
    got = PLAIN.score("a b c", ["a b", "a d e f"])
    _close(got["rouge-1"], 3 / 6, 3 / 6)


def test_jackknife_averages_leave_one_out_evaluations() -> None:
    got = PLAIN.score("a b c", ["a b", "a d e f"], jackknife=True)
    # Leaving out "a b": R 1/4, P 1/3; leaving out "a d e f": R 1, P 2/3.
    assert got["rouge-1"].recall == pytest.approx((1 / 4 + 1) / 2)
    assert got["rouge-1"].precision == pytest.approx((1 / 3 + 2 / 3) / 2)
    assert got["rouge-1"].f1 == pytest.approx((2 / 7 + 0.8) / 2)


def test_skip_bigram_leaves_out_the_last_unigram_as_the_perl_does() -> None:
    got = PLAIN.score("a b", ["b a"])
    assert got["rouge-1"].recall == 1.0
    assert got["rouge-su4"].recall == 0.0  # grams {a, a b} against {b, b a}


def test_skip_distance_is_four_words_in_between() -> None:
    got = PLAIN.score("x1 q q q q x2", ["x1 z z z z x2"])
    # Each side: 5 unigrams + pairs with up to 4 words between (all 15 pairs of 6 tokens).
    # Shared: x1 unigram and the pair (x1, x2) whose gap is exactly four.
    assert got["rouge-su4"].recall == pytest.approx(2 / 20)
    far = PLAIN.score("x1 q q q q q x2", ["x1 z z z z z x2"])
    assert far["rouge-su4"].recall == pytest.approx(1 / (6 + 5 + 5 + 4 + 3 + 2 + 1))


def test_rouge_l_is_union_lcs_over_peer_sentences() -> None:
    got = PLAIN.score("w1 w2 x\nw3 w5 y", ["w1 w2 w3 w4 w5"])
    _close(got["rouge-l"], 4 / 5, 4 / 6)
    # One peer sentence in the other order only matches a subsequence.
    swapped = PLAIN.score(["w3 w5 y w1 w2 x"], ["w1 w2 w3 w4 w5"])
    _close(swapped["rouge-l"], 2 / 5, 2 / 6)


def test_rouge_l_clips_repeated_words() -> None:
    # Both reference sentences match the single "a" of the peer; it is credited once.
    got = PLAIN.score("a", ["a\na"])
    _close(got["rouge-l"], 1 / 2, 1 / 1)


def test_word_limit_counts_whitespace_words_before_tokenizing() -> None:
    assert truncate(["one two three.", "four five six seven."], 5) == [
        "one two three.",
        "four five",
    ]
    # "U.S.-led" is one word for -l but three tokens (u, s, led) for matching.
    scorer = RougeScorer(stem=False, limit_words=2)
    got = scorer.score("U.S.-led forces advanced quickly", ["u.s.-led forces"])
    _close(got["rouge-1"], 4 / 4, 4 / 4)


def test_text_is_lowercased_and_punctuation_splits() -> None:
    got = PLAIN.score("Hello, WORLD! It's 9:30.", ["hello world it s 9 30"])
    assert got["rouge-2"].recall == 1.0


def test_stemming_matches_inflections() -> None:
    scorer = RougeScorer(limit_words=None)
    got = scorer.score("Officials were running the agreements", ["an official runs an agreement"])
    assert got["rouge-1"].recall == pytest.approx(3 / 5)  # official, run, agreem
    assert PLAIN.score("runs", ["running"])["rouge-1"].recall == 0.0


def test_rouge_porter_keeps_lins_step4_change() -> None:
    assert porter_stem("agreement") == "agreem"
    assert porter_stem("accidental") == "accid"
    assert porter_stem("running") == "run"
    assert porter_stem("analogy") == "analog"
    assert porter_stem("yelling") == "yell"


def test_stemmer_uses_exceptions_then_porter_and_skips_short_tokens() -> None:
    stem = RougeStemmer({"said": "say", "went": "go"})
    assert stem("said") == "say"
    assert stem("went") == "go"
    assert stem("saying") == "sai"  # Porter: y -> i after a vowel
    assert stem("was") == "was"


def test_corpus_score_is_the_mean_of_topics() -> None:
    pairs = [("a b", ["a b"]), ("a b", ["c d"])]
    got = score_corpus(pairs, stem=False, limit_words=None)
    _close(got["rouge-1"], 0.5, 0.5)
    assert got["rouge-1"].f1 == pytest.approx(0.5)


def test_bootstrap_mean_stays_near_the_mean() -> None:
    values = [0.1, 0.2, 0.3, 0.4]
    interval = perl_bootstrap(values)
    assert interval.low < 0.25 < interval.high
    assert interval.mean == pytest.approx(0.25, abs=0.01)
    assert perl_bootstrap([0.5] * 7).low == 0.5


def test_empty_inputs() -> None:
    got = PLAIN.score("", ["a b c"])
    assert got["rouge-1"] == Score(0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="at least one reference"):
        PLAIN.score("a", [])
    with pytest.raises(ValueError, match="limit_words"):
        RougeScorer(limit_words=0)


# Fictional texts written for these tests; each exercises a quirk (hyphens, numbers, repeats,
# a summary longer than the limit, irregular verbs for the WordNet list).
SYNTHETIC = [
    (
        "The river flooded the old mill town on Tuesday.\n"
        "Rescue teams said 14 people were missing and children went to shelters.\n"
        "The mayor's office called it the worst flood since 1952.",
        [
            "Floods hit the mill town Tuesday.\nFourteen people were reported missing.",
            "A river flood, the worst since 1952, struck the town.\n"
            "Officials said children were taken to shelters.",
            "On Tuesday the old mill town flooded; rescue teams searched for 14 missing people.",
        ],
    ),
    (
        "Lab-grown meat won approval from regulators.\n"
        "The company's co-founder said prices would fall.\nPrices fell, prices fell, prices fell.",
        [
            "Regulators approved lab-grown meat.\nIts co-founder expects lower prices.",
            "Cultivated meat was approved; the founders said the agreement was a turning point.",
        ],
    ),
]


@pytest.fixture(scope="module")
def perl_ready() -> None:
    from storyline.evaluation.rouge_perl import check_perl

    try:
        check_perl()
    except RougeUnavailable as error:
        pytest.skip(f"ROUGE-1.5.5 Perl script not usable: {error}")


@pytest.mark.usefixtures("perl_ready")
@pytest.mark.parametrize("jackknife", [False, True])
@pytest.mark.parametrize("limit_words", [250, 12])
def test_port_equals_perl_per_topic(jackknife: bool, limit_words: int) -> None:
    from storyline.evaluation.rouge_perl import parse_topics, run_rouge_perl

    output = run_rouge_perl(SYNTHETIC, limit_words=limit_words, jackknife=jackknife, resamples=10)
    scorer = RougeScorer.with_wordnet(limit_words=limit_words)
    for perl, (peer, refs) in zip(parse_topics(output), SYNTHETIC, strict=True):
        port = scorer.score(peer, refs, jackknife=jackknife)
        for metric in METRICS:
            for field in ("recall", "precision", "f1"):
                expected = getattr(perl[metric], field)
                assert getattr(port[metric], field) == pytest.approx(expected, abs=2e-5), metric


@pytest.mark.usefixtures("perl_ready")
def test_port_bootstrap_equals_perl_averages() -> None:
    from storyline.evaluation.rouge_perl import score_corpus_perl

    perl = score_corpus_perl(SYNTHETIC, jackknife=True)
    port = RougeScorer.with_wordnet().score_corpus_intervals(SYNTHETIC, jackknife=True)
    for metric in METRICS:
        assert port[metric].recall.mean == pytest.approx(perl[metric].recall, abs=2e-5)
        assert port[metric].f1.mean == pytest.approx(perl[metric].f1, abs=2e-5)


def test_score_function_runs_with_or_without_wordnet() -> None:
    got = score("Children went home.", ["The children went home."], wordnet=True)
    assert got["rouge-1"].recall == pytest.approx(3 / 4)


def _perl_lcs_mask(model: list[str], peer: list[str]) -> list[bool]:
    """ROUGE-1.5.5's lcs_inner + markLCS transliterated, direction table and all."""
    m, n = len(model), len(peer)
    c = [[0] * (n + 1) for _ in range(m + 1)]
    b = [[""] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            if model[i - 1] == peer[j - 1]:
                c[i][j], b[i][j] = c[i - 1][j - 1] + 1, "\\"
            elif c[i - 1][j] >= c[i][j - 1]:
                c[i][j], b[i][j] = c[i - 1][j], "^"
            else:
                c[i][j], b[i][j] = c[i][j - 1], "<"
    mask = [False] * m
    i, j = m, n
    while i and j:
        if b[i][j] == "\\":
            i, j = i - 1, j - 1
            mask[i] = True
        elif b[i][j] == "^":
            i -= 1
        else:
            j -= 1
    return mask


def _perl_skip_bigrams(tokens: list[str], distance: int) -> Counter[tuple[str, ...]]:
    grams: Counter[tuple[str, ...]] = Counter()
    for i in range(len(tokens) - 1):
        grams[(tokens[i],)] += 1
        for j in range(i + 1, min(len(tokens) - 1, i + distance + 1) + 1):
            grams[(tokens[i], tokens[j])] += 1
    return grams


_WORDS = st.lists(st.sampled_from("abcde"), max_size=14)


@settings(max_examples=300, deadline=None)
@given(model=_WORDS, peer=_WORDS)
def test_fast_lcs_marks_the_same_positions_as_the_perl(model: list[str], peer: list[str]) -> None:
    mask = [False] * len(model)
    _lcs_mask(model, peer, _positions(peer), mask)
    assert mask == _perl_lcs_mask(model, peer)


@settings(max_examples=200, deadline=None)
@given(tokens=_WORDS)
def test_skip_bigrams_match_the_perl_loop(tokens: list[str]) -> None:
    assert _skip_bigrams(tokens, 4) == _perl_skip_bigrams(tokens, 4)
