"""The summary sentences that do not stand alone, as the benchmarks count them."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.models import Article, Citation, Summary
from storyline.summarizers.quality.chronology import chronology_entry
from storyline.summarizers.quality.definites import Topic, definite_reference
from storyline.summarizers.quality.demonstratives import demonstrative_reference
from storyline.summarizers.quality.ellipsis import ELIDED
from storyline.summarizers.quality.fragments import fragment
from storyline.summarizers.quality.references import opening_reference

# How :func:`problems` names a definite phrase whose thing the summary did not introduce.
UNINTRODUCED = "names unintroduced"


def problems(summary: Summary, articles: Sequence[Article] = ()) -> list[tuple[int, str]]:
    """(sentence index, what is wrong) for every summary sentence that does not stand alone: a
    fragment, or an opening reference that no earlier sentence resolves; given the story's
    ``articles``, also a definite phrase whose thing its article introduced and the summary
    did not (:func:`definite_reference`). A sentence that follows its own predecessor in the
    article (the selector put them together) is resolved by it, but for a definite phrase: that
    the predecessor resolves only by naming the thing."""
    texts = {a.id: a.text for a in articles}
    topic = Topic(texts.values())
    found: list[tuple[int, str]] = []
    read = ""
    previous: Citation | None = None
    for index, sentence in enumerate(summary.sentences):
        own = sentence.citations[0] if sentence.citations else None
        follows = (
            own is not None
            and previous is not None
            and previous.article_id == own.article_id
            and 0 <= own.start - previous.end <= 3
        )
        why = fragment(sentence.text) or (
            "chronology entry" if chronology_entry(sentence.text) else None
        )
        if why is None and not follows:
            reference = opening_reference(sentence.text, named=read)
            why = reference if reference == ELIDED else reference and f"opens with {reference!r}"
            if why is None and (pointer := demonstrative_reference(sentence.text, named=read)):
                why = f"refers to {pointer!r}"
        # asked after a predecessor too: it resolves "the survey" only if it names a survey
        if why is None and own is not None and own.article_id in texts:
            before = texts[own.article_id][: own.start]
            if thing := definite_reference(sentence.text, named=read, before=before, topic=topic):
                why = f"{UNINTRODUCED} {thing!r}"
        if why is not None:
            found.append((index, why))
        read += " " + sentence.text
        previous = own
    return found
