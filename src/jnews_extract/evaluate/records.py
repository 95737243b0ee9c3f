"""Score one predicted :class:`Extraction` against the gold record of the same text.

Every choice the numbers depend on is written here.

Entities
    *Mentions* are the spans of every ``Entity.mentions`` item, labelled with
    their entity's label, compared as sets of ``(label, start, end)``. A span
    listed under two entities (両氏 for two persons) counts once.
    ``Mention.sentence`` is ignored. Strict = same label and offsets; partial =
    same label and overlapping offsets, one-to-one (see
    :mod:`jnews_extract.evaluate.strategies`). Reported per label and micro
    (pooled counts over all labels).

    *Alignment*: each predicted entity is aligned to the gold entity with the
    highest key ``(same label, number of overlapping mention pairs, overlapping
    characters)``; a gold entity of the same label therefore always wins over
    one of another label, and ties go to the gold entity listed first. An entity
    with no overlapping mention is unaligned. Alignment is many-to-one: two
    predicted halves of one gold entity both align to it.

    *Name accuracy* over aligned (predicted, gold) pairs: names equal after NFKC,
    case folding and removing spaces and the separators ``・ ･ = ＝ -``
    (ドナルド・トランプ = ドナルド トランプ; トランプ ≠ ドナルド・トランプ).
    *kb_id accuracy* over aligned pairs whose gold entity has a ``kb_id``: exact
    string equality (a missing predicted id is wrong).

Times
    Mention P/R/F1 on offsets alone, strict and partial (TempEval-3 style);
    ``times_per_type`` is strict on offsets and type. *Value accuracy* and *type
    accuracy* are computed on the one-to-one partial matches (a relaxed match, as
    TempEval-3 scores values), per gold type: the ``value`` strings must be equal.

Events (TextEE style)
    *Tri-I*: a predicted trigger mention (every ``Event.mentions`` span) is
    correct when its offsets equal those of any gold event mention. *Tri-C*:
    offsets and event type. Both are mention-level, so merging or splitting
    events does not change them; that cost shows in the argument scores.

    *Event matching*: each predicted event matches the gold event with the
    highest key ``(number of its trigger mentions overlapping a mention of the
    gold event, same type, overlapping characters)``, ties to the gold event
    listed first; no overlapping mention, no match. Many-to-one, like the
    entity alignment.

    *Arg-I*: the units are (event, entity) pairs from ``Event.arguments``, set
    semantics (an entity with two roles is one Arg-I unit). A predicted unit is
    correct when its event matches a gold event and its entity aligns to an
    entity that is an argument of that gold event. Each gold unit is credited
    once: ``tp`` = distinct gold units hit, ``fp`` = predicted units - ``tp``
    (a second prediction of the same gold unit is a false positive),
    ``fn`` = gold units - ``tp``. *Arg-C*: the units are (event, entity, role)
    and the role must be equal too; reported per role and micro. Like TextEE's
    Arg-I+/Arg-C+, a correct argument needs a correctly matched event; unlike
    them, the event type is not required (Tri-C measures it).

    *Attributes* on matched (predicted, gold) event pairs: ``status`` and
    ``negated`` equality over every matched pair; ``location`` and ``source``
    through the entity alignment and ``time`` by the ``value`` of the referred
    time expressions (not by id), each over the matched pairs where gold or
    prediction has a value (both empty is skipped, not counted as correct).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from jnews_extract.evaluate.metrics import (
    Accuracy,
    PRFScore,
    add_per_label,
    sum_scores,
)
from jnews_extract.evaluate.strategies import (
    LabeledSpan,
    PartialMatch,
    StrictMatch,
    overlap,
    score_spans,
    unlabeled,
)
from jnews_extract.schema import Event, Extraction, Mention, TimeExpression

_NAME_SEPARATORS = frozenset(" ・･=＝-‐")

ArgumentUnit = tuple[str, ...]
"""(event id, entity id) for Arg-I, (event id, entity id, role) for Arg-C."""


@dataclass
class ExtractionScore:
    """Addable counts of every metric for one document (or many, pooled with ``+``)."""

    ents_strict: dict[str, PRFScore] = field(default_factory=dict)
    ents_partial: dict[str, PRFScore] = field(default_factory=dict)
    ents_name: Accuracy = field(default_factory=Accuracy)
    ents_kb_id: Accuracy = field(default_factory=Accuracy)
    times_strict: PRFScore = field(default_factory=PRFScore)
    times_partial: PRFScore = field(default_factory=PRFScore)
    times_typed: dict[str, PRFScore] = field(default_factory=dict)
    times_value: dict[str, Accuracy] = field(default_factory=dict)
    times_type: Accuracy = field(default_factory=Accuracy)
    tri_i: PRFScore = field(default_factory=PRFScore)
    tri_c: dict[str, PRFScore] = field(default_factory=dict)
    arg_i: PRFScore = field(default_factory=PRFScore)
    arg_c: dict[str, PRFScore] = field(default_factory=dict)
    events_status: Accuracy = field(default_factory=Accuracy)
    events_negated: Accuracy = field(default_factory=Accuracy)
    events_location: Accuracy = field(default_factory=Accuracy)
    events_time: Accuracy = field(default_factory=Accuracy)
    events_source: Accuracy = field(default_factory=Accuracy)

    def __add__(self, other: ExtractionScore) -> ExtractionScore:
        merged: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, dict):
                merged[f.name] = add_per_label(mine, theirs)
            else:
                merged[f.name] = mine + theirs
        return ExtractionScore(**merged)

    def to_dict(self) -> dict[str, Any]:
        """Flat result keys in spaCy's style (``ents_p``, ``ents_per_type``, ``tri_c_f`` …).

        P/R/F values are None where there was nothing to score, accuracies None
        where no pair was compared. ``counts`` holds the raw numbers behind each.
        """
        result: dict[str, Any] = {}
        counts: dict[str, Any] = {}

        def prf(prefix: str, score: PRFScore) -> None:
            values = score.to_dict()
            for key in ("p", "r", "f"):
                result[f"{prefix}_{key}"] = values[key]
            counts[prefix] = score.counts()

        def per_label(key: str, table: Mapping[str, PRFScore]) -> None:
            result[key] = {label: table[label].to_dict() for label in sorted(table)}
            counts[key] = {label: table[label].counts() for label in sorted(table)}

        def accuracy(key: str, acc: Accuracy) -> None:
            result[key] = acc.value
            counts[key] = {"correct": acc.correct, "total": acc.total}

        prf("ents", sum_scores(self.ents_strict.values()))
        per_label("ents_per_type", self.ents_strict)
        prf("ents_partial", sum_scores(self.ents_partial.values()))
        per_label("ents_partial_per_type", self.ents_partial)
        accuracy("ents_name_acc", self.ents_name)
        accuracy("ents_kb_id_acc", self.ents_kb_id)
        prf("times", self.times_strict)
        prf("times_partial", self.times_partial)
        per_label("times_per_type", self.times_typed)
        pooled_value = Accuracy()
        for acc in self.times_value.values():
            pooled_value += acc
        accuracy("times_value_acc", pooled_value)
        result["times_value_acc_per_type"] = {
            label: self.times_value[label].value for label in sorted(self.times_value)
        }
        counts["times_value_acc_per_type"] = {
            label: {"correct": acc.correct, "total": acc.total}
            for label, acc in sorted(self.times_value.items())
        }
        accuracy("times_type_acc", self.times_type)
        prf("tri_i", self.tri_i)
        prf("tri_c", sum_scores(self.tri_c.values()))
        per_label("tri_c_per_type", self.tri_c)
        prf("arg_i", self.arg_i)
        prf("arg_c", sum_scores(self.arg_c.values()))
        per_label("arg_c_per_role", self.arg_c)
        accuracy("events_status_acc", self.events_status)
        accuracy("events_negated_acc", self.events_negated)
        accuracy("events_location_acc", self.events_location)
        accuracy("events_time_acc", self.events_time)
        accuracy("events_source_acc", self.events_source)
        result["counts"] = counts
        return result


def entity_mention_spans(record: Extraction) -> set[LabeledSpan]:
    """Every entity mention as ``(label, start, end)``."""
    return {
        LabeledSpan(entity.label.value, mention.start, mention.end)
        for entity in record.entities
        for mention in entity.mentions
    }


def time_spans(record: Extraction) -> set[LabeledSpan]:
    """Every time expression as ``(type, start, end)``."""
    return {LabeledSpan(time.type.value, time.start, time.end) for time in record.times}


def trigger_spans(record: Extraction) -> set[LabeledSpan]:
    """Every event trigger mention as ``(event type, start, end)``."""
    return {
        LabeledSpan(event.type, mention.start, mention.end)
        for event in record.events
        for mention in event.mentions
    }


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, without spaces and separators.

    >>> normalize_name("ドナルド・トランプ") == normalize_name("ドナルド トランプ")
    True
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch not in _NAME_SEPARATORS and not ch.isspace())


def _mention_overlap(pred: Iterable[Mention], gold: Iterable[Mention]) -> tuple[int, int, int]:
    """(predicted mentions overlapping any gold mention, overlapping pairs, shared characters)."""
    gold_spans = [LabeledSpan("", m.start, m.end) for m in gold]
    mentions_hit = pairs = chars = 0
    for m in pred:
        span = LabeledSpan("", m.start, m.end)
        shared = [overlap(span, g) for g in gold_spans]
        hits = sum(1 for n in shared if n > 0)
        mentions_hit += int(hits > 0)
        pairs += hits
        chars += sum(shared)
    return mentions_hit, pairs, chars


def align_entities(gold: Extraction, pred: Extraction) -> dict[str, str]:
    """Map predicted entity ids to gold entity ids by mention overlap, same label preferred.

    Many-to-one; predicted entities that overlap no gold mention are left out.
    """
    alignment: dict[str, str] = {}
    for p in pred.entities:
        best_key: tuple[bool, int, int] | None = None
        for g in gold.entities:
            _, pairs, chars = _mention_overlap(p.mentions, g.mentions)
            if pairs == 0:
                continue
            key = (g.label == p.label, pairs, chars)
            if best_key is None or key > best_key:
                best_key = key
                alignment[p.id] = g.id
    return alignment


def match_events(gold: Extraction, pred: Extraction) -> dict[str, str]:
    """Map predicted event ids to the gold event with the most overlapping trigger mentions.

    Ties go to the gold event of the same type, then to more shared characters,
    then to the gold event listed first. Many-to-one.
    """
    matching: dict[str, str] = {}
    for p in pred.events:
        best_key: tuple[int, bool, int] | None = None
        for g in gold.events:
            hit, _, chars = _mention_overlap(p.mentions, g.mentions)
            if hit == 0:
                continue
            key = (hit, g.type == p.type, chars)
            if best_key is None or key > best_key:
                best_key = key
                matching[p.id] = g.id
    return matching


def score_extraction(gold: Extraction, pred: Extraction) -> ExtractionScore:
    """Score ``pred`` against ``gold`` (the same text): entities, times and events.

    Raises:
        ValueError: if the two records are not of the same text.
    """
    if gold.text != pred.text:
        raise ValueError(
            "gold and predicted records are of different texts "
            f"({len(gold.text)} vs {len(pred.text)} characters); score records of the same text"
        )
    score = ExtractionScore()
    alignment = align_entities(gold, pred)
    _score_entities(gold, pred, alignment, score)
    _score_times(gold, pred, score)
    _score_events(gold, pred, alignment, score)
    return score


def _score_entities(
    gold: Extraction, pred: Extraction, alignment: Mapping[str, str], score: ExtractionScore
) -> None:
    gold_spans, pred_spans = entity_mention_spans(gold), entity_mention_spans(pred)
    score.ents_strict = score_spans(gold_spans, pred_spans, StrictMatch())
    score.ents_partial = score_spans(gold_spans, pred_spans, PartialMatch())
    gold_by_id = {entity.id: entity for entity in gold.entities}
    for pred_entity in pred.entities:
        gold_id = alignment.get(pred_entity.id)
        if gold_id is None:
            continue
        gold_entity = gold_by_id[gold_id]
        score.ents_name.add(normalize_name(pred_entity.name) == normalize_name(gold_entity.name))
        if gold_entity.kb_id is not None:
            score.ents_kb_id.add(pred_entity.kb_id == gold_entity.kb_id)


def _score_times(gold: Extraction, pred: Extraction, score: ExtractionScore) -> None:
    gold_spans, pred_spans = time_spans(gold), time_spans(pred)
    score.times_strict = sum_scores(
        score_spans(unlabeled(gold_spans), unlabeled(pred_spans), StrictMatch()).values()
    )
    score.times_partial = sum_scores(
        score_spans(unlabeled(gold_spans), unlabeled(pred_spans), PartialMatch()).values()
    )
    score.times_typed = score_spans(gold_spans, pred_spans, StrictMatch())
    gold_at = _first_by_offsets(gold.times)
    pred_at = _first_by_offsets(pred.times)
    for g_span, p_span in PartialMatch().pairs(unlabeled(gold_spans), unlabeled(pred_spans)):
        g_time = gold_at[(g_span.start, g_span.end)]
        p_time = pred_at[(p_span.start, p_span.end)]
        score.times_value.setdefault(g_time.type.value, Accuracy()).add(
            p_time.value.strip() == g_time.value.strip()
        )
        score.times_type.add(p_time.type == g_time.type)


def _first_by_offsets(times: Iterable[TimeExpression]) -> dict[tuple[int, int], TimeExpression]:
    found: dict[tuple[int, int], TimeExpression] = {}
    for time in times:
        found.setdefault((time.start, time.end), time)
    return found


def _score_events(
    gold: Extraction, pred: Extraction, entity_alignment: Mapping[str, str], score: ExtractionScore
) -> None:
    gold_triggers, pred_triggers = trigger_spans(gold), trigger_spans(pred)
    score.tri_i = sum_scores(
        score_spans(unlabeled(gold_triggers), unlabeled(pred_triggers), StrictMatch()).values()
    )
    score.tri_c = score_spans(gold_triggers, pred_triggers, StrictMatch())

    event_matching = match_events(gold, pred)

    gold_units: set[ArgumentUnit] = {
        (e.id, a.entity, a.role) for e in gold.events for a in e.arguments
    }
    pred_units: set[ArgumentUnit] = {
        (e.id, a.entity, a.role) for e in pred.events for a in e.arguments
    }

    def to_gold(unit: ArgumentUnit) -> ArgumentUnit | None:
        """(pred event, pred entity, …) → (gold event, gold entity, …), or None."""
        event_id, entity_id, *rest = unit
        gold_event, gold_entity = event_matching.get(event_id), entity_alignment.get(entity_id)
        if gold_event is None or gold_entity is None:
            return None
        return (gold_event, gold_entity, *rest)

    score.arg_i = _units_score(
        {unit[:2] for unit in gold_units}, {unit[:2] for unit in pred_units}, to_gold
    )
    for role in sorted({unit[2] for unit in gold_units | pred_units}):
        score.arg_c[role] = _units_score(
            {unit for unit in gold_units if unit[2] == role},
            {unit for unit in pred_units if unit[2] == role},
            to_gold,
        )

    gold_events = {event.id: event for event in gold.events}
    gold_time_values = {time.id: time.value.strip() for time in gold.times}
    pred_time_values = {time.id: time.value.strip() for time in pred.times}
    for pred_event in pred.events:
        gold_id = event_matching.get(pred_event.id)
        if gold_id is None:
            continue
        gold_event = gold_events[gold_id]
        score.events_status.add(pred_event.status == gold_event.status)
        score.events_negated.add(pred_event.negated == gold_event.negated)
        _add_reference(
            score.events_location,
            gold_event.location,
            pred_event.location,
            entity_alignment,
        )
        _add_reference(score.events_source, gold_event.source, pred_event.source, entity_alignment)
        _add_time(score.events_time, gold_event, pred_event, gold_time_values, pred_time_values)


def _units_score(
    gold_units: set[ArgumentUnit],
    pred_units: set[ArgumentUnit],
    to_gold: Callable[[ArgumentUnit], ArgumentUnit | None],
) -> PRFScore:
    """tp = distinct gold units hit by a predicted unit translated into gold ids."""
    hits = {mapped for unit in pred_units if (mapped := to_gold(unit)) in gold_units}
    tp = len(hits)
    return PRFScore(tp=tp, fp=len(pred_units) - tp, fn=len(gold_units) - tp)


def _add_reference(
    acc: Accuracy, gold_id: str | None, pred_id: str | None, alignment: Mapping[str, str]
) -> None:
    if gold_id is None and pred_id is None:
        return
    acc.add(pred_id is not None and alignment.get(pred_id) == gold_id)


def _add_time(
    acc: Accuracy,
    gold_event: Event,
    pred_event: Event,
    gold_values: Mapping[str, str],
    pred_values: Mapping[str, str],
) -> None:
    if gold_event.time is None and pred_event.time is None:
        return
    gold_value = gold_values.get(gold_event.time) if gold_event.time else None
    pred_value = pred_values.get(pred_event.time) if pred_event.time else None
    acc.add(gold_value is not None and gold_value == pred_value)
