"""``extract()`` entity micro F1 on the *training* splits, where the entity rules are
developed: GSD train and the Stockmark four fifths the own NER trains on.

The dev split and the held-out fifth only measure (``make eval``); rules are read off
errors here. On these sentences the NER has seen the labels, so what moves the score is
the rules: on Stockmark's 地名 (masked in training) also the NER's place names.

``--save FILE`` writes every sentence's predicted spans; ``--diff OLD`` compares this
run with a saved one and prints the sentences whose prediction changed, marked ``+``
(more gold spans matched, or fewer spurious), ``-`` or ``=``.

Usage: ``.venv/bin/python tools/rules_on_training_splits.py [--limit N] [--save FILE]
[--diff FILE] [--show 40]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jnews_extract.evaluate.datasets import (
    FlatDataset,
    LabeledSpan,
    corpus_dir,
    load_gsd_dev,
    load_stockmark,
    predict_ours,
    score_flat,
)

Prediction = list[list[Any]]


def training_splits(limit: int | None) -> list[FlatDataset]:
    """GSD train and the Stockmark training part (the held-out fifth left out)."""
    gsd = load_gsd_dev(corpus_dir() / "ud-gsd-ne" / "train.json", limit=limit)
    return [gsd, load_stockmark(limit=limit, heldout_only=False, training_only=True)]


def _span_lists(spans: set[LabeledSpan]) -> Prediction:
    return sorted([s.label, s.start, s.end] for s in spans)


def change(dataset: FlatDataset, index: int, old: Prediction, new: Prediction) -> str:
    """One changed sentence: ``+``/``-``/``=`` (gold matched minus half the spurious,
    labels mapped as the scorer maps them), what was lost and gained, and the text."""
    example = dataset.examples[index]
    gold = {(s.label, s.start, s.end) for s in example.spans}
    mapped = dataset.prediction_labels

    def value(prediction: Prediction) -> float:
        spans = {(mapped[p[0]], p[1], p[2]) for p in prediction if p[0] in mapped}
        return len(spans & gold) - 0.5 * len(spans - gold)

    def show(spans: Sequence[Sequence[Any]]) -> list[str]:
        return [f"{example.text[s[1] : s[2]]}/{s[0]}" for s in sorted(spans, key=lambda s: s[1])]

    before, after = {tuple(p) for p in old}, {tuple(p) for p in new}
    mark = "+" if value(new) > value(old) else "-" if value(new) < value(old) else "="
    return (
        f"{mark} {example.id} lost {show(sorted(before - after))} gained "
        f"{show(sorted(after - before))} gold {show(sorted(gold))} | {example.text[:80]}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each")
    parser.add_argument("--save", type=Path, help="write the predictions as JSON")
    parser.add_argument("--diff", type=Path, help="compare with predictions saved before")
    parser.add_argument("--show", type=int, default=40, help="changed sentences to print")
    args = parser.parse_args(argv)
    old = json.loads(args.diff.read_text(encoding="utf-8")) if args.diff else {}
    saved: dict[str, list[Prediction]] = {}
    for dataset in training_splits(args.limit):
        texts = [example.text for example in dataset.examples]
        predictions: list[set[LabeledSpan]] = []
        for start in range(0, len(texts), 256):
            predictions.extend(predict_ours(texts[start : start + 256]))
        result = score_flat(dataset, predictions)
        per_label = {k: round(v["f"], 3) for k, v in result["ents_per_type"].items()}
        print(
            f"{dataset.name}: {len(dataset.examples)} sentences, micro P/R/F "
            f"{result['ents_p']:.4f} {result['ents_r']:.4f} {result['ents_f']:.4f}; {per_label}"
        )
        saved[dataset.name] = [_span_lists(p) for p in predictions]
        if dataset.name in old:
            marks = {"+": 0, "-": 0, "=": 0}
            shown = 0
            for index, (before, after) in enumerate(
                zip(old[dataset.name], saved[dataset.name], strict=True)
            ):
                if before != after:
                    line = change(dataset, index, before, after)
                    marks[line[0]] += 1
                    if shown < args.show:
                        print("  " + line)
                        shown += 1
            print(
                f"  changed sentences: {marks['+']} better, {marks['-']} worse, {marks['=']} even"
            )
    if args.save:
        args.save.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
