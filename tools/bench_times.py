"""Cost of the time stage next to the plain ja_ginza pipeline, on Wikinews articles.

    .venv/bin/python tools/bench_times.py --articles 100

1. ``ja_ginza`` alone and ``ja_ginza`` + ``jnews_times`` end to end, interleaved batch
   by batch (order alternating) so that the load of a shared machine falls on both
   arms alike;
2. the ``jnews_times`` component alone on the docs ja_ginza produced (tagging and
   tense from the parse; best of three runs). The component does not change what
   GiNZA does, so its time over (1)'s plain arm is the cost it adds, measured
   without GiNZA's noise. Target: less than 5%.
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
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--model", default="ja_ginza")
    parser.add_argument("--batch", type=int, default=10, help="articles per interleaved batch")
    args = parser.parse_args()
    texts = load_texts(args.articles)
    nlp = spacy.load(args.model)
    nlp.add_pipe("jnews_times")
    list(nlp.pipe(texts[:5]))  # warm-up (also builds the tagger's cached tables)

    plain = full = 0.0
    docs = []
    for index in range(0, len(texts), args.batch):
        batch = texts[index : index + args.batch]
        arms = ["plain", "full"] if (index // args.batch) % 2 == 0 else ["full", "plain"]
        for arm in arms:
            start = time.perf_counter()
            if arm == "plain":
                with nlp.select_pipes(disable=["jnews_times"]):
                    docs.extend(nlp.pipe(batch))
                plain += time.perf_counter() - start
            else:
                list(nlp.pipe(batch))
                full += time.perf_counter() - start

    tagger = TimeTagger(nlp)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for doc in docs:
            tagger(doc)
        runs.append(time.perf_counter() - start)
    component = min(runs)
    mentions = sum(len(doc._.jnews_times) for doc in docs)

    report = {
        "articles": len(texts),
        "characters": sum(len(t) for t in texts),
        "time_mentions": mentions,
        "ja_ginza_seconds": round(plain, 3),
        "jnews_times_seconds": round(component, 3),
        "added_percent": round(100 * component / plain, 2),
        "ja_ginza_with_jnews_times_seconds": round(full, 3),
        "end_to_end_added_percent": round(100 * (full - plain) / plain, 2),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
