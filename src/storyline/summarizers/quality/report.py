"""The summary sentences that do not stand alone, as the benchmarks count them."""

from __future__ import annotations

from storyline.models import Citation, Summary
from storyline.summarizers.quality.chronology import chronology_entry
from storyline.summarizers.quality.demonstratives import demonstrative_reference
from storyline.summarizers.quality.ellipsis import ELIDED
from storyline.summarizers.quality.fragments import fragment
from storyline.summarizers.quality.references import opening_reference


def problems(summary: Summary) -> list[tuple[int, str]]:
    """(sentence index, what is wrong) for every summary sentence that does not stand alone: a
    fragment, or an opening reference that no earlier sentence resolves. A sentence that follows
    its own predecessor in the article (the selector put them together) is resolved by it."""
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
        if why is not None:
            found.append((index, why))
        read += " " + sentence.text
        previous = own
    return found
