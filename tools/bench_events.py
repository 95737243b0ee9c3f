"""Time the event stage against the whole pipeline on Wikinews political articles.

Runs every component of the library's pipeline one after the other on each article and
adds up the seconds per component, then times the article-level ``cluster_events`` on
the event mentions. Prints one line per component and the event stage's share.

    .venv/bin/python tools/bench_events.py --articles 40

When the full pipeline cannot be loaded (a stage still missing its resources), it falls
back to ``ja_ginza`` + ``jnews_events`` alone and says so: the share is then measured
against a smaller pipeline, so it overstates the event stage's cost.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.language import Language

from jnews_extract.annotations import register_extensions
from jnews_extract.events import cluster_events

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def load(full: bool) -> tuple[Language, str]:
    """The pipeline to time and a word on what it is."""
    register_extensions()
    if full:
        try:
            from jnews_extract.pipeline import load_pipeline

            nlp = load_pipeline()
            nlp("試験の文です。")
            return nlp, "library pipeline"
        except Exception as exc:  # a stage still missing its resources
            logging.warning("full pipeline unavailable (%s); timing ja_ginza + jnews_events", exc)
    import jnews_extract.events  # noqa: F401  (registers the factory)

    nlp = spacy.load("ja_ginza")
    nlp.add_pipe("jnews_events")
    return nlp, "ja_ginza + jnews_events"


def political_texts(limit: int) -> list[str]:
    texts = []
    with ARTICLES.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("political"):
                texts.append(record["headline"] + "\n\n" + record["text"])
    return texts[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40, help="political articles to time")
    parser.add_argument("--ginza-only", action="store_true", help="skip the full pipeline")
    args = parser.parse_args()
    nlp, what = load(not args.ginza_only)
    texts = political_texts(args.articles)
    seconds: dict[str, float] = defaultdict(float)
    mentions = 0
    nlp(texts[0])  # warm-up
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        seconds["tokenizer"] += time.perf_counter() - start
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            seconds[name] += time.perf_counter() - start
        events = doc._.jnews_events or []
        mentions += len(events)
        entity_of = {(m.start, m.end): m.key or m.text for m in doc._.jnews_entities or []}
        time_of = {(t.start, t.end): t.value for t in doc._.jnews_times or []}
        start = time.perf_counter()
        cluster_events(events, entity_of, time_of)
        seconds["cluster_events"] += time.perf_counter() - start
    total = sum(seconds.values())
    characters = sum(len(t) for t in texts)
    print(f"{what}: {len(texts)} articles, {characters} characters, {mentions} event mentions")
    for name, value in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {name:16s} {value:7.2f} s  {100 * value / total:5.1f} %")
    event_stage = seconds["jnews_events"] + seconds["cluster_events"]
    print(
        f"event stage (jnews_events + cluster_events): "
        f"{100 * event_stage / total:.1f} % of {total:.1f} s"
    )


if __name__ == "__main__":
    main()
