"""Measure ja-timex against our time tagger: the 434 ja-timex cases, our table, speed.

The base of the time stage was chosen with these numbers (docs/time.md). ja-timex
runs in its own virtual environment (it pins a pre-release pendulum), called
through tools/run_ja_timex.py:

    python -m venv /tmp/jatimex-venv && /tmp/jatimex-venv/bin/pip install ja-timex
    .venv/bin/python tools/compare_ja_timex.py --ja-timex-python /tmp/jatimex-venv/bin/python

What is compared:
1. the ja-timex cases, both systems through the same scorer
   (jnews_extract.times.evaluation.score_predictions, ja-timex values mapped to the
   TIMEX3 notation with canonical_value);
2. our table (tests/test_times.py: the Wikinews sentences and the seed article,
   each with its reference date): a case counts when the system tags an expression
   starting where the expected one starts and its value equals the expected value.
   ja-timex's partial and relative values are first resolved with its own
   ``to_datetime()`` against the same reference (XXXX-XX-14 → 2011-01-14 at the
   granularity ja-timex wrote), its best reading;
3. speed of the text-only taggers on the same Wikinews articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from jnews_extract.times import analyze_text  # noqa: E402
from jnews_extract.times.evaluation import (  # noqa: E402
    Prediction,
    canonical_value,
    case_reference,
    load_cases,
    score_predictions,
)
from jnews_extract.times.tagger import default_patterns, find_time_expressions  # noqa: E402


def run_ja_timex(python: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run tools/run_ja_timex.py in ja-timex's environment on ``items``."""
    with tempfile.TemporaryDirectory() as directory:
        source, target = Path(directory) / "in.json", Path(directory) / "out.json"
        source.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        subprocess.run(
            [python, str(ROOT / "tools" / "run_ja_timex.py"), str(source), str(target)], check=True
        )
        results: list[dict[str, Any]] = json.loads(target.read_text(encoding="utf-8"))
    return results


def ja_timex_best_value(mention: dict[str, Any]) -> str:
    """ja-timex's value in TIMEX3 notation, partial fields filled by its own to_datetime()."""
    value = str(mention["value"])
    resolved = mention.get("resolved")
    if not resolved:
        return canonical_value(value)
    day = resolved[:10]
    if mention["mod"] in ("BEFORE", "AFTER", "NOW") and value.startswith("P"):
        return day  # 先週 → the day seven days before: ja-timex's reading of a relative word
    if "X" in value and not value.startswith("P"):
        written = canonical_value(value)  # XXXX-08-30, XXXX-XX-14, XXXX-12
        return day if written.count("-") == 2 else day[:7] if written.count("-") == 1 else day[:4]
    return canonical_value(value)


def score_cases(python: str) -> dict[str, Any]:
    cases = load_cases(SHARED / "corpus" / "ja-timex-cases" / "cases.json")
    ours = [
        [
            Prediction(m.text, m.type, m.value, m.mod)
            for m in analyze_text(c["text"], case_reference(c))
        ]
        for c in cases
    ]
    for predictions in ours:
        for index, p in enumerate(predictions):
            if p.value.startswith("XXXX-XX-XXT"):
                predictions[index] = Prediction(p.text, p.type, p.value[10:], p.mod)
    items = [{"text": c["text"], "reference": None} for c in cases]
    theirs = [
        [
            Prediction(m["text"], m["type"], canonical_value(str(m["value"])), m["mod"])
            for m in r["mentions"]
        ]
        for r in run_ja_timex(python, items)
    ]
    keys = (
        "value",
        "value_date_time_duration",
        "value_agreed",
        "value_agreed_date_time_duration",
        "checks",
    )
    return {
        "ours": {k: score_predictions(cases, ours)[k] for k in keys},
        "ja_timex": {k: score_predictions(cases, theirs)[k] for k in keys},
    }


def load_table() -> list[tuple[str, str, date | None, str, int, str, str]]:
    """Our hand-checked table: Wikinews sentences plus the seed article's dates."""
    spec = importlib.util.spec_from_file_location("test_times", ROOT / "tests" / "test_times.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = [(c[0], c[1], c[2], c[3], c[4], c[5], c[6]) for c in module.WIKINEWS_CASES]
    seed = module.SEED.read_text(encoding="utf-8")
    table += [
        ("seed", seed, module.SEED_REFERENCE, c[0], c[1], c[2], c[3]) for c in module.SEED_CASES
    ]
    return table


def nth_start(text: str, surface: str, nth: int) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start


def score_table(python: str, nlp_name: str | None) -> dict[str, Any]:
    import spacy

    nlp = spacy.load(nlp_name) if nlp_name else None
    table = load_table()
    snippets = sorted({(c[1], c[2]) for c in table}, key=lambda s: (s[0], str(s[1])))
    ours_by_snippet = {(t, r): analyze_text(t, r, nlp) for t, r in snippets}
    items = [{"text": t, "reference": r.isoformat() if r else None} for t, r in snippets]
    theirs_by_snippet = dict(zip(snippets, run_ja_timex(python, items), strict=True))
    counts = {"cases": len(table), "ours": 0, "ja_timex": 0, "ja_timex_span": 0}
    failures: list[dict[str, Any]] = []
    for article, text, reference, surface, nth, _type, value in table:
        # where the expected expression starts: the nth mention with that surface, as the
        # test locates it (the test checks that span), else the nth occurrence in the text
        ours = [m for m in ours_by_snippet[(text, reference)] if m.text == surface]
        start = ours[nth].start if len(ours) > nth else nth_start(text, surface, nth)
        ours = [m for m in ours if m.start == start]
        theirs = [
            m for m in theirs_by_snippet[(text, reference)]["mentions"] if m["span"][0] == start
        ]
        counts["ours"] += bool(ours) and ours[0].value == value
        their_value = ja_timex_best_value(theirs[0]) if theirs else None
        counts["ja_timex"] += their_value == value
        counts["ja_timex_span"] += bool(theirs) and theirs[0]["span"][1] - start == len(surface)
        if their_value != value:
            failures.append(
                {"article": article, "surface": surface, "expected": value, "ja_timex": their_value}
            )
    return {**counts, "ja_timex_failures": failures}


def time_taggers(python: str, articles: int) -> dict[str, float]:
    texts = []
    with (SHARED / "corpus" / "wikinews" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if len(texts) >= articles:
                break
    patterns = default_patterns()
    start = time.perf_counter()
    for text in texts:
        find_time_expressions(text, patterns)
    ours = time.perf_counter() - start
    results = run_ja_timex(python, [{"text": t, "reference": None} for t in texts])
    return {
        "articles": len(texts),
        "characters": sum(len(t) for t in texts),
        "ours_seconds": round(ours, 3),
        "ja_timex_seconds": round(sum(r["seconds"] for r in results), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ja-timex-python", default="/tmp/jatimex-venv/bin/python")
    parser.add_argument("--nlp", default="ja_ginza", help="spaCy pipeline for tense (our side)")
    parser.add_argument("--articles", type=int, default=300, help="Wikinews articles to time")
    args = parser.parse_args()
    report = {
        "ja_timex_cases": score_cases(args.ja_timex_python),
        "our_table": score_table(args.ja_timex_python, args.nlp),
        "speed": time_taggers(args.ja_timex_python, args.articles),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
