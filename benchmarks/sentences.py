"""Sentence splitting on tricky news text: nupunkt, storyline's split_paragraph, blingfire.

The cases are ours (fictional names and events), each with the split a news editor would make.
Scores: exact match (every boundary of a case right) and boundary precision/recall/F1 summed over
all cases, where a boundary is the start of every sentence after the first. Speed is gold sentences
per second over the whole set, best of several rounds.

blingfire is not a storyline dependency: it is imported here only, and skipped if missing
(``pip install blingfire``). Run: ``PYTHONPATH=src python benchmarks/sentences.py``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "sentences.json"
Splitter = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Case:
    name: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _c(name: str, *sentences: str) -> Case:
    return Case(name, sentences)


CASES: tuple[Case, ...] = (
    _c(
        "title Gen.",
        "Gen. Mark Harlow told reporters the troops would stay.",
        "The ministry did not comment.",
    ),
    _c("Lt. Col.", "Lt. Col. Dana Price led the unit.", "She declined to comment."),
    _c(
        "U.S. before noun",
        "The U.S. Navy sent two ships.",
        "Officials in Manila welcomed the move.",
    ),
    _c("U.S. mid-sentence", "The talks were held in the U.S. on Monday and ended without a deal."),
    _c(
        "U.S. ends sentence",
        "The aid package was approved by the U.S.",
        "The European Union followed a day later.",
    ),
    _c("Jan. 5", "The vote is set for Jan. 5 in the capital.", "Turnout is expected to be high."),
    _c(
        "initials J. R.",
        "J. R. Smith, the team's coach, resigned on Friday.",
        "His deputy will take over.",
    ),
    _c("quote then said", '"We will not back down," he said.', '"Not now, not ever."'),
    _c(
        "dateline Reuters",
        "WASHINGTON (Reuters) - The Senate passed the bill late on Tuesday.",
        "It now goes to the House.",
    ),
    _c(
        "dateline colon",
        "Moscow: Officials announced new restrictions on Friday.",
        "Shops will close early until further notice.",
    ),
    _c(
        "decimal per cent",
        "Inflation rose to 3.5 per cent in March.",
        "Economists had expected 3.2 per cent.",
    ),
    _c("ellipsis mid", "He paused... then walked out of the room without a word."),
    _c("ellipsis ends", "The results were unclear...", "Officials promised a recount."),
    _c("p.m. mid", "The meeting ended at 5 p.m. on Thursday, two hours late."),
    _c("p.m. ends", "The meeting ended at 5 p.m.", "The minister left without speaking."),
    _c(
        "bare URL",
        "Full details are at www.example.gov/report.html for readers.",
        "The site crashed within hours.",
    ),
    _c(
        "URL ends",
        "The report is online at https://example.org/news/2024/03/05/story.html.",
        "The page was updated twice.",
    ),
    _c(
        "No. 10",
        "The prime minister returned to No. 10 on Sunday evening.",
        "Aides said she was tired.",
    ),
    _c(
        "parenthesis inside",
        "The company (which was founded in 1998) denied wrongdoing.",
        "Its shares fell.",
    ),
    _c(
        "parenthetical sentence",
        "The company denied wrongdoing.",
        "(Its shares fell 4 per cent.)",
        "Analysts were unsurprised.",
    ),
    _c("quote ends sentence", 'She called the plan "a disaster."', "Her party disagreed."),
    _c("question in quote", 'He asked, "Who will pay for it?"', "Nobody answered."),
    _c("Dr. and Mr.", "Dr. Amara Osei said the vaccine was safe.", "Mr. Lee agreed."),
    _c(
        "Sen. and Rep.",
        "Sen. Ruth Calder, D-Maine, voted against it.",
        "Rep. Tom Ortiz, R-Texas, voted for it.",
    ),
    _c(
        "Inc. and Corp.",
        "The firm, Brightwater Inc., reported a loss.",
        "Brightwater Corp. is a different company.",
    ),
    _c("Ltd. and money", "Shares of Acme Ltd. rose 2.75 per cent to $14.20 on Wednesday."),
    _c("approx. a.m.", "The storm hit at approx. 3 a.m. local time.", "No one was hurt."),
    _c(
        "p.m. on Saturday",
        "Police said the suspect, 34, was arrested at 11:40 p.m. on Saturday.",
        "He was held overnight.",
    ),
    _c(
        "Sept. 12",
        "The report, published Sept. 12, cited 1,200 cases.",
        "Another 300 are under review.",
    ),
    _c(
        "St. and Mt.",
        "St. Petersburg and Mt. Vernon were both mentioned.",
        "Neither city responded.",
    ),
    _c("score 52-48", "The vote was 52-48.", "It was the closest in years."),
    _c("question answer", "Why now?", "Because the deadline is Friday."),
    _c("exclaim in quote", '"It\'s over!" shouted one fan.', "Others cheered."),
    _c(
        "sentences in quote",
        'Officials said: "The bridge is closed.',
        'Use the ferry."',
        "Traffic built up quickly.",
    ),
    _c("U.N.", "The U.N. Security Council met on Friday.", "China abstained."),
    _c("Feb. 2 at end", "The bill passed 61 to 39, officials said.", "Hearings begin Feb. 2."),
    _c("Prof. Univ.", "Prof. Ilse Vos of the Univ. of Leiden led the study.", "It took six years."),
    _c(
        "Ms. Oct. a.m.",
        "The band's manager, Ms. Okafor, confirmed the tour.",
        "Tickets go on sale on Oct. 1 at 10 a.m.",
    ),
    _c(
        "dateline with date",
        "KYIV, March 5 (Reuters) - Air raid sirens sounded across the city overnight.",
        "Officials reported no casualties.",
    ),
    _c(
        "dateline dash",
        "LONDON — The Bank of England held rates at 5.25%.",
        "Governor Ann Whitby said cuts were not imminent.",
    ),
    _c("Tues.", "The figures, revised on Tues., showed growth of 0.4 per cent.", "The pound rose."),
    _c(
        "Capt. E. L.",
        "Capt. E. L. Brandt, the ship's master, radioed for help.",
        "The coast guard arrived within an hour.",
    ),
    _c("pct.", "Sales rose 12 pct. in the quarter.", "Margins narrowed."),
    _c("no. lowercase", "The car had licence plate no. 4471.", "Police found it abandoned."),
    _c("two quotes", '"I don\'t know," she said.', '"Ask the minister."'),
    _c("ellipsis lowercase", "Temperatures reached 41.2C in Seville... a record for March."),
    _c(
        "E.U. U.K.",
        "The E.U. and the U.K. signed the deal in Brussels.",
        "It takes effect in 2025.",
    ),
    _c(
        "Mr. and Mrs.",
        "Mr. and Mrs. Patel were not home at the time.",
        "Neighbours called the fire brigade.",
    ),
    _c(
        "approx. p.m. ends",
        "The attack happened at approx. 9.30 p.m.",
        "Police arrived minutes later.",
    ),
    _c("D.C. ends", "She was born in Washington, D.C.", "She moved to Ohio in 1990."),
    _c("short sentences", "Yes.", "The deal is done.", "Markets rallied."),
    _c("curly quote ends", "The minister called it “a betrayal.”", "Talks resume on Monday."),
    _c("vs.", "The final is Spain vs. Portugal on Sunday.", "Tickets sold out in minutes."),
    _c("et al.", "Chen et al. reported the effect in 2019.", "Others could not repeat it."),
    _c(
        "Maj. Gen.", "Maj. Gen. Ola Berg said the drills would continue.", "Gov. Ann Kerr objected."
    ),
    _c(
        "Calif. mid",
        "The fire near Redding, Calif., grew overnight.",
        "Crews worked through the night.",
    ),
    _c("Calif. ends", "The couple live in Redding, Calif.", "They moved there in 2010."),
    _c("a.m. ends", "Polls opened at 7 a.m.", "Queues formed quickly outside schools."),
    _c("Inc. ends", "The buyer is Brightwater Inc.", "The seller declined to comment."),
    _c("Jr.", "Martin Ruiz Jr. was elected mayor on Tuesday.", "He takes office in May."),
    _c("etc. ends", "They sold cars, boats, furniture, etc.", "The auction raised $2m."),
    _c("e.g. mid", "Small parties, e.g. the Greens, gained seats.", "Turnout fell."),
    _c("single quotes", "'It was,' he said, 'a mistake.'", "Nobody laughed."),
    _c(
        "dateline AFP",
        "PARIS (AFP) — Farmers blocked roads around the city on Monday.",
        "Talks failed.",
    ),
    _c("Aug. 1 ends", "The law takes effect Aug. 1.", "Critics vowed to challenge it in court."),
    _c("spaced ellipsis", "The minister said . . . nothing at all.", "Reporters left."),
    _c("bracket ends", "The fund grew quickly (see chart).", "It now holds $3bn."),
    _c(
        "v. case name",
        "The ruling in Hale v. Dorset County was overturned.",
        "Both sides claimed victory.",
    ),
)


def _gold_boundaries(case: Case) -> set[int]:
    starts, offset = set(), 0
    for i, sentence in enumerate(case.sentences):
        if i:
            starts.add(offset)
        offset += len(sentence) + 1
    return starts


def _boundaries(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Starts of every predicted sentence after the first, whitespace skipped."""
    starts = set()
    for start, end in spans:
        piece = text[start:end]
        if piece.strip():
            starts.add(start + len(piece) - len(piece.lstrip()))
    first = min(starts, default=0)
    return starts - {first}


