"""Gold loading and scoring: how well the library does, measured the way the field measures it.

Modules (each documents the choices its numbers depend on):

- :mod:`~jnews_extract.evaluate.metrics`: addable :class:`PRFScore` (tp/fp/fn →
  P/R/F1) and :class:`Accuracy`.
- :mod:`~jnews_extract.evaluate.strategies`: :class:`StrictMatch` (same label and
  offsets) and :class:`PartialMatch` (same label, overlapping offsets, one to one).
- :mod:`~jnews_extract.evaluate.records`: :func:`score_extraction`, gold vs
  predicted :class:`~jnews_extract.schema.Extraction` of one text: entity mentions
  strict/partial per label and micro, entity alignment with name and kb_id
  accuracy, time mention F1 with value accuracy, events TextEE style (Tri-I,
  Tri-C, Arg-I, Arg-C through the entity alignment, status / location / time
  accuracy on matched events). Flat result keys in spaCy's style: ``ents_p``,
  ``ents_r``, ``ents_f``, ``ents_per_type``, ``tri_c_f``, ``arg_c_per_role`` ….
- :mod:`~jnews_extract.evaluate.gold_check`: :func:`check_gold_dir` (offsets,
  ids, references, labels, ontology) and gold loading with file and line in errors.
- :mod:`~jnews_extract.evaluate.gold_eval`: :func:`evaluate_gold_dir`, per file,
  pooled and averaged, with and without the seed article.
- :mod:`~jnews_extract.evaluate.datasets`: the shared external sets (``gsd-dev``,
  ``stockmark``, ``ja-timex``), our system and the plain-GiNZA baseline.
- :mod:`~jnews_extract.evaluate.commands`: :func:`add_cli` (``eval``, ``gold check``).

>>> from jnews_extract.evaluate import score_extraction
>>> score_extraction(gold, predicted).to_dict()["ents_f"]  # doctest: +SKIP
0.93
"""

from __future__ import annotations

from jnews_extract.evaluate.commands import add_cli, main
from jnews_extract.evaluate.datasets import (
    FlatDataset,
    FlatExample,
    evaluate_flat_dataset,
    load_flat_dataset,
    load_gsd_dev,
    load_stockmark,
    score_flat,
    score_ja_timex,
)
from jnews_extract.evaluate.gold_check import (
    check_gold_dir,
    check_gold_file,
    load_gold_dir,
    load_gold_file,
)
from jnews_extract.evaluate.gold_eval import evaluate_gold_dir
from jnews_extract.evaluate.metrics import Accuracy, PRFScore
from jnews_extract.evaluate.records import (
    ExtractionScore,
    align_entities,
    match_events,
    score_extraction,
)
from jnews_extract.evaluate.strategies import LabeledSpan, PartialMatch, StrictMatch, score_spans

__all__ = [
    "Accuracy",
    "ExtractionScore",
    "FlatDataset",
    "FlatExample",
    "LabeledSpan",
    "PRFScore",
    "PartialMatch",
    "StrictMatch",
    "add_cli",
    "align_entities",
    "check_gold_dir",
    "check_gold_file",
    "evaluate_flat_dataset",
    "evaluate_gold_dir",
    "load_flat_dataset",
    "load_gold_dir",
    "load_gold_file",
    "load_gsd_dev",
    "load_stockmark",
    "main",
    "match_events",
    "score_extraction",
    "score_flat",
    "score_ja_timex",
    "score_spans",
]
