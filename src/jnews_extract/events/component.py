"""The spaCy component ``jnews_events``: triggers → ``doc._.jnews_events``.

It runs after ``jnews_entities`` and ``jnews_times`` and reads their mentions;
without them (a bare GiNZA pipeline) it still finds triggers and statuses, with no
arguments, place or time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from jnews_extract.annotations import EntityMention, EventMention, register_extensions
from jnews_extract.errors import ResourceError
from jnews_extract.events.analysis import ArticleNames, ClauseReader
from jnews_extract.events.lexicon import (
    EventLexicon,
    TriggerPattern,
    load_lexicon,
    load_trigger_patterns,
    parse_trigger_lines,
)
from jnews_extract.events.triggers import Trigger, TriggerMatcher, find_triggers

logger = logging.getLogger(__name__)

PATTERNS_FILE = "patterns.jsonl"


class EventDetector:
    """Finds event mentions with their arguments, place, time, status and source.

    ``__call__`` is :meth:`match` then :meth:`set_annotations`. Trigger patterns come
    from the bundled ``triggers.jsonl`` unless ``patterns`` are given; they are saved
    by :meth:`to_disk` as JSONL and read back by :meth:`from_disk`.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "jnews_events",
        *,
        patterns: Iterable[TriggerPattern] | None = None,
        lexicon: EventLexicon | None = None,
    ) -> None:
        self.name = name
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.matcher = TriggerMatcher(nlp.vocab)
        self.add_patterns(load_trigger_patterns() if patterns is None else patterns)
        register_extensions()

    @property
    def patterns(self) -> list[TriggerPattern]:
        """The trigger patterns in use."""
        return list(self.matcher.patterns)

    def add_patterns(self, patterns: Iterable[TriggerPattern]) -> None:
        """Add trigger patterns; unknown event types are an error."""
        patterns = list(patterns)
        for pattern in patterns:
            if pattern.type not in self.lexicon.types:
                raise ResourceError(
                    f"trigger pattern {pattern.pattern} has unknown event type {pattern.type!r}; "
                    f"known: {sorted(self.lexicon.types)}"
                )
        self.matcher.add(patterns)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def article_names(self, mentions: Iterable[EntityMention]) -> ArticleNames:
        """Index an article's entity mentions (article offsets) for :meth:`match`."""
        return ArticleNames(mentions, self.lexicon)

    def syntax_needed(self, doc: Doc) -> list[tuple[int, int]]:
        """Where this stage reads syntax: every trigger word of a tokenized ``doc``.

        Raw pattern matches, before the rules that drop some, so the sentences they
        mark hold every trigger :meth:`match` can find (see ``pipeline.plan_syntax``).
        """
        return [
            (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
            for first, end, _ in self.matcher.matches(doc)
        ]

    def match(
        self, doc: Doc, *, names: ArticleNames | None = None, offset: int = 0
    ) -> list[EventMention]:
        """The event mentions of ``doc`` (reads ``doc._.jnews_entities`` / ``jnews_times``).

        ``names``: the whole article's names (:meth:`article_names`) and ``offset``, where
        ``doc`` starts in the article; ``extract()`` passes them because it analyses an
        article as several docs. By default the doc's own names are the article's.
        """
        entities = doc._.jnews_entities or []
        times = doc._.jnews_times or []
        triggers = find_triggers(doc, self.matcher, entities, self.lexicon)
        if not triggers:
            return []
        if not doc.has_annotation("DEP"):
            # no parser in the pipeline: triggers only, nothing read from their clauses
            return [self._bare_mention(doc, trigger) for trigger in triggers]
        reader = ClauseReader(doc, entities, times, self.lexicon, names=names, offset=offset)
        heads = {t.last: t for t in triggers}
        reader.trigger_heads = {t.last: t.type for t in triggers}
        mentions = []
        for trigger in triggers:
            mentions.append(self._mention(doc, reader, trigger, heads))
        return mentions

    def _mention(
        self, doc: Doc, reader: ClauseReader, trigger: Trigger, heads: dict[int, Trigger]
    ) -> EventMention:
        text = reader.text
        event_type = self.lexicon.types[trigger.type]
        if trigger.pattern.roles:
            event_type = replace(event_type, roles={**event_type.roles, **trigger.pattern.roles})
        arguments, place = reader.arguments(trigger, event_type)
        time = reader.time_of(trigger)
        reading = reader.status(trigger, event_type, time)
        source = reader.source(trigger, doc[trigger.last].sent)
        if source is not None and any(
            a.role == "agent" and (a.start, a.end) == (source.start, source.end) for a in arguments
        ):
            # the agent speaking is the event itself (…と共同声明を発表し、「…」とした)
            source = None
        target = None
        if trigger.type in ("POSTPONEMENT", "CANCELLATION"):
            about = reader.target_of(trigger, heads)
            if about is not None:
                target = (about.start, about.end)
        return EventMention(
            start=trigger.start,
            end=trigger.end,
            text=text[trigger.start : trigger.end],
            type=trigger.type,
            cameo=trigger.pattern.cameo or event_type.cameo,
            arguments=arguments,
            location=(place.start, place.end) if place is not None else None,
            time=(time.start, time.end) if time is not None else None,
            status=reading.status,
            negated=reading.negated,
            source=(source.start, source.end) if source is not None else None,
            target=target,
            anaphoric=trigger.anaphoric,
            word=trigger.word,
        )

    def _bare_mention(self, doc: Doc, trigger: Trigger) -> EventMention:
        text = doc.text
        return EventMention(
            start=trigger.start,
            end=trigger.end,
            text=text[trigger.start : trigger.end],
            type=trigger.type,
            cameo=trigger.pattern.cameo or self.lexicon.types[trigger.type].cameo,
            anaphoric=trigger.anaphoric,
            word=trigger.word,
        )

    def set_annotations(self, doc: Doc, mentions: list[EventMention]) -> None:
        """Write ``doc._.jnews_events`` (sorted by start)."""
        doc._.jnews_events = sorted(mentions, key=lambda m: (m.start, m.end))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the trigger patterns as ``patterns.jsonl`` in the directory ``path``."""
        directory = ensure_path(path)
        directory.mkdir(parents=True, exist_ok=True)
        with (directory / PATTERNS_FILE).open("w", encoding="utf-8") as handle:
            for pattern in self.matcher.patterns:
                handle.write(json.dumps(pattern.to_record(), ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventDetector:
        """Replace the trigger patterns by those saved in ``path``."""
        file = ensure_path(path) / PATTERNS_FILE
        if not file.exists():
            raise ResourceError(f"{file} is missing: not a saved jnews_events component")
        lines = file.read_text(encoding="utf-8").splitlines()
        self.matcher = TriggerMatcher(self.matcher.vocab)
        self.add_patterns(parse_trigger_lines(lines, str(file)))
        return self


@Language.factory("jnews_events", default_config={})
def make_event_detector(nlp: Language, name: str) -> EventDetector:
    """spaCy factory of :class:`EventDetector` (``nlp.add_pipe("jnews_events")``)."""
    return EventDetector(nlp, name)
