"""Score a system on the gold directory: per file, pooled and averaged, seed in and out.

For each gold file the prediction is ``extract(gold.text, published=...)`` with
``published`` taken from the gold record's ``article.published`` (None for the
Wikinews files). The seed article (file name starting ``000_``) is the text the
rules were written on, so every aggregate comes twice: over all files and with
the seed left out.

- ``pooled*``: counts added over files, then P/R/F and accuracies (a micro
  average over the corpus, as TextEE and spaCy compute corpus scores).
- ``mean*``: the plain mean over files of each per-file number, skipping files
  where the number is undefined (nothing to score).
- ``errors_without_seed``: error classes with their most frequent examples
  (:mod:`jnews_extract.evaluate.diagnostics`), the seed left out.

A file on which the system raises a :class:`JnewsExtractError` is reported under
``failures`` and scored as an empty prediction (every gold item a miss).

The ``ginza`` system (plain ja_ginza, ``doc.ents`` through GiNZA's own
ENE→OntoNotes mapping, one entity per mention, labels outside the seven gold
labels dropped) has no times or events, so only its ``ents*`` keys are reported.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jnews_extract.errors import JnewsExtractError
from jnews_extract.evaluate.datasets import SEVEN_LABELS, ginza_pipeline
from jnews_extract.evaluate.diagnostics import ErrorReport, diagnose, summarize
from jnews_extract.evaluate.gold_check import check_gold_dir, load_gold_dir
from jnews_extract.evaluate.records import ExtractionScore, score_extraction
from jnews_extract.schema import Article, Entity, EntityLabel, Extraction, Mention, Span

logger = logging.getLogger(__name__)

SEED_PREFIX = "000_"

RecordSystem = Callable[[Extraction], Extraction]
"""Predicts a record from a gold record (reading only its text and publication date)."""


def predict_ours_record(gold: Extraction) -> Extraction:
    """``jnews_extract.extract`` on the gold text, with the gold ``published`` date."""
    from jnews_extract import extract

    return extract(gold.text, published=gold.article.published)


def predict_ginza_record(gold: Extraction) -> Extraction:
    """Plain ja_ginza entities of the gold text as a record (one entity per mention)."""
    from ginza import ENE_ONTONOTES_MAPPING

    text = gold.text
    doc = ginza_pipeline()(text)
    entities: list[Entity] = []
    for ent in doc.ents:
        label = ENE_ONTONOTES_MAPPING.get(ent.label_, "OTHERS")
        if label not in SEVEN_LABELS:
            continue
        mention = Mention(start=ent.start_char, end=ent.end_char, text=ent.text)
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                label=EntityLabel(label),
                name=ent.text,
                mentions=[mention],
            )
        )
    body = Span(start=0, end=len(text), text=text)
    return Extraction(text=text, article=Article(body=body), entities=entities)


RECORD_SYSTEMS: Mapping[str, RecordSystem] = {
    "ours": predict_ours_record,
    "ginza": predict_ginza_record,
}


def is_seed(path: Path) -> bool:
    """True for the seed article's gold file (``000_…``)."""
    return path.name.startswith(SEED_PREFIX)


def evaluate_gold_dir(
    gold_dir: str | Path,
    system: str = "ours",
    *,
    predict: RecordSystem | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Score ``system`` (or ``predict``) on every gold file of ``gold_dir``.

    Raises:
        GoldError: if a gold file does not validate as :class:`Extraction`.
    """
    records = load_gold_dir(gold_dir)[:limit]
    problems = check_gold_dir(gold_dir)
    if problems:
        logger.warning(
            "%d gold problem(s) in %s; run `jnews-extract gold check %s`",
            len(problems),
            gold_dir,
            gold_dir,
        )
    predictor = predict or RECORD_SYSTEMS[system]
    started = time.perf_counter()
    scores: dict[str, ExtractionScore] = {}
    seeds: set[str] = set()
    errors = ErrorReport()
    failures: dict[str, str] = {}
    for path, gold in records:
        try:
            predicted = predictor(gold)
        except JnewsExtractError as exc:
            # the article still counts: every gold item of it is a miss
            logger.warning("%s: prediction failed: %s", path.name, exc)
            failures[path.name] = str(exc)
            predicted = Extraction(text=gold.text, article=gold.article)
        scores[path.name] = score_extraction(gold, predicted)
        if is_seed(path):
            seeds.add(path.name)
        else:
            errors += diagnose(gold, predicted)
    seconds = time.perf_counter() - started
    without_seed = [score for name, score in scores.items() if name not in seeds]
    keep = _entity_keys if system == "ginza" and predict is None else _all_keys
    files = {name: keep(score.to_dict()) for name, score in scores.items()}
    return {
        "gold_dir": str(gold_dir),
        "system": system,
        "files": files,
        "n_files": len(scores),
        "n_files_without_seed": len(without_seed),
        "pooled": keep(_pool(scores.values()).to_dict()),
        "pooled_without_seed": keep(_pool(without_seed).to_dict()),
        "mean": mean_over_files(list(files.values())),
        "mean_without_seed": mean_over_files(
            [result for name, result in files.items() if name not in seeds]
        ),
        "errors_without_seed": summarize(
            errors, kinds=("entities",) if keep is _entity_keys else None
        ),
        "gold_problems": problems,
        "failures": failures,
        "seconds": round(seconds, 1),
    }


def mean_over_files(results: Iterable[Mapping[str, Any]]) -> dict[str, float | None]:
    """Mean of each top-level number over files, skipping files where it is None."""
    values: dict[str, list[float]] = {}
    for result in results:
        for key, value in result.items():
            if isinstance(value, (int, float)) or value is None:
                bucket = values.setdefault(key, [])
                if value is not None:
                    bucket.append(float(value))
    return {key: (sum(v) / len(v) if v else None) for key, v in values.items()}


def _pool(scores: Iterable[ExtractionScore]) -> ExtractionScore:
    total = ExtractionScore()
    for score in scores:
        total += score
    return total


def _all_keys(result: dict[str, Any]) -> dict[str, Any]:
    return result


def _entity_keys(result: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in result.items() if key.startswith("ents")}
    kept["counts"] = {k: v for k, v in result["counts"].items() if k.startswith("ents")}
    return kept
