"""Values as written: when two figures can be one count within the precision written.

A figure is compared in its base unit (``base_value``: metres, kilograms; cents in dollars).
Two figures are compatible (``compatible``) when equal or overlapping as ranges; when one is
approximate ("about 140") and the other lies within ``APPROX_TOLERANCE`` of it; when a bound
("more than 200") holds an exact figure up to ``BOUND_SPAN`` beyond it, or holds another bound
the same way written finer and within ``APPROX_TOLERANCE``; when one measure is written in two
units within ``UNIT_TOLERANCE``; and for shares, when they round alike at the precision written
(or lie within ``PERCENT_POINTS`` where one is approximate). Two currencies never are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from storyline.facts.models import Fact
from storyline.facts.numbers import ABBREVIATED_SCALES, MEASURES, SCALES

# Approximate values ("about 140", "more than 100") agree with a value within this share of it;
# the same measure written in two units ("33,000 feet", "9,900 metres") within the second.
APPROX_TOLERANCE = 0.1
UNIT_TOLERANCE = 0.03
PERCENT_POINTS = 1.5
# Two outlets' same-day values for one thing differ by at most this factor in the labelled dev
# stories (benchmarks/facts.py); further apart they are two things, not a dispute (``labels``),
# and an outlet's first reading is not its own revision (``loose``).
SAME_DAY_RATIO = 2.0
# "More than 200" and "253" agree (dev.jsonl's Nairobi toll); "at least 600" and "7,085" do not.
BOUND_SPAN = 1.3


def base_value(fact: Fact, value: float) -> float:
    """A measure in its base unit (metres, kilograms; cents in dollars), so that units compare."""
    if fact.kind == "money" and fact.unit == "cent":
        return value * 0.01
    unit = MEASURES.get(fact.unit)
    return value * unit[1] if unit is not None and fact.kind == unit[0] else value


def span(fact: Fact) -> tuple[float, float]:
    """The figure's low and high ends in its base unit (one figure: both the same)."""
    low = base_value(fact, fact.value)
    return low, base_value(fact, fact.upper) if fact.upper is not None else low


def currency(fact: Fact) -> str | None:
    """A sum's currency ("12.5 cents" is in dollars); None for what is not a sum."""
    if fact.kind != "money":
        return None
    return "dollar" if fact.unit == "cent" else fact.unit


def compatible(a: Fact, b: Fact) -> bool:
    """Whether two values can be the same count within the precision written: equal, overlapping
    ranges, approximate ones within ``APPROX_TOLERANCE``, one measure in two units; never two
    currencies ("12.5 cents" is not "$12.5")."""
    money = a.kind == "money" == b.kind and None not in (a.unit, b.unit)
    if money and currency(a) != currency(b):
        return False
    (a_low, a_high), (b_low, b_high) = span(a), span(b)
    if a_low <= b_high + 1e-9 and b_low <= a_high + 1e-9:
        return not _ranges_apart(a, b)
    gap = abs(a_low - b_low) / max(abs(a_low), abs(b_low), 1e-9)
    two_units = a.unit != b.unit and a.unit in MEASURES and b.unit in MEASURES
    if two_units and (gap <= _unit_tolerance(a, b) or _rounded_alike(a, b)):
        return True  # "33,000 feet" and "9,900 metres"; not "108 deaths" and "109 people"
    if a.kind == "percent":  # shares are compared in points: "about 53" is 52.9, not 50
        points = abs(a_low - b_low)
        if a.approx or b.approx:
            return points <= min(PERCENT_POINTS, APPROX_TOLERANCE * max(a_low, b_low))
        places = min(_decimals(a.value), _decimals(b.value))
        return round(a_low, places) == round(b_low, places)  # "53" is 52.94; 52.4 is not 52.9
    return _within(a, a_low, b, b_low) or _within(b, b_low, a, a_low)


# Figures written to three significant digits or more in both units ("72.5 mm", "2.85 in") are
# converted that finely: a reader converts 72.5 mm to 2.85 in, and "2.91 inches" is another
# phone's width (WikiRef's reviews of the Galaxy S5 and its Sport model).
FINE_UNIT_TOLERANCE = 0.01


def _unit_tolerance(a: Fact, b: Fact) -> float:
    """How far one measure written in two units may lie apart after conversion: rounding
    ("33,000 feet", "9,900 metres") within ``UNIT_TOLERANCE``; fine figures on both sides
    within ``FINE_UNIT_TOLERANCE``."""
    fine = min(significant(a), significant(b)) >= 3 and a.upper is None and b.upper is None
    return FINE_UNIT_TOLERANCE if fine else UNIT_TOLERANCE


def _ranges_apart(a: Fact, b: Fact) -> bool:
    """Whether two ranges overlap with neither holding the other: "another 15 to 20 percent" and
    "an additional 10 to 15 percent" are two forecasts (Timeline17's held-out sample agreed
    them), "3 to 5 percent" of children and "4 to 12 percent" two estimates. A range inside
    another may be the same count, and so may a figure inside a range or at its end ("15 to 20",
    "20"). A bound at a range's end pointing away ("about 5,000 to 8,000", "up to 5,000") is
    left compatible: where the two are one count, they would read as a count that changed, and
    where the place is not read (two cities' crowds, Timeline17) that is a worse error than the
    agreement."""
    if not (_ranged(a) and _ranged(b)):
        return False
    (a_low, a_high), (b_low, b_high) = span(a), span(b)
    inside = (a_low <= b_low + 1e-9 and b_high <= a_high + 1e-9) or (
        b_low <= a_low + 1e-9 and a_high <= b_high + 1e-9
    )
    return not inside


