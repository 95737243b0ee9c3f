"""Where the pipeline's memory goes: the process's peak RSS after each stage.

``.venv/bin/python tools/profile_memory.py [--chars 10000]`` loads the pipeline, then runs
one text of ``--chars`` characters (concatenated Wikinews articles) through the tokenizer and
each component in turn, printing the peak (``VmHWM``) and current (``VmRSS``) resident
memory after each. ``--batch N`` instead pipes the first N articles as one ``nlp.pipe``
batch, ``--bounded`` through :func:`jnews_extract.pipeline.pipe_bounded`; ``--extract N``
runs ``extract_many`` over the first N articles and prints memory every 100. Linux only
(reads ``/proc/self/status``). Run each variant in a fresh process: the peak never falls.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import load_articles


def memory_mb() -> tuple[int, int]:
    """(peak, current) resident memory of this process in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.split()
    return int(fields["VmHWM"][0]) // 1024, int(fields["VmRSS"][0]) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=0, help="pipe N articles as one batch")
    parser.add_argument("--bounded", action="store_true", help="with --batch: pipe_bounded")
    parser.add_argument("--extract", type=int, default=0, help="extract_many over N articles")
    args = parser.parse_args()

    from jnews_extract import load_pipeline
    from jnews_extract.pipeline import pipe_bounded

    nlp = load_pipeline()
    nlp("準備。")
    print(f"loaded: peak {memory_mb()[0]} MB, now {memory_mb()[1]} MB")
    if args.extract:
        from jnews_extract.batch import extract_many

        for done, _ in enumerate(extract_many(load_articles(args.extract)), start=1):
            if done % 100 == 0 or done == args.extract:
                peak, now = memory_mb()
                print(f"{done} articles extracted: peak {peak} MB, now {now} MB")
        return
    if args.batch:
        texts = load_articles(args.batch)
        chars = sum(len(t) for t in texts)
        if args.bounded:
            for _ in pipe_bounded(nlp, ((t, None) for t in texts)):
                pass
        else:
            for _ in nlp.pipe(texts, batch_size=len(texts)):
                pass
        how = "pipe_bounded" if args.bounded else "one nlp.pipe batch"
        print(f"{len(texts)} articles ({chars} chars), {how}: peak {memory_mb()[0]} MB")
        return
    text = "\n\n".join(load_articles(300))[: args.chars]
    doc = nlp.make_doc(text)
    print(f"tokenizer ({len(text)} chars, {len(doc)} tokens): peak {memory_mb()[0]} MB")
    for name, component in nlp.pipeline:
        doc = component(doc)
        peak, now = memory_mb()
        print(f"{name}: peak {peak} MB, now {now} MB")


if __name__ == "__main__":
    main()
