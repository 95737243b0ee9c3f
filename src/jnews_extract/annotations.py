"""Plain annotation objects the pipeline stages write onto a ``Doc``.

Stages (spaCy components) never build pydantic records: they store these small
dataclasses in ``Doc`` extensions, and :mod:`jnews_extract.assemble` turns them
into the record. All offsets here are half-open character offsets into
``doc.text``; the assembler shifts them into the caller's string.

Doc extensions (registered by :func:`register_extensions`):

- ``doc._.jnews_entities``: ``list[EntityMention]`` (sorted by start)
- ``doc._.jnews_times``: ``list[TimeMention]`` (sorted by start)
- ``doc._.jnews_events``: ``list[EventMention]`` (sorted by start)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc


@dataclass
class RoleMention:
    """A title written next to a person: 国務長官 in ルビオ米国務長官."""

    title: str
    start: int
    end: int
    affiliation_key: str | None = None
    """Gazetteer key of the country/organisation the title belongs to (``country:USA``)."""
    affiliation_start: int | None = None
    affiliation_end: int | None = None


@dataclass
class EntityMention:
    """One mention of an entity in ``doc.text``.

    ``key`` is the gazetteer key (``person:donald-trump``, ``country:USA``) when
    the gazetteer knows the name, else None; ``origin`` says which rule or model
    found it (``gazetteer``, ``abbreviation``, ``title``, ``ner``, ``anaphor``).
    """

    start: int
    end: int
    text: str
    label: str
    key: str | None = None
    origin: str = "gazetteer"
    roles: list[RoleMention] = field(default_factory=list)
    anaphor: bool = False
    """True for 同氏 / 両氏 / 同国: resolved to an antecedent by alias clustering."""
    candidates: list[str] = field(default_factory=list)
    """Gazetteer keys an ambiguous alias may stand for (ブッシュ → two presidents)."""


@dataclass
class TimeMention:
    """One temporal expression in ``doc.text``, before or after resolution.

    ``value`` is the TIMEX3 value as far as the text alone allows (``XXXX-10-21``);
    the article-level resolver fills ``value``/``first_day``/``last_day`` against
    the reference date. ``past`` is the tense of the governing clause, or None.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    first_day: date | None = None
    last_day: date | None = None
    mod: str | None = None
    past: bool | None = None
    anchor: str | None = None
    """How to resolve: None (absolute), "reference", "previous" (同日, 翌日)."""
    payload: dict[str, object] = field(default_factory=dict)
    """Tagger-specific parse details the resolver needs."""


@dataclass
class EventArgumentMention:
    """An argument found for a trigger: ``role`` and the entity mention's span."""

    role: str
    start: int
    end: int


@dataclass
class EventMention:
    """One event trigger mention in ``doc.text`` with what its clause says."""

    start: int
    end: int
    text: str
    type: str
    cameo: str | None = None
    arguments: list[EventArgumentMention] = field(default_factory=list)
    location: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    status: str = "UNKNOWN"
    negated: bool = False
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    """Span of the trigger of the event this one is about (延期 → 会合)."""
    anaphoric: bool = False
    """同会談 and the like: refers back to an earlier event."""
    word: str = ""
    """For a ``whole_word`` trigger pattern, the whole word it matched (大統領選挙 for the
    trigger 選挙), which coreference compares; empty for other patterns."""


def register_extensions() -> None:
    """Register the ``Doc`` extensions our components write (idempotent)."""
    for name in ("jnews_entities", "jnews_times", "jnews_events"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@dataclass
class EventCluster:
    """One event of the article: every coreferent trigger mention and merged slots.

    Built by the article-level event coreference (``jnews_extract.events``) from the
    ``EventMention`` objects of all docs, with offsets already shifted into the
    caller's string. Spans (``arguments``, ``location``, ``time``, ``source``) are
    entity or time mention spans; the assembler maps them to record ids.
    ``target`` is the index of another cluster in the same list.
    """

    type: str
    mentions: list[EventMention]
    cameo: str | None = None
    arguments: list[EventArgumentMention] = field(default_factory=list)
    location: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    status: str = "UNKNOWN"
    negated: bool = False
    source: tuple[int, int] | None = None
    target: int | None = None
