"""The 434 ja-timex test cases (../shared/corpus/ja-timex-cases/cases.json).

Target: at least 95% exact value on the DATE/TIME/DURATION cases where the
project's conventions agree with ja-timex's; every case where they differ on
purpose is listed (resources/time/ja_timex_divergences.json) with the value our
conventions give, and we must give exactly that value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jnews_extract.times.evaluation import load_divergences, score_ja_timex_cases

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ja-timex-cases"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    path = CASES / "cases.json"
    if not path.exists():
        pytest.skip(f"ja-timex cases not found at {path}")
    return score_ja_timex_cases(path)


def test_all_434_cases_run(report: dict[str, Any]) -> None:
    assert report["cases"] == 434


def test_value_accuracy_on_date_time_duration_is_at_least_95_percent(
    report: dict[str, Any],
) -> None:
    assert report["value_agreed_date_time_duration"] >= 0.95, report["misses"]


@pytest.mark.parametrize("kind", ["DATE", "TIME", "DURATION"])
def test_each_main_type_is_at_least_95_percent(report: dict[str, Any], kind: str) -> None:
    assert report["value_agreed"][kind]["accuracy"] >= 0.95, report["misses"]


def test_every_declared_divergence_gives_the_declared_value(report: dict[str, Any]) -> None:
    wrong = [d for d in report["divergences"] if not d["as_declared"]]
    assert wrong == []


def test_every_declared_divergence_is_a_real_case(report: dict[str, Any]) -> None:
    declared = load_divergences()
    listed = sum(len(case["values"]) for case in declared["cases"].values())
    assert listed == len(report["divergences"])


def test_every_divergence_has_a_written_reason() -> None:
    declared = load_divergences()
    assert all(case["reason"] in declared["reasons"] for case in declared["cases"].values())


def test_raw_accuracy_is_reported_with_divergences_as_misses(report: dict[str, Any]) -> None:
    raw = report["value_date_time_duration"]
    agreed = report["value_agreed_date_time_duration"]
    assert 0.0 < raw < agreed <= 1.0
