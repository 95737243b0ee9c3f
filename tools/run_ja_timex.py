"""Run ja-timex on a batch of texts (JSON in, JSON out), for tools/compare_ja_timex.py.

ja-timex pins a pre-release pendulum, so it lives in its own virtual environment,
not in the project's dependencies:

    python -m venv /tmp/jatimex-venv && /tmp/jatimex-venv/bin/pip install ja-timex
    /tmp/jatimex-venv/bin/python tools/run_ja_timex.py in.json out.json

Input: a list of {"text": str, "reference": "YYYY-MM-DD" | null}. Output: per text,
{"seconds": float, "mentions": [{text, span, type, value, mod, resolved}]}, where
``resolved`` is ja-timex's own ``to_datetime()`` against the reference (its way of
resolving a partial or relative value), or null.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date

import pendulum
from ja_timex import TimexParser


def main(source: str, target: str) -> None:
    """Parse every text of ``source`` and write what ja-timex finds to ``target``."""
    with open(source, encoding="utf-8") as handle:
        items = json.load(handle)
    parsers: dict[str | None, TimexParser] = {}
    results = []
    for item in items:
        reference = item.get("reference")
        if reference not in parsers:
            if reference is None:
                parsers[reference] = TimexParser()
            else:
                day = date.fromisoformat(reference)
                when = pendulum.datetime(day.year, day.month, day.day, tz="Asia/Tokyo")
                parsers[reference] = TimexParser(reference=when)
        parser = parsers[reference]
        start = time.perf_counter()
        found = parser.parse(item["text"])
        seconds = time.perf_counter() - start
        mentions = []
        for timex in found:
            resolved = None
            if reference is not None:
                try:
                    moment = timex.to_datetime()
                    resolved = moment.isoformat() if moment is not None else None
                except Exception:  # ja-timex raises on values it cannot place
                    resolved = None
            mentions.append(
                {
                    "text": timex.text,
                    "span": list(timex.span),
                    "type": timex.type,
                    "value": timex.value,
                    "mod": timex.mod,
                    "resolved": resolved,
                }
            )
        results.append({"seconds": seconds, "mentions": mentions})
    with open(target, "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
