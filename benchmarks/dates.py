"""Temporal expression resolution on our own test set: storyline's regex resolver and dateparser.

    python -m benchmarks.dates

The set (``tests/fixtures/dates/expressions.jsonl``, written by the team) gives a sentence, the
publication date, the expression and what it means (first day, granularity, range end). Our
resolver reads the whole sentence and must find the expression and resolve it; dateparser is given
the expression text alone (the easier task: it does not have to find it), with ``RELATIVE_BASE`` =
publication date and ``PREFER_DATES_FROM='past'``. A week, month or year counts as right for
dateparser when its day falls inside the period; ranges it cannot express count as wrong.
Writes ``benchmarks/results/dates.json``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.dates import TimeExpression, period_end, resolve, resolve_with_dateparser

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "dates" / "expressions.jsonl"
RESULTS = Path(__file__).resolve().parent / "results" / "dates.json"


@dataclass(frozen=True)
class Case:
    sentence: str
    published: date | None
    expression: str
    value: date | None
    granularity: str
    range_end: date | None
    relative: int | None

    @property
    def span(self) -> tuple[int, int]:
        start = self.sentence.index(self.expression)
        return start, start + len(self.expression)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load_cases(path: Path = FIXTURE) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cases.append(
                Case(
                    sentence=row["sentence"],
                    published=_day(row["published"]),
                    expression=row["expression"],
                    value=_day(row["value"]),
                    granularity=row["granularity"],
                    range_end=_day(row.get("range_end")),
                    relative=row.get("relative"),
                )
            )
    return cases


def found_for(case: Case, found: Sequence[TimeExpression]) -> TimeExpression | None:
    """The resolver's expression that overlaps the gold span, if any."""
    start, end = case.span
    for expression in found:
        if expression.start < end and start < expression.end:
            return expression
    return None


def storyline_correct(case: Case) -> bool:
    got = found_for(case, resolve(case.sentence, published=case.published))
    if got is None:
        return False
    same = (got.value, got.granularity, got.range_end) == (
        case.value,
        case.granularity,
        case.range_end,
    )
    return same and (case.relative is None or got.relative == case.relative)


def dateparser_correct(case: Case) -> bool:
    got = resolve_with_dateparser(case.expression, published=case.published)
    if case.value is None:
        return got is None
    if got is None or case.range_end is not None:
        return False
    if case.granularity == "day":
        return got == case.value
    return case.value <= got <= period_end(case.value, case.granularity)  # type: ignore[arg-type]


def measure(cases: Sequence[Case], judge: Callable[[Case], bool]) -> dict[str, object]:
    start = time.perf_counter()
    wrong = [case for case in cases if not judge(case)]
    seconds = time.perf_counter() - start
    return {
        "accuracy": round(1 - len(wrong) / len(cases), 4),
        "correct": len(cases) - len(wrong),
        "cases": len(cases),
        "ms_per_expression": round(1000 * seconds / len(cases), 4),
        "wrong": [f"{c.expression!r} in {c.sentence!r} ({c.published})" for c in wrong],
    }


def main() -> None:
    cases = load_cases()
    start = time.perf_counter()
    import dateparser  # noqa: F401  (timed apart: its import alone takes about a second)

    import_seconds = time.perf_counter() - start
    dateparser_correct(cases[0])  # warm its caches: the first call compiles its language data
    results = {
        "storyline": measure(cases, storyline_correct),
        "dateparser": {**measure(cases, dateparser_correct), "import_s": round(import_seconds, 2)},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print("| resolver | accuracy | correct / cases | ms per expression |")
    print("|---|---|---|---|")
    for name, row in results.items():
        print(
            f"| {name} | {row['accuracy']:.3f} | {row['correct']} / {row['cases']} "
            f"| {row['ms_per_expression']:.3f} |"
        )
    for name, row in results.items():
        for miss in row["wrong"]:  # type: ignore[attr-defined]
            print(f"{name} missed: {miss}")


if __name__ == "__main__":
    main()