def _splitters() -> dict[str, Splitter]:
    import nupunkt

    from storyline.text import split_paragraph

    splitters: dict[str, Splitter] = {
        "nupunkt.sent_spans": lambda text: list(nupunkt.sent_spans(text)),
        "storyline split_paragraph (Punkt + repairs)": split_paragraph,
    }
    try:
        import blingfire  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        print("blingfire is not installed (pip install blingfire): skipped")
    else:

        def bling(text: str) -> list[tuple[int, int]]:
            # blingfire 0.1.8 fails an internal assertion on text without a sentence ("").
            return list(blingfire.text_to_sentences_and_offsets(text)[1]) if text.strip() else []

        splitters["blingfire"] = bling
    return splitters


def _speed(split: Splitter, *, rounds: int = 5, repeat: int = 40) -> float:
    n_sentences = sum(len(c.sentences) for c in CASES) * repeat
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        for _ in range(repeat):
            for case in CASES:
                split(case.text)
        best = min(best, time.perf_counter() - began)
    return n_sentences / best


def duc_paragraphs() -> list[str]:
    """DUC 2006 paragraphs (real newswire, read in place, never copied), or [] if absent."""
    from storyline.evaluation import duc

    if not (duc.data_dir() / "duc2006").is_dir():
        return []
    return [
        p for topic in duc.load_duc2006() for doc in topic.documents for p in doc.text.split("\n\n")
    ]


