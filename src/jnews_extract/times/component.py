"""The spaCy component of the time stage: ``jnews_times``.

``TimeTagger.__call__`` finds the expressions on ``doc.text`` (:mod:`.tagger`),
reads the tense of each one's governing clause from the parse (:mod:`.tense`) and
writes ``doc._.jnews_times``. Values that need the reference date stay partial
there (``XXXX-XX-21``); the article-level :func:`~jnews_extract.times.resolve.resolve_times`
fills them once the whole article has been read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from jnews_extract.annotations import register_extensions
from jnews_extract.times.lexicon import TimeLexicon, default_lexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.resolve import reads_tense
from jnews_extract.times.tagger import TimePatterns, find_time_expressions
from jnews_extract.times.tense import clause_tense

logger = logging.getLogger(__name__)

_LEXICON_DIR = "lexicon"
_CONFIG_FILE = "cfg.json"


class TimeTagger:
    """Tag DATE/TIME/DURATION/SET expressions and the tense of their clauses.

    >>> nlp.add_pipe("jnews_times")  # doctest: +SKIP
    >>> [m.value for m in nlp("21日に会談した。")._.jnews_times]  # doctest: +SKIP
    ['XXXX-XX-21']
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "jnews_times",
        *,
        lexicon: TimeLexicon | None = None,
        tense: bool = True,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.tense = tense
        self._set_lexicon(lexicon or default_lexicon())
        register_extensions()

    def _set_lexicon(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        self.patterns = TimePatterns.compile(lexicon)
        self._past_suffixes = tuple(lexicon.tense_cues["past_suffixes"])

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.jnews_times`` (sorted by start)."""
        text = doc.text
        mentions = find_time_expressions(text, self.patterns)
        if self.tense:
            parsed = doc.has_annotation("DEP")
            for mention in mentions:
                if mention.text.endswith(self._past_suffixes):
                    mention.past = True
                elif parsed:
                    mention.past = clause_tense(doc, mention.start, mention.end, self.lexicon, text)
        doc._.jnews_times = mentions
        return doc

    def syntax_needed(self, doc: Doc) -> list[tuple[int, int]]:
        """Where this stage reads syntax: the expressions whose value the clause's tense
        can change (21日, 8月, 水曜日; not 2025年10月21日 or 先週)."""
        if not self.tense:
            return []
        return [
            (mention.start, mention.end)
            for mention in find_time_expressions(doc.text, self.patterns)
            if not mention.text.endswith(self._past_suffixes)
            and reads_tense(TimeParse.from_payload(mention.payload))
        ]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        """Apply the component to a stream of docs."""
        for doc in stream:
            yield self(doc)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lexicon_dir: str | None = None,
    ) -> None:
        """Load lexicons from ``lexicon_dir`` instead of the bundled ones (optional)."""
        if lexicon_dir is not None:
            self._set_lexicon(TimeLexicon.from_directory(Path(lexicon_dir)))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the lexicons (and options) with the pipeline."""
        directory = ensure_path(path)
        directory.mkdir(parents=True, exist_ok=True)
        self.lexicon.to_directory(directory / _LEXICON_DIR)
        srsly.write_json(directory / _CONFIG_FILE, {"tense": self.tense})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TimeTagger:
        """Load the lexicons (and options) saved by :meth:`to_disk`."""
        directory = ensure_path(path)
        if (directory / _LEXICON_DIR).exists():
            self._set_lexicon(TimeLexicon.from_directory(directory / _LEXICON_DIR))
        if (directory / _CONFIG_FILE).exists():
            self.tense = bool(srsly.read_json(directory / _CONFIG_FILE).get("tense", True))
        return self


@Language.factory("jnews_times", default_config={"tense": True})
def make_time_tagger(nlp: Language, name: str, *, tense: bool = True) -> TimeTagger:
    """spaCy factory of :class:`TimeTagger` (``nlp.add_pipe("jnews_times")``)."""
    return TimeTagger(nlp, name, tense=tense)
