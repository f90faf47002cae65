"""ROUGE, as ROUGE-1.5.5.pl computes it with NIST's DUC 2006 flags, in pure Python.

``-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d -l 250``: ROUGE-1..4, ROUGE-L and
ROUGE-SU4, stemmed (``-m``), stopwords kept, texts cut to 250 words (``-l``), F with alpha 0.5.
Our own reading of the Perl (not a copy of rouge-score); its quirks are kept on purpose, because a
number is only comparable with published ones if it is computed the same way:

- Text is lower-cased (ASCII only), cut to the word limit counting whitespace-separated words,
  then every character other than a-z, 0-9 becomes a space; hyphens split words.
- ``-f A`` pools the references: recall = sum of clipped hits / sum of reference n-grams, and
  precision = the same hits / (peer n-grams x number of references). It is not a max, nor a mean of
  per-reference scores.
- ROUGE-SU4 counts the unigrams of every token but the last one, beside skip-bigrams with at most
  four words in between.
- ROUGE-L is the summary-level union LCS per reference sentence, clipped by unigram counts.
- ROUGE-1.5.5 itself does no jackknifing; NIST jackknifed DUC 2006 in its input file: with four
  references, four evaluations of three references each, averaged. ``jackknife=True`` does that.

Stemming is ROUGE's own Porter variant plus WordNet's irregular forms (``rouge_stem``). ROUGE-W
(``-w 1.2``) is not ported. Each (peer, reference) pair is counted once and the counts are pooled
afterwards, so jackknifing costs no extra matching.

Per topic the port equals the Perl to 5e-6 (the Perl rounds each evaluation to five decimals). The
Perl's printed Average_R is not the plain mean but the mean of 1,000 bootstrap means, off the mean
by up to ~1e-4; ``RougeScorer.score_corpus_intervals`` reproduces that figure and its interval
digit for digit (checked against NIST's DUC 2006 tables by ``benchmarks/rouge_port.py``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from storyline.evaluation.rouge_stem import RougeStemmer, RougeUnavailable, rouge_exceptions

logger = logging.getLogger(__name__)

METRICS = ("rouge-1", "rouge-2", "rouge-3", "rouge-4", "rouge-l", "rouge-su4")
MAX_NGRAM = 4
SKIP_DISTANCE = 4

# Perl's \s on bytes: ASCII whitespace only (a no-break space is part of a word there).
_PERL_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_TOKEN = re.compile(r"[a-z0-9]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    f1: float


@dataclass(frozen=True)
class _Text:
    """One summary as ROUGE sees it: stemmed tokens per sentence, and its gram counts per metric
    (counted once here, not once per peer-reference pair)."""

    sentences: tuple[tuple[str, ...], ...]
    tokens: tuple[str, ...]
    grams: Mapping[str, Counter[tuple[str, ...]]]


@dataclass(frozen=True)
class _Counts:
    """Clipped hits of one peer against one reference, per metric: (hit, reference, peer)."""

    by_metric: Mapping[str, tuple[int, int, int]]


def _perl_split(line: str) -> list[str]:
    """Perl's ``split(/\\s+/, $s)``: a leading empty field is kept, trailing ones dropped."""
    fields = _PERL_SPACE.split(line)
    while fields and not fields[-1]:
        fields.pop()
    return fields


def _lines(summary: str | Sequence[str]) -> list[str]:
    """Sentences, one a line as in ROUGE's SPL format; empty lines are skipped as Perl does."""
    parts = [summary] if isinstance(summary, str) else summary
    lines = [line for part in parts for line in part.split("\n")]
    return [line.translate(_ASCII_LOWER) for line in lines if line]


def truncate(sentences: Sequence[str], limit_words: int | None) -> list[str]:
    """Keep the first ``limit_words`` words (``-l``), cutting the sentence that crosses it."""
    if not limit_words:
        return list(sentences)
    kept: list[str] = []
    used = 0
    for sentence in sentences:
        words = _perl_split(sentence)
        if used + len(words) < limit_words:
            kept.append(sentence)
            used += len(words)
        else:
            kept.append(" ".join(words[: limit_words - used]))
            break
    return kept


