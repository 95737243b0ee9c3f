"""The spaCy pipeline: ``ja_ginza`` plus our components, loaded once per process.

:func:`load_pipeline` is cached: the first call loads GiNZA (a few seconds), later calls
return the same ``Language``. Loading is guarded by a lock, so concurrent first calls
from several threads load once. Running one ``Language`` from several threads at the
same time is *not* supported (SudachiPy's tokenizer and spaCy's components keep
per-call state): use one process per worker (``extract_many(n_process=...)`` or Dask).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from jnews_extract.errors import PipelineError

logger = logging.getLogger(__name__)

SUDACHI_MAX_BYTES = 49149
"""SudachiPy refuses inputs longer than this many UTF-8 bytes."""
CHUNK_MAX_BYTES = 12000
"""We split long texts well below Sudachi's limit, at sentence boundaries: about 4,000
Japanese characters, so that one piece stays inside :data:`BATCH_MAX_CHARS`' memory."""
BATCH_MAX_CHARS = 5000
"""Characters per ``nlp.pipe`` batch. GiNZA's tok2vec (8 layers of width 256) keeps the
activations of every layer of a batch until the batch is done, about 70 kB per token
(0.6 tokens per character), so peak memory follows the characters of a batch, not its
number of texts: 32 Wikinews articles in one batch peak at 1.6 GB, 5,000 characters add
about 0.2 GB to the loaded pipeline."""
BATCH_MAX_DOCS = 64
"""Texts per ``nlp.pipe`` batch at most, however short they are."""

OUR_COMPONENTS = (
    ("jnews_entities", "jnews_extract.entities"),
    ("jnews_times", "jnews_extract.times"),
    ("jnews_events", "jnews_extract.events"),
)

_lock = threading.Lock()

Context = TypeVar("Context")


def _component_available(factory: str, module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        logger.warning("component module %s is not available; stage skipped", module)
        return False
    if not Language.has_factory(factory):
        logger.warning("%s does not register the factory %s; stage skipped", module, factory)
        return False
    return True


@cache
def _load(model: str, own_ner: bool) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise PipelineError(
            f"cannot load the spaCy model {model!r}: install it with `pip install ja-ginza`"
        ) from exc
    if own_ner and importlib.util.find_spec("jnews_extract.ner_model") is not None:
        ner_model = importlib.import_module("jnews_extract.ner_model")
        if ner_model.is_available():
            nlp = ner_model.replace_ginza_ner(nlp)
    for factory, module in OUR_COMPONENTS:
        if _component_available(factory, module):
            nlp.add_pipe(factory, last=True)
    return nlp


def load_pipeline(model: str = "ja_ginza", *, own_ner: bool = True) -> Language:
    """The cached pipeline: ``model`` plus ``jnews_entities``, ``jnews_times``, ``jnews_events``.

    ``own_ner`` replaces GiNZA's 189-label ENE NER by the project's own smaller NER
    when it is shipped with the package.
    """
    with _lock:
        return _load(model, own_ner)


def split_for_sudachi(
    text: str, start: int, end: int, max_bytes: int = CHUNK_MAX_BYTES
) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces under ``max_bytes`` UTF-8 bytes.

    Cuts fall after a sentence end (。！？ or a newline) where one exists, else at the
    byte limit; offsets stay into ``text``.
    """
    position = start
    while position < end:
        if len(text[position:end].encode("utf-8")) <= max_bytes:
            yield position, end
            return
        limit = position
        size = 0
        while limit < end:
            size += len(text[limit].encode("utf-8"))
            if size > max_bytes:
                break
            limit += 1
        cut = max(text.rfind(mark, position, limit) for mark in ("。", "！", "？", "\n", "!", "?"))
        cut = cut + 1 if cut > position else limit
        yield position, cut
        position = cut


def pipe_bounded(
    nlp: Language,
    items: Iterable[tuple[str, Context]],
    *,
    max_chars: int = BATCH_MAX_CHARS,
    max_docs: int = BATCH_MAX_DOCS,
) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe(items, as_tuples=True)`` in batches of at most ``max_chars`` characters.

    Consecutive texts are grouped until the next would pass ``max_chars`` (or the batch
    holds ``max_docs`` texts); a single longer text is a batch of its own. Order is kept.
    Memory stays bounded whatever the texts' lengths (see :data:`BATCH_MAX_CHARS`);
    the docs come out without ``doc.tensor``.
    """
    batch: list[tuple[str, Context]] = []
    size = 0
    for text, context in items:
        if batch and (size + len(text) > max_chars or len(batch) >= max_docs):
            yield from _without_tensors(nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
            batch, size = [], 0
        batch.append((text, context))
        size += len(text)
    if batch:
        yield from _without_tensors(nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))


def _without_tensors(
    docs: Iterable[tuple[Doc, Context]],
) -> Iterator[tuple[Doc, Context]]:
    """Drop ``doc.tensor``, the tok2vec output (1 kB a token) no later stage reads: an
    article's docs are kept until its record is assembled."""
    for doc, context in docs:
        doc.tensor = doc.tensor[:0].copy()  # a copy, so the full array can be freed
        yield doc, context
