"""External NER sets scored with the same span code: loaders, systems, flat scoring.

Datasets (files under ``../shared/corpus/``, see its README):

``gsd-dev``
    UD Japanese GSD r2.8-NE, dev split (``ud-gsd-ne/dev.json``). Gold spans of the
    labels PERSON GPE LOC ORG NORP FAC EVENT are kept; the other types (DATE,
    PRODUCT, TITLE_AFFIX …) are dropped, and so are predictions of other labels.
    Micro average over the seven labels. The own NER model trains on GSD train and
    uses this dev split to pick its best checkpoint, so ours is slightly optimistic here.
``stockmark``
    Stockmark Wikipedia NER (``stockmark-ner-wikipedia/ner.json``), only the
    held-out fifth: the sentences whose page id satisfies
    ``int(sha256(curid).hexdigest(), 16) % 5 == 0`` (:func:`is_stockmark_heldout`,
    1,050 of 5,343), because the project's own NER model is trained on the other
    four fifths. ``stockmark-all`` scores every sentence (fair for GiNZA only;
    for ours it includes training data). Labels are mapped as the
    corpus README states: 人名→PERSON; 地名→GPE/LOC; 政治的組織名, その他の組織名,
    法人名→ORG; 施設名→FAC; イベント名→EVENT; 製品名→PRODUCT. The set does not
    tell a country from a region, so 地名 becomes the single label ``GPE/LOC`` and a
    predicted GPE or LOC both count as that label. The set has no NORP category:
    NORP predictions are not scored (GiNZA's own mapping calls a political party
    NORP where this set says ORG; that costs GiNZA ORG recall, as it should).
    PRODUCT is reported per type but left out of the micro average, which runs
    over PERSON, GPE/LOC, ORG, FAC, EVENT.

Both report ``ents_core_*``: the micro average over PERSON/GPE/LOC/ORG (on
stockmark PERSON, GPE/LOC, ORG), the labels of the project's +10 F1 target.

``errors`` in the result lists the error classes (missed, spurious, boundary,
label, boundary+label) with their most frequent examples
(:mod:`jnews_extract.evaluate.diagnostics`).

Scoring compares, sentence by sentence, the set of gold ``(label, start, end)``
with the set of predicted ones (strict, and partial for information), pooled over
sentences (:mod:`jnews_extract.evaluate.strategies`).

Systems: ``ours`` = :func:`jnews_extract.extract` (every entity mention with its
entity's label); ``ginza`` = plain ``spacy.load("ja_ginza")``, ``doc.ents`` mapped
through ``ginza.ENE_ONTONOTES_MAPPING`` (GiNZA's own ENE → OntoNotes mapping).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from jnews_extract.errors import ResourceError
from jnews_extract.evaluate.diagnostics import ErrorReport, span_errors, summarize
from jnews_extract.evaluate.metrics import PRFScore, add_per_label, sum_scores
from jnews_extract.evaluate.strategies import LabeledSpan, PartialMatch, StrictMatch, score_spans
from jnews_extract.schema import Extraction

logger = logging.getLogger(__name__)

SEVEN_LABELS = ("PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT")
PLACE = "GPE/LOC"

STOCKMARK_LABELS: Mapping[str, str] = {
    "人名": "PERSON",
    "地名": PLACE,
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "法人名": "ORG",
    "施設名": "FAC",
    "イベント名": "EVENT",
    "製品名": "PRODUCT",
}
"""Stockmark type → label scored (corpus README); 地名 is either GPE or LOC."""

FLAT_DATASETS = ("gsd-dev", "stockmark", "stockmark-all")
DATASETS = (*FLAT_DATASETS, "ja-timex")
SYSTEMS = ("ours", "ginza")

FlatSystem = Callable[[Sequence[str]], list[set[LabeledSpan]]]
"""Predicts ``(label, start, end)`` sets for a batch of texts."""


@dataclass(frozen=True)
class FlatExample:
    """One sentence with its gold spans."""

    id: str
    text: str
    spans: frozenset[LabeledSpan]


@dataclass(frozen=True)
class FlatDataset:
    """Sentences with gold spans, and how predicted labels map onto the set's labels."""

    name: str
    path: Path
    examples: list[FlatExample]
    prediction_labels: Mapping[str, str]
    """System label → dataset label; predictions of other labels are not scored."""
    micro_labels: tuple[str, ...]
    core_labels: tuple[str, ...]


