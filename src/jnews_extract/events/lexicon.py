"""The event knowledge files: ontology, trigger patterns and status cues.

Everything the event stage knows about words lives in ``resources/events/``:

- ``ontology.json``: event types with CAMEO codes, which case slot gives which
  argument role, light verbs (会談を *行う*), kind heads (選挙 *制度*), anaphor
  prefixes (*同*会談) and title groups (外相 ≈ 国務長官);
- ``triggers.jsonl``: spaCy ``Matcher`` token patterns over lemmas → event type;
- ``status_cues.json``: status / negation / tense / attribution cue lemmas.

Nothing is read at import time; :func:`load_lexicon` reads the files once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jnews_extract.errors import ResourceError
from jnews_extract.knowledge import parse_jsonl, read_json, resource_text

_FOLDER = "events"

SLOTS = (
    "subject",
    "passive_subject",
    "object",
    "with",
    "by",
    "genitive",
    "dative",
    "against",
    "compound",
)
"""Case slots the argument finder fills; each event type maps some of them to roles."""

STATUS_ORDER = ("HELD", "CANCELLED", "POSTPONED", "UNCERTAIN", "PLANNED", "UNKNOWN")
"""Across mentions of one event the first status in this order wins (CONVENTIONS.md)."""


@dataclass(frozen=True)
class EventType:
    """One ontology type: its CAMEO code and how case slots become argument roles."""

    name: str
    cameo: str | None
    description: str
    roles: Mapping[str, str | None]
    place_slots: frozenset[str] = frozenset()
    genitive_place: bool = False
    compound_place: str | None = None
    """Which place names in the compound before the trigger are its location: all, non_country."""
    compound_labels: frozenset[str] = frozenset()
    """Entity labels a name in the compound before the trigger may have to be an argument
    (empty: any); 朴槿恵さん当選 names a candidate, 連邦議会選挙 names no participant."""
    schedulable: bool = False
    stative: bool = False
    """A non-past predicate describes a standing state (…を求める), not a plan."""
    speaker_verbs: frozenset[str] = frozenset()
    """Verbs whose subject is the event's agent when the trigger is their object and names
    none of its own: the one who announces a resignation resigns (辞任を表明)."""
    speaker_nouns: frozenset[str] = frozenset()
    """Nouns between such a verb and the trigger (辞任の *意向* を発表)."""
    kind_stems: tuple[str, ...] = ()
    """Trigger endings a kind word may stand before (大統領|選挙, 総裁|選, 決選|投票)."""
    result_stems: frozenset[str] = frozenset()
    """Stems that may follow their kind word with に (大統領に|当選, 上院議員に|再選)."""
    naming_stems: tuple[str, ...] = ()
    """Words that name an event after its kind word, read before a result or a round
    (大統領|選挙に当選, 大統領選挙の第1回|投票)."""
    kinds: Mapping[str, str] = field(default_factory=dict)
    """Kind word → kind of event (大統領 → president, 総裁 → party_leader): two mentions
    of different kinds are different events (a party's 総裁選 is not the 総選挙)."""


@dataclass(frozen=True, eq=True)
class TriggerPattern:
    """A token pattern that names an event of ``type`` (a line of ``triggers.jsonl``)."""

    type: str
    pattern: list[dict[str, Any]]
    cameo: str | None = None
    title_group: str | None = None
    trigger_regex: str | None = None
    note: str | None = None
    roles: Mapping[str, str | None] | None = None
    """Slot → role overrides for this word: the subject of 就任 is the appointee (target)."""
    place_key: str | None = None
    """Gazetteer key of the place the word itself names (訪米 → country:USA)."""
    whole_word: bool = False
    """The matched word, not only the trigger span, is what coreference compares: the
    trigger of 大統領選挙 is 選挙, but a repeated 大統領選挙 is the evidence, not 選挙."""

    def to_record(self) -> dict[str, Any]:
        """The JSON object this pattern is saved as (``to_disk`` writes one a line)."""
        record: dict[str, Any] = {"type": self.type, "pattern": self.pattern}
        for key in ("cameo", "title_group", "trigger_regex", "place_key", "note"):
            value = getattr(self, key)
            if value is not None:
                record[key] = value
        if self.roles is not None:
            record["roles"] = dict(self.roles)
        if self.whole_word:
            record["whole_word"] = True
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any], where: str = "pattern") -> TriggerPattern:
        """Validate one JSON object; ``where`` names it in the error message."""
        kind = record.get("type")
        pattern = record.get("pattern")
        if not isinstance(kind, str) or not isinstance(pattern, list) or not pattern:
            raise ResourceError(
                f"{where}: a trigger needs a string 'type' and a non-empty 'pattern'"
            )
        regex = record.get("trigger_regex")
        if regex is not None:
            try:
                re.compile(regex)
            except re.error as exc:
                raise ResourceError(f"{where}: bad trigger_regex {regex!r} ({exc})") from exc
        roles = record.get("roles")
        if roles is not None and (not isinstance(roles, dict) or set(roles) - set(SLOTS)):
            raise ResourceError(f"{where}: 'roles' must map slots {SLOTS} to roles")
        return cls(
            type=kind,
            pattern=[dict(token) for token in pattern],
            roles=roles,
            place_key=record.get("place_key"),
            cameo=record.get("cameo"),
            title_group=record.get("title_group"),
            trigger_regex=regex,
            note=record.get("note"),
            whole_word=bool(record.get("whole_word", False)),
        )