def _prepare(
    summary: str | Sequence[str], *, limit_words: int | None, stem: Callable[[str], str] | None
) -> _Text:
    """Lower-case, truncate, tokenize and stem a summary (a string with one sentence a line)."""
    sentences = truncate(_lines(summary), limit_words)
    tokenized = []
    for sentence in sentences:
        found = _TOKEN.findall(sentence)
        tokenized.append(tuple(stem(t) for t in found) if stem else tuple(found))
    tokens = tuple(t for s in tokenized for t in s)
    grams = {f"rouge-{n}": _ngrams(tokens, n) for n in range(1, MAX_NGRAM + 1)}
    grams["rouge-su4"] = _skip_bigrams(tokens, SKIP_DISTANCE)
    return _Text(tuple(tokenized), tokens, grams)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def _skip_bigrams(tokens: Sequence[str], distance: int) -> Counter[tuple[str, ...]]:
    """ROUGE-SU: unigrams of all tokens but the last (as the Perl loop does) plus skip pairs
    with at most ``distance`` tokens in between."""
    grams: Counter[tuple[str, ...]] = Counter((t,) for t in tokens[:-1])
    for gap in range(1, distance + 2):
        grams.update(zip(tokens, tokens[gap:], strict=False))
    return grams


def _clipped_hits(model: Counter[tuple[str, ...]], peer: Counter[tuple[str, ...]]) -> int:
    return sum(min(count, peer[gram]) for gram, count in model.items() if gram in peer)


def _positions(peer: Sequence[str]) -> dict[str, list[int]]:
    """1-based positions of each token, the DP columns where it matches."""
    where: dict[str, list[int]] = {}
    for j, token in enumerate(peer, 1):
        where.setdefault(token, []).append(j)
    return where


def _lcs_mask(
    model: Sequence[str], peer: Sequence[str], where: Mapping[str, list[int]], mask: list[bool]
) -> None:
    """Mark the model positions of one LCS of ``model`` and ``peer``, with the Perl's tie-breaks.

    Two shortcuts keep it exact: a model token absent from ``peer`` leaves its DP row equal to the
    one above (and the backtrack always steps over it), so its row is skipped; and each row is a
    running max (``accumulate``) with the few matching cells patched in, which runs in C.
    """
    rows = [i for i, token in enumerate(model) if token in where]
    if not rows:
        return
    table = [[0] * (len(peer) + 1)]
    for i in rows:
        above = table[-1]
        row = above[:]
        for j in where[model[i]]:
            row[j] = above[j - 1] + 1
        table.append(list(accumulate(row, max)))
    k, j = len(rows), len(peer)
    while k and j:
        if model[rows[k - 1]] == peer[j - 1]:
            k -= 1
            j -= 1
            mask[rows[k]] = True
        elif table[k - 1][j] >= table[k][j - 1]:
            k -= 1
        else:
            j -= 1


def _lcs_hits(model: _Text, peer: _Text) -> int:
    """Union-LCS hits over model sentences, each hit spending one unigram on both sides."""
    model_left = Counter(model.tokens)
    peer_left = Counter(peer.tokens)
    columns = [_positions(s) for s in peer.sentences]
    hits = 0
    for sentence in model.sentences:
        mask = [False] * len(sentence)
        for peer_sentence, where in zip(peer.sentences, columns, strict=True):
            _lcs_mask(sentence, peer_sentence, where, mask)
        for token, hit in zip(sentence, mask, strict=True):
            if hit and model_left[token] > 0 and peer_left[token] > 0:
                hits += 1
                model_left[token] -= 1
                peer_left[token] -= 1
    return hits


def _pair_counts(peer: _Text, model: _Text) -> _Counts:
    counts = {
        metric: (_clipped_hits(m, peer.grams[metric]), m.total(), peer.grams[metric].total())
        for metric, m in model.grams.items()
    }
    counts["rouge-l"] = (_lcs_hits(model, peer), len(model.tokens), len(peer.tokens))
    return _Counts(counts)


def _f_measure(recall: float, precision: float, alpha: float) -> float:
    denominator = (1 - alpha) * precision + alpha * recall
    return precision * recall / denominator if denominator > 0 else 0.0


def _pooled(pairs: Sequence[_Counts], alpha: float) -> dict[str, Score]:
    """``-f A``: pool hits and counts over the references of one evaluation."""
    scores = {}
    for metric in METRICS:
        hit = sum(c.by_metric[metric][0] for c in pairs)
        model = sum(c.by_metric[metric][1] for c in pairs)
        peer = sum(c.by_metric[metric][2] for c in pairs)
        recall = hit / model if model else 0.0
        precision = hit / peer if peer else 0.0
        scores[metric] = Score(recall, precision, _f_measure(recall, precision, alpha))
    return scores


