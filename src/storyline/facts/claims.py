"""Contested claims: a denial ("the ministry denied ...") paired with the claim it answers.

What is denied is the clause that follows the verb, up to the first comma or "and" ("Brenn Sealink
denied that the ferry was carrying more people than its licence allowed, and said ..."): not the
rest of the sentence, where a denier often gives its own account ("..., blaming the killings on
armed gunmen"), which a claim on its own side shares. The claim is the attributed sentence, in
another sentence, by another speaker, no later than the denial and at most ``ANSWER_DAYS``
before it, that shares the most content stems with the denied clause: at least
``MIN_SHARED_STEMS``, and at least half of the clause's,
of which ``MIN_SHARED_PLAIN`` are not names (words written with a capital inside the sentence):
two sentences about the same people and places share their names whatever they say ("accused
Aung San Suu Kyi of working with terrorists" is not what "denied ... that Aung San Suu Kyi is a
British citizen" answers), so what is claimed and denied must meet in other words.
Only "deny" and "dispute" contest: "rejected" and "dismissed" mostly refuse an offer or fire a
cabinet. Such findings hold sentences, not numbers, and are labelled ``contested``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.facts.attribution import extract_attributions, resolve_pronouns
from storyline.facts.models import Attribution, Claim, Finding, speaker_key
from storyline.facts.stage import When
from storyline.models import Article, Sentence
from storyline.text import STOPWORDS, Stemmer, split_sentences, tokens

_CONTEST_VERBS = frozenset({"denied", "denies", "disputed", "disputes"})
_CLAIM_VERBS = frozenset({"said", "says", "accused", "claimed", "claims", "alleged", "reported"})
# A denial must share this many content stems with the claim it answers (tests/test_compare.py),
# and this share of its denied clause's.
MIN_SHARED_STEMS = 3
MIN_SHARED_SHARE = 0.5
# ... and this many words of the denied clause it shares must be other than names (the DUC
# 2006/2007 clusters: three of six denials were paired by names, "American submarine ... Kursk",
# "Myanmar's state-run ... Aung San Suu Kyi"; the Crisis audit's Houla denials share
# "responsibility" and "massacre" with the claim they answer).
MIN_SHARED_PLAIN = 2
# A denial answers what was said in the days before it, not a statement of a year before on a
# topic that comes back ("used to expand Jewish settlements", then, 11 months later, "Israel
# denied it was expanding Jewish settlements"). The Crisis audit's denials answer claims of the
# same day, DUC's pairs across 11 months or more were not answers: any window between fits both.
ANSWER_DAYS = 30
# A word written with a capital, not the sentence's first: a name or a word made from one.
_NAME = re.compile(r"(?<=[\w,;:()'\"] )[A-Z][\w'-]*")
# The denied clause ends at the first comma, semicolon, dash or "and" after the verb.
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]|\s--\s|\band\b")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


@dataclass(frozen=True)
class _Said:
    claim: Claim
    stems: frozenset[str]
    denied: tuple[frozenset[str], ...] = ()  # a denial's: the stems of its clause's words
    names: frozenset[str] = frozenset()  # stems of the names the sentence writes


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

    def content(text: str) -> frozenset[str]:
        words = [w for w in tokens(text) if w not in STOPWORDS and w not in speaker_words]
        return frozenset(stem(w) for w in words if not w.isdigit()) - {stem(a.verb)}

    denied: tuple[frozenset[str], ...] = ()
    if a.verb in _CONTEST_VERBS and a.forward:
        after = article.text[a.end : sentence.end]
        cut = _CLAUSE_END.search(after)
        # word by word: "state-run" is one word of the clause, however many stems it holds
        denied = tuple(filter(None, map(content, (after[: cut.start()] if cut else after).split())))
    names = frozenset(stem(w) for w in tokens(" ".join(_NAME.findall(sentence.text))))
    return _Said(claim, content(sentence.text), denied, names)


def contested_claims(articles: Sequence[Article], *, when: When | None = None) -> list[Finding]:
    """Denials paired with the claim they answer (see the module docstring)."""
    stem = Stemmer()
    said = _attributed_sentences(articles, when, stem)
    findings: list[Finding] = []
    said = [s for s in said if s.claim.speaker.lower() not in _PRONOUNS]  # unresolved "he"
    for denial in (s for s in said if s.claim.verb in _CONTEST_VERBS and s.denied):
        best: tuple[int, _Said] | None = None
        clause = frozenset().union(*denial.denied)
        needed = max(MIN_SHARED_STEMS, MIN_SHARED_SHARE * len(clause))
        for other in said:
            if other.claim.verb not in _CLAIM_VERBS or _same_speaker(other, denial):
                continue
            if not _answerable(other.claim.when, denial.claim.when):
                continue
            if _same_sentence(other, denial):
                continue
            common = other.stems & clause
            plain = common - other.names - denial.names
            shared = len(common)
            plain_words = sum(1 for word in denial.denied if word & plain)
            if (
                shared >= needed
                and plain_words >= MIN_SHARED_PLAIN
                and (best is None or shared > best[0])
            ):
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


def _same_sentence(a: _Said, b: _Said) -> bool:
    return (a.claim.article_id, a.claim.start) == (b.claim.article_id, b.claim.start)


def _answerable(claim: date | None, denial: date | None) -> bool:
    """Whether a claim made on ``claim`` can be what a denial on ``denial`` answers: no later
    than it, and within ``ANSWER_DAYS`` before it."""
    if claim is None or denial is None:
        return True
    return timedelta(0) <= denial - claim <= timedelta(days=ANSWER_DAYS)
