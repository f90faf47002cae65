"""Passages that work through an example: their numbers illustrate a rule, they report nothing.

Explainer pages (a tax guide, a course on leverage) set up an example and then run it over several
sentences and paragraphs: "For an example of how progressive tax works, let's consider John and
Jane." then "John has a net taxable income of $100,000 ... In this basic example, John's total
tax would be $16,712", then a list of steps ("- The first $12,400 would only be taxed at 10%").
Only the first sentence says it is an example; the rest is read as the example by its place in the
passage. So the example is a stretch of the text, not a sentence:

* it opens at a sentence that sets up an example (at its start or after a colon: "Suppose you buy
  a stock for $100", "Imagine it this way: Say you adopt a child") or names the passage one ("To
  take a basic example for illustrative purposes, if a person were to die ...", "In this basic
  example", "let's consider John and Jane");
* it runs to the end of that paragraph;
* it goes on into the next paragraph where the paragraph it is in ends by announcing what follows
  (its last sentence opens the example or ends in a colon), where the next paragraph is in the
  conditional the example is told in ("would be taxed at 12%") or names the example again, and
  through the list items of a list that starts inside it;
* it ends at the first paragraph that does none of these.

Wire news hardly ever does this; where a quote does ("Imagine the shock"), the cue must open the
sentence and the passage is one paragraph at most unless it goes on in the conditional.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.models import Sentence

# A sentence that sets up an example at its start or after a colon, or that names its passage one.
_OPENS = re.compile(
    r"(?:^|[:;]\s*)[\"“]?(?:suppose|imagine|assume|let['’]s say|say you)\b"
    r"|\blet(?:['’]s| us) consider\b|\bfor illustrative purposes\b"
    r"|\b(?:this|the following) (?:\w+ )?example\b",
    re.IGNORECASE,
)
# The mood an example is told in: the conditional ("his tax would be $16,712") or the reader as
# its subject ("the credit allows you to receive $4,000 back").
_TOLD = re.compile(r"\b(?:would|you|your)\b|['’]d\b", re.IGNORECASE)
# A list item: "- The first $12,400 ...", "• Step two", "3. Add the credit".
_ITEM = re.compile(r"^\s*(?:[-–•*]|\d{1,2}[.)])\s")


def in_examples(sentences: Sequence[Sentence]) -> dict[int, int]:
    """The sentences (positions in ``sentences``) that belong to a worked example, each with the
    offset in its text where the example begins (0 but in the sentence that opens it)."""
    out: dict[int, int] = {}
    for paragraphs in _paragraphs(sentences):
        out |= _example_run(paragraphs)
    return out


def _paragraphs(sentences: Sequence[Sentence]) -> list[list[list[tuple[int, str]]]]:
    """Per article, its paragraphs in order, each a list of (position, text) of its sentences."""
    articles: dict[str, list[list[tuple[int, str]]]] = {}
    last: dict[str, int] = {}
    for k, sentence in enumerate(sentences):
        paragraphs = articles.setdefault(sentence.article_id, [])
        if not paragraphs or last[sentence.article_id] != sentence.paragraph:
            paragraphs.append([])
        last[sentence.article_id] = sentence.paragraph
        paragraphs[-1].append((k, sentence.text))
    return list(articles.values())


def _example_run(paragraphs: list[list[tuple[int, str]]]) -> dict[int, int]:
    out: dict[int, int] = {}
    inside = announced = in_list = False  # what the text before left open
    for paragraph in paragraphs:
        item = _ITEM.match(paragraph[0][1]) is not None
        whole = inside and (announced or (item and in_list))
        for k, text in paragraph:
            opens = _OPENS.search(text)
            if opens is not None and not whole:
                out[k] = 0 if inside else opens.start()
                inside = True
            elif whole or (inside and (_TOLD.search(text) or text.rstrip().endswith(":"))):
                out[k] = 0
            else:
                inside = False
        last = paragraph[-1][0]
        announced = last in out and (
            _OPENS.search(paragraph[-1][1]) is not None or paragraph[-1][1].rstrip().endswith(":")
        )
        in_list = inside and item
    return out