@dataclass(frozen=True)
class Interval:
    """A bootstrap estimate: ROUGE-1.5.5 reports the mean of the resample means, not the mean."""

    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class ScoreInterval:
    recall: Interval
    precision: Interval
    f1: Interval


def _r5(value: float) -> float:
    """Perl's ``sprintf("%7.5f")`` read back as a number."""
    return float(f"{value:.5f}")


def _perl_rounded(score: Score, alpha: float) -> Score:
    """As the Perl stores one evaluation: R and P rounded, F computed from them and rounded."""
    recall, precision = _r5(score.recall), _r5(score.precision)
    return Score(recall, precision, _r5(_f_measure(recall, precision, alpha)))


def _drand48(seed: int) -> Iterator[float]:
    """Perl's ``srand($seed); rand()`` (drand48, which Perl >= 5.20 uses on every platform)."""
    state = ((seed & 0xFFFFFFFF) << 16) | 0x330E
    while True:
        state = (0x5DEECE66D * state + 0xB) & 0xFFFFFFFFFFFF
        yield state / 2.0**48


def resample_indices(size: int, resamples: int = 1000) -> list[list[int]]:
    """The instances ROUGE-1.5.5 draws: resample i is ``int(rand(size))`` x size after srand(i)."""
    if size == 0 or resamples < 2:
        raise ValueError("Bootstrap needs at least one value and two resamples.")
    out = []
    for seed in range(resamples):
        draws = _drand48(seed)
        out.append([int(size * next(draws)) for _ in range(size)])
    return out


def perl_bootstrap(
    values: Sequence[float],
    *,
    resamples: int = 1000,
    confidence: float = 95.0,
    indices: Sequence[Sequence[int]] | None = None,
) -> Interval:
    """ROUGE-1.5.5's ``bootstrapResampling`` and interval; pass ``indices`` to reuse the draws
    (they depend only on the number of values) across metrics."""
    draws = indices if indices is not None else resample_indices(len(values), resamples)
    means = sorted(sum(values[i] for i in sample) / len(values) for sample in draws)
    count = len(means)
    delta = count * ((100 - confidence) / 2.0) / 100.0
    upper, lower = int(count - delta - 1), int(delta)
    ratio = count - delta - 1 - upper

    def at(index: int) -> float:
        return means[index] + (means[min(index + 1, count - 1)] - means[index]) * ratio

    return Interval(_r5(sum(means) / count), _r5(at(lower)), _r5(at(upper)))


def mean_scores(runs: Sequence[Mapping[str, Score]]) -> dict[str, Score]:
    """The per-metric mean of recall, precision and F (ROUGE's ``-t 0`` averaging)."""
    if not runs:
        raise ValueError("Cannot average zero ROUGE results: give at least one peer.")
    size = len(runs)
    return {
        metric: Score(
            sum(r[metric].recall for r in runs) / size,
            sum(r[metric].precision for r in runs) / size,
            sum(r[metric].f1 for r in runs) / size,
        )
        for metric in runs[0]
    }