def corpus_dir() -> Path:
    """``../shared/corpus`` next to the repository, or ``$JNEWS_CORPUS_DIR``.

    Raises:
        ResourceError: if neither is found.
    """
    configured = os.environ.get("JNEWS_CORPUS_DIR")
    if configured:
        return Path(configured)
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file():
            candidate = parent.parent / "shared" / "corpus"
            if candidate.is_dir():
                return candidate
    raise ResourceError(
        "cannot find the shared corpus (../shared/corpus next to the repository); "
        "set JNEWS_CORPUS_DIR or pass --corpus PATH"
    )


def load_gsd_dev(path: str | Path | None = None, *, limit: int | None = None) -> FlatDataset:
    """UD Japanese GSD NE dev sentences with their PERSON … EVENT spans.

    ``path`` may name the train split instead, whose items carry no ``id``: they are
    numbered ``train-0``, ``train-1`` … in file order (the dataset is then ``gsd-train``).
    """
    file = Path(path) if path else corpus_dir() / "ud-gsd-ne" / "dev.json"
    examples = []
    for index, item in enumerate(islice(_read_json_list(file), limit)):
        example_id = str(item.get("id") or f"{file.stem}-{index}")
        spans = _checked_spans(
            file,
            example_id,
            item["text"],
            ((e["type"], e["start"], e["end"], e["surface"]) for e in item["entities"]),
            {label: label for label in SEVEN_LABELS},
        )
        examples.append(FlatExample(example_id, item["text"], spans))
    return FlatDataset(
        name="gsd-dev" if file.stem == "dev" else f"gsd-{file.stem}",
        path=file,
        examples=examples,
        prediction_labels={label: label for label in SEVEN_LABELS},
        micro_labels=SEVEN_LABELS,
        core_labels=("PERSON", "GPE", "LOC", "ORG"),
    )


def is_stockmark_heldout(curid: str) -> bool:
    """True for the Stockmark sentences the own NER never trains on (one page id in five).

    The rule is the training tool's (``tools/ner/build_docbins.py``), recorded in
    the shipped model's ``meta.json`` as :data:`STOCKMARK_HELDOUT_RULE`.
    """
    return int(hashlib.sha256(curid.encode("utf-8")).hexdigest(), 16) % 5 == 0


STOCKMARK_HELDOUT_RULE = "held out iff int(sha256(curid.encode()).hexdigest(), 16) % 5 == 0"


def load_stockmark(
    path: str | Path | None = None,
    *,
    limit: int | None = None,
    heldout_only: bool = True,
    training_only: bool = False,
) -> FlatDataset:
    """Stockmark Wikipedia NER sentences with spans mapped by :data:`STOCKMARK_LABELS`.

    ``heldout_only`` (default) keeps the evaluation fifth (:func:`is_stockmark_heldout`);
    ``training_only`` keeps the other four fifths, the own NER's training part.
    """
    if heldout_only and training_only:
        raise ValueError("heldout_only and training_only exclude each other")
    file = Path(path) if path else corpus_dir() / "stockmark-ner-wikipedia" / "ner.json"

    def wanted(curid: str) -> bool:
        held_out = is_stockmark_heldout(curid)
        return held_out if heldout_only else not (training_only and held_out)

    items = [item for item in _read_json_list(file) if wanted(str(item["curid"]))]
    examples = []
    for index, item in enumerate(islice(items, limit)):
        example_id = f"{item['curid']}#{index}"
        spans = _checked_spans(
            file,
            example_id,
            item["text"],
            ((e["type"], e["span"][0], e["span"][1], e["name"]) for e in item["entities"]),
            STOCKMARK_LABELS,
        )
        examples.append(FlatExample(example_id, item["text"], spans))
    prediction_labels = {
        "PERSON": "PERSON",
        "GPE": PLACE,
        "LOC": PLACE,
        "ORG": "ORG",
        "FAC": "FAC",
        "EVENT": "EVENT",
        "PRODUCT": "PRODUCT",
    }
    return FlatDataset(
        name=_stockmark_name(heldout_only, training_only),
        path=file,
        examples=examples,
        prediction_labels=prediction_labels,
        micro_labels=("PERSON", PLACE, "ORG", "FAC", "EVENT"),
        core_labels=("PERSON", PLACE, "ORG"),
    )