@dataclass(frozen=True)
class StatusCue:
    """A word that tells an event's status: 予定 → PLANNED, 見通し+ない → UNCERTAIN."""

    status: str
    lemma: str | None = None
    text: str | None = None
    negated_status: str | None = None
    """Status when a negation follows the cue; ``NEGATED`` = own status, negated=True."""
    pos: str | None = None
    final: bool = False
    """Only at the end of a sentence or headline (会談へ)."""
    weak: bool = False
    """Never overrides an earlier cue (中止が *決まった* stays CANCELLED)."""


@dataclass(frozen=True)
class EventLexicon:
    """Everything the event stage reads from ``resources/events/``."""

    types: Mapping[str, EventType]
    status_cues: tuple[StatusCue, ...]
    negation: frozenset[str]
    past: frozenset[str]
    progressive: frozenset[str]
    attribution_verbs: frozenset[str]
    attribution_ni_suru: frozenset[str]
    attribution_postpositions: tuple[str, ...]
    formal_nouns: frozenset[str]
    clause_final_particles: frozenset[str]
    compound_particle_verbs: frozenset[str]
    modal_verbs: frozenset[str]
    suffix_cues: Mapping[str, str]
    future_time_prefixes: tuple[str, ...]
    light_verbs: Mapping[str, frozenset[str]]
    light_nouns: frozenset[str]
    kind_heads: frozenset[str]
    anaphor_prefixes: tuple[str, ...]
    title_groups: Mapping[str, frozenset[str]]
    versions: Mapping[str, str] = field(default_factory=dict)
    cues_by_lemma: Mapping[str, StatusCue] = field(default_factory=dict)
    text_cues: tuple[StatusCue, ...] = ()

    def cue_for(self, lemma: str, text: str) -> StatusCue | None:
        """The status cue a token with ``lemma`` starting ``text`` is, if any."""
        cue = self.cues_by_lemma.get(lemma)
        if cue is not None:
            return cue
        for candidate in self.text_cues:
            if candidate.text is not None and text.startswith(candidate.text):
                return candidate
        return None

    def light_verbs_for(self, event_type: str) -> frozenset[str]:
        """Verbs that carry a noun trigger of ``event_type`` (会談を行う, 声明を発表)."""
        return self.light_verbs.get("any", frozenset()) | self.light_verbs.get(
            event_type, frozenset()
        )

    def title_group_of(self, title: str) -> str | None:
        """The group a title belongs to: 国務長官 → foreign_minister."""
        for group, titles in self.title_groups.items():
            if title in titles:
                return group
        return None


def parse_trigger_lines(lines: Iterable[str], where: str) -> list[TriggerPattern]:
    """Trigger patterns from JSONL lines (``_meta`` lines skipped); errors name the line."""
    return [
        TriggerPattern.from_record(record, f"{where} line {number}")
        for number, record in parse_jsonl(lines, where)
    ]


