"""How a predicted span matches a gold span: strict and partial strategies.

Spans are ``(label, start, end)`` with half-open character offsets, compared as
sets (a span listed twice counts once, as in spaCy's scorer). Matching is
one-to-one: a gold span is credited to at most one predicted span, so partial
matching cannot count one long prediction for several gold spans.

- :class:`StrictMatch`: same label, same start, same end.
- :class:`PartialMatch`: same label and at least one character in common;
  exact pairs are taken first, then the remaining pairs by largest overlap.

To score spans regardless of label (trigger identification, time spans), give
every span the same label before matching (:func:`unlabeled`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, NamedTuple, Protocol

from jnews_extract.evaluate.metrics import PRFScore


class LabeledSpan(NamedTuple):
    """A labelled half-open character span: ``("PERSON", 0, 4)``."""

    label: str
    start: int
    end: int


class MatchStrategy(Protocol):
    """Pairs gold spans with predicted spans, one to one."""

    name: ClassVar[str]

    def pairs(
        self, gold: Iterable[LabeledSpan], pred: Iterable[LabeledSpan]
    ) -> list[tuple[LabeledSpan, LabeledSpan]]:
        """Return matched ``(gold, predicted)`` pairs; every span appears in at most one."""
        ...


def overlap(a: LabeledSpan, b: LabeledSpan) -> int:
    """Number of characters two spans share (0 when disjoint)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def unlabeled(spans: Iterable[LabeledSpan], label: str = "SPAN") -> set[LabeledSpan]:
    """The same spans with one shared label, to match on offsets alone."""
    return {LabeledSpan(label, span.start, span.end) for span in spans}


class StrictMatch:
    """Same label, same start and same end."""

    name: ClassVar[str] = "strict"

    def pairs(
        self, gold: Iterable[LabeledSpan], pred: Iterable[LabeledSpan]
    ) -> list[tuple[LabeledSpan, LabeledSpan]]:
        """Return ``(span, span)`` for every span in both sets, in text order."""
        return [(span, span) for span in sorted(set(gold) & set(pred), key=_position)]


class PartialMatch:
    """Same label and overlapping offsets; exact matches first, then largest overlap."""

    name: ClassVar[str] = "partial"

    def pairs(
        self, gold: Iterable[LabeledSpan], pred: Iterable[LabeledSpan]
    ) -> list[tuple[LabeledSpan, LabeledSpan]]:
        """Return one-to-one ``(gold, predicted)`` pairs of overlapping same-label spans."""
        gold_set, pred_set = set(gold), set(pred)
        exact = gold_set & pred_set
        matched: list[tuple[LabeledSpan, LabeledSpan]] = [(span, span) for span in exact]
        free_gold, free_pred = gold_set - exact, pred_set - exact
        candidates = sorted(
            (
                (-overlap(g, p), _position(g), _position(p), g, p)
                for g in free_gold
                for p in free_pred
                if g.label == p.label and overlap(g, p) > 0
            ),
        )
        for _, _, _, g, p in candidates:
            if g in free_gold and p in free_pred:
                matched.append((g, p))
                free_gold.discard(g)
                free_pred.discard(p)
        return sorted(matched, key=lambda pair: _position(pair[0]))


STRATEGIES: dict[str, MatchStrategy] = {"strict": StrictMatch(), "partial": PartialMatch()}


def score_spans(
    gold: Iterable[LabeledSpan], pred: Iterable[LabeledSpan], strategy: MatchStrategy
) -> dict[str, PRFScore]:
    """Per-label tp/fp/fn of predicted spans against gold spans under ``strategy``.

    >>> gold = {LabeledSpan("GPE", 0, 2)}
    >>> score_spans(gold, {LabeledSpan("GPE", 0, 3)}, PartialMatch())["GPE"].tp
    1
    >>> score_spans(gold, {LabeledSpan("GPE", 0, 3)}, StrictMatch())["GPE"].tp
    0
    """
    gold_set, pred_set = set(gold), set(pred)
    per_label: dict[str, PRFScore] = {}
    for span in gold_set:
        per_label.setdefault(span.label, PRFScore()).fn += 1
    for span in pred_set:
        per_label.setdefault(span.label, PRFScore()).fp += 1
    for g, _ in strategy.pairs(gold_set, pred_set):
        score = per_label[g.label]
        score.tp += 1
        score.fp -= 1
        score.fn -= 1
    return per_label


def _position(span: LabeledSpan) -> tuple[int, int, str]:
    return (span.start, span.end, span.label)
