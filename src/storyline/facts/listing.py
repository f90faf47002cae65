"""The numbers of a numbered list: "1 The First Division play-off game is ...", "2 In 2001-02,
32 clubs ...", one item a paragraph, as a web page's list loses its "1." when it is turned into
text. The item's number says where in the list it stands, not how many of anything there are
(GUIDELINES: ordinals), though the parse reads "4 Teams finishing in the top three" as four teams.

An item is told by its run, not by itself: a paragraph that opens with a bare number and a
capitalised word may be a headline count ("10 Killed in Blast"); paragraphs of one article that
open with numbers counting up one by one, at least ``RUN`` of them, are a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.models import Sentence

# A paragraph's opening number, then a space and a capitalised word or a quote: "4 Teams", "7 Over".
_ITEM = re.compile(r"(\d{1,3})\s+(?=[A-Z\"“'‘])")
# Items counting up one by one that make a list: two could be a headline over a lead ("3 Dead" /
# "3 climbers died"), three in a row are numbered.
RUN = 3


def list_markers(sentences: Sequence[Sentence]) -> dict[int, int]:
    """For each sentence (by index) that opens a numbered list's item, the length of its number."""
    opening: dict[str, list[tuple[int, int, int]]] = {}
    for k, sentence in enumerate(sentences):
        before = sentences[k - 1] if k else None
        if before is not None and (before.article_id, before.paragraph) == (
            sentence.article_id,
            sentence.paragraph,
        ):
            continue  # only a paragraph's first sentence opens an item
        found = _ITEM.match(sentence.text)
        if found:
            opening.setdefault(sentence.article_id, []).append((k, int(found[1]), len(found[1])))
    markers: dict[int, int] = {}
    for items in opening.values():
        run: list[tuple[int, int, int]] = []
        for item in items:
            if run and item[1] != run[-1][1] + 1:
                markers.update(_listed(run))
                run = []
            run.append(item)
        markers.update(_listed(run))
    return markers


def _listed(run: list[tuple[int, int, int]]) -> dict[int, int]:
    return {k: width for k, _, width in run} if len(run) >= RUN else {}
