"""Where ``extract()``'s time goes, stage by stage, on Wikinews articles.

Plans the pieces of each article as ``extract()`` does (``api.route_pieces``: one
tokenization, sentence runs marked as needing the parse or not), then runs every
component of the pipeline by hand over all the docs that take it (``heavy`` = runs that
need the parse, ``light`` = the others), then the article stages and the assembler, and
prints the seconds of each step. One process, wall-clock time; the host's speed varies,
so read the shares rather than the seconds.

Usage: ``.venv/bin/python tools/time_stages.py [--articles 150]``
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import articles_and_pipeline

from jnews_extract import api
from jnews_extract.pipeline import (
    ARTICLE_STAGES,
    mark_sentences,
    syntax_components,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Time each step over the articles and print the table."""
    texts, nlp = articles_and_pipeline(argv, __doc__.split("\n\n")[0])
    seconds: Counter[str] = Counter()

    articles = []
    for text in texts:
        checked, clean, page, pieces = api.prepare(text, None)
        start = time.perf_counter()
        routed = api.route_pieces(nlp, clean, pieces)
        seconds["tokenize and plan (route_pieces)"] += time.perf_counter() - start
        articles.append((checked, clean, page, routed))

    skipped = set(syntax_components(nlp))
    docs = {
        kind: [
            p.input(clean)
            for _, clean, _, routed in articles
            for p in routed
            if p.needs_syntax is need
        ]
        for kind, need in (("heavy", True), ("light", False))
    }
    docs["light"] = [mark_sentences(doc) for doc in docs["light"]]
    for name, component in nlp.pipeline:
        if name in ARTICLE_STAGES:
            continue
        for kind in ("heavy", "light"):
            if kind == "light" and name in skipped:
                continue
            start = time.perf_counter()
            if hasattr(component, "pipe"):
                docs[kind] = list(component.pipe(docs[kind], batch_size=16))
            else:
                docs[kind] = [component(doc) for doc in docs[kind]]
            seconds[f"{name} ({kind})"] += time.perf_counter() - start

    heavy, light = iter(docs["heavy"]), iter(docs["light"])
    for checked, _, page, routed in articles:
        article_docs = [next(heavy) if p.needs_syntax else next(light) for p in routed]
        start = time.perf_counter()
        api.run_article_stages(nlp, routed, article_docs)
        seconds["events (article stage)"] += time.perf_counter() - start
        start = time.perf_counter()
        api.assemble_article(checked, page, routed, article_docs, None)
        seconds["assemble"] += time.perf_counter() - start

    total = sum(seconds.values())
    print(f"{len(texts)} articles; {len(docs['heavy'])} heavy and {len(docs['light'])} light docs")
    print("| step | seconds | share |\n| --- | ---: | ---: |")
    for step, value in seconds.most_common():
        print(f"| {step} | {value:.1f} | {value / total:.1%} |")
    print(f"| total | {total:.1f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
