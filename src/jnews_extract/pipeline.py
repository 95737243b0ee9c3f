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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import NamedTuple, TypeVar

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

SYNTAX_COMPONENTS = frozenset(
    {"parser", "morphologizer", "compound_splitter", "bunsetu_recognizer"}
)
"""``ja_ginza``'s components that add syntax only (dependencies, sentence ends, UD part of
speech, bunsetu). A sentence whose syntax no stage reads skips them, and ``tok2vec`` with them
when nothing else listens to it: see :func:`plan_syntax`."""
SENTENCE_ENDS = frozenset("。！？!?")
OPENING_BRACKETS = frozenset("「『（(【〈《")
CLOSING_BRACKETS = frozenset("」』）)】〉》")

ARTICLE_STAGES = ("jnews_events",)
"""Our components that read the whole article, not one doc: ``extract()`` runs them
after every piece of the article has its names (:func:`jnews_extract.api.run_article_stages`)."""

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


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into sentences: after 。！？ outside brackets, and after every newline.

    A quotation stays inside its sentence (「会談は延期された。」と述べた。 is one), so a
    stage reading who said what still sees the whole clause. Whitespace after a sentence
    belongs to it; offsets are into ``text`` and cover all of it.

    >>> split_sentences("会談した。 「延期だ。」と述べた。")
    [(0, 6), (6, 17)]
    """
    spans = []
    start = depth = 0
    i = 0
    while i < len(text):
        character = text[i]
        i += 1
        if character in OPENING_BRACKETS:
            depth += 1
        elif character in CLOSING_BRACKETS:
            depth = max(depth - 1, 0)
        elif character == "\n" or (character in SENTENCE_ENDS and depth == 0):
            while i < len(text) and text[i].isspace():
                i += 1
            spans.append((start, i))
            start, depth = i, 0
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def syntax_components(nlp: Language) -> list[str]:
    """The components a text whose syntax no stage reads can skip.

    :data:`SYNTAX_COMPONENTS`, plus a ``tok2vec`` whose every listener is one of them
    (``ja_ginza``'s feeds only the parser and the morphologizer; our NER has its own).
    """
    names = [name for name in nlp.pipe_names if name in SYNTAX_COMPONENTS]
    for name, component in nlp.pipeline:
        listeners = getattr(component, "listening_components", None)
        if listeners is not None and name not in names and set(listeners) <= set(names):
            names.append(name)
    return names


class SentenceRun(NamedTuple):
    """Consecutive sentences that all need the parse or all do not, already tokenized."""

    start: int
    end: int
    needs_syntax: bool
    doc: Doc
    """The run's tokens, cut from the tokens of the whole text (no second tokenization)."""


def plan_syntax(nlp: Language, text: str) -> list[SentenceRun]:
    """``text`` tokenized once and cut into runs of sentences that need the parse or not.

    A component can say where it reads syntax with a ``syntax_needed(doc)`` method
    returning character spans (the event stage: its trigger words; the time stage: days
    and months whose year depends on the clause's tense). A sentence holding one of those
    spans needs the parse; the others only need tokens, names and times. Consecutive
    sentences of the same kind form one run, so a stage looking back one sentence
    (実施を断念: which event?) still finds the previous trigger sentence. Runs start at
    token starts. When no component says, or the pipeline has no syntax to skip, the
    whole text is one run that needs syntax.
    """
    doc = nlp.make_doc(text)
    readers: list[Callable[[Doc], list[tuple[int, int]]]] = [
        getattr(component, "syntax_needed")  # noqa: B009 - components are typed as callables
        for _, component in nlp.pipeline
        if callable(getattr(component, "syntax_needed", None))
    ]
    if not readers or not syntax_components(nlp) or len(doc) == 0:
        return [SentenceRun(0, len(text), True, doc)]
    needed = sorted(span for read in readers for span in read(doc))
    # the first token of each sentence: the sentence a token starts in is the last one
    # starting at or before it, so a sentence that starts inside a token joins the last
    sentence_starts = [start for start, _ in split_sentences(text)]
    firsts: list[int] = []
    current = -1
    for token in doc:
        sentence = current
        while sentence + 1 < len(sentence_starts) and sentence_starts[sentence + 1] <= token.idx:
            sentence += 1
        if sentence != current or token.i == 0:
            firsts.append(token.i)
            current = sentence

    def offset(i: int) -> int:  # the character where token i starts, the text's ends
        return 0 if i == 0 else len(text) if i == len(doc) else doc[i].idx

    bounds: list[tuple[int, int, bool]] = []  # first token, last token + 1, needs syntax
    for first, last in zip(firsts, [*firsts[1:], len(doc)], strict=True):
        start, end = offset(first), offset(last)
        needs = any(s < end and start < e for s, e in needed)
        if bounds and bounds[-1][2] == needs:
            bounds[-1] = (bounds[-1][0], last, needs)
        else:
            bounds.append((first, last, needs))
    return [
        SentenceRun(offset(first), offset(last), needs, _slice(doc, first, last))
        for first, last, needs in bounds
    ]


def _slice(doc: Doc, first: int, last: int) -> Doc:
    """Tokens ``first:last`` of ``doc`` as a new doc, with the token-aligned lists of
    ``doc.user_data`` (the Japanese tokenizer's ``sub_tokens``) cut to match."""
    if first == 0 and last == len(doc):
        return doc
    part = doc[first:last].as_doc()
    for key, value in doc.user_data.items():
        if isinstance(value, list) and len(value) == len(doc):
            part.user_data[key] = value[first:last]
    return part


def mark_sentences(doc: Doc) -> Doc:
    """Set ``doc``'s sentence starts by :func:`split_sentences` (for a doc no parser sees)."""
    starts = iter(start for start, _ in split_sentences(doc.text))
    next_start = next(starts, None)
    for token in doc:
        is_start = token.i == 0
        while next_start is not None and next_start <= token.idx:
            is_start = True
            next_start = next(starts, None)
        token.is_sent_start = is_start
    return doc


def _chars(item: str | Doc) -> int:
    if isinstance(item, str):
        return len(item)
    return item[-1].idx + len(item[-1].text_with_ws) if len(item) else 0


def pipe_bounded(
    nlp: Language,
    items: Iterable[tuple[str | Doc, Context]],
    *,
    max_chars: int = BATCH_MAX_CHARS,
    max_docs: int = BATCH_MAX_DOCS,
    needs_syntax: Callable[[Context], bool] | None = None,
    disable: Sequence[str] = (),
) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe(items, as_tuples=True)`` in batches of at most ``max_chars`` characters.

    Items are texts or docs already tokenized (:class:`SentenceRun`). Consecutive items
    are grouped until the next would pass ``max_chars`` (or the batch holds ``max_docs``
    items); a single longer one is a batch of its own. Order is kept. Memory stays
    bounded whatever the texts' lengths (see :data:`BATCH_MAX_CHARS`); the docs come out
    without ``doc.tensor``.

    ``needs_syntax(context)`` false sends an item around :func:`syntax_components`: it
    gets tokens, sentence starts from :func:`split_sentences` and the other components.
    ``disable``: components not to run at all.
    """
    batch: list[tuple[str | Doc, Context]] = []
    size = 0
    for item, context in items:
        chars = _chars(item)
        if batch and (size + chars > max_chars or len(batch) >= max_docs):
            yield from _without_tensors(_pipe_batch(nlp, batch, needs_syntax, disable))
            batch, size = [], 0
        batch.append((item, context))
        size += chars
    if batch:
        yield from _without_tensors(_pipe_batch(nlp, batch, needs_syntax, disable))


def _pipe_batch(
    nlp: Language,
    batch: Sequence[tuple[str | Doc, Context]],
    needs_syntax: Callable[[Context], bool] | None,
    disable: Sequence[str],
) -> list[tuple[Doc, Context]]:
    skipped = syntax_components(nlp)
    if needs_syntax is None or not skipped:
        return list(nlp.pipe(batch, as_tuples=True, batch_size=len(batch), disable=disable))
    light = [not needs_syntax(context) for _, context in batch]
    full_items = [item for item, is_light in zip(batch, light, strict=True) if not is_light]
    light_items = [
        (mark_sentences(nlp.make_doc(item) if isinstance(item, str) else item), context)
        for (item, context), is_light in zip(batch, light, strict=True)
        if is_light
    ]
    size = len(batch)
    full_docs = iter(nlp.pipe(full_items, as_tuples=True, batch_size=size, disable=disable))
    light_docs = iter(
        nlp.pipe(light_items, as_tuples=True, batch_size=size, disable=[*skipped, *disable])
    )
    return [next(light_docs) if is_light else next(full_docs) for is_light in light]


def _without_tensors(
    docs: Iterable[tuple[Doc, Context]],
) -> Iterator[tuple[Doc, Context]]:
    """Drop ``doc.tensor``, the tok2vec output (1 kB a token) no later stage reads: an
    article's docs are kept until its record is assembled."""
    for doc, context in docs:
        doc.tensor = doc.tensor[:0].copy()  # a copy, so the full array can be freed
        yield doc, context
