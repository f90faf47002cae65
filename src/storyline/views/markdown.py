"""View models as Markdown: citation marks as footnotes ``[^n]``, sources listed at the end.

Article text is hostile input here as in HTML: a report is often rendered by a Markdown viewer
that passes raw HTML and follows links, so every piece that comes from an article (titles,
sentences, quotes, outlet names, file names) goes through :func:`md`, which makes it literal text,
and a source's URL becomes a link only when it is an http(s) URL (:func:`safe_url`, which the HTML
renderer uses too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from storyline.text import INVISIBLE
from storyline.views.model import (
    CitedSentence,
    DocumentsView,
    FactsView,
    Made,
    Problem,
    Source,
    StoryMeta,
    StoryView,
    SummaryView,
    TimelineView,
)

HEADINGS = {
    "disputed": "Disputed",
    "changed": "Changed over time",
    "agreed": "Agreed",
    "differs": "Values differ",
    "contested": "Contested claims",
    "single-source": "Single source",
}
# What a reader must know to read a heading's findings right: "differs" is neither an update nor a
# contradiction, and says so (reports with no dates: ``facts.labels`` shows a dated group whose
# values differ so as single-source facts).
NOTES = {
    "differs": "Neither an update nor a dispute: the reports are undated, so which came first is "
    "unknown, and the values may measure different things.",
    "contested": "One side denies what another said: the two sentences, not numbers.",
}
# The findings a story report opens with: numbers two or more outlets give, and claims one side
# denies. A story's articles are dated, so it has no "differs" finding (``facts.labels``).
KEY_LABELS = ("disputed", "changed", "agreed", "contested")


# Characters that open inline markup (emphasis, code, links, raw HTML, strikethrough, tables) and
# the backslash itself; "&" only where it would start an entity ("&lt;" must stay four characters).
# "~195 mph" (our mark for an approximate value) stays as it is: a tilde after a space or a
# bracket can only open strikethrough, and with every other tilde escaped nothing closes it.
_INLINE = re.compile(r"([\\`*_\[\]<>|]|(?<=[^\s(])~|~(?!\d))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What opens a block at the start of a line: a heading, quote, list item or setext underline.
_BLOCK = re.compile(r"^([#>+*=-]|\d{1,9}(?=[.)]))(?=[.)]?(\s|$))")


def printable(text: str) -> str:
    """``text`` on one line for a terminal or a Markdown file: whitespace (newlines included)
    collapsed, control characters dropped (in a terminal an escape sequence in a hostile title
    can recolour, retitle or clear the screen), and the other characters that show nothing
    (a direction override in a store written before cleaning dropped them)."""
    return " ".join(INVISIBLE.sub("", text).split())


def md(text: str) -> str:
    """``text`` as literal Markdown on one line (:func:`printable`, with markup characters
    escaped) so that article text never opens a block or a link of its own."""
    flat = printable(text)
    flat = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", flat))
    head = _BLOCK.match(flat)
    if head is None:
        return flat
    if head.group(1)[0].isdigit():  # "1. ..." -> "1\. ..."
        end = head.end(1)
        return flat[:end] + "\\" + flat[end:]
    return "\\" + flat


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None (no javascript:, data:)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    return text


def describe(source: Source) -> str:
    parts = [source.outlet]
    if source.title:
        parts.append(f"“{source.title}”")
    if source.date:
        parts.append(source.date)
    if source.url:
        parts.append(source.url)
    if source.partial:
        parts.append(source.partial)
    return ", ".join(parts)


def count(n: int, noun: str) -> str:
    """ "1 article", "3 articles": a one-article story or outlet is common."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def story_line(s: StoryMeta) -> str:
    """The line under a story's title, the same in Markdown and HTML."""
    days = " to ".join(dict.fromkeys(d for d in (s.first_seen, s.last_seen) if d))
    outlets = count(len(s.outlets), "outlet") if s.outlets else "no outlet named"
    sizes = f"{count(s.articles, 'article')}, {count(s.reprints, 'reprint')}, {outlets}"
    return f"story {s.id} · {sizes}" + (f" · {days}" if days else "") + f" · version {s.version}"


def made_line(made: Made) -> str:
    settings = made.settings_line
    return f"{made.stage} by {made.method} (storyline {made.version})" + (
        f"; {settings}" if settings else ""
    )


def _marks(sentence: CitedSentence) -> str:
    return "".join(f"[^{n}]" for n in dict.fromkeys(c.n for c in sentence.citations))


def _summary(view: SummaryView) -> list[str]:
    lines: list[str] = []
    for paragraph in view.paragraphs:
        s = view.sentences
        lines += [" ".join(f"{md(s[k].text)}{_marks(s[k])}" for k in paragraph), ""]
    return lines


def _timeline(view: TimelineView, *, level: int) -> list[str]:
    if not view.entries:
        return [f"_{view.empty_reason}_", ""]
    lines: list[str] = []
    for entry in view.entries:
        lines += [f"{'#' * level} {entry.date}", ""]
        lines += [f"- {md(s.text)}{_marks(s)}" for s in entry.sentences]
        lines.append("")
    return lines


