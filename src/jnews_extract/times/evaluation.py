"""Score the time stage on the ja-timex test cases (``corpus/ja-timex-cases/cases.json``).

Each case is one text from ja-timex's public test suite with what that library
expects (``value``, ``type``, ``mod``, ``text``, ``count``, or per-mention
``"0"``, ``"1"``...). We run :func:`~jnews_extract.times.analyze_text` on the text
and compare.

Reference date: every case has ``reference: null`` and ja-timex's expectations
are written without one (``XXXX-07-18``), so we run with ``reference=None`` —
the same setting: nothing is resolved against a date the case does not give. A
case that carries a reference date is run with it.

Notation: ja-timex writes unknown fields as ``2021-07-XX`` and times as
``T23-59-XX``; TIMEX3 (and this library) write ``2021-07`` and ``T23:59``, with an
unknown date before a time as ``XXXX-XX-XXT23:59``. :func:`canonical_value` maps
both to one notation before comparing; this changes no meaning.

Conventions: where the project's conventions (CONVENTIONS.md, Times) differ on
purpose from ja-timex's — 先週 is a week, not P1W; 3日前 a date, not a duration;
半年 P6M; kanji numerals are read — the case is listed in
``resources/time/ja_timex_divergences.json`` with our value and the reason. Such
cases are reported apart: ``value_accuracy`` counts them as misses,
``value_accuracy_agreed`` leaves them out, and ``divergences`` shows each one
with whether we produce the value we declare.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from jnews_extract.errors import ResourceError

_JATIMEX_TIME = re.compile(r"^T(\d\d|XX)-(\d\d|XX)-(\d\d|XX)$")
_JATIMEX_DATE = re.compile(r"^(\d{4}|XXXX)-(\d\d|XX)-(\d\d|XX)$")

REFERENCE_POLICY = (
    "reference=None for every case: all 434 cases have reference null and ja-timex's "
    "expected values are unresolved (XXXX-07-18), so nothing is resolved against a date "
    "the case does not give; a case with a reference would be run with it."
)


def canonical_value(value: str) -> str:
    """One notation for ja-timex and TIMEX3 values (2021-07-XX → 2021-07, T23-59-XX → T23:59)."""
    time = _JATIMEX_TIME.match(value)
    if time:
        hour, minute, second = time.groups()
        text = f"T{hour}:{'00' if minute == 'XX' and hour != 'XX' else minute}"
        return text + (f":{second}" if second != "XX" else "")
    day = _JATIMEX_DATE.match(value)
    if day:
        year, month, day_text = day.groups()
        if day_text != "XX":
            return value
        return year if month == "XX" else f"{year}-{month}"
    if value.startswith("XXXX-XX-XXT"):
        return value[len("XXXX-XX-XX") :]
    return value


def _our_value(value: str) -> str:
    """Our value in the comparison notation (only the unknown date before a time differs)."""
    return value[len("XXXX-XX-XX") :] if value.startswith("XXXX-XX-XXT") else value


def _case_type(case: dict[str, Any], target: dict[str, Any]) -> str:
    """The TIMEX3 type a case is about: given, else from the tagger and the value."""
    if "type" in target:
        return str(target["type"])
    if case["parser"] == "SetTagger":
        return "SET"
    value = str(target.get("value", ""))
    if value.startswith("P"):
        return "DURATION"
    if value.startswith("T"):
        return "TIME"
    return "DATE"


def _targets(expect: dict[str, Any]) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
    """Per-mention expectations (index, dict) and the expected count, if any."""
    indexed = sorted((int(k), v) for k, v in expect.items() if k.isdigit())
    count = expect.get("count")
    if indexed or count is not None:
        return indexed, None if count is None else int(count)
    return [(0, expect)], None


def load_divergences() -> dict[str, Any]:
    """The declared convention differences (``resources/time/ja_timex_divergences.json``)."""
    path = resources.files("jnews_extract") / "resources" / "time" / "ja_timex_divergences.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ResourceError(f"cannot read {path}: {error}") from error
    return data


def _case_key(case: dict[str, Any]) -> str:
    return f"{case['test']}|{case['text']}"


def _accuracy(counter: Counter[str], total: Counter[str]) -> dict[str, dict[str, float | int]]:
    return {
        kind: {
            "n": total[kind],
            "correct": counter[kind],
            "accuracy": round(counter[kind] / total[kind], 4) if total[kind] else 0.0,
        }
        for kind in sorted(total)
    }


@dataclass(frozen=True)
class Prediction:
    """One expression a system found: surface, TIMEX3 type, value and mod."""

    text: str
    type: str
    value: str
    mod: str | None


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The ja-timex cases file as a list of dicts."""
    try:
        cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ResourceError(f"cannot read the ja-timex cases {path}: {error}") from error
    return cases


