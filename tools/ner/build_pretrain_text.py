"""Write the unlabelled text the NER's tok2vec is pretrained on (``spacy pretrain``).

Output: one JSON object a line, ``{"text": ...}``, one sentence or line per object, in a
scratch directory (never committed: it is derived from the corpora).

Sources (../shared/corpus, read-only), text only, never labels:
- wikinews/articles.jsonl (CC BY 2.5): headline and body of every article **except** the
  articles the project's own gold annotates (data/gold/wikinews-*.json), so the gold stays
  unseen text;
- ud-gsd-ne/train.json: the sentences the NER trains on anyway;
- stockmark-ner-wikipedia/ner.json: the sentences outside the held-out fifth.

Never: GSD dev, the Stockmark held-out fifth, the seed article, the gold articles. Those are
the sets the model is measured on.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from build_docbins import CORPUS, DEFAULT_OUT, is_stockmark_heldout

from jnews_extract.pipeline import split_sentences

LOG = logging.getLogger("build_pretrain_text")

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "data" / "gold"
PRETRAIN_FILE = "pretrain-text.jsonl"
MIN_CHARS = 8


def gold_article_ids(gold_dir: Path = GOLD_DIR) -> set[str]:
    """The Wikinews ids the project's gold annotates (file ``wikinews-1127.json``: id
    ``wikinews-1127``)."""
    return {path.stem for path in gold_dir.glob("wikinews-*.json")}


def _pieces(text: str) -> Iterator[str]:
    """The sentences of ``text`` as ``extract()`` cuts them, without their trailing space."""
    for start, end in split_sentences(text):
        piece = text[start:end].strip()
        if len(piece) >= MIN_CHARS:
            yield piece


def pretrain_texts(corpus: Path, held_out_ids: set[str]) -> Iterator[str]:
    """Every sentence of the three sources, minus the measured sets (see the module doc)."""
    with (corpus / "wikinews" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["id"] in held_out_ids:
                continue
            yield from _pieces(article["headline"])
            yield from _pieces(article["text"])
    for record in json.loads((corpus / "ud-gsd-ne" / "train.json").read_text(encoding="utf-8")):
        yield from _pieces(record["text"])
    stockmark = corpus / "stockmark-ner-wikipedia" / "ner.json"
    for record in json.loads(stockmark.read_text(encoding="utf-8")):
        if not is_stockmark_heldout(str(record["curid"])):
            yield from _pieces(record["text"])


def main(argv: list[str] | None = None) -> Path:
    """Write ``pretrain-text.jsonl`` and return its path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    held_out = gold_article_ids()
    if not held_out:
        raise SystemExit(f"no gold articles found under {GOLD_DIR}: refusing to pretrain on them")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / PRETRAIN_FILE
    count = chars = 0
    with path.open("w", encoding="utf-8") as out:
        for text in pretrain_texts(CORPUS, held_out):
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
            count += 1
            chars += len(text)
    LOG.info(
        "%s: %d pieces, %d characters (%d gold articles left out)",
        path,
        count,
        chars,
        len(held_out),
    )
    return path


if __name__ == "__main__":
    main()
