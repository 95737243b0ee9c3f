"""Our own entity recognizer, trained on open data, in place of GiNZA's 189-label ENE NER.

The shipped component (``jnews_extract/models/ner/``) is a plain spaCy transition-based
``ner`` trained by ``tools/train_ner.py`` on UD Japanese GSD NE and four fifths of the
Stockmark Wikipedia NER set (both CC BY-SA: the weights are a derived work, see
docs/ner-model.md). Its labels are PERSON, ORG, GPE, LOC, FAC, NORP, EVENT and PRODUCT.

The component carries its own small tok2vec; it reads ``ja_ginza``'s static chiVe vectors from
the pipeline's vocab (they are not shipped) and expects ``ja_ginza``'s Sudachi split-mode-C
tokens, so ``replace_ginza_ner`` checks the pipeline is ``ja_ginza`` with the same vectors. A
model that listens to the pipeline's ``tok2vec`` (``requires.tok2vec`` in the meta) is tied to
the exact ``ja_ginza`` version instead.

>>> import spacy
>>> nlp = replace_ginza_ner(spacy.load("ja_ginza"))  # doctest: +SKIP
>>> [(e.text, e.label_) for e in nlp("ロシアのプーチン大統領は演説した。").ents]  # doctest: +SKIP
[('ロシア', 'GPE'), ('プーチン', 'PERSON')]
"""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from spacy.language import Language
from spacy.pipeline import TrainablePipe

from jnews_extract.errors import PipelineError, ResourceError

LOG = logging.getLogger(__name__)

COMPONENT_NAME = "ner"
META_FILE = "meta.json"
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "ner.bin"


def _model_dir() -> Traversable:
    return resources.files("jnews_extract").joinpath("models", "ner")


def is_available() -> bool:
    """Tell whether the trained component is installed with the package."""
    model_dir = _model_dir()
    return all(model_dir.joinpath(f).is_file() for f in (META_FILE, CONFIG_FILE, WEIGHTS_FILE))


def model_meta() -> dict[str, Any]:
    """The model card in data form: labels, architecture, training data, scores, requirements."""
    return _read_json(META_FILE)


def replace_ginza_ner(nlp: Language, *, name: str = COMPONENT_NAME) -> Language:
    """Put our NER in place of ``ja_ginza``'s ``ner`` and return the same ``nlp``.

    The new component takes the old one's position (after ``parser``) and sets ``doc.ents``
    with our labels. It is a plain spaCy ``ner`` component, so the modified pipeline can be
    saved with ``nlp.to_disk`` and loaded back with ``spacy.load``, and ``nlp.pipe(...,
    n_process=2)`` works.

    Args:
        nlp: a loaded ``ja_ginza`` pipeline (the exact version in ``model_meta()["requires"]``).
        name: the name of the new component.

    Raises:
        ResourceError: the model files are missing from the installed package.
        PipelineError: ``nlp`` is not the ``ja_ginza`` pipeline the model was trained on.
    """
    if not is_available():
        raise ResourceError(
            f"the NER model is missing from {_model_dir()}; reinstall jnews-extract or "
            "rebuild it with `make train-ner`"
        )
    meta = model_meta()
    _check_compatible(nlp, meta["requires"])
    before: str | None = None
    after: str | None = None
    if "ner" in nlp.pipe_names:
        index = nlp.pipe_names.index("ner")
        nlp.remove_pipe("ner")
        if index < len(nlp.pipe_names):
            before = nlp.pipe_names[index]
    elif "parser" in nlp.pipe_names:
        after = "parser"
    component = nlp.add_pipe(
        meta["factory"], name=name, config=_read_json(CONFIG_FILE), before=before, after=after
    )
    if not isinstance(component, TrainablePipe):
        raise ResourceError(f"NER model factory {meta['factory']!r} is not a trainable component")
    component.from_bytes(_weights(), exclude=["vocab"])
    LOG.debug("replaced ja_ginza's ner by %s (labels %s)", name, ", ".join(meta["labels"]))
    return nlp


def _check_compatible(nlp: Language, requires: dict[str, Any]) -> None:
    pipeline = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
    version = nlp.meta.get("version")
    advice = f"install ja-ginza=={requires['version']} or retrain with `make train-ner`"
    upstream = requires.get("tok2vec")
    if pipeline != requires["pipeline"] or (
        upstream is not None and version != requires["version"]
    ):
        raise PipelineError(
            f"the NER model was trained on {requires['pipeline']} {requires['version']} but "
            f"the pipeline is {pipeline} {version}; {advice}"
        )
    if upstream is not None and upstream not in nlp.pipe_names:
        raise PipelineError(
            f"the NER model listens to the pipeline's {upstream!r} component, which is "
            f"missing from {nlp.pipe_names}; load ja_ginza without excluding it"
        )
    vectors = nlp.vocab.vectors
    if vectors.name != requires["vectors"] or list(vectors.shape) != requires["vectors_shape"]:
        raise PipelineError(
            f"the NER model needs the static vectors {requires['vectors']} "
            f"{requires['vectors_shape']} but the pipeline has {vectors.name} "
            f"{list(vectors.shape)}; {advice}"
        )
    if version != requires["version"]:
        LOG.warning(
            "the NER model was trained with %s %s, the pipeline is %s; scores may differ",
            pipeline,
            requires["version"],
            version,
        )


def _read_json(filename: str) -> dict[str, Any]:
    try:
        data = json.loads(_model_dir().joinpath(filename).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ResourceError(f"cannot read NER model file {filename}: {error}") from error
    if not isinstance(data, dict):
        raise ResourceError(f"NER model file {filename} is not a JSON object")
    return data


@functools.cache
def _weights() -> bytes:
    try:
        return _model_dir().joinpath(WEIGHTS_FILE).read_bytes()
    except OSError as error:
        raise ResourceError(f"cannot read NER weights {WEIGHTS_FILE}: {error}") from error