def _stockmark_name(heldout_only: bool, training_only: bool) -> str:
    if heldout_only:
        return "stockmark"
    return "stockmark-train" if training_only else "stockmark-all"


def load_flat_dataset(
    name: str, path: str | Path | None = None, *, limit: int | None = None
) -> FlatDataset:
    """Load ``gsd-dev`` or ``stockmark``."""
    if name == "gsd-dev":
        return load_gsd_dev(path, limit=limit)
    if name == "stockmark":
        return load_stockmark(path, limit=limit)
    if name == "stockmark-all":
        return load_stockmark(path, limit=limit, heldout_only=False)
    raise ValueError(f"unknown NER dataset {name!r}; choose one of {', '.join(FLAT_DATASETS)}")


def _read_json_list(file: Path) -> list[dict[str, Any]]:
    if not file.is_file():
        raise ResourceError(f"{file}: no such file; set JNEWS_CORPUS_DIR or pass --corpus PATH")
    data = json.loads(file.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ResourceError(f"{file}: expected a JSON list of sentences")
    return data


def _checked_spans(
    file: Path,
    example_id: str,
    text: str,
    entities: Iterable[tuple[str, int, int, str]],
    label_map: Mapping[str, str],
) -> frozenset[LabeledSpan]:
    spans = set()
    for label, start, end, surface in entities:
        if label not in label_map:
            continue
        if text[start:end] != surface:
            logger.warning(
                "%s %s: [%d:%d] is not %r; span skipped", file, example_id, start, end, surface
            )
            continue
        spans.add(LabeledSpan(label_map[label], start, end))
    return frozenset(spans)


# --- systems ------------------------------------------------------------------------------


def extraction_spans(record: Extraction) -> set[LabeledSpan]:
    """Every entity mention of a record as ``(label, start, end)``."""
    return {
        LabeledSpan(entity.label.value, mention.start, mention.end)
        for entity in record.entities
        for mention in entity.mentions
    }


def predict_ours(texts: Sequence[str]) -> list[set[LabeledSpan]]:
    """Entity mentions of :func:`jnews_extract.extract` for each text (batched).

    Runs :func:`jnews_extract.batch.extract_many`, the batched ``extract()``. A text
    the library refuses gives an error record: it gets no prediction and is
    logged, and still counts, so its gold spans are misses.
    """
    from jnews_extract.batch import extract_many

    predictions = []
    for text, record in zip(texts, extract_many(list(texts), batch_size=64), strict=True):
        if record.error is not None:
            logger.warning("extract() failed on %r: %s", text[:40], record.error)
        predictions.append(extraction_spans(record))
    return predictions


@cache
def ginza_pipeline() -> Any:
    """Plain ``spacy.load("ja_ginza")``, loaded once per process."""
    import spacy

    return spacy.load("ja_ginza")


def predict_ginza(texts: Sequence[str], *, batch_size: int = 64) -> list[set[LabeledSpan]]:
    """``doc.ents`` of plain ja_ginza mapped by ``ginza.ENE_ONTONOTES_MAPPING``."""
    from ginza import ENE_ONTONOTES_MAPPING

    predictions = []
    for doc in ginza_pipeline().pipe(texts, batch_size=batch_size):
        predictions.append(
            {
                LabeledSpan(
                    ENE_ONTONOTES_MAPPING.get(ent.label_, "OTHERS"), ent.start_char, ent.end_char
                )
                for ent in doc.ents
            }
        )
    return predictions


FLAT_SYSTEMS: Mapping[str, FlatSystem] = {"ours": predict_ours, "ginza": predict_ginza}


# --- scoring ------------------------------------------------------------------------------


def score_flat(dataset: FlatDataset, predictions: Sequence[set[LabeledSpan]]) -> dict[str, Any]:
    """Score per-sentence predictions against the dataset (predicted labels mapped first)."""
    if len(predictions) != len(dataset.examples):
        raise ValueError(f"{len(predictions)} predictions for {len(dataset.examples)} sentences")
    strict: dict[str, PRFScore] = {}
    partial: dict[str, PRFScore] = {}
    errors = ErrorReport()
    for example, predicted in zip(dataset.examples, predictions, strict=True):
        mapped = {
            LabeledSpan(dataset.prediction_labels[span.label], span.start, span.end)
            for span in predicted
            if span.label in dataset.prediction_labels
        }
        strict = add_per_label(strict, score_spans(example.spans, mapped, StrictMatch()))
        partial = add_per_label(partial, score_spans(example.spans, mapped, PartialMatch()))
        span_errors("entities", example.text, set(example.spans), mapped, errors, mismatch="label")
    result: dict[str, Any] = {"dataset": dataset.name, "sentences": len(dataset.examples)}
    for prefix, table in (("ents", strict), ("ents_partial", partial)):
        micro = sum_scores(table.get(label, PRFScore()) for label in dataset.micro_labels)
        result.update({f"{prefix}_{k}": v for k, v in micro.to_dict().items()})
        result[f"{prefix}_per_type"] = {
            label: {**table[label].to_dict(), **table[label].counts()} for label in sorted(table)
        }
    core = sum_scores(strict.get(label, PRFScore()) for label in dataset.core_labels)
    result.update({f"ents_core_{k}": v for k, v in core.to_dict().items()})
    result["errors"] = summarize(errors).get("entities", {})
    result["micro_labels"] = list(dataset.micro_labels)
    result["core_labels"] = list(dataset.core_labels)
    return result


def evaluate_flat_dataset(
    dataset: FlatDataset, system: str, *, predict: FlatSystem | None = None, batch: int = 256
) -> dict[str, Any]:
    """Run ``system`` (or ``predict``) over the dataset in batches and score it.

    The result has ``system`` and ``seconds`` (wall time of prediction, the
    pipeline loaded beforehand) besides the keys of :func:`score_flat`.
    """
    predictor = predict or FLAT_SYSTEMS[system]
    texts = [example.text for example in dataset.examples]
    if texts:
        predictor(texts[:1])  # load the pipeline outside the timed run
    started = time.perf_counter()
    predictions: list[set[LabeledSpan]] = []
    for chunk in _chunks(texts, batch):
        predictions.extend(predictor(chunk))
    seconds = time.perf_counter() - started
    return {"system": system, **score_flat(dataset, predictions), "seconds": round(seconds, 1)}


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def score_ja_timex(path: str | Path | None = None) -> dict[str, Any]:
    """ja-timex cases scored by :func:`jnews_extract.times.evaluation.score_ja_timex_cases`.

    Raises:
        ResourceError: if the time stage (or its evaluation helper) is not installed.
    """
    file = Path(path) if path else corpus_dir() / "ja-timex-cases" / "cases.json"
    try:
        from jnews_extract.times.evaluation import (  # type: ignore[import-not-found,unused-ignore]
            score_ja_timex_cases,
        )
    except ImportError as exc:
        raise ResourceError(
            "jnews_extract.times.evaluation.score_ja_timex_cases is not available yet; "
            "the ja-timex set is scored by the time stage"
        ) from exc
    scored = score_ja_timex_cases(file)
    result: dict[str, Any] = dict(scored) if isinstance(scored, Mapping) else {"result": scored}
    result.setdefault("dataset", "ja-timex")
    return result
