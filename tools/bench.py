"""Benchmark: plain ja_ginza against extract_many on the same Wikinews articles.

Run with ``make bench`` (or ``.venv/bin/python tools/bench.py [--articles 300]``). Each
configuration runs in its own process so that its peak RSS is its own:

- ``ginza``: ``spacy.load("ja_ginza")`` and ``nlp.pipe`` over the texts;
- ``ours-1``: ``extract_many(texts, n_process=1)``;
- ``ours-2``: ``extract_many(texts, n_process=2)`` (peak RSS of the largest worker);
- ``long``: one text of about 200,000 characters made by concatenating articles,
  through ``extract()``, time per character compared with ``ours-1``;
- ``pair``: side by side in one process, article by article, plain ``ja_ginza``
  ``nlp(text)`` and ``extract(text)`` one after the other (the order alternating), so a
  change in the host's speed touches both alike: the Own NER issue's ≤ 0.5× comparison.

Prints a Markdown table; ``--write docs/performance-bench.md`` also saves it.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"


def load_articles(count: int) -> list[str]:
    """The first ``count`` Wikinews articles of at least 300 characters (headline + text)."""
    texts = []
    with WIKINEWS.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if len(article["text"]) >= 300:
                texts.append(f"{article['headline']}\n\n{article['text']}")
            if len(texts) == count:
                break
    return texts


def articles_and_pipeline(
    argv: Sequence[str] | None, description: str, default: int = 150
) -> tuple[list[str], Language]:
    """For the tools that measure ``extract()`` on Wikinews: read ``--articles N`` from
    ``argv``, load those articles and the library's pipeline, warmed up by one call."""
    from jnews_extract import extract, load_pipeline

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=default)
    args = parser.parse_args(argv)
    nlp = load_pipeline()
    extract("準備。", nlp=nlp)
    return load_articles(args.articles), nlp


def _peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def run_one(config: str, count: int) -> dict[str, float]:
    """Run one configuration in this process and return its measurements."""
    texts = load_articles(count)
    chars = sum(len(t) for t in texts)
    if config == "ginza":
        import spacy

        nlp = spacy.load("ja_ginza")
        nlp("準備。")
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        elapsed = time.perf_counter() - start
        return {
            "seconds": elapsed,
            "articles": len(texts),
            "chars": chars,
            "rss_mb": _peak_rss_mb(),
        }
    from jnews_extract import extract, load_pipeline
    from jnews_extract.batch import extract_many

    if config == "long":
        text = ""
        for t in texts:
            if len(text) >= 200_000:
                break
            text += t + "\n\n"
        nlp = load_pipeline()
        extract("準備。", nlp=nlp)
        start = time.perf_counter()
        record = extract(text, nlp=nlp)
        elapsed = time.perf_counter() - start
        return {
            "seconds": elapsed,
            "articles": 1,
            "chars": len(text),
            "rss_mb": _peak_rss_mb(),
            "events": len(record.events),
        }
    if config == "pair":
        import spacy

        plain, ours = spacy.load("ja_ginza"), load_pipeline()
        plain("準備。")
        extract("準備。", nlp=ours)
        seconds = {"ginza": 0.0, "ours": 0.0}
        for n, text in enumerate(texts):
            order = ("ginza", "ours") if n % 2 == 0 else ("ours", "ginza")
            for name in order:
                start = time.perf_counter()
                if name == "ginza":
                    plain(text)
                else:
                    extract(text, nlp=ours)
                seconds[name] += time.perf_counter() - start
        return {
            "seconds": seconds["ours"],
            "ginza_seconds": seconds["ginza"],
            "articles": len(texts),
            "chars": chars,
            "rss_mb": _peak_rss_mb(),
        }
    processes = 1 if config == "ours-1" else 2
    if processes == 1:
        load_pipeline()
        extract("準備。")
    start = time.perf_counter()
    failures = sum(1 for r in extract_many(texts, n_process=processes) if r.error)
    elapsed = time.perf_counter() - start
    rss = max(_peak_rss_mb(), _peak_rss_mb(children=True))
    return {
        "seconds": elapsed,
        "articles": len(texts),
        "chars": chars,
        "rss_mb": rss,
        "failures": failures,
    }


def main() -> int:
    """Run every configuration in a subprocess and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--write", help="also write the Markdown table to this file")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.articles)))
        return 0
    results = {}
    for config in ("ginza", "ours-1", "ours-2", "long", "pair"):
        done = subprocess.run(
            [sys.executable, __file__, "--one", config, "--articles", str(args.articles)],
            check=True,
            capture_output=True,
            text=True,
        )
        results[config] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{config}: {results[config]}", file=sys.stderr)
    ginza = results["ginza"]
    lines = [
        f"Benchmark: {args.articles} Wikinews articles, {ginza['chars']:.0f} characters; "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}.",
        f"Command: `make bench` (`.venv/bin/python tools/bench.py --articles {args.articles}`).",
        "",
        "| configuration | seconds | articles/s | chars/s | × GiNZA time | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for config in ("ginza", "ours-1", "ours-2"):
        r = results[config]
        lines.append(
            f"| {config} | {r['seconds']:.1f} | {r['articles'] / r['seconds']:.2f} | "
            f"{r['chars'] / r['seconds']:.0f} | {r['seconds'] / ginza['seconds']:.2f} | "
            f"{r['rss_mb']:.0f} |"
        )
    long = results["long"]
    short_per_char = results["ours-1"]["seconds"] / results["ours-1"]["chars"]
    long_per_char = long["seconds"] / long["chars"]
    lines += [
        "",
        f"2 processes vs 1: {results['ours-1']['seconds'] / results['ours-2']['seconds']:.2f}× "
        "the throughput.",
        f"Long text: {long['chars']:.0f} characters in {long['seconds']:.1f} s; time per "
        f"character {long_per_char * 1e6:.1f} µs vs {short_per_char * 1e6:.1f} µs on short "
        f"articles ({long_per_char / short_per_char:.2f}×).",
    ]
    pair = results["pair"]
    lines += [
        f"Side by side, article by article in one process: `extract(text)` {pair['seconds']:.1f}"
        f" s, plain `ja_ginza` `nlp(text)` {pair['ginza_seconds']:.1f} s"
        f" ({pair['seconds'] / pair['ginza_seconds']:.2f}×).",
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        Path(args.write).write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