def _facts(view: FactsView, *, level: int, only: tuple[str, ...] = tuple(HEADINGS)) -> list[str]:
    lines: list[str] = []
    for label in only:
        findings = [f for f in view.findings if f.label == label]
        if not findings:
            continue
        lines += [f"{'#' * level} {HEADINGS[label]} ({view.labels.get(label, len(findings))})", ""]
        if label in NOTES:
            lines += [f"_{NOTES[label]}_", ""]
        for f in findings:
            lines.append(f"- **{md(f.measured)}**: {md(f.summary)}")
            for e in f.sentences:
                where = f"[{md(e.article_id)}:{e.start}-{e.end}]"
                lines.append(f"  - {md(e.outlet)} {where}: “{md(e.quote)}”")
            if f.all_sentences > len(f.sentences):
                lines.append(f"  - and {f.all_sentences - len(f.sentences)} more")
        lines.append("")
    return lines or ["No comparable facts found.", ""]


def _literal(s: Source) -> Source:
    """A source with its article-given fields as literal Markdown and its URL as a safe link."""
    link = safe_url(s.url)
    url = s.url and md(s.url)
    if link is not None:  # an autolink ends at ">": brackets in the URL go percent-encoded
        url = "<" + link.replace("<", "%3C").replace(">", "%3E") + ">"
    return replace(
        s,
        outlet=md(s.outlet),
        title=s.title and md(s.title),
        date=s.date and md(s.date),
        url=url,
    )


def _footnotes(sources: Sequence[Source]) -> list[str]:
    return [f"[^{s.n}]: {describe(_literal(s))}" for s in sources]


def _finish(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


def story(view: StoryView) -> str:
    s = view.story
    lines = [f"# {md(s.label)}", "", f"_{md(story_line(s))}_", ""]
    if view.language_note:
        lines += [f"_{md(view.language_note)}_", ""]
    if view.facts is not None:  # the key numbers first: what outlets agree or differ on
        lines += ["## Where outlets agree and disagree: key numbers", ""]
        key = _facts(view.facts, level=3, only=KEY_LABELS)
        lines += (
            key
            if any(f.label in KEY_LABELS for f in view.facts.findings)
            else [
                "No number is given by two or more outlets.",
                "",
            ]
        )
    lines += ["## Summary", ""]
    lines += _summary(view.summary)
    lines += [f"_{made_line(view.summary.made)}_", "", "## Timeline", ""]
    lines += _timeline(view.timeline, level=3)
    lines += [f"_{made_line(view.timeline.made)}_", ""]
    if view.facts is not None:
        if any(f.label == "single-source" for f in view.facts.findings):
            lines += ["## Single-source numbers", ""]
            lines += _facts(view.facts, level=3, only=("single-source",))
        lines += [f"_{made_line(view.facts.made)}_", ""]
    lines += ["## Outlets", ""]
    for o in view.outlets:
        first = " · reported first" if o.first else ""
        copies = f", {count(o.reprints, 'reprint')}" if o.reprints else ""
        if o.name:
            lines.append(f"- {md(o.name)}: {count(o.articles, 'article')}{copies}{first}")
        else:
            lines.append(f"- no outlet named: {count(o.articles, 'article')}{copies}")
    if not view.outlets:
        lines.append("(none)")
    if view.reprints:
        lines += ["", "## Reprints", ""]
        for r in view.reprints:
            of = f" of {md(r.of_outlet)}" if r.of_outlet and not r.replaced else ""
            day = f" ({md(r.date)})" if r.date else ""
            title = f" “{md(r.title)}”" if r.title else ""
            what = "its earlier partial text, replaced by the page" if r.replaced else "reprint"
            lines.append(f"- {md(r.outlet)}{day}{title}: {what}{of}")
    lines += ["", "## Sources", "", *_footnotes(view.sources)]
    return _finish(lines)


def not_read_note(problems: Sequence[Problem]) -> str:
    """The line under a report's title when some inputs were left out: a report that is saved
    or sent on says it is partial, not only the terminal that made it."""
    verb = "is" if len(problems) == 1 else "are"
    return (
        f"{count(len(problems), 'input')} could not be read and {verb} left out (see “Not read”)."
    )


def documents(view: DocumentsView) -> str:
    lines = [f"# {md(view.title)}", ""]
    if view.errors:
        lines += [f"_{not_read_note(view.errors)}_", ""]
    for note in view.notes:
        lines += [note, ""]
    if view.summary is not None:
        lines += [f"_{view.summary.words} words, {made_line(view.summary.made)}_", ""]
        lines += _summary(view.summary)
    if view.timeline is not None:
        lines += [f"_{made_line(view.timeline.made)}_", ""]
        lines += _timeline(view.timeline, level=2)
    if view.facts is not None:
        lines += [f"_{made_line(view.facts.made)}_", ""]
        lines += _facts(view.facts, level=3)
    if view.errors:
        not_read = [f"- {md(p.origin)}: {md(p.problem)}" for p in view.errors]
        lines += ["## Not read", "", *not_read, ""]
    lines += _footnotes(view.sources)
    return _finish(lines)
