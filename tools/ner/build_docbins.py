"""Convert the open NER sets into spaCy DocBins tokenized exactly as ja_ginza tokenizes.

Inputs (../shared/corpus, read-only):
- ud-gsd-ne/train.json, dev.json (CC BY-SA 4.0): ``{text, entities: [{start, end, type}]}``.
- stockmark-ner-wikipedia/ner.json (CC BY-SA 3.0): ``{curid, text, entities: [{span, type}]}``.

Outputs go to a scratch directory (never committed: the DocBins are derived from the corpora).

Label policy (the labels the model learns are ``NER_LABELS``):
- GSD: our labels are kept, every other GSD type (DATE, QUANTITY, WORK_OF_ART, ...) is "outside":
  GSD is annotated completely, so those tokens are true negatives for our labels.
- Stockmark: 人名→PERSON; 法人名, その他の組織名, 政治的組織名→ORG; 施設名→FAC; イベント名→EVENT;
  製品名→PRODUCT. Two kinds of spans are *missing* annotation (no gradient), not negatives:
  1. 地名 spans: the set does not separate GPE from LOC.
  2. 政治的組織名 spans ending in 党: GSD labels parties NORP, Stockmark labels them ORG; we let
     GSD alone decide rather than teach two contradicting answers.
  Stockmark has no NORP type, so its "outside" on 日本人 or キリスト教 is a (rare) false negative;
  masking such spans with ja_ginza's ENE tagger was tried and touched only 20 spans outside
  gold spans in 4,293 sentences, so it is not done.
- A gold span whose edges do not fall on token boundaries (Sudachi split mode C can merge
  米ロ or 東京都千代田区 into one token) is not forced onto tokens: its covering tokens are marked
  missing and the span is counted as misaligned.

The Stockmark set is also one of the project's evaluation sets: sentences whose curid falls in
the held-out fifth (``is_stockmark_heldout``) are never written to a training DocBin.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

LOG = logging.getLogger("build_docbins")

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_OUT = REPO / "scratch" / "ner"

NER_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT")

STOCKMARK_LABELS: dict[str, str | None] = {
    "人名": "PERSON",
    "法人名": "ORG",
    "その他の組織名": "ORG",
    "政治的組織名": "ORG",
    "施設名": "FAC",
    "イベント名": "EVENT",
    "製品名": "PRODUCT",
    "地名": None,  # GPE or LOC: unknown, so missing
}

HELDOUT_BUCKETS = 5


def is_stockmark_heldout(curid: str) -> bool:
    """Tell whether a Stockmark sentence belongs to the evaluation fifth (never trained on).

    Rule: ``int(sha256(curid.encode("utf-8")).hexdigest(), 16) % 5 == 0``. Splitting by the
    Wikipedia page id keeps all sentences of one page on the same side.
    """
    digest = hashlib.sha256(curid.encode("utf-8")).hexdigest()
    return int(digest, 16) % HELDOUT_BUCKETS == 0


@dataclass
class AlignmentStats:
    """How many gold spans fell on token boundaries, per corpus."""

    spans: int = 0
    misaligned: int = 0
    overlapping: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    misaligned_examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Summary for logs and the model card."""
        return {
            "spans": self.spans,
            "misaligned": self.misaligned,
            "overlapping_dropped": self.overlapping,
            "kept": dict(self.kept.most_common()),
            "missing": dict(self.missing.most_common()),
            "misaligned_examples": self.misaligned_examples[:20],
        }


@dataclass(frozen=True)
class GoldSpan:
    """One gold span in our label set (``label`` None: withhold supervision there)."""

    start: int
    end: int
    label: str | None
    source_type: str


def load_tokenizer() -> Language:
    """ja_ginza's own tokenizer (Sudachi split mode C), without running any component."""
    return spacy.load("ja_ginza", exclude=["tok2vec", "parser", "ner", "morphologizer"])


def gsd_spans(record: dict[str, Any]) -> list[GoldSpan]:
    """GSD entities as gold spans: our labels kept, the rest dropped (they are negatives)."""
    return [
        GoldSpan(e["start"], e["end"], e["type"], e["type"])
        for e in record["entities"]
        if e["type"] in NER_LABELS
    ]


PlaceLabels = dict[str, str]
"""A place name's label (GPE or LOC) where the project's gazetteer knows it unambiguously."""


def gazetteer_place_labels() -> PlaceLabels:
    """Every gazetteer alias whose entries are all GPE, or all LOC (the project's own
    gazetteer, built from facts, never from these corpora)."""
    from jnews_extract.knowledge import load_gazetteer

    gazetteer = load_gazetteer()
    labels: PlaceLabels = {}
    for alias, keys in gazetteer.by_alias.items():
        found = {gazetteer.entries[key].label for key in keys}
        if len(found) == 1 and found <= {"GPE", "LOC"}:
            labels[alias] = found.pop()
    return labels


def stockmark_spans(record: dict[str, Any], places: PlaceLabels | None = None) -> list[GoldSpan]:
    """Stockmark entities mapped to our labels; party names become missing spans, and so do
    地名 spans, unless ``places`` resolves the name to GPE or LOC."""
    spans = []
    for entity in record["entities"]:
        start, end = entity["span"]
        label = STOCKMARK_LABELS[entity["type"]]
        if entity["type"] == "政治的組織名" and entity["name"].endswith("党"):
            label = None
        if entity["type"] == "地名" and places is not None:
            label = places.get(entity["name"])
        spans.append(GoldSpan(start, end, label, entity["type"]))
    return spans


