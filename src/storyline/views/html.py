"""View models as one self-contained HTML page (what ``--format html`` writes).

Article text is hostile input: every piece is escaped here, the page carries no script, and its
Content-Security-Policy forbids any, so a ``<script>`` in a headline shows as text. Links are made
only for http(s) addresses. The web UI renders the same view models with its own templates, and
takes its timeline chart (``timeline_svg``) from here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from html import escape

from storyline.views.markdown import (
    HEADINGS,
    KEY_LABELS,
    NOTES,
    count,
    describe,
    made_line,
    not_read_note,
    safe_url,
    story_line,
)
from storyline.views.model import (
    CitedSentence,
    DateView,
    DocumentsView,
    FactsView,
    Source,
    StoryView,
    SummaryView,
    TimelineView,
)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body{{font:17px/1.55 Georgia,serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}}
sup a{{text-decoration:none;font:12px sans-serif;color:#05c}} .nw{{white-space:nowrap}}
.meta{{color:#666;font:14px sans-serif}} ol,ul{{font:15px/1.5 sans-serif;color:#333}}
</style></head><body>
<h1>{title}</h1><p class="meta">{meta}</p>
{body}
<h2>Sources</h2><ol>{sources}</ol>
</body></html>
"""


def _marks(sentence: CitedSentence) -> str:
    out, seen = [], set()
    for c in sentence.citations:
        if c.n in seen:
            continue
        seen.add(c.n)
        tip = escape(f"{c.outlet}: {c.quote}")
        out.append(f'<sup><a href="#src{c.n}" title="{tip}">[{c.n}]</a></sup>')
    return "".join(out)


def _marked(sentence: CitedSentence) -> str:
    """The sentence and its marks, its last word kept on one line with them: a browser may
    otherwise break after the full stop and leave "[4][5][3]" alone on the next line."""
    marks = _marks(sentence)
    head, _, last = sentence.text.rpartition(" ")
    if not marks or not last:
        return escape(sentence.text) + marks
    return f'{escape(head)} <span class="nw">{escape(last)}{marks}</span>'.lstrip()


def _summary(view: SummaryView) -> str:
    s = view.sentences
    return "\n".join("<p>" + " ".join(_marked(s[k]) for k in p) + "</p>" for p in view.paragraphs)


def _timeline(view: TimelineView) -> str:
    if not view.entries:
        return f'<p class="meta">{escape(view.empty_reason or "")}</p>'
    blocks = []
    for e in view.entries:
        items = "".join(f"<li>{_marked(s)}</li>" for s in e.sentences)
        blocks.append(f"<h3>{escape(e.date)}</h3><ul>{items}</ul>")
    return "\n".join(blocks)


def _facts(view: FactsView, *, only: tuple[str, ...] = tuple(HEADINGS)) -> str:
    parts = []
    for label in only:
        heading = HEADINGS[label]
        findings = [f for f in view.findings if f.label == label]
        if not findings:
            continue
        items = []
        for f in findings:
            what = escape(f.measured)
            quotes = "".join(
                f"<li>{escape(e.outlet)}: <q>{escape(e.quote)}</q></li>" for e in f.sentences
            )
            items.append(f"<li><strong>{what}</strong>: {escape(f.summary)}<ul>{quotes}</ul></li>")
        count = view.labels.get(label, len(findings))
        note = f'<p class="meta">{escape(NOTES[label])}</p>' if label in NOTES else ""
        parts.append(f"<h3>{heading} ({count})</h3>{note}<ul>{''.join(items)}</ul>")
    return "\n".join(parts) or '<p class="meta">No comparable facts found.</p>'


def _sources(sources: Sequence[Source]) -> str:
    out = []
    for s in sources:
        text = escape(describe(s))
        link = safe_url(s.url)
        if link:
            text += f' <a href="{escape(link)}" rel="nofollow noopener noreferrer">open</a>'
        out.append(f'<li id="src{s.n}">{text}</li>')
    return "".join(out)


