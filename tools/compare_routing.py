"""What parsing only the sentences a stage reads changes in the output.

Runs ``extract_many`` (one process) over the same Wikinews articles twice: as shipped,
where sentences no stage reads the syntax of skip GiNZA's tok2vec, parser and
morphologizer (``jnews_extract.pipeline.plan_syntax``), and with every piece parsed whole
(``api.route_pieces`` replaced by one that marks every piece as needing syntax). Prints
the share of characters that went through the parser and how many entity mentions, time
values and event mentions are identical between the two. (Speed: ``make bench``; the two
runs here share one vocabulary, so the second runs warmer.)

Usage: ``.venv/bin/python tools/compare_routing.py [--articles 150]``
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import articles_and_pipeline

from jnews_extract import api, batch
from jnews_extract.pipeline import plan_syntax
from jnews_extract.schema import Extraction


def _parse_everything(nlp: object, clean: str, pieces: Sequence[api.Piece]) -> list[api.Piece]:
    return [api.Piece(p.start, p.end, needs_syntax=True) for p in pieces]


def _view(record: Extraction) -> dict[str, set[str]]:
    """The comparable facts of one record, each as a JSON string."""
    names = {e.id: e.name for e in record.entities}
    entities = {json.dumps([m.start, m.end, e.label]) for e in record.entities for m in e.mentions}
    times = {json.dumps([t.start, t.end, t.value]) for t in record.times}
    events = {
        json.dumps(
            [
                m.start,
                e.type,
                e.status.value,
                sorted([a.role, names.get(a.entity, a.entity)] for a in e.arguments),
            ],
            ensure_ascii=False,
        )
        for e in record.events
        for m in e.mentions
    }
    return {"entity mentions": entities, "time values": times, "event mentions": events}


def _run(texts: list[str]) -> list[dict[str, set[str]]]:
    return [_view(r) for r in batch.extract_many(texts)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run both ways and print the comparison."""
    texts, nlp = articles_and_pipeline(argv, __doc__.split("\n\n")[0])

    parsed = total = 0
    for text in texts:
        for run in plan_syntax(nlp, text):
            total += run.end - run.start
            parsed += (run.end - run.start) if run.needs_syntax else 0
    routed = _run(texts)
    shipped_route = batch.route_pieces
    batch.route_pieces = _parse_everything  # type: ignore[assignment]
    try:
        whole = _run(texts)
    finally:
        batch.route_pieces = shipped_route

    print(f"{len(texts)} articles, {total} characters")
    print(f"characters through the parser: {parsed / total:.1%}")
    for key in routed[0]:
        same = sum(len(r[key] & w[key]) for r, w in zip(routed, whole, strict=True))
        count_routed = sum(len(r[key]) for r in routed)
        count_whole = sum(len(w[key]) for w in whole)
        print(
            f"{key}: {same} identical of {count_whole} (whole) / {count_routed} (routed):"
            f" {same / max(count_whole, 1):.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
