"""Contested claims: a denial ("the ministry denied ...") paired with the claim it answers.

The claim is the attributed sentence, by another speaker and no later than the denial, that
shares the most content stems with it (at least ``MIN_SHARED_STEMS``). Such findings hold
sentences, not numbers, and are labelled ``contested``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.facts.attribution import extract_attributions, resolve_pronouns
from storyline.facts.models import Attribution, Claim, Finding, speaker_key
from storyline.facts.stage import When
from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, Stemmer, split_sentences, tokens

_CONTEST_VERBS = frozenset({"denied", "denies", "rejected", "disputed", "dismissed"})
_CLAIM_VERBS = frozenset({"said", "says", "accused", "claimed", "claims", "alleged", "reported"})
# A denial must share this many content stems with the claim it answers (tests/test_compare.py).
MIN_SHARED_STEMS = 3
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


@dataclass(frozen=True)
class _Said:
    claim: Claim
    stems: frozenset[str]


def _attributed_sentences(
    articles: Sequence[Article], when: When | None, stem: Stemmer
) -> list[_Said]:
    out: list[_Said] = []
    for article in articles:
        sentences = split_sentences(article)
        rows = resolve_pronouns([extract_attributions(s) for s in sentences], sentences)
        for sentence, attributions in zip(sentences, rows, strict=True):
            for a in attributions:
                out.append(_said(article, sentence, a, when, stem))
    return out


def _said(
    article: Article, sentence: Sentence, a: Attribution, when: When | None, stem: Stemmer
) -> _Said:
    day = when.get(sentence, article.published) if when is not None else article.published
    claim = Claim(a.speaker, a.verb, article.id, sentence.start, sentence.end, article.outlet, day)
    speaker_words = set(tokens(a.speaker))
    words = [w for w in tokens(sentence.text) if w not in STOPWORDS and w not in speaker_words]
    return _Said(claim, frozenset(stem(w) for w in words if not w.isdigit()) - {stem(a.verb)})


def contested_claims(articles: Sequence[Article], *, when: When | None = None) -> list[Finding]:
    """Denials paired with the claim they answer (see the module docstring)."""
    stem = Stemmer()
    said = _attributed_sentences(articles, when, stem)
    findings: list[Finding] = []
    said = [s for s in said if s.claim.speaker.lower() not in _PRONOUNS]  # unresolved "he"
    for denial in (s for s in said if s.claim.verb in _CONTEST_VERBS):
        best: tuple[int, _Said] | None = None
        for other in said:
            if other.claim.verb not in _CLAIM_VERBS or _same_speaker(other, denial):
                continue
            if _later(other.claim.when, denial.claim.when):
                continue
            shared = len(other.stems & denial.stems)
            if shared >= MIN_SHARED_STEMS and (best is None or shared > best[0]):
                best = (shared, other)
        if best is not None:
            claim, answer = best[1].claim, denial.claim
            summary = f"{claim.speaker} ({claim.outlet}) vs {answer.speaker} ({answer.outlet})"
            findings.append(
                Finding("contested", "claim", None, (), summary, (claim, answer), what="claim")
            )
    return findings


def _same_speaker(a: _Said, b: _Said) -> bool:
    return speaker_key(a.claim.speaker) == speaker_key(b.claim.speaker)


def _later(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a > b
