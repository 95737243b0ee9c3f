"""Error classes behind the scores, with examples, to say which error costs the most.

For one (gold, predicted) pair of records of the same text:

- entity mentions (strict): ``missed`` (no predicted mention overlaps it),
  ``boundary`` (an overlapping mention with the same label but other offsets),
  ``label`` (the same offsets with another label), ``boundary+label``, and
  ``spurious`` (a predicted mention that overlaps no gold mention);
- trigger mentions: ``missed``, ``spurious``, ``type`` (same offsets, other type);
- time expressions: ``missed``, ``spurious``, ``value`` (matched, other value);
- arguments (Arg-C units through the alignments): ``missed`` and ``spurious``;
- event status on matched events: ``gold → predicted``.

The external NER sets use :func:`span_errors` on each sentence (kind ``entities``).

Each example is a short string quoting the text, e.g. ``米 (GPE)`` or
``MEETING 会談: participant ロシア``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jnews_extract.evaluate.records import (
    align_entities,
    entity_mention_spans,
    match_events,
    trigger_spans,
)
from jnews_extract.evaluate.strategies import LabeledSpan, overlap
from jnews_extract.schema import Extraction


@dataclass
class ErrorReport:
    """Counts of error classes per kind (``entities``, ``triggers`` …) with examples."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, kind: str, error_class: str, example: str) -> None:
        """Count one error and keep its example."""
        self.counts.setdefault(kind, Counter())[error_class] += 1
        self.examples.setdefault(kind, {}).setdefault(error_class, []).append(example)

    def __add__(self, other: ErrorReport) -> ErrorReport:
        merged = ErrorReport()
        for report in (self, other):
            for kind, examples in report.examples.items():
                for error_class, items in examples.items():
                    for item in items:
                        merged.add(kind, error_class, item)
        return merged


def diagnose(gold: Extraction, pred: Extraction) -> ErrorReport:
    """Classify every error of ``pred`` against ``gold``."""
    report = ErrorReport()
    _entity_errors(gold, pred, report)
    span_errors(
        "triggers",
        gold.text,
        trigger_spans(gold),
        trigger_spans(pred),
        report,
        mismatch="type",
    )
    _time_errors(gold, pred, report)
    _argument_errors(gold, pred, report)
    return report


def _quote(text: str, span: LabeledSpan) -> str:
    return f"{text[span.start : span.end]} ({span.label})"


def _entity_errors(gold: Extraction, pred: Extraction, report: ErrorReport) -> None:
    span_errors(
        "entities",
        gold.text,
        entity_mention_spans(gold),
        entity_mention_spans(pred),
        report,
        mismatch="label",
    )


def span_errors(
    kind: str,
    text: str,
    gold_spans: set[LabeledSpan],
    pred_spans: set[LabeledSpan],
    report: ErrorReport,
    *,
    mismatch: str,
) -> None:
    """Classify the span errors of one text into ``report`` under ``kind``.

    ``mismatch`` names the error of same offsets, other label ("label" or "type").
    """
    exact = gold_spans & pred_spans
    for g in sorted(gold_spans - exact, key=lambda s: (s.start, s.end)):
        overlapping = [p for p in pred_spans if overlap(g, p) > 0]
        if not overlapping:
            report.add(kind, "missed", _quote(text, g))
            continue
        same_offsets = [p for p in overlapping if (p.start, p.end) == (g.start, g.end)]
        same_label = [p for p in overlapping if p.label == g.label]
        if same_offsets:
            error_class, p = mismatch, same_offsets[0]
        elif same_label:
            error_class, p = "boundary", same_label[0]
        else:
            error_class, p = f"boundary+{mismatch}", overlapping[0]
        report.add(kind, error_class, f"{_quote(text, g)} → {_quote(text, p)}")
    for p in sorted(pred_spans - exact, key=lambda s: (s.start, s.end)):
        if not any(overlap(g, p) > 0 for g in gold_spans):
            report.add(kind, "spurious", _quote(text, p))


def _time_errors(gold: Extraction, pred: Extraction, report: ErrorReport) -> None:
    for g in gold.times:
        matches = [p for p in pred.times if min(g.end, p.end) > max(g.start, p.start)]
        if not matches:
            report.add("times", "missed", f"{g.text} = {g.value}")
        elif all(p.value != g.value for p in matches):
            report.add("times", "value", f"{g.text}: {g.value} → {matches[0].value}")
    for p in pred.times:
        if not any(min(g.end, p.end) > max(g.start, p.start) for g in gold.times):
            report.add("times", "spurious", f"{p.text} = {p.value}")


def _argument_errors(gold: Extraction, pred: Extraction, report: ErrorReport) -> None:
    alignment = align_entities(gold, pred)
    matching = match_events(gold, pred)
    gold_names = {e.id: e.name for e in gold.entities}
    pred_names = {e.id: e.name for e in pred.entities}
    gold_events = {v.id: v for v in gold.events}

    def describe(event_type: str, trigger: str, role: str, name: str) -> str:
        return f"{event_type} {trigger}: {role} {name}"

    hit: set[tuple[str, str, str]] = set()
    for p in pred.events:
        gold_id = matching.get(p.id)
        trigger = p.mentions[0].text if p.mentions else "?"
        gold_event = gold_events.get(gold_id) if gold_id else None
        gold_units = (
            {(a.entity, a.role) for a in gold_event.arguments}
            if gold_event
            else set[tuple[str, str]]()
        )
        for argument in p.arguments:
            unit = (alignment.get(argument.entity, ""), argument.role)
            if gold_event is not None and unit in gold_units:
                hit.add((gold_event.id, *unit))
            else:
                name = pred_names.get(argument.entity, argument.entity)
                report.add("arguments", "spurious", describe(p.type, trigger, argument.role, name))
        if gold_event is not None and p.status != gold_event.status:
            report.add(
                "status",
                f"{gold_event.status.value} → {p.status.value}",
                f"{gold_event.type} {trigger}",
            )
    for v in gold.events:
        trigger = v.mentions[0].text if v.mentions else "?"
        for argument in v.arguments:
            if (v.id, argument.entity, argument.role) not in hit:
                name = gold_names.get(argument.entity, argument.entity)
                report.add("arguments", "missed", describe(v.type, trigger, argument.role, name))


def summarize(
    report: ErrorReport, *, kinds: Iterable[str] | None = None, examples: int = 8
) -> dict[str, dict[str, dict[str, Any]]]:
    """``{kind: {error class: {"count", "examples"}}}``, most frequent class first."""
    wanted = set(kinds) if kinds is not None else None
    return {
        kind: {
            error_class: {
                "count": count,
                "examples": top_examples(report.examples[kind][error_class], examples),
            }
            for error_class, count in counts.most_common()
        }
        for kind, counts in report.counts.items()
        if wanted is None or kind in wanted
    }


def top_examples(items: Iterable[str], n: int = 5) -> list[str]:
    """The ``n`` most frequent examples, with their count when above one."""
    return [
        f"{item} ×{count}" if count > 1 else item for item, count in Counter(items).most_common(n)
    ]