class RougeScorer:
    """ROUGE-1.5.5 with fixed settings; holds the stem memo, so reuse one across topics.

    ``exceptions`` is WordNet's irregular-form table (see ``rouge_stem``); without it the Porter
    step alone stems, which lowers DUC 2006 ROUGE-2 recall by 0.0003-0.0008.
    ``RougeScorer.with_wordnet()`` loads it from the installed ROUGE-1.5.5.
    """

    def __init__(
        self,
        *,
        limit_words: int | None = 250,
        stem: bool = True,
        exceptions: Mapping[str, str] | None = None,
        alpha: float = 0.5,
    ) -> None:
        if limit_words is not None and limit_words <= 0:
            raise ValueError(f"limit_words must be positive or None, got {limit_words}.")
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must be within [0, 1], got {alpha}.")
        self.limit_words = limit_words
        self.alpha = alpha
        self._stem: Callable[[str], str] | None = RougeStemmer(exceptions) if stem else None

    @classmethod
    def with_wordnet(cls, *, limit_words: int | None = 250, alpha: float = 0.5) -> RougeScorer:
        """Stemming exactly as ROUGE-1.5.5 ``-m``; raises RougeUnavailable without pyrouge."""
        return cls(limit_words=limit_words, exceptions=rouge_exceptions(), alpha=alpha)

    def _prepare(self, summary: str | Sequence[str]) -> _Text:
        return _prepare(summary, limit_words=self.limit_words, stem=self._stem)

    def score(
        self,
        peer: str | Sequence[str],
        references: Sequence[str | Sequence[str]],
        *,
        jackknife: bool = False,
    ) -> dict[str, Score]:
        """ROUGE of one peer against its references (one topic).

        A summary is a string with one sentence a line (ROUGE's SPL format) or a sequence of
        sentences; only ROUGE-L cares where sentences end. With ``jackknife`` and k > 1
        references, the mean of the k evaluations that each leave one reference out.
        """
        return mean_scores(self.evaluations(peer, references, jackknife=jackknife))

    def evaluations(
        self,
        peer: str | Sequence[str],
        references: Sequence[str | Sequence[str]],
        *,
        jackknife: bool = False,
    ) -> list[dict[str, Score]]:
        """One ``-f A`` evaluation, or one per left-out reference in reference order."""
        if not references:
            raise ValueError("ROUGE needs at least one reference summary.")
        prepared = self._prepare(peer)
        pairs = [_pair_counts(prepared, self._prepare(ref)) for ref in references]
        if not jackknife or len(pairs) == 1:
            return [_pooled(pairs, self.alpha)]
        return [
            _pooled([c for i, c in enumerate(pairs) if i != out], self.alpha)
            for out in range(len(pairs))
        ]

    def score_corpus(
        self,
        pairs: Iterable[tuple[str | Sequence[str], Sequence[str | Sequence[str]]]],
        *,
        jackknife: bool = False,
    ) -> dict[str, Score]:
        """Macro-average over topics (ROUGE's ``-a`` with ``-t 0``), one (peer, references) each."""
        return mean_scores([self.score(p, refs, jackknife=jackknife) for p, refs in pairs])

    def score_corpus_intervals(
        self,
        pairs: Iterable[tuple[str | Sequence[str], Sequence[str | Sequence[str]]]],
        *,
        jackknife: bool = False,
        resamples: int = 1000,
        confidence: float = 95.0,
    ) -> dict[str, ScoreInterval]:
        """What ROUGE-1.5.5 prints with ``-c 95 -r 1000``: bootstrap mean and interval per metric.

        Reproduces the Perl digit for digit: each evaluation rounded to five decimals, resample i
        drawn from Perl's drand48 seeded with i, over evaluations in topic then reference order.
        """
        runs = [e for p, refs in pairs for e in self.evaluations(p, refs, jackknife=jackknife)]
        rounded = [{m: _perl_rounded(s, self.alpha) for m, s in run.items()} for run in runs]
        draws = resample_indices(len(rounded), resamples)
        return {
            metric: ScoreInterval(
                *(
                    perl_bootstrap(
                        [getattr(r[metric], field) for r in rounded],
                        confidence=confidence,
                        indices=draws,
                    )
                    for field in ("recall", "precision", "f1")
                )
            )
            for metric in METRICS
        }


def _scorer(*, limit_words: int | None, stem: bool, wordnet: bool) -> RougeScorer:
    exceptions = None
    if stem and wordnet:
        try:
            exceptions = rouge_exceptions()
        except (RougeUnavailable, FileNotFoundError) as error:
            logger.warning("ROUGE stems without WordNet exceptions (scores ~0.0005 low): %s", error)
    return RougeScorer(limit_words=limit_words, stem=stem, exceptions=exceptions)


def score(
    peer: str | Sequence[str],
    references: Sequence[str | Sequence[str]],
    *,
    limit_words: int | None = 250,
    stem: bool = True,
    jackknife: bool = False,
    wordnet: bool = True,
) -> dict[str, Score]:
    """ROUGE-1..4, ROUGE-L and ROUGE-SU4 of one summary; see ``RougeScorer.score``.

    ``wordnet`` uses ROUGE-1.5.5's exception list when pyrouge is installed (a warning otherwise).
    Build one ``RougeScorer`` to score many summaries: it keeps the stem memo and the list.
    """
    scorer = _scorer(limit_words=limit_words, stem=stem, wordnet=wordnet)
    return scorer.score(peer, references, jackknife=jackknife)


def score_corpus(
    pairs: Iterable[tuple[str | Sequence[str], Sequence[str | Sequence[str]]]],
    *,
    limit_words: int | None = 250,
    stem: bool = True,
    jackknife: bool = False,
    wordnet: bool = True,
) -> dict[str, Score]:
    """Macro-averaged ROUGE over topics; ``pairs`` yields (peer, references) per topic."""
    scorer = _scorer(limit_words=limit_words, stem=stem, wordnet=wordnet)
    return scorer.score_corpus(pairs, jackknife=jackknife)
