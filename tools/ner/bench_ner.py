"""Time per Wikinews article: plain ja_ginza against ja_ginza with a trained NER in its place.

    python tools/ner/bench_ner.py --articles 20 --rounds 3 \
        --run listener=scratch/ner/runs/listener-gsd/model-best --run own=...

``shipped`` (always timed when the package has a model) is ja_ginza with
``jnews_extract.ner_model.replace_ginza_ner``. Each pipeline processes the same articles one
``nlp(text)`` at a time (as ``extract()`` does); the rounds are interleaved and the fastest
round is kept. Times are CPU seconds of this (single-threaded) process, ``time.process_time``,
so other jobs on a shared machine do not inflate them; wall-clock seconds are printed beside
them. Per component seconds come from calling the components one by one on the tokenized doc.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import spacy  # noqa: E402
from build_docbins import CORPUS  # noqa: E402
from spacy.language import Language  # noqa: E402


def wikinews_articles(count: int, min_chars: int = 800) -> list[str]:
    """The first ``count`` political Wikinews articles with at least ``min_chars`` characters."""
    texts = []
    with (CORPUS / "wikinews" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["political"] and len(article["text"]) >= min_chars:
                texts.append(article["headline"] + "\n\n" + article["text"])
            if len(texts) == count:
                break
    return texts


def swap_in(nlp: Language, model_dir: Path) -> Language:
    """Replace ja_ginza's ner by the ``ner`` of a trained pipeline directory (experiments)."""
    source = spacy.load(model_dir)
    index = nlp.pipe_names.index("ner")
    nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=source, before=nlp.pipe_names[index])
    return nlp


def time_components(nlp: Language, texts: list[str]) -> dict[str, float]:
    """Seconds per component (and the tokenizer) over ``texts``."""
    seconds: dict[str, float] = defaultdict(float)
    for text in texts:
        started = time.process_time()
        doc = nlp.make_doc(text)
        seconds["tokenizer"] += time.process_time() - started
        for name, proc in nlp.pipeline:
            started = time.process_time()
            doc = proc(doc)
            seconds[name] += time.process_time() - started
    return dict(seconds)


def main() -> None:
    """Print seconds per article for each pipeline, and the per-component split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--run", action="append", default=[], help="name=pipeline-dir")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    texts = wikinews_articles(args.articles)
    pipelines: dict[str, Language] = {"ja_ginza": spacy.load("ja_ginza")}
    no_ner = spacy.load("ja_ginza")
    no_ner.remove_pipe("ner")
    pipelines["ja_ginza without ner"] = no_ner
    from jnews_extract import ner_model

    if ner_model.is_available():
        pipelines["shipped"] = ner_model.replace_ginza_ner(spacy.load("ja_ginza"))
    for spec in args.run:
        name, _, path = spec.partition("=")
        pipelines[name] = swap_in(spacy.load("ja_ginza"), Path(path))
    for nlp in pipelines.values():  # warm-up: lazy loads, first-call allocations
        nlp(texts[0])
    best: dict[str, float] = {}
    wall: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, nlp in pipelines.items():
            started, started_wall = time.process_time(), time.perf_counter()
            for text in texts:
                nlp(text)
            elapsed = time.process_time() - started
            best[name] = min(best.get(name, elapsed), elapsed)
            elapsed_wall = time.perf_counter() - started_wall
            wall[name] = min(wall.get(name, elapsed_wall), elapsed_wall)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} Wikinews articles, {chars / len(texts):.0f} characters on average")
    report = {}
    for name, nlp in pipelines.items():
        parts = time_components(nlp, texts)
        per_article = best[name] / len(texts)
        ratio = best[name] / best["ja_ginza"]
        split = ", ".join(f"{k} {v / len(texts) * 1000:.1f}" for k, v in parts.items())
        wall_ms = wall[name] / len(texts) * 1000
        print(
            f"{name:<22} {per_article * 1000:7.1f} ms/article CPU ({ratio:.2f}× ja_ginza), "
            f"{wall_ms:.1f} ms wall"
        )
        print(f"{'':<22} CPU ms/article by component: {split}")
        report[name] = {
            "cpu_seconds_per_article": per_article,
            "wall_seconds_per_article": wall[name] / len(texts),
            "ratio": ratio,
            "components": parts,
        }
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
