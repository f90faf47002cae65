"""Loaders for the DUC 2006 and DUC 2007 multi-document summarization sets.

The data are NIST's (research use only) and are read from ``../shared/data`` beside the
repository, or from ``$STORYLINE_DATA``; nothing here is copied into storyline. Articles become
``RawDocument`` with their paragraphs rejoined (the SGML hard-wraps lines at ~70 characters) but
otherwise untouched: datelines and agency boilerplate are left for storyline's cleaner, so that the
benchmark exercises it.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from storyline.models import PARAGRAPH_SEPARATOR, RawDocument

_FIELD = {
    tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL)
    for tag in ("DOCNO", "DATE_TIME", "HEADLINE", "TEXT")
}
# NYT puts the headline and byline between </HEADLINE> and <TEXT> when HEADLINE is empty.
_FRONT_MATTER = re.compile(r"</HEADLINE>(.*?)<TEXT>", re.DOTALL)
_BYLINE = re.compile(r"^By\s+(.+)$")
_PARAGRAPH = re.compile(r"<P>(.*?)</P>", re.DOTALL)
# Typesetting codes of the wire feeds (&QL; quad left, &UR; &LR; rules, &HT; tab ...): no text.
_WIRE_CODE = re.compile(r"&(?!amp;|lt;|gt;|quot;|apos;)[A-Za-z][A-Za-z0-9]*;")
_SPACES = re.compile(r"\s+")
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")
_DOCNO_DATE = re.compile(r"^[A-Z_]+(\d{8})")
_DOCNO_SOURCE = re.compile(r"^([A-Z_]+)")
# "-----------------" / " D0701.M.250.A.G" / "-----------------" opens a summary in a .pyr file.
_PYRAMID_HEADER = re.compile(r"^\s*D\d{4}\.M\.\d+\.[A-Z]\.([A-Z])\s*$")


@dataclass(frozen=True)
class DucTopic:
    """One DUC topic: its document cluster and NIST's human reference summaries.

    A reference is one string with one sentence a line, as ROUGE's SPL format wants it.
    """

    id: str
    documents: tuple[RawDocument, ...]
    references: tuple[str, ...]


def data_dir() -> Path:
    """``$STORYLINE_DATA``, else ``shared/data`` next to the repository checkout."""
    override = os.environ.get("STORYLINE_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _clean(fragment: str) -> str:
    text = fragment.replace("&AMP;", "&")
    return html.unescape(_WIRE_CODE.sub(" ", text))


def _one_line(fragment: str) -> str:
    return _SPACES.sub(" ", _clean(fragment)).strip()


def _plain_paragraphs(body: str) -> list[str]:
    """Paragraphs of an untagged TEXT: a new one starts at an indented line or after a blank one."""
    paragraphs: list[list[str]] = []
    fresh = True
    for line in body.split("\n"):
        if not line.strip():
            fresh = True
            continue
        if fresh or line[0].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line)
        fresh = False
    return [" ".join(lines) for lines in paragraphs]


def paragraphs(text_field: str) -> list[str]:
    """The paragraphs of a TEXT field, each hard-wrapped paragraph rejoined into one line."""
    raw = _PARAGRAPH.findall(text_field) or _plain_paragraphs(text_field)
    return [p for p in (_one_line(r) for r in raw) if p]


def _date(date_time: str | None, docno: str) -> date | None:
    if date_time:
        stamp = date_time.split()[0] if date_time.split() else ""
        for form in _DATE_FORMATS:
            try:
                return datetime.strptime(stamp, form).date()
            except ValueError:
                continue
    match = _DOCNO_DATE.match(docno)
    return datetime.strptime(match.group(1), "%Y%m%d").date() if match else None


def _front_matter(sgml: str) -> list[str]:
    match = _FRONT_MATTER.search(sgml)
    lines = (_one_line(line) for line in match.group(1).split("\n")) if match else ()
    return [line for line in lines if line]


def _byline(front: list[str]) -> str | None:
    matches = (_BYLINE.match(line) for line in front)
    return next((m.group(1) for m in matches if m), None)


def parse_document(sgml: str, *, origin: str) -> RawDocument:
    """One AQUAINT SGML article (APW, NYT, XIE) as a RawDocument; pure, no I/O."""
    fields = {tag: pattern.search(sgml) for tag, pattern in _FIELD.items()}
    found = {tag: m.group(1) for tag, m in fields.items() if m}
    if "TEXT" not in found:
        raise ValueError(f"{origin}: no <TEXT> element; is this a DUC/AQUAINT SGML file?")
    docno = found.get("DOCNO", "").strip()
    source = _DOCNO_SOURCE.match(docno)
    headline = _one_line(found["HEADLINE"]) if "HEADLINE" in found else ""
    front = _front_matter(sgml)
    if not headline and front and not _BYLINE.match(front[0]):
        headline = front[0]
    return RawDocument(
        text=PARAGRAPH_SEPARATOR.join(paragraphs(found["TEXT"])),
        origin=origin,
        title=headline or None,
        source=source.group(1) if source else None,
        byline=_byline(front),
        published=_date(found.get("DATE_TIME"), docno),
        doc_key=docno or None,
    )


def _read_cluster(folder: Path) -> tuple[RawDocument, ...]:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return tuple(parse_document(p.read_text(encoding="latin-1"), origin=str(p)) for p in files)


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{what} not found at {path}. Put the data under ../shared/data next to the repository "
            "or set STORYLINE_DATA to its folder."
        )
    return path


def duc2006_references(root: Path, topic: str) -> tuple[str, ...]:
    """NIST's four 250-word summaries of a DUC 2006 topic (``D0601A``), ordered by assessor."""
    models = _require(root / "NISTeval" / "ROUGE" / "models", "DUC 2006 models")
    files = sorted(models.glob(f"{topic[:5]}.M.250.{topic[5:]}.*"))
    return tuple(p.read_text(encoding="latin-1").strip() for p in files)


