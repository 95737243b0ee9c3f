"""Read the versioned knowledge files under ``resources/`` (gazetteers, titles, cues).

Nothing is read at import time: every loader is cached on first use, so one
process reads each file once. Files are JSONL with a first ``{"_meta": {...}}``
line (version, source) or JSON objects with a ``"_meta"`` key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jnews_extract.errors import ResourceError

_PACKAGE = "jnews_extract.resources"


def resource_text(*parts: str) -> str:
    """The text of a bundled resource file; a missing file is a ResourceError."""
    node = resources.files(_PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(
            f"bundled resource {'/'.join(parts)} is missing; reinstall jnews-extract"
        ) from exc


def parse_jsonl(lines: Iterable[str], where: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of JSONL ``lines``, skipping blank and ``_meta`` lines.

    A line that is not JSON raises :class:`ResourceError` naming ``where`` and the line.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"{where} line {number}: invalid JSON ({exc})") from exc
        if "_meta" in record:
            continue
        yield number, record


def read_jsonl(*parts: str) -> Iterator[dict[str, Any]]:
    """Yield the records of a bundled JSONL resource, skipping its ``_meta`` line."""
    for _, record in parse_jsonl(resource_text(*parts).splitlines(), "/".join(parts)):
        yield record


def read_json(*parts: str) -> dict[str, Any]:
    """Return a bundled JSON resource as a dict."""
    try:
        data = json.loads(resource_text(*parts))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{'/'.join(parts)}: invalid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ResourceError(f"{'/'.join(parts)}: expected a JSON object")
    return data


def list_resources(folder: str, suffix: str) -> list[str]:
    """Names of the bundled files in ``folder`` ending with ``suffix``, sorted."""
    node = resources.files(_PACKAGE).joinpath(folder)
    if not node.is_dir():
        return []
    return sorted(p.name for p in node.iterdir() if p.name.endswith(suffix))


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: a country, city, region, organisation, person or group."""

    key: str
    label: str
    name: str
    name_en: str | None = None
    kb_id: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    supported_aliases: tuple[str, ...] = ()
    """Forms that name the entity only before a title or honorific (習 in 習主席, 松本氏)."""
    positions: tuple[tuple[str, str | None], ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass
class Gazetteer:
    """Every gazetteer entry with lookup tables by key, alias and abbreviation."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_alias: dict[str, list[str]] = field(default_factory=dict)
    by_abbreviation: dict[str, str] = field(default_factory=dict)
    by_supported_alias: dict[str, list[str]] = field(default_factory=dict)

    def add(self, entry: GazetteerEntry) -> None:
        """Index ``entry`` under its key, aliases and abbreviations."""
        self.entries[entry.key] = entry
        for alias in {entry.name, *entry.aliases}:
            keys = self.by_alias.setdefault(alias, [])
            if entry.key not in keys:
                keys.append(entry.key)
        for abbreviation in entry.abbreviations:
            self.by_abbreviation.setdefault(abbreviation, entry.key)
        for alias in entry.supported_aliases:
            keys = self.by_supported_alias.setdefault(alias, [])
            if entry.key not in keys:
                keys.append(entry.key)


_NON_ENTITY_FILES = {"titles.jsonl"}


def _entry_from_record(record: dict[str, Any]) -> GazetteerEntry:
    positions = tuple(
        (str(p.get("title", "")), p.get("affiliation")) for p in record.get("positions") or ()
    )
    return GazetteerEntry(
        key=str(record["key"]),
        label=str(record["label"]),
        name=str(record["name"]),
        name_en=record.get("name_en"),
        kb_id=record.get("kb_id"),
        country=record.get("country"),
        aliases=tuple(a for a in record.get("aliases") or () if a),
        abbreviations=tuple(record.get("abbreviations") or ()),
        supported_aliases=tuple(
            a
            for a in (*(record.get("weak_aliases") or ()), *(record.get("surname_aliases") or ()))
            if a
        ),
        positions=positions,
        lat=record.get("lat"),
        lon=record.get("lon"),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """Load every ``resources/gazetteer/*.jsonl`` entity file into one :class:`Gazetteer`."""
    gazetteer = Gazetteer()
    for name in list_resources("gazetteer", ".jsonl"):
        if name in _NON_ENTITY_FILES:
            continue
        for record in read_jsonl("gazetteer", name):
            try:
                gazetteer.add(_entry_from_record(record))
            except KeyError as exc:
                raise ResourceError(f"gazetteer/{name}: entry without {exc}: {record}") from exc
    return gazetteer


@dataclass(frozen=True)
class TitleLexicon:
    """Titles written after a name (大統領, 外相), honorifics (氏) and modifiers (元, 前)."""

    titles: frozenset[str]
    honorifics: frozenset[str]
    modifiers: frozenset[str]

    @property
    def longest(self) -> int:
        """Length of the longest title or honorific, for bounded look-ahead."""
        return max((len(t) for t in self.titles | self.honorifics), default=0)


@cache
def load_titles() -> TitleLexicon:
    """Load ``resources/gazetteer/titles.jsonl``."""
    titles: set[str] = set()
    honorifics: set[str] = set()
    modifiers: set[str] = set()
    for record in read_jsonl("gazetteer", "titles.jsonl"):
        kind = record.get("kind")
        title = str(record["title"])
        if kind == "honorific":
            honorifics.add(title)
        elif kind == "modifier":
            modifiers.add(title)
        else:
            titles.add(title)
    return TitleLexicon(frozenset(titles), frozenset(honorifics), frozenset(modifiers))


@cache
def load_entity_rules() -> dict[str, Any]:
    """Load ``resources/entities/rules.json``: abbreviation contexts, anaphors, NER mapping."""
    return read_json("entities", "rules.json")