def _ranged(fact: Fact) -> bool:
    """A range as written ("15 to 20"), not one figure read as both ends ("300 million-300")."""
    return fact.upper is not None and fact.upper != fact.value


# A sum's digits and the scale word they are written in: "$5bn", "$5.1 billion", "£12m".
_SCALED = re.compile(r"(\d[\d,]*(?:\.(\d+))?)\s*([a-z]+)\b", re.IGNORECASE)


def _scale_step(fact: Fact) -> float | None:
    """The step a sum written with a scale word is written to: a billion for "$5bn", a
    hundred million for "$5.1 billion"; None for a sum written in full ("$5,100,000")."""
    found = _SCALED.search(fact.text)
    if found is None:
        return None
    word = found[3].lower()
    scale = SCALES.get(word, ABBREVIATED_SCALES.get(word))
    if scale is None or scale < 1e6:
        return None
    return scale * 10.0 ** -len(found[2] or "")


def rounded_sum(a: Fact, b: Fact) -> bool:
    """Whether two exact sums are one written to two precisions: "$5bn" and "$5.1 billion"
    (5.1 billion rounds to 5 at the billion), not "$5bn" and "$5.6 billion", nor "$1.4
    billion" and "$1.5 billion" (both written to a tenth). Not ``compatible``: such sums may
    as well be two ("£1.3bn" paid for TV rights, "£1.32billion" in salaries), so the finer
    writing ties no sums together; it only keeps one sum's two writings from reading as a
    contradiction (``labels``)."""
    if a.kind != "money" or b.kind != "money" or currency(a) != currency(b):
        return False
    if a.approx or b.approx or a.upper is not None or b.upper is not None:
        return False
    step_a, step_b = _scale_step(a), _scale_step(b)
    if step_a is None or step_b is None or step_a == step_b:
        return False
    coarse, fine = (a, b) if step_a > step_b else (b, a)
    step = max(step_a, step_b)
    return math.isclose(round(fine.value / step) * step, coarse.value, rel_tol=1e-9)


def _rounded_alike(a: Fact, b: Fact) -> bool:
    """Whether one measure in two units lies within half a unit of the coarser figure as
    written: "six miles" (9.66 km) is "10 kilometres" converted and rounded to whole miles; a
    share alone (``UNIT_TOLERANCE``) misses a small figure's rounding."""
    if a.upper is not None or b.upper is not None or base_value(a, 1.0) == base_value(b, 1.0):
        return False  # a range, or two words for one unit ("magnitude 5" is no rounded 5.2)
    half = max(_last_digit(f) * base_value(f, 1.0) for f in (a, b)) / 2
    return abs(base_value(a, a.value) - base_value(b, b.value)) <= half + 1e-9


def _last_digit(fact: Fact) -> float:
    """The place of a figure's last written digit, in its unit: 1 for "6", 0.1 for "1.2"."""
    return 10.0 ** -_decimals(fact.value)


def _decimals(value: float) -> int:
    """Decimal places of a figure as written: "52.94" has 2, "53" none."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def _within(bounded: Fact, value: float, other: Fact, other_value: float) -> bool:
    """Whether ``other`` fits what ``bounded`` says: "more than 200" holds 253 (up to
    ``BOUND_SPAN`` above), "nearly 100" holds 95, "about 140" holds 130. A bound holds only an
    exact figure: "more than 147,000" and "about 170,000" are two estimates, not one; or a bound
    the same way written finer and within ``APPROX_TOLERANCE`` ("more than 100 refugees" holds
    "at least 108"); other bounds one way are two figures ("at least 18 blows", "at least 20
    times"; "more than 200 killed", "more than 250")."""
    if other.bound == bounded.bound and bounded.bound in ("min", "max"):
        low, high = (value, other_value) if bounded.bound == "min" else (other_value, value)
        finer = significant(other) > significant(bounded)
        return finer and low <= high <= low * (1 + APPROX_TOLERANCE)
    exact = not other.approx
    if bounded.bound == "min" and exact:
        return value <= other_value <= value * BOUND_SPAN
    if bounded.bound == "max" and exact:
        return value / BOUND_SPAN <= other_value <= value
    if bounded.approx:
        return abs(value - other_value) <= APPROX_TOLERANCE * max(abs(value), abs(other_value))
    return False


def significant(fact: Fact) -> int:
    """Significant digits of a figure as written ("33,000": 2; "7": 1)."""
    # ".15g" keeps all digits where ":g" would write "5e+06" (five "digits" for one)
    return len(f"{fact.value:.15g}".replace(".", "").replace("-", "").strip("0"))


def close(a: Fact, b: Fact) -> bool:
    """Whether two figures as written touch or lie within ``APPROX_TOLERANCE`` of each other."""
    (a_low, a_high), (b_low, b_high) = span(a), span(b)
    gap = max(a_low - b_high, b_low - a_high, 0.0)
    return gap <= APPROX_TOLERANCE * max(abs(a_high), abs(b_high), 1e-9)


def first_per_article(facts: Sequence[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for fact in facts:
        if fact.article_id not in seen:
            seen.add(fact.article_id)
            out.append(fact)
    return out


def value_clusters(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts split into runs of compatible values (one per article in each run)."""
    clusters: list[list[Fact]] = []
    for fact in sorted(facts, key=lambda f: base_value(f, f.value)):
        if clusters and all(compatible(fact, other) for other in clusters[-1]):
            clusters[-1].append(fact)
        else:
            clusters.append([fact])
    return [first_per_article(sorted(c, key=facts.index)) for c in clusters]
