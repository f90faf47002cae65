"""Run the original ROUGE-1.5.5 Perl script, the reference our pure-Python port is checked against.

The script is not ours to ship: it comes inside the ``pyrouge`` package, which ``pip install tilse``
installs, and it needs Perl with XML::DOM and DB_File (Debian: ``libxml-dom-perl``; DB_File is
``libdb-file-perl`` on older releases and part of perl itself on Debian 12). Everything is written
to a temporary directory per call, so calls do not share state.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from storyline.evaluation.rouge import Score, mean_scores
from storyline.evaluation.rouge_stem import (
    INSTALL_HINT,
    SCRIPT_NAME,
    RougeUnavailable,
    rouge_exceptions,
    rouge_home,
)

__all__ = [
    "RougeUnavailable",
    "check_perl",
    "parse_averages",
    "parse_topics",
    "rouge_exceptions",
    "rouge_home",
    "run_rouge_perl",
    "score_corpus_perl",
    "write_config",
]
logger = logging.getLogger(__name__)

# "1 ROUGE-2 Average_R: 0.09505 (95%-conf.int. 0.09093 - 0.09914)"
_AVERAGE = re.compile(r"^\S+ (ROUGE-\S+) Average_([RPF]): ([0-9.]+)", re.MULTILINE)
# "1 ROUGE-2 Eval t0001-2.1 R:0.27322 P:0.26746 F:0.27031"
_PER_EVAL = re.compile(
    r"^\S+ (ROUGE-\S+) Eval (\S+)\.\S+ R:([0-9.]+) P:([0-9.]+) F:([0-9.]+)", re.MULTILINE
)
SummaryText = str | Sequence[str]


def check_perl() -> Path:
    """The script path, after checking that Perl and its modules are there."""
    home = rouge_home()
    perl = shutil.which("perl")
    if perl is None:
        raise RougeUnavailable(f"perl is not on PATH. {INSTALL_HINT}")
    probe = subprocess.run(
        [perl, "-MXML::DOM", "-MDB_File", "-e", "1"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        raise RougeUnavailable(
            f"Perl lacks XML::DOM or DB_File ({probe.stderr.strip()[:200]}). {INSTALL_HINT}"
        )
    return home / SCRIPT_NAME


def _lines(summary: SummaryText) -> str:
    text = summary if isinstance(summary, str) else "\n".join(summary)
    return text if text.endswith("\n") else text + "\n"


def _eval_xml(eval_id: str, peer: str, models: Sequence[tuple[str, str]], root: Path) -> str:
    model_lines = "\n".join(f'<M ID="{m_id}">{escape(name)}</M>' for m_id, name in models)
    return (
        f'<EVAL ID="{eval_id}">\n<PEER-ROOT>\n{escape(str(root))}\n</PEER-ROOT>\n'
        f"<MODEL-ROOT>\n{escape(str(root))}\n</MODEL-ROOT>\n"
        '<INPUT-FORMAT TYPE="SPL">\n</INPUT-FORMAT>\n'
        f'<PEERS>\n<P ID="1">{escape(peer)}</P>\n</PEERS>\n'
        f"<MODELS>\n{model_lines}\n</MODELS>\n</EVAL>"
    )


def write_config(
    pairs: Sequence[tuple[SummaryText, Sequence[SummaryText]]], root: Path, *, jackknife: bool
) -> Path:
    """Peer and model files plus the XML that lists the evaluations, as NIST's rougejk.in does."""
    evals = []
    for t, (peer, references) in enumerate(pairs):
        topic = f"t{t:04d}"
        (root / f"{topic}.peer").write_text(_lines(peer), encoding="utf-8")
        models = []
        for r, reference in enumerate(references):
            (root / f"{topic}.M.{r}").write_text(_lines(reference), encoding="utf-8")
            models.append((str(r), f"{topic}.M.{r}"))
        if jackknife and len(models) > 1:
            for left_out in range(len(models)):
                kept = [m for i, m in enumerate(models) if i != left_out]
                evals.append(_eval_xml(f"{topic}-{left_out}", f"{topic}.peer", kept, root))
        else:
            evals.append(_eval_xml(f"{topic}-all", f"{topic}.peer", models, root))
    config = root / "config.xml"
    body = "\n".join(evals)
    config.write_text(f'<ROUGE_EVAL version="1.5.5">\n{body}\n</ROUGE_EVAL>\n', encoding="utf-8")
    return config


def run_rouge_perl(
    pairs: Sequence[tuple[SummaryText, Sequence[SummaryText]]],
    *,
    limit_words: int | None = 250,
    stem: bool = True,
    jackknife: bool = False,
    resamples: int = 1000,
) -> str:
    """ROUGE-1.5.5's raw output with the DUC 2006 flags (``-d``: per-evaluation lines included)."""
    script = check_perl()
    with tempfile.TemporaryDirectory(prefix="storyline-rouge-") as tmp:
        config = write_config(pairs, Path(tmp), jackknife=jackknife)
        flags = ["-n", "4", "-w", "1.2", "-2", "4", "-u", "-c", "95", "-r", str(resamples)]
        flags += ["-f", "A", "-p", "0.5", "-t", "0", "-a", "-d"]
        flags += ["-m"] if stem else []
        flags += ["-l", str(limit_words)] if limit_words else []
        command = ["perl", str(script), "-e", str(script.parent / "data"), *flags, str(config)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"ROUGE-1.5.5 failed ({done.returncode}): {done.stderr.strip()[-400:]}. If it "
            "cannot open WordNet-2.0.exc.db, rebuild that file with "
            "data/WordNet-2.0-Exceptions/buildExeptionDB.pl."
        )
    return done.stdout


def parse_averages(output: str) -> dict[str, Score]:
    """``Average_R/P/F`` lines into one Score per metric, named as the port names them."""
    values: dict[str, dict[str, float]] = {}
    for metric, kind, value in _AVERAGE.findall(output):
        values.setdefault(metric.lower(), {})[kind] = float(value)
    return {m: Score(v["R"], v["P"], v["F"]) for m, v in values.items() if len(v) == 3}


def parse_topics(output: str) -> list[dict[str, Score]]:
    """Per-topic scores from the ``-d`` lines, jackknife evaluations averaged within a topic."""
    runs: dict[str, dict[str, dict[str, Score]]] = {}
    for metric, eval_id, r, p, f in _PER_EVAL.findall(output):
        topic = eval_id.split("-")[0]
        runs.setdefault(topic, {}).setdefault(eval_id, {})[metric.lower()] = Score(
            float(r), float(p), float(f)
        )
    return [mean_scores(list(runs[t].values())) for t in sorted(runs)]


def score_corpus_perl(
    pairs: Iterable[tuple[SummaryText, Sequence[SummaryText]]],
    *,
    limit_words: int | None = 250,
    stem: bool = True,
    jackknife: bool = False,
) -> dict[str, Score]:
    """What ROUGE-1.5.5 reports as Average_R/P/F over all topics (``pairs``: peer, references).

    The Perl's averages are means of 1,000 bootstrap means, as in NIST's tables; with
    ``jackknife`` every topic counts once per reference (equal weights when all have as many).
    Raises RougeUnavailable, naming what to install, when the script cannot run.
    """
    output = run_rouge_perl(list(pairs), limit_words=limit_words, stem=stem, jackknife=jackknife)
    scores = parse_averages(output)
    logger.debug("ROUGE-1.5.5 averages: %s", scores)
    return {
        m: scores[m] for m in ("rouge-1", "rouge-2", "rouge-3", "rouge-4", "rouge-l", "rouge-su4")
    }
