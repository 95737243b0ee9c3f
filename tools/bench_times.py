"""Cost of the time stage next to the plain ja_ginza pipeline, on Wikinews articles.

    .venv/bin/python tools/bench_times.py --articles 200

Two measurements on the same articles, in one process:
1. ``ja_ginza`` alone: ``nlp.pipe(texts)``;
2. the ``jnews_times`` component on the docs ja_ginza produced (tagging, tense from
   the parse; best of three runs). Its time over (1) is the cost the component adds.
Then, as a cross-check, the whole pipeline with ``jnews_times`` added, end to end
(noisier: it re-runs GiNZA). Target: the component adds less than 5%.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from jnews_extract.times import TimeTagger

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def load_texts(count: int) -> list[str]:
    """The first ``count`` Wikinews articles (headline + blank line + text)."""
    texts: list[str] = []
    with WIKINEWS.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            texts.append(article["headline"] + "\n\n" + article["text"])
            if len(texts) >= count:
                break
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--model", default="ja_ginza")
    args = parser.parse_args()
    texts = load_texts(args.articles)
    nlp = spacy.load(args.model)
    list(nlp.pipe(texts[:5]))  # warm-up

    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    ginza = time.perf_counter() - start

    tagger = TimeTagger(nlp)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for doc in docs:
            tagger(doc)
        runs.append(time.perf_counter() - start)
    component = min(runs)
    mentions = sum(len(doc._.jnews_times) for doc in docs)

    nlp.add_pipe("jnews_times")
    start = time.perf_counter()
    list(nlp.pipe(texts))
    full = time.perf_counter() - start

    report = {
        "articles": len(texts),
        "characters": sum(len(t) for t in texts),
        "time_mentions": mentions,
        "ja_ginza_seconds": round(ginza, 3),
        "jnews_times_seconds": round(component, 3),
        "added_percent": round(100 * component / ginza, 2),
        "end_to_end_seconds": round(full, 3),
        "end_to_end_added_percent": round(100 * (full - ginza) / ginza, 2),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
