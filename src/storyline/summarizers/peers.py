"""Outside peers, run beside our methods in the benchmarks (needs the ``eval`` extra).

sumy's LexRank is the reference point the targets quote (0.080 ROUGE-2 on DUC 2006). sumy wants a
tokenizer object; we pass one built on our own splitter, because nltk's sentence data cannot be
installed offline. sumy returns the top N sentences for a fixed N, so to fill a word budget we rank
with its own scoring steps and take sentences in rank order until the budget is full.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.models import Article, Budget, Summary
from storyline.summarizers.units import (
    Unit,
    UnitSettings,
    build_units,
    content_matrix,
    encode,
    fits,
    make_summary,
)
from storyline.text import Lexicon, split_paragraph, tokens


class _Tokenizer:
    """The two calls sumy makes of a tokenizer."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[a:b] for a, b in split_paragraph(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokens(sentence))


class SumyLexRank:
    name = "sumy-lexrank"
    version = "sumy-0.13"

    def __init__(self) -> None:
        from sumy.nlp.stemmers import Stemmer as SumyStemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        self._summarizer = LexRankSummarizer(SumyStemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")
        self._lexicon = Lexicon()

    def summarize(self, articles: Sequence[Article], *, budget: Budget) -> Summary:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        # Every sentence goes to sumy (it has no length filter of its own); units of one word
        # upward keep the mapping back to spans for citations.
        units = build_units(
            articles, lexicon=self._lexicon, settings=UnitSettings(min_words=1, max_words=10_000)
        )
        tokenizer = _Tokenizer()
        sumy_sentences = [SumySentence(u.sentence.text, tokenizer) for u in units]
        document = ObjectDocumentModel([Paragraph(sumy_sentences)])
        ratings = self._ratings(document)
        order = sorted(range(len(units)), key=lambda i: (-ratings[i], i))
        chosen = _fill(order, units, budget)
        return make_summary(
            chosen,
            units,
            articles,
            content=content_matrix(encode(units, lexicon=self._lexicon)),
            method=f"{self.name}/{self.version}",
            settings={"words": budget.words, "sentences": budget.sentences},
        )

    def _ratings(self, document: object) -> list[float]:
        s = self._summarizer
        sentences = document.sentences  # type: ignore[attr-defined]
        if not sentences:
            return []
        words = [s._to_words_set(x) for x in sentences]
        matrix = s._create_matrix(words, s.threshold, s._compute_tf(words), s._compute_idf(words))
        return [float(v) for v in s.power_method(matrix, s.epsilon)]


def _fill(order: Sequence[int], units: Sequence[Unit], budget: Budget) -> list[int]:
    chosen: list[int] = []
    words = 0
    for i in order:
        if fits(words, len(chosen), units[i], budget):
            chosen.append(i)
            words += units[i].words
    return chosen
