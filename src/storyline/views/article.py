"""An article page as the UI shows it: the kept paragraphs and the noise cleaning removed, in
reading order, with a cited span highlighted (``/articles/{id}?start=&end=``)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.models import PARAGRAPH_SEPARATOR, PARTIAL, READER, Article


@dataclass(frozen=True)
class Block:
    """One paragraph of an article page: kept text (maybe with a highlighted span) or removed."""

    removed: bool
    text: str
    reason: str = ""
    kind: str = ""
    before: str = ""  # kept text around a highlighted span
    mark: str = ""
    after: str = ""
    prefix: tuple[tuple[str, str], ...] = ()  # removed datelines shown before the paragraph


def article_blocks(article: Article, *, start: int | None, end: int | None) -> list[Block]:
    """Kept paragraphs and removed noise in reading order.

    A removal records its index in the raw paragraph list; kept paragraphs fill the indices no
    whole-paragraph removal took. A dateline is cut from the front of a paragraph, so it is shown
    before the kept paragraph of the same index.
    """
    whole = sorted(
        (r for r in article.removed if r.kind != "dateline" and r.paragraph != READER),
        key=lambda r: r.paragraph,
    )
    datelines: dict[int, list[tuple[str, str]]] = {}
    for r in article.removed:
        if r.kind == "dateline":
            datelines.setdefault(r.paragraph, []).append((r.text, r.reason))
    kept = list(_kept_with_offsets(article))
    blocks: list[Block] = []
    index = 0
    while kept or whole:
        if whole and (whole[0].paragraph <= index or not kept):
            r = whole.pop(0)
            blocks.append(Block(removed=True, text=r.text, reason=r.reason, kind=r.kind))
        else:
            offset, text = kept.pop(0)
            prefix = tuple(datelines.pop(index, ()))
            blocks.append(_kept_block(text, offset, start=start, end=end, prefix=prefix))
        index += 1
    for rest in datelines.values():
        blocks += [Block(removed=True, text=t, reason=why, kind="dateline") for t, why in rest]
    # the page reader's cuts have no place among the cleaner's paragraphs: shown after them
    # (a note that the text is partial cuts nothing: the page says it above the text)
    reader = (r for r in article.removed if r.paragraph == READER and r.kind != PARTIAL)
    blocks += [
        Block(removed=True, text=r.text, reason=f"{r.reason} (page reader)", kind=r.kind)
        for r in reader
    ]
    return blocks


def _kept_with_offsets(article: Article) -> list[tuple[int, str]]:
    out, offset = [], 0
    for paragraph in article.paragraphs:
        out.append((offset, paragraph))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return out


def _kept_block(
    text: str,
    offset: int,
    *,
    start: int | None,
    end: int | None,
    prefix: tuple[tuple[str, str], ...],
) -> Block:
    if start is None or end is None or end <= offset or start >= offset + len(text):
        return Block(removed=False, text=text, before=text, prefix=prefix)
    a, b = max(start - offset, 0), min(end - offset, len(text))
    return Block(
        removed=False, text=text, before=text[:a], mark=text[a:b], after=text[b:], prefix=prefix
    )
