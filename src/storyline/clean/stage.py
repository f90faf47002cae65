"""The cleaning stage: each paragraph of a raw document through the rules of the other modules,
in the order that decides it, and every cut recorded."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.clean.copies import Seen
from storyline.clean.furniture import furniture_lines, rule_removal
from storyline.clean.headings import drop_subheadings
from storyline.clean.leads import headline_shaped, take_dateline
from storyline.clean.paragraphs import block_lines, paragraph_blocks
from storyline.clean.recurring import find_recurring
from storyline.clean.sections import next_section, opens_comments, section_removals
from storyline.models import PARAGRAPH_SEPARATOR, Article, RawDocument, Removal, content_id
from storyline.text import visible


def clean(doc: RawDocument, *, recurring: frozenset[str] = frozenset()) -> Article:
    """The article behind a raw document, with every cut recorded in ``Article.removed``.

    ``recurring`` holds normalised paragraphs (see :func:`find_recurring`) that this document's
    outlet prints under many articles; they are removed as boilerplate.
    """
    kept: list[tuple[int, str]] = []
    removed: list[Removal] = list(doc.removed)  # the reader's cuts (paragraph READER) first
    seen = Seen()
    dateline: str | None = None
    in_lead = True  # datelines are only looked for before the first body paragraph
    comments = False
    section = ""  # see next_section
    for index, raw_block in enumerate(paragraph_blocks(doc.text)):
        lines, furniture = furniture_lines(raw_block, index)
        removed.extend(furniture)
        if not lines:
            continue
        block = "\n".join(lines)
        paragraph = " ".join(block.split())
        key = paragraph.casefold()  # already whitespace-collapsed: this is normalise(paragraph)
        comments = comments or opens_comments(paragraph)
        if comments:
            removed.append(Removal("comments", paragraph, "readers' comments", index))
            continue
        opened = section != "other story"
        section = next_section(section, paragraph, body=bool(kept) and not in_lead)
        if section:
            removed.extend(section_removals(section, paragraph, index, kept, opened=opened))
            continue
        rule = rule_removal(paragraph, key, index, first=not kept, recurring=recurring)
        if rule is not None:
            removed.append(rule)
            continue
        if in_lead:
            found, lines, cut = take_dateline(block_lines(block), index)
            # a record's text that opens with its headline has its dateline on the next paragraph
            headline = not kept and not found and headline_shaped(lines)
            dateline, in_lead = dateline or found, not lines or headline
            removed.extend(cut)
            if not lines:
                continue
            paragraph = " ".join(lines)
            key = paragraph.casefold()
        copy = seen.match(key)
        if copy is not None:
            kind, original = copy
            removed.append(Removal(kind, paragraph, f"repeats paragraph {original}", index))
            continue
        seen.add(index, key)
        kept.append((index, paragraph))
    kept, headings = drop_subheadings(kept)
    removed.extend(headings)
    removed.sort(key=lambda r: r.paragraph)
    text = PARAGRAPH_SEPARATOR.join(p for _, p in kept)
    title, source, byline = (
        None if x is None else visible(x) for x in (doc.title, doc.source, doc.byline)
    )
    return Article(
        id=content_id(source, doc.url, title, text),
        text=text,
        title=title,
        source=source,
        url=doc.url,
        byline=byline,
        published=doc.published,
        dateline=dateline,
        origin=doc.origin,
        doc_key=doc.doc_key,
        removed=tuple(removed),
    )


def clean_batch(
    docs: Sequence[RawDocument], *, min_count: int = 3, min_share: float = 0.5
) -> list[Article]:
    """Clean a batch, using the batch itself to learn each outlet's recurring lines."""
    recurring = find_recurring(docs, min_count=min_count, min_share=min_share)
    return [clean(doc, recurring=recurring) for doc in docs]
