"""The JSON contract of a comparison (``storyline compare --format json``), and the order findings
are shown in; the Markdown and HTML of findings are ``storyline.views``' (``views.facts_view``).

Findings are ordered for a reader: key findings first (those that more than one outlet speaks to:
disputed, changed, differs, agreed, contested; the most-covered first), single-source numbers
below. Every fact names its input by position (``doc``) and id (``article_id``) and gives
``start``/``end`` into that input's own text: the text as read, before cleaning, when the raw
documents are given (as ``compare`` on files does), else ``Article.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.facts.models import LABELS, Comparison, Fact, Finding
from storyline.models import Article, RawDocument
from storyline.text import locate

KEY_ORDER = ("disputed", "changed", "differs", "agreed", "contested")


def key_findings(comparison: Comparison) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(key findings, single-source findings): key ones by label, then most outlets first."""
    key = [f for f in comparison.findings if f.label != "single-source"]
    key.sort(key=lambda f: (KEY_ORDER.index(f.label), -len(f.outlets), -len(f.facts)))
    return tuple(key), comparison.by_label("single-source")


class _Spans:
    """Maps spans of ``Article.text`` into each input's own text (one per article)."""

    def __init__(self, articles: Sequence[Article], raws: Sequence[RawDocument] | None) -> None:
        self.doc = {a.id: k for k, a in enumerate(articles)}
        self.articles = {a.id: a for a in articles}
        self.raws = {a.id: r.own_text for a, r in zip(articles, raws, strict=True)} if raws else {}

    def __call__(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        raw = self.raws.get(article_id)
        article = self.articles.get(article_id)
        if raw is None or article is None:
            return start, end
        found = locate(raw, article.text[start:end])
        return found if found is not None else (start, end)

    def quantity(self, fact: Fact) -> tuple[int, int]:
        """The quantity's span: inside its located sentence, so a number written twice maps to
        the occurrence that was read."""
        q_start, q_end = fact.span or (fact.start, fact.end)
        raw = self.raws.get(fact.article_id)
        article = self.articles.get(fact.article_id)
        if raw is None or article is None:
            return q_start, q_end
        s_start, s_end = self(fact.article_id, fact.start, fact.end)
        if raw[s_start:s_end] == article.text[fact.start : fact.end]:  # the sentence as read
            offset = s_start - fact.start
            return q_start + offset, q_end + offset
        inside = _locate_word(raw[s_start:s_end], article.text[q_start:q_end])
        if inside is not None:
            return s_start + inside[0], s_start + inside[1]
        return locate(raw, article.text[q_start:q_end]) or (q_start, q_end)


def _locate_word(haystack: str, needle: str) -> tuple[int, int] | None:
    """``locate``, but not inside a longer number or word ("70 pounds" is not in "270 pounds")."""
    start = 0
    while (found := locate(haystack[start:], needle)) is not None:
        begin, end = start + found[0], start + found[1]
        if begin == 0 or not haystack[begin - 1].isalnum():
            return begin, end
        start = begin + 1
    return None


def comparison_data(
    comparison: Comparison,
    articles: Sequence[Article],
    *,
    raws: Sequence[RawDocument] | None = None,
) -> dict[str, Any]:
    """A JSON-ready dict: ``documents``, label counts, findings (key ones first, each with its
    facts and sentences) and every fact (see the module docstring for spans)."""
    spans = _Spans(articles, raws)
    key, single = key_findings(comparison)
    return {
        "documents": [
            {
                "doc": k,
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "date": a.published.isoformat() if a.published else None,
                "origin": a.origin,
            }
            for k, a in enumerate(articles)
        ],
        "labels": {label: len(comparison.by_label(label)) for label in LABELS},
        "findings": [_finding(f, spans) for f in (*key, *single)],
        "facts": [_fact(f, spans) for f in comparison.facts],
    }


def _fact(fact: Fact, spans: _Spans) -> dict[str, Any]:
    start, end = spans.quantity(fact)
    s_start, s_end = spans(fact.article_id, fact.start, fact.end)
    return {
        "doc": spans.doc.get(fact.article_id),
        "article_id": fact.article_id,
        "start": start,
        "end": end,
        "sentence": {"start": s_start, "end": s_end},
        "text": fact.text,
        "value": fact.value,
        "upper": fact.upper,
        "approx": fact.approx,
        "kind": fact.kind,
        "unit": fact.unit,
        "place": fact.place,
        "event": fact.event,
        "window": fact.window,
        "scope": fact.scope,
        "outlet": fact.outlet,
        "when": fact.when.isoformat() if fact.when else None,
        "attributed_to": fact.attributed_to,
    }


def _finding(finding: Finding, spans: _Spans) -> dict[str, Any]:
    sentences = []
    for article_id, start, end in finding.sentences():
        s_start, s_end = spans(article_id, start, end)
        doc = spans.doc.get(article_id)
        sentences.append({"doc": doc, "article_id": article_id, "start": s_start, "end": s_end})
    return {
        "label": finding.label,
        "kind": finding.kind,
        "what": finding.what or finding.kind,
        "place": finding.place,
        "summary": finding.summary,
        "outlets": list(finding.outlets),
        "sentences": sentences,
        "facts": [_fact(f, spans) for f in finding.facts],
        "claims": [
            {
                "speaker": c.speaker,
                "verb": c.verb,
                "outlet": c.outlet,
                "doc": spans.doc.get(c.article_id),
                "article_id": c.article_id,
                "start": spans(c.article_id, c.start, c.end)[0],
                "end": spans(c.article_id, c.start, c.end)[1],
                "when": c.when.isoformat() if c.when else None,
            }
            for c in finding.claims
        ],
    }