def _real_speed(split: Splitter, paragraphs: list[str], *, rounds: int = 3) -> float | None:
    """Predicted sentences per second on real paragraphs, best of ``rounds``."""
    if not paragraphs:
        return None
    best, n_sentences = float("inf"), 0
    for _ in range(rounds):
        began = time.perf_counter()
        n_sentences = sum(len(split(p)) for p in paragraphs)
        best = min(best, time.perf_counter() - began)
    return n_sentences / best


def evaluate(name: str, split: Splitter, *, real: list[str]) -> dict[str, object]:
    tp = fp = fn = exact = 0
    failures: list[dict[str, object]] = []
    for case in CASES:
        text = case.text
        spans = split(text)
        gold, predicted = _gold_boundaries(case), _boundaries(text, spans)
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if gold == predicted:
            exact += 1
        else:
            failures.append({"case": case.name, "got": [text[s:e].strip() for s, e in spans]})
    speed = _real_speed(split, real)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "splitter": name,
        "cases": len(CASES),
        "exact": exact,
        "exact_rate": round(exact / len(CASES), 4),
        "boundary_precision": round(precision, 4),
        "boundary_recall": round(recall, 4),
        "boundary_f1": round(f1, 4),
        "sentences_per_s": round(_speed(split)),
        "duc2006_sentences_per_s": None if speed is None else round(speed),
        "failures": failures,
    }


def main() -> None:
    real = duc_paragraphs()
    if not real:
        print("DUC 2006 not found (set STORYLINE_DATA): real-text speed skipped")
    results = [evaluate(name, split, real=real) for name, split in _splitters().items()]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"benchmark": "sentences", "results": results}, indent=2) + "\n")
    print(f"{len(CASES)} cases, {sum(len(c.sentences) for c in CASES)} gold sentences\n")
    print(
        "| splitter | exact | boundary P | boundary R | boundary F1 | sent/s cases | sent/s DUC |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in results:
        duc = r["duc2006_sentences_per_s"]
        print(
            f"| {r['splitter']} | {r['exact']}/{r['cases']} | {r['boundary_precision']:.3f} "
            f"| {r['boundary_recall']:.3f} | {r['boundary_f1']:.3f} | {r['sentences_per_s']:,} "
            f"| {'-' if duc is None else f'{duc:,}'} |"
        )
    for r in results:
        failures = r["failures"]
        assert isinstance(failures, list)
        names = ", ".join(str(f["case"]) for f in failures)
        print(f"\n{r['splitter']} fails on: {names or 'nothing'}")
    print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main()
