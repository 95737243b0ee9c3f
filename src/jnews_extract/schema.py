"""The record contract: pydantic models of one extracted article (schema_version "1").

Field names are a contract read by tools outside the project (see DESIGN.md):
add fields freely, rename none without bumping :data:`SCHEMA_VERSION`.
All offsets are half-open character offsets into :attr:`Extraction.text`.
Only :mod:`jnews_extract.assemble` builds these records from pipeline output;
gold files under ``data/gold/`` validate as the same :class:`Extraction` model.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Record):
    """A half-open character span of :attr:`Extraction.text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Mention(Span):
    """A span that names an entity or an event, with the index of its sentence."""

    sentence: int = Field(default=0, ge=0)


class EntityLabel(str, Enum):
    """Entity labels (OntoNotes-style, as GiNZA maps its ENE labels)."""

    PERSON = "PERSON"
    GPE = "GPE"
    LOC = "LOC"
    ORG = "ORG"
    NORP = "NORP"
    FAC = "FAC"
    EVENT = "EVENT"
    PRODUCT = "PRODUCT"


class Role(_Record):
    """A title a person holds in the article: ルビオ米国務長官 → 国務長官, affiliation 米国."""

    title: str
    affiliation: str | None = None
    """Entity id of the country or organisation the title belongs to."""
    mention: Span | None = None
    """Where the title is written."""


class Entity(_Record):
    """One real-world entity of the article with every mention of it."""

    id: str
    label: EntityLabel
    name: str
    """Canonical Japanese name (ドナルド・トランプ), or the longest mention if unknown."""
    name_en: str | None = None
    kb_id: str | None = None
    """Wikidata QID where the gazetteer knows it; never guessed."""
    country: str | None = None
    """ISO 3166-1 alpha-3 code of the country the entity belongs to."""
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class TimeType(str, Enum):
    """TIMEX3 expression types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TimeMod(str, Enum):
    """TIMEX3 modifiers used by the library."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    APPROX = "APPROX"
    START = "START"
    MID = "MID"
    END = "END"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"
    ON_OR_BEFORE = "ON_OR_BEFORE"
    ON_OR_AFTER = "ON_OR_AFTER"
    LESS_THAN = "LESS_THAN"
    MORE_THAN = "MORE_THAN"


class TimeExpression(_Record):
    """A temporal expression normalised against the article's reference date."""

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimeType
    value: str
    """TIMEX3 value: 2025-10-21, 2025-W42, 2025-08, P2W, XXXX-XX-21."""
    first_day: date | None = None
    last_day: date | None = None
    mod: TimeMod | None = None


class EventStatus(str, Enum):
    """Whether an event really happened, as the article tells it."""

    PLANNED = "PLANNED"
    HELD = "HELD"
    POSTPONED = "POSTPONED"
    CANCELLED = "CANCELLED"
    UNCERTAIN = "UNCERTAIN"
    UNKNOWN = "UNKNOWN"


class Argument(_Record):
    """A participant of an event: ``role`` (agent, counterpart, participant, target, …)."""

    role: str
    entity: str
    """Entity id."""


class Event(_Record):
    """One event of the article with every trigger mention of it."""

    id: str
    type: str
    cameo: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    arguments: list[Argument] = Field(default_factory=list)
    location: str | None = None
    """Entity id of the place."""
    time: str | None = None
    """Time expression id."""
    status: EventStatus = EventStatus.UNKNOWN
    negated: bool = False
    source: str | None = None
    """Entity id of whoever says so."""
    target: str | None = None
    """Event id, for events about events (a POSTPONEMENT of another event)."""


class Article(_Record):
    """What page parsing found: headline, dates, source, authors and the body span."""

    title: Span | None = None
    published: datetime | None = None
    dateline: Span | None = None
    dateline_date: date | None = None
    source: str | None = None
    authors: list[str] = Field(default_factory=list)
    body: Span
    captions: list[Span] = Field(default_factory=list)
    """Photo captions, kept out of the body but still analysed."""


class Extraction(_Record):
    """Everything extracted from one article: the output of :func:`jnews_extract.extract`."""

    schema_version: str = SCHEMA_VERSION
    id: str | None = None
    """The caller's id of the article (batch extraction), if any."""
    text: str
    article: Article
    reference_date: date | None = None
    reference_date_source: str | None = None
    """Which date anchored relative times: "dateline", "published", "caller" or None."""
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    error: str | None = None
    """Set only on error records yielded by batch extraction."""

    def _repr_html_(self) -> str:
        """Jupyter view: highlighted text and the events table."""
        from jnews_extract.render import to_html

        return to_html(self)