@cache
def load_trigger_patterns() -> tuple[TriggerPattern, ...]:
    """The bundled ``triggers.jsonl`` patterns."""
    text = resource_text(_FOLDER, "triggers.jsonl")
    return tuple(parse_trigger_lines(text.splitlines(), f"{_FOLDER}/triggers.jsonl"))


def _event_types(data: Mapping[str, Any]) -> dict[str, EventType]:
    types = {}
    for name, spec in data.items():
        roles = spec.get("roles", {})
        unknown = set(roles) - set(SLOTS)
        if unknown:
            raise ResourceError(f"{_FOLDER}/ontology.json: {name} has unknown slots {unknown}")
        types[name] = EventType(
            name=name,
            cameo=spec.get("cameo"),
            description=spec.get("description", ""),
            roles=dict(roles),
            place_slots=frozenset(spec.get("place_slots", ())),
            genitive_place=bool(spec.get("genitive_place", False)),
            compound_place=spec.get("compound_place"),
            compound_labels=frozenset(spec.get("compound_labels", ())),
            schedulable=bool(spec.get("schedulable", False)),
            stative=bool(spec.get("stative", False)),
            speaker_verbs=frozenset(spec.get("speaker_verbs", ())),
            speaker_nouns=frozenset(spec.get("speaker_nouns", ())),
            kind_stems=tuple(spec.get("kind_stems", ())),
            result_stems=frozenset(spec.get("result_stems", ())),
            naming_stems=tuple(spec.get("naming_stems", ())),
            kinds={word: kind for kind, words in spec.get("kinds", {}).items() for word in words},
        )
    return types


@cache
def load_lexicon() -> EventLexicon:
    """The ontology and cue files, read once per process."""
    ontology = read_json(_FOLDER, "ontology.json")
    cues = read_json(_FOLDER, "status_cues.json")
    status_cues = tuple(
        StatusCue(
            status=c["status"],
            lemma=c.get("lemma"),
            text=c.get("text"),
            negated_status=c.get("negated_status"),
            pos=c.get("pos"),
            final=bool(c.get("final", False)),
            weak=bool(c.get("weak", False)),
        )
        for c in cues["status_cues"]
    )
    bad = {c.status for c in status_cues} - set(STATUS_ORDER)
    if bad:
        raise ResourceError(f"{_FOLDER}/status_cues.json: unknown statuses {bad}")
    attribution = cues["attribution"]
    return EventLexicon(
        types=_event_types(ontology["types"]),
        status_cues=status_cues,
        negation=frozenset(cues["negation"]["lemmas"]),
        past=frozenset(cues["tense"]["past"]),
        progressive=frozenset(cues["tense"]["progressive"]),
        attribution_verbs=frozenset(attribution["verbs"]),
        attribution_ni_suru=frozenset(attribution.get("verbs_with_ni_suru", ())),
        attribution_postpositions=tuple(attribution["postpositions"]),
        formal_nouns=frozenset(cues["formal_nouns"]),
        clause_final_particles=frozenset(cues["clause_final_particles"]),
        compound_particle_verbs=frozenset(cues["compound_particle_verbs"]),
        modal_verbs=frozenset(cues["modal_verbs"]),
        suffix_cues=dict(cues["suffix_cues"]),
        future_time_prefixes=tuple(cues["future_time_prefixes"]),
        light_verbs={k: frozenset(v) for k, v in ontology["light_verbs"].items()},
        light_nouns=frozenset(ontology["light_nouns"]),
        kind_heads=frozenset(ontology["kind_heads"]),
        anaphor_prefixes=tuple(ontology["anaphor_prefixes"]),
        title_groups={k: frozenset(v) for k, v in ontology["title_groups"].items()},
        versions={"ontology": str(ontology["version"]), "status_cues": str(cues["version"])},
        cues_by_lemma={c.lemma: c for c in status_cues if c.lemma is not None},
        text_cues=tuple(c for c in status_cues if c.text is not None),
    )
