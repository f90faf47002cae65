"""Clustering metrics: B-cubed and pairwise precision, recall and F1.

B-cubed (Bagga & Baldwin 1998) scores every item by how much of its predicted cluster shares
its gold
cluster (precision) and how much of its gold cluster it was put with (recall), then averages over
items: big clusters weigh in proportion to their size, and a singleton is not free. Pairwise scores
count item pairs put together; they punish a wrong merge of two big clusters much harder, which is
why both are reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _check(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> None:
    if set(predicted) != set(gold):
        missing = len(set(gold) - set(predicted))
        extra = len(set(predicted) - set(gold))
        raise ValueError(
            f"Predicted and gold label different items ({missing} missing, {extra} extra); "
            "score the same items."
        )


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PRF:
    """B-cubed P/R/F1 of a flat clustering; both map item id -> cluster label."""
    _check(predicted, gold)
    if not gold:
        return PRF(1.0, 1.0, 1.0)
    joint = Counter((predicted[i], gold[i]) for i in gold)
    pred_size = Counter(predicted.values())
    gold_size = Counter(gold.values())
    precision = sum(n * n / pred_size[p] for (p, _), n in joint.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in joint.items()) / len(gold)
    return PRF(precision, recall, _f1(precision, recall))


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PRF:
    """Precision/recall over unordered item pairs placed in one cluster (1.0 when there are
    none)."""
    _check(predicted, gold)
    joint = Counter((predicted[i], gold[i]) for i in gold)

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(joint)
    in_pred = pairs(Counter(predicted.values()))
    in_gold = pairs(Counter(gold.values()))
    precision = both / in_pred if in_pred else 1.0
    recall = both / in_gold if in_gold else 1.0
    return PRF(precision, recall, _f1(precision, recall))


def clusters(labels: Mapping[str, Hashable]) -> list[set[str]]:
    """The clusters of a labelling as sets of item ids (handy for reports and tests)."""
    groups: defaultdict[Hashable, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())