def replace_mentions(
    text: str, spans: list[GoldSpan], pool: dict[str, list[str]], rng: random.Random
) -> tuple[str, list[GoldSpan]]:
    """Mention replacement: each labelled span becomes, with probability one half, another
    name of the same label from ``pool``; missing spans and the text around stay as they
    were, offsets shifted. Returns the new text and spans."""
    pieces: list[str] = []
    out: list[GoldSpan] = []
    cursor = shift = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < cursor:
            continue  # overlapping gold: keep the first
        pieces.append(text[cursor : span.start])
        surface = text[span.start : span.end]
        if span.label is not None and pool.get(span.label) and rng.random() < 0.5:
            surface = rng.choice(pool[span.label])
        start = span.start + shift
        out.append(GoldSpan(start, start + len(surface), span.label, span.source_type))
        shift += len(surface) - (span.end - span.start)
        pieces.append(surface)
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces), out


def mention_pool(examples: list[tuple[str, list[GoldSpan]]]) -> dict[str, list[str]]:
    """The distinct labelled names of one corpus, per label, in first-seen order."""
    pool: dict[str, dict[str, None]] = {}
    for text, spans in examples:
        for span in spans:
            if span.label is not None:
                pool.setdefault(span.label, {})[text[span.start : span.end]] = None
    return {label: list(names) for label, names in pool.items()}


def annotate(doc: Doc, spans: Iterable[GoldSpan], stats: AlignmentStats) -> Doc:
    """Write gold spans on ``doc.ents``; misaligned spans become missing annotation."""
    entities: list[Span] = []
    missing: list[Span] = []
    taken = [False] * len(doc)
    for gold in sorted(spans, key=lambda s: (s.start, -s.end)):
        stats.spans += 1
        strict = doc.char_span(gold.start, gold.end, label=gold.label or "")
        covering = doc.char_span(gold.start, gold.end, alignment_mode="expand")
        if covering is None:
            stats.misaligned += 1
            continue
        if any(taken[covering.start : covering.end]):
            stats.overlapping += 1
            continue
        for i in range(covering.start, covering.end):
            taken[i] = True
        if strict is None:
            stats.misaligned += 1
            stats.missing["misaligned:" + gold.source_type] += 1
            if len(stats.misaligned_examples) < 50:
                stats.misaligned_examples.append(
                    f"{doc.text[gold.start : gold.end]}|{gold.source_type} in "
                    f"{' '.join(t.text for t in covering)}"
                )
            missing.append(covering)
        elif gold.label is None:
            stats.missing[gold.source_type] += 1
            missing.append(strict)
        else:
            stats.kept[gold.label] += 1
            entities.append(strict)
    doc.set_ents(entities, missing=missing, default="outside")
    return doc


def write_docbin(
    tokenizer: Language,
    examples: list[tuple[str, list[GoldSpan]]],
    path: Path,
    augment: int = 0,
    seed: int = 0,
) -> AlignmentStats:
    """Tokenize and annotate ``examples`` into one DocBin, plus ``augment`` mention-replaced
    copies of every example that has a labelled span (names drawn from the same corpus)."""
    stats = AlignmentStats()
    bin_ = DocBin(store_user_data=False)
    for text, spans in examples:
        bin_.add(annotate(tokenizer.make_doc(text), spans, stats))
    rng = random.Random(seed)
    pool = mention_pool(examples) if augment else {}
    for _ in range(augment):
        for text, spans in examples:
            if any(span.label is not None for span in spans):
                new_text, new_spans = replace_mentions(text, spans, pool, rng)
                bin_.add(annotate(tokenizer.make_doc(new_text), new_spans, AlignmentStats()))
    bin_.to_disk(path)
    LOG.info("%s: %d docs %s", path.name, len(bin_), stats.as_dict())
    return stats


def build_gsd(tokenizer: Language, split: str, out: Path, augment: int = 0) -> AlignmentStats:
    """Write ``gsd-{split}.spacy``."""
    records = json.loads((CORPUS / "ud-gsd-ne" / f"{split}.json").read_text(encoding="utf-8"))
    examples = [(record["text"], gsd_spans(record)) for record in records]
    return write_docbin(tokenizer, examples, out / f"gsd-{split}.spacy", augment)


def build_stockmark(
    tokenizer: Language, out: Path, places: PlaceLabels | None = None, augment: int = 0
) -> AlignmentStats:
    """Write ``stockmark-train.spacy``: the four fifths that are not held out."""
    records = json.loads(
        (CORPUS / "stockmark-ner-wikipedia" / "ner.json").read_text(encoding="utf-8")
    )
    train = [r for r in records if not is_stockmark_heldout(str(r["curid"]))]
    LOG.info("stockmark: %d sentences, %d for training", len(records), len(train))
    examples = [(record["text"], stockmark_spans(record, places)) for record in train]
    return write_docbin(tokenizer, examples, out / "stockmark-train.spacy", augment)


def main(argv: list[str] | None = None) -> None:
    """Build every DocBin the training configs read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--stockmark-places",
        choices=("missing", "gazetteer"),
        default="missing",
        help="Stockmark's 地名: missing annotation, or GPE/LOC where the gazetteer knows the name",
    )
    parser.add_argument(
        "--augment", type=int, default=0, help="mention-replaced copies of each training set"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer()
    places = gazetteer_place_labels() if args.stockmark_places == "gazetteer" else None
    report = {
        "gsd-train": build_gsd(tokenizer, "train", args.out, args.augment).as_dict(),
        "gsd-dev": build_gsd(tokenizer, "dev", args.out).as_dict(),
        "stockmark-train": build_stockmark(tokenizer, args.out, places, args.augment).as_dict(),
    }
    (args.out / "alignment.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