def load_duc2006(root: Path | None = None) -> tuple[DucTopic, ...]:
    """The 50 DUC 2006 topics with 25 articles and four reference summaries each."""
    base = root or data_dir() / "duc2006"
    docs = _require(base / "duc2006_docs", "DUC 2006 documents")
    return tuple(
        DucTopic(id=d.name, documents=_read_cluster(d), references=duc2006_references(base, d.name))
        for d in sorted(docs.iterdir())
        if d.is_dir()
    )


def load_duc2006_peer(peer_id: str, root: Path | None = None) -> dict[str, str]:
    """A DUC 2006 participant's summaries by topic id (``"24"`` best system, ``"1"`` baseline)."""
    base = root or data_dir() / "duc2006"
    peers = _require(base / "NISTeval" / "ROUGE" / "peers", "DUC 2006 peer summaries")
    out = {}
    for path in sorted(peers.glob(f"D06*.M.250.*.{peer_id}")):
        topic_num, _, _, assessor, _ = path.name.split(".")
        out[topic_num + assessor] = path.read_text(encoding="latin-1").strip()
    return out


def official_rouge(file_name: str, root: Path | None = None) -> dict[str, float]:
    """NIST's jackknifed recall per summarizer id from ``rouge2.jk.m.avg``/``rougeSU4.jk.m.avg``."""
    base = root or data_dir() / "duc2006"
    path = _require(base / "NISTeval" / "ROUGE" / file_name, "DUC 2006 official scores")
    scores = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            scores[fields[0]] = float(fields[1])
    return scores


def parse_pyramid_summaries(xml_text: str) -> dict[str, str]:
    """The human summaries embedded in a DUC pyramid (``.pyr``) file, by assessor letter."""
    lines = [(line.text or "") for line in ET.fromstring(xml_text).iter("line")]
    summaries: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        header = _PYRAMID_HEADER.match(line)
        if header:
            current = header.group(1)
            summaries[current] = []
        elif current and line.strip() and not set(line.strip()) <= {"-"}:
            summaries[current].append(line.strip())
    return {k: "\n".join(v) for k, v in summaries.items() if v}


def duc2007_references(root: Path) -> dict[str, tuple[str, ...]]:
    """Human summaries by five-character topic id (``D0701``), for the 23 pyramid topics."""
    folder = _require(root / "mainPyramidEval" / "allpyramids", "DUC 2007 pyramids")
    out = {}
    for path in sorted(folder.glob("D07*.pyr")):
        summaries = parse_pyramid_summaries(path.read_text(encoding="latin-1"))
        out[path.name[:5]] = tuple(summaries[k] for k in sorted(summaries))
    return out


def load_duc2007(
    root: Path | None = None, *, with_references_only: bool = True
) -> tuple[DucTopic, ...]:
    """DUC 2007 main-task topics; only 23 of 45 have human summaries (in the pyramid files)."""
    base = root or data_dir() / "duc2007"
    docs = _require(base / "duc2007_testdocs" / "main", "DUC 2007 documents")
    references = duc2007_references(base)
    topics = []
    for folder in sorted(d for d in docs.iterdir() if d.is_dir()):
        refs = references.get(folder.name[:5], ())
        if refs or not with_references_only:
            topics.append(
                DucTopic(id=folder.name, documents=_read_cluster(folder), references=refs)
            )
    return tuple(topics)