def story(view: StoryView) -> str:
    s = view.story
    meta = story_line(s)
    body = []
    if view.language_note:
        body.append(f'<p class="meta language-note">{escape(view.language_note)}</p>')
    if view.facts is not None:  # the key numbers first: what outlets agree or differ on
        key = any(f.label in KEY_LABELS for f in view.facts.findings)
        body += [
            "<h2>Where outlets agree and disagree: key numbers</h2>",
            _facts(view.facts, only=KEY_LABELS)
            if key
            else '<p class="meta">No number is given by two or more outlets.</p>',
        ]
    body += ["<h2>Summary</h2>", _summary(view.summary)]
    body.append(f'<p class="meta">{escape(made_line(view.summary.made))}</p>')
    body += ["<h2>Timeline</h2>", _timeline(view.timeline)]
    body.append(f'<p class="meta">{escape(made_line(view.timeline.made))}</p>')
    if view.facts is not None:
        if any(f.label == "single-source" for f in view.facts.findings):
            body.append(
                "<details><summary>Single-source numbers</summary>"
                + _facts(view.facts, only=("single-source",))
                + "</details>"
            )
        body.append(f'<p class="meta">{escape(made_line(view.facts.made))}</p>')
    outlets = "".join(
        f"<li>{escape(o.name or 'no outlet named')}: {count(o.articles, 'article')}"
        + (f", {count(o.reprints, 'reprint')}" if o.reprints else "")
        + (" · reported first" if o.first else "")
        + "</li>"
        for o in view.outlets
    )
    body.append(f"<h2>Outlets</h2><ul>{outlets}</ul>")
    if view.reprints:
        items = "".join(
            f"<li>{escape(r.outlet)}{escape(f' ({r.date})' if r.date else '')}: "
            f"{escape(r.title or '(untitled)')}, reprint"
            f"{escape(f' of {r.of_outlet}' if r.of_outlet else '')}</li>"
            for r in view.reprints
        )
        body.append(f"<h2>Reprints</h2><ul>{items}</ul>")
    return _PAGE.format(
        title=escape(s.label),
        meta=escape(meta),
        body="\n".join(body),
        sources=_sources(view.sources),
    )


def documents(view: DocumentsView) -> str:
    body = [f'<p class="meta">{escape(not_read_note(view.errors))}</p>'] if view.errors else []
    body += [f"<p>{escape(note)}</p>" for note in view.notes]
    meta: list[str] = []
    if view.summary is not None:
        body.append(_summary(view.summary))
        meta.append(f"{view.summary.words} words · {made_line(view.summary.made)}")
    if view.timeline is not None:
        body.append(_timeline(view.timeline))
        meta.append(made_line(view.timeline.made))
    if view.facts is not None:
        body.append(_facts(view.facts))
        meta.append(made_line(view.facts.made))
    if view.errors:
        items = "".join(f"<li>{escape(p.origin)}: {escape(p.problem)}</li>" for p in view.errors)
        body.append(f"<h2>Not read</h2><ul>{items}</ul>")
    return _PAGE.format(
        title=escape(view.title),
        meta=escape(" · ".join(meta)),
        body="\n".join(body),
        sources=_sources(view.sources),
    )


# The width of a date label ("Aug 31" at the chart's 11px) and a little air, in chart units.
LABEL_GAP = 42


def timeline_svg(entries: Sequence[DateView], *, width: int = 640, height: int = 70) -> str:
    """The timeline as an inline SVG: one dot per date on a time axis, its size the date's score,
    each a link to the date's entry in the list below (the UI's story page). Built here, not in
    a template, because it is arithmetic; every text piece is escaped, so the page may mark the
    result safe."""
    if not entries:
        return ""
    days = [date.fromisoformat(e.date) for e in entries]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    top = max((e.score for e in entries), default=0.0) or 1.0
    pad, axis = 24, height - 34
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Timeline of {len(entries)} dates from {first} to {last}">',
        f'<line x1="{pad}" y1="{axis}" x2="{width - pad}" y2="{axis}" class="axis"/>',
    ]
    rows = [-math.inf, -math.inf]  # where each row of date labels last put one
    for entry, day in sorted(zip(entries, days, strict=True), key=lambda pair: pair[1]):
        x = pad + (width - 2 * pad) * (day - first).days / span
        r = 4 + 6 * math.sqrt(max(entry.score, 0.0) / top)
        first_sentence = entry.sentences[0].text if entry.sentences else ""
        label = ""
        # a label goes on the first row with room for it; a day too close to both rows' last
        # labels keeps its dot and tooltip (the list below gives every date) rather than
        # printing "Aug 31" over "Sep 01"
        row = next((k for k, last in enumerate(rows) if x - last >= LABEL_GAP), None)
        if row is not None:
            rows[row] = x
            label = (
                f'<text x="{x:.1f}" y="{axis + 16 + row * 12}" text-anchor="middle">'
                f"{escape(day.strftime('%b %d'))}</text>"
            )
        parts.append(
            f'<a href="#t-{escape(entry.date)}" class="dot">'
            f"<title>{escape(entry.date)}: {escape(first_sentence[:160])}</title>"
            f'<circle cx="{x:.1f}" cy="{axis}" r="{r:.1f}"/>{label}</a>'
        )
    parts.append("</svg>")
    return "".join(parts)