def case_reference(case: dict[str, Any]) -> date | None:
    """The reference date a case gives (all 434 give none)."""
    given = case.get("reference")
    return date.fromisoformat(str(given)[:10]) if given else None


def score_ja_timex_cases(path: Path) -> dict[str, object]:
    """Run the ja-timex cases and return value accuracy by type, overall, and the divergences.

    Keys: ``cases``, ``reference_policy``, ``value`` (per type: n/correct/accuracy,
    divergences counted as misses), ``value_overall``, ``value_date_time_duration``,
    ``value_agreed`` / ``value_agreed_overall`` / ``value_agreed_date_time_duration``
    (divergences left out), ``checks`` (type/mod/text/count accuracy on the cases that
    state them), ``divergences`` (each with ja-timex's value, ours, the declared value,
    ``as_declared`` and the reason), ``divergence_reasons``, ``misses`` (agreed cases
    we fail).
    """
    from jnews_extract.times import analyze_text

    cases = load_cases(path)
    predictions = [
        [
            Prediction(m.text, m.type, _our_value(m.value), m.mod)
            for m in analyze_text(case["text"], case_reference(case))
        ]
        for case in cases
    ]
    return score_predictions(cases, predictions)


def score_predictions(
    cases: list[dict[str, Any]], predictions: list[list[Prediction]]
) -> dict[str, object]:
    """Score one system's predictions (values already in comparison notation) on the cases."""
    declared = load_divergences()
    declared_cases: dict[str, dict[str, Any]] = declared["cases"]
    reasons: dict[str, str] = declared["reasons"]

    value_total: Counter[str] = Counter()
    value_correct: Counter[str] = Counter()
    agreed_total: Counter[str] = Counter()
    agreed_correct: Counter[str] = Counter()
    check_total: Counter[str] = Counter()
    check_correct: Counter[str] = Counter()
    divergences: list[dict[str, object]] = []
    misses: list[dict[str, object]] = []

    for index, (case, mentions) in enumerate(zip(cases, predictions, strict=True)):
        targets, count = _targets(case["expect"])
        if count is not None:
            check_total["count"] += 1
            check_correct["count"] += len(mentions) == count
        divergence = declared_cases.get(_case_key(case))
        declared_values: dict[str, Any] = divergence["values"] if divergence else {}
        for position, target in targets:
            mention = mentions[position] if position < len(mentions) else None
            for field in ("type", "mod", "text"):
                if field in target:
                    check_total[field] += 1
                    got = getattr(mention, field) if mention else None
                    check_correct[field] += got == target[field]
            if "value" not in target:
                continue
            kind = _case_type(case, target)
            ours = mention.value if mention else None
            expected = canonical_value(str(target["value"]))
            correct = ours == expected
            value_total[kind] += 1
            value_correct[kind] += correct
            if str(position) in declared_values:
                declared_value = declared_values[str(position)]
                divergences.append(
                    {
                        "case": index,
                        "text": case["text"],
                        "type": kind,
                        "ja_timex": target["value"],
                        "ours": ours,
                        "declared": declared_value,
                        "as_declared": ours == _our_value(str(declared_value))
                        if declared_value is not None
                        else ours is None,
                        "reason": divergence["reason"] if divergence else "",
                    }
                )
                continue
            agreed_total[kind] += 1
            agreed_correct[kind] += correct
            if not correct:
                miss = {"case": index, "text": case["text"], "type": kind}
                misses.append({**miss, "expected": expected, "ours": ours})

    def overall(correct: Counter[str], total: Counter[str], kinds: tuple[str, ...]) -> float:
        n = sum(total[k] for k in kinds)
        return round(sum(correct[k] for k in kinds) / n, 4) if n else 0.0

    main_types = ("DATE", "TIME", "DURATION")
    return {
        "cases": len(cases),
        "reference_policy": REFERENCE_POLICY,
        "value": _accuracy(value_correct, value_total),
        "value_overall": overall(value_correct, value_total, tuple(value_total)),
        "value_date_time_duration": overall(value_correct, value_total, main_types),
        "value_agreed": _accuracy(agreed_correct, agreed_total),
        "value_agreed_overall": overall(agreed_correct, agreed_total, tuple(agreed_total)),
        "value_agreed_date_time_duration": overall(agreed_correct, agreed_total, main_types),
        "checks": _accuracy(check_correct, check_total),
        "divergences": divergences,
        "divergence_reasons": reasons,
        "misses": misses,
    }
