"""Addable counters: :class:`PRFScore` (tp/fp/fn → P/R/F1) and :class:`Accuracy`.

Both add with ``+`` so that per-document scores pool into corpus scores (micro
averages) exactly, as spaCy's ``PRFScore`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar


@dataclass
class PRFScore:
    """Counts of true positives, false positives and false negatives.

    >>> (PRFScore(tp=1, fp=1) + PRFScore(fn=1)).fscore
    0.5
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: PRFScore) -> PRFScore:
        return PRFScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def is_empty(self) -> bool:
        """True when there was nothing to score (no gold item and no predicted item)."""
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0.0 when there is no gold item."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fscore(self) -> float:
        """Harmonic mean of precision and recall (F1)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | None]:
        """``{"p", "r", "f"}``; all None when there was nothing to score."""
        if self.is_empty:
            return {"p": None, "r": None, "f": None}
        return {"p": self.precision, "r": self.recall, "f": self.fscore}

    def counts(self) -> dict[str, int]:
        """The raw counts ``{"tp", "fp", "fn"}``."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """Correct out of total over matched items (e.g. time values of matched mentions)."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def add(self, is_correct: bool) -> None:
        """Count one more item, correct or not."""
        self.total += 1
        self.correct += int(is_correct)

    @property
    def value(self) -> float | None:
        """correct / total, or None when no item was scored."""
        return self.correct / self.total if self.total else None


_Counter = TypeVar("_Counter", PRFScore, Accuracy)


def sum_scores(scores: Iterable[PRFScore]) -> PRFScore:
    """Pool several :class:`PRFScore` counters (a micro average)."""
    total = PRFScore()
    for score in scores:
        total += score
    return total


def add_per_label(
    left: Mapping[str, _Counter], right: Mapping[str, _Counter]
) -> dict[str, _Counter]:
    """Add two per-label tables (of :class:`PRFScore` or :class:`Accuracy`) label by label."""
    merged = {label: value + type(value)() for label, value in left.items()}
    for label, value in right.items():
        merged[label] = merged[label] + value if label in merged else value + type(value)()
    return merged
