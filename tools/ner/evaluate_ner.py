"""Score an NER pipeline on character spans: GSD dev and the held-out fifth of Stockmark.

Strict matching: a prediction counts only if ``(start, end, label)`` equals a gold span, with
half-open character offsets into the sentence. Gold spans that do not fall on Sudachi token
boundaries stay in the gold set (they are unreachable misses), so the score is the one the
project's own scorer would give to the NER alone.

Label mapping for Stockmark (as in ../shared/corpus/README.md): 人名→PERSON; 地名→GPE or LOC
(scored as one label ``GPE|LOC``: a prediction of either matches); 法人名, 政治的組織名,
その他の組織名→ORG; 施設名→FAC; イベント名→EVENT; 製品名→PRODUCT. Stockmark has no
NORP, so NORP predictions are not scored there.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from build_docbins import CORPUS, is_stockmark_heldout
from spacy.language import Language
from spacy.tokens import Doc

from jnews_extract.evaluate.metrics import PRFScore

EVAL_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")

STOCKMARK_EVAL: dict[str, str] = {
    "人名": "PERSON",
    "地名": "GPE|LOC",  # PLACE
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "施設名": "FAC",
    "イベント名": "EVENT",
    "製品名": "PRODUCT",
}

PLACE = "GPE|LOC"
STOCKMARK_LABELS: tuple[str, ...] = ("PERSON", "ORG", PLACE, "FAC", "EVENT")

Triple = tuple[int, int, str]
LabelMap = Callable[[str], str | None]


def _report(score: PRFScore) -> dict[str, float | int]:
    """Rounded numbers for reports."""
    return {
        "p": round(score.precision, 4),
        "r": round(score.recall, 4),
        "f": round(score.fscore, 4),
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
    }


def score_triples(
    gold: Iterable[set[Triple]], predicted: Iterable[set[Triple]], labels: Sequence[str]
) -> dict[str, Any]:
    """Per-label and micro P/R/F over sentences, strict ``(start, end, label)`` matching."""
    per_label = {label: PRFScore() for label in labels}
    for gold_set, pred_set in zip(gold, predicted, strict=True):
        for label, prf in per_label.items():
            g = {t for t in gold_set if t[2] == label}
            p = {t for t in pred_set if t[2] == label}
            prf.tp += len(g & p)
            prf.fp += len(p - g)
            prf.fn += len(g - p)
    micro = sum(per_label.values(), PRFScore())
    return {
        "micro": _report(micro),
        "per_label": {label: _report(prf) for label, prf in per_label.items()},
    }


def gsd_dev() -> tuple[list[str], list[set[Triple]]]:
    """Texts and gold triples of GSD dev (all GSD types kept; scoring picks the labels)."""
    records = json.loads((CORPUS / "ud-gsd-ne" / "dev.json").read_text(encoding="utf-8"))
    texts = [r["text"] for r in records]
    gold = [{(e["start"], e["end"], e["type"]) for e in r["entities"]} for r in records]
    return texts, gold


def stockmark_heldout() -> tuple[list[str], list[set[Triple]]]:
    """Texts and mapped gold triples of the Stockmark sentences never used for training."""
    records = json.loads(
        (CORPUS / "stockmark-ner-wikipedia" / "ner.json").read_text(encoding="utf-8")
    )
    held = [r for r in records if is_stockmark_heldout(str(r["curid"]))]
    texts = [r["text"] for r in held]
    gold = [
        {(e["span"][0], e["span"][1], STOCKMARK_EVAL[e["type"]]) for e in r["entities"]}
        for r in held
    ]
    return texts, gold


def predict_triples(
    nlp: Language, texts: list[str], label_map: LabelMap | None = None
) -> tuple[list[set[Triple]], float]:
    """Entity triples per text and the seconds ``nlp.pipe`` took."""
    started = time.perf_counter()
    docs: list[Doc] = list(nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    out = []
    for doc in docs:
        triples = set()
        for ent in doc.ents:
            label = label_map(ent.label_) if label_map else ent.label_
            if label:
                triples.add((ent.start_char, ent.end_char, label))
        out.append(triples)
    return out, seconds


def evaluate(nlp: Language, label_map: LabelMap | None = None) -> dict[str, Any]:
    """GSD dev (7 labels + PRODUCT) and Stockmark held-out scores of ``nlp``."""
    report: dict[str, Any] = {}
    texts, gold = gsd_dev()
    pred, seconds = predict_triples(nlp, texts, label_map)
    report["gsd_dev"] = score_triples(gold, pred, EVAL_LABELS)
    report["gsd_dev_product"] = score_triples(gold, pred, ("PRODUCT",))["micro"]
    report["gsd_dev_seconds"] = round(seconds, 2)
    texts, gold = stockmark_heldout()
    pred, seconds = predict_triples(nlp, texts, label_map)
    pred = [{(s, e, PLACE if lab in ("GPE", "LOC") else lab) for s, e, lab in p} for p in pred]
    report["stockmark_heldout"] = score_triples(gold, pred, STOCKMARK_LABELS)
    report["stockmark_heldout_product"] = score_triples(gold, pred, ("PRODUCT",))["micro"]
    report["stockmark_heldout_sentences"] = len(texts)
    return report


def format_report(report: dict[str, Any]) -> str:
    """A small fixed-width table of the scores."""
    lines = []
    for key in ("gsd_dev", "stockmark_heldout"):
        lines.append(f"{key}: micro {_fmt(report[key]['micro'])}")
        for label, prf in report[key]["per_label"].items():
            lines.append(f"  {label:<8}{_fmt(prf)}")
        lines.append(f"  {'PRODUCT':<8}{_fmt(report[key + '_product'])}  (not in micro)")
    return "\n".join(lines)


def _fmt(prf: dict[str, Any]) -> str:
    return (
        f"P {prf['p']:.3f} R {prf['r']:.3f} F {prf['f']:.3f} "
        f"(tp {prf['tp']}, fp {prf['fp']}, fn {prf['fn']})"
    )


def main() -> None:
    """Score a saved pipeline directory or, with ``ja_ginza``, GiNZA's own ENE NER mapped."""
    import argparse

    import spacy

    parser = argparse.ArgumentParser(description="Character-span NER scores.")
    parser.add_argument("model", help="pipeline directory, 'ja_ginza', or 'shipped'")
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args()
    label_map: LabelMap | None = None
    if args.model == "ja_ginza":
        from ginza.ene_ontonotes_mapper import ENE_ONTONOTES_MAPPING

        nlp = spacy.load("ja_ginza")
        label_map = ENE_ONTONOTES_MAPPING.get
    elif args.model == "shipped":
        from jnews_extract.ner_model import replace_ginza_ner

        nlp = replace_ginza_ner(spacy.load("ja_ginza"))
    else:
        nlp = spacy.load(args.model)
    report = evaluate(nlp, label_map)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
