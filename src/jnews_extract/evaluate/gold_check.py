"""Validate gold files: ``data/gold/*.json``, each one :class:`Extraction` as JSON.

:func:`check_gold_dir` returns every problem as ``"<file>:<line>: <where>: <what>"``:

- the file is JSON and validates as :class:`Extraction` (pydantic's message, at
  the line of the offending value);
- every span slices the text: ``text[start:end] == span.text`` with
  ``0 <= start <= end <= len(text)``, for the article's title, body, dateline
  and captions, every entity mention, every role mention, every time
  expression and every event mention; mentions and times are not empty;
- ids are unique in the file and follow the conventions (entities ``e1``…,
  times ``t1``…, events ``v1``…);
- references resolve: argument entities, event location / source (entity
  ids), time (a time id), target (another event's id), role affiliations;
- entity labels are the seven annotated ones (PERSON GPE LOC ORG NORP FAC
  EVENT), argument roles are known (agent, counterpart, participant, target,
  plus any role the ontology lists), event types are in
  ``resources/events/ontology.json`` when that file exists (skipped otherwise);
- each entity and event has at least one mention, a time's ``first_day`` is not
  after its ``last_day``, ``error`` is unset.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jnews_extract.errors import GoldError
from jnews_extract.schema import Extraction, Span

GOLD_ENTITY_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT"})
"""The labels the annotation conventions use (PRODUCT exists in the schema, not in the gold)."""

CONVENTION_ROLES = frozenset({"agent", "counterpart", "participant", "target"})
"""Argument roles named by the annotation conventions."""

_ID_PATTERNS = {
    "entities": re.compile(r"e\d+"),
    "times": re.compile(r"t\d+"),
    "events": re.compile(r"v\d+"),
}

Loc = tuple[str | int, ...]


def check_gold_dir(path: str | Path) -> list[str]:
    """Every problem of every ``*.json`` gold file in ``path`` (empty when all are valid).

    >>> check_gold_dir("data/gold")  # doctest: +SKIP
    ['001_x.json:57: entities[3].mentions[0]: text[120:123] is 'ロシア', span says 'ロシ']
    """
    directory = Path(path)
    if not directory.is_dir():
        return [f"{directory}: not a directory"]
    files = sorted(directory.glob("*.json"))
    if not files:
        return [f"{directory}: no *.json gold files"]
    ontology = load_ontology()
    problems: list[str] = []
    for file in files:
        problems.extend(check_gold_file(file, ontology=ontology))
    return problems


def check_gold_file(path: str | Path, *, ontology: Ontology | None = None) -> list[str]:
    """Every problem of one gold file, each naming the file and the line.

    ``ontology`` defaults to the bundled one (:func:`load_ontology`); pass
    ``Ontology(None, frozenset())`` to skip the event-type check.
    """
    file = Path(path)
    record, lines, problems = _parse(file.read_text(encoding="utf-8"))
    if record is None:
        return [f"{file.name}:{problem}" for problem in problems]
    if ontology is None:
        ontology = load_ontology()
    return [
        f"{file.name}:{_line_of(lines, loc)}: {_format_loc(loc)}: {message}"
        for loc, message in check_extraction(record, ontology=ontology)
    ]


def load_gold_file(path: str | Path) -> Extraction:
    """Read one gold file as :class:`Extraction`.

    Raises:
        GoldError: naming the file and the line when it is not JSON or does not validate.
    """
    file = Path(path)
    record, _, problems = _parse(file.read_text(encoding="utf-8"))
    if record is None:
        raise GoldError("\n".join(f"{file}:{problem}" for problem in problems))
    return record


def load_gold_dir(path: str | Path) -> list[tuple[Path, Extraction]]:
    """Every ``*.json`` gold file in ``path``, sorted by name, validated as :class:`Extraction`.

    Raises:
        GoldError: if the directory holds no gold file, or a file does not validate
            (the message lists every such file with its line).
    """
    directory = Path(path)
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        raise GoldError(f"{directory}: no *.json gold files; give the directory of the gold files")
    records: list[tuple[Path, Extraction]] = []
    errors: list[str] = []
    for file in files:
        try:
            records.append((file, load_gold_file(file)))
        except GoldError as exc:
            errors.append(str(exc))
    if errors:
        raise GoldError(
            "gold files do not validate (run `jnews-extract gold check DIR`):\n" + "\n".join(errors)
        )
    return records


class Ontology:
    """Event types and argument roles the gold may use (``types`` None = do not check)."""

    def __init__(self, types: frozenset[str] | None, roles: frozenset[str]) -> None:
        self.types = types
        self.roles = CONVENTION_ROLES | roles


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Event types (and any roles) of ``resources/events/ontology.json``; no check if absent.

    Accepted shapes: ``{"types": ...}`` / ``{"event_types": ...}`` / ``{"events": ...}``
    or a top-level object keyed by type names (upper-case keys); the types as an object
    keyed by type name, or a list of names or of objects with ``type``/``name``/``id``;
    roles as described in :func:`_role_names`.
    """
    if path is None:
        resource = resources.files("jnews_extract").joinpath("resources/events/ontology.json")
        if not resource.is_file():
            return Ontology(None, frozenset())
        data = json.loads(resource.read_text(encoding="utf-8"))
    else:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    types: set[str] = set()
    roles: set[str] = set()
    for name, spec in _ontology_entries(data):
        types.add(name)
        roles.update(_role_names(spec))
    return Ontology(frozenset(types), frozenset(roles))


def _ontology_entries(data: Any) -> Iterator[tuple[str, Any]]:
    container: Any = data
    if isinstance(data, dict):
        for key in ("types", "event_types", "events"):
            if key in data:
                container = data[key]
                break
        else:
            container = {k: v for k, v in data.items() if re.fullmatch(r"[A-Z][A-Z_]*", k)}
    if isinstance(container, dict):
        yield from ((str(name), spec) for name, spec in container.items())
    elif isinstance(container, list):
        for item in container:
            if isinstance(item, str):
                yield item, None
            elif isinstance(item, dict):
                name = item.get("type") or item.get("name") or item.get("id")
                if isinstance(name, str):
                    yield name, item


def _role_names(spec: Any) -> Iterator[str]:
    """Role names a type declares: a list of names (or ``{"role": …}`` objects), or a
    mapping whose string values are role names (``{"subject": "participant"}``)."""
    if not isinstance(spec, dict):
        return
    declared = spec.get("roles") or spec.get("arguments") or []
    items = (
        [v for v in declared.values() if isinstance(v, str)]
        if isinstance(declared, dict)
        else declared
    )
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict) and isinstance(item.get("role"), str):
            yield item["role"]


def check_extraction(record: Extraction, *, ontology: Ontology) -> list[tuple[Loc, str]]:
    """Problems of one validated gold record as ``(location in the JSON, message)`` pairs."""
    problems: list[tuple[Loc, str]] = []
    problems.extend(_check_spans(record))
    problems.extend(_check_ids(record))
    problems.extend(_check_references(record))
    problems.extend(_check_labels(record, ontology))
    if record.error is not None:
        problems.append((("error",), "a gold record has no error; remove the field"))
    for i, time in enumerate(record.times):
        if time.first_day and time.last_day and time.first_day > time.last_day:
            problems.append(
                (("times", i), f"first_day {time.first_day} is after last_day {time.last_day}")
            )
        if not time.value.strip():
            problems.append((("times", i, "value"), "empty TIMEX3 value"))
    return problems


def _spans(record: Extraction) -> Iterator[tuple[Loc, Span, bool]]:
    """(location, span, must be non-empty) for every span of the record."""
    article = record.article
    if article.title is not None:
        yield ("article", "title"), article.title, False
    yield ("article", "body"), article.body, False
    if article.dateline is not None:
        yield ("article", "dateline"), article.dateline, False
    for i, caption in enumerate(article.captions):
        yield ("article", "captions", i), caption, False
    for i, entity in enumerate(record.entities):
        for j, mention in enumerate(entity.mentions):
            yield ("entities", i, "mentions", j), mention, True
        for k, role in enumerate(entity.roles):
            if role.mention is not None:
                yield ("entities", i, "roles", k, "mention"), role.mention, True
    for i, time in enumerate(record.times):
        yield ("times", i), Span(start=time.start, end=time.end, text=time.text), True
    for i, event in enumerate(record.events):
        for j, mention in enumerate(event.mentions):
            yield ("events", i, "mentions", j), mention, True


def _check_spans(record: Extraction) -> Iterator[tuple[Loc, str]]:
    text = record.text
    for loc, span, non_empty in _spans(record):
        if not 0 <= span.start <= span.end <= len(text):
            yield loc, f"offsets [{span.start}:{span.end}] outside the text (length {len(text)})"
        elif text[span.start : span.end] != span.text:
            yield (
                loc,
                (
                    f"text[{span.start}:{span.end}] is {text[span.start : span.end]!r}, "
                    f"span says {span.text!r}"
                ),
            )
        elif non_empty and span.start == span.end:
            yield loc, "empty span"


def _check_ids(record: Extraction) -> Iterator[tuple[Loc, str]]:
    seen: dict[str, Loc] = {}
    groups: list[tuple[str, list[str]]] = [
        ("entities", [e.id for e in record.entities]),
        ("times", [t.id for t in record.times]),
        ("events", [v.id for v in record.events]),
    ]
    for kind, ids in groups:
        for i, item_id in enumerate(ids):
            loc: Loc = (kind, i, "id")
            if item_id in seen:
                yield loc, f"id {item_id!r} already used at {_format_loc(seen[item_id])}"
            else:
                seen[item_id] = loc
            if not _ID_PATTERNS[kind].fullmatch(item_id):
                yield loc, f"id {item_id!r} does not follow {_ID_PATTERNS[kind].pattern}"
    for i, entity in enumerate(record.entities):
        if not entity.mentions:
            yield ("entities", i), f"entity {entity.id} has no mention"
        spans = [(m.start, m.end) for m in entity.mentions]
        if len(set(spans)) != len(spans):
            yield ("entities", i, "mentions"), f"entity {entity.id} lists a mention twice"
    for i, event in enumerate(record.events):
        if not event.mentions:
            yield ("events", i), f"event {event.id} has no trigger mention"


def _check_references(record: Extraction) -> Iterator[tuple[Loc, str]]:
    entity_ids = {e.id for e in record.entities}
    time_ids = {t.id for t in record.times}
    event_ids = {v.id for v in record.events}
    for i, entity in enumerate(record.entities):
        for k, role in enumerate(entity.roles):
            if role.affiliation is not None and role.affiliation not in entity_ids:
                yield (
                    ("entities", i, "roles", k, "affiliation"),
                    f"affiliation {role.affiliation!r} is no entity id",
                )
    for i, event in enumerate(record.events):
        for k, argument in enumerate(event.arguments):
            if argument.entity not in entity_ids:
                yield (
                    ("events", i, "arguments", k, "entity"),
                    f"argument entity {argument.entity!r} is no entity id",
                )
        references: Iterable[tuple[str, str | None, set[str], str]] = (
            ("location", event.location, entity_ids, "entity"),
            ("source", event.source, entity_ids, "entity"),
            ("time", event.time, time_ids, "time"),
            ("target", event.target, event_ids, "event"),
        )
        for name, value, ids, kind in references:
            if value is not None and value not in ids:
                yield ("events", i, name), f"{name} {value!r} is no {kind} id"
        if event.target is not None and event.target == event.id:
            yield ("events", i, "target"), f"event {event.id} targets itself"


def _check_labels(record: Extraction, ontology: Ontology) -> Iterator[tuple[Loc, str]]:
    for i, entity in enumerate(record.entities):
        if entity.label.value not in GOLD_ENTITY_LABELS:
            yield (
                ("entities", i, "label"),
                f"label {entity.label.value} is not one of {sorted(GOLD_ENTITY_LABELS)}",
            )
    for i, event in enumerate(record.events):
        if ontology.types is not None and event.type not in ontology.types:
            yield ("events", i, "type"), f"event type {event.type!r} is not in the ontology"
        for k, argument in enumerate(event.arguments):
            if argument.role not in ontology.roles:
                yield (
                    ("events", i, "arguments", k, "role"),
                    f"role {argument.role!r} is not one of {sorted(ontology.roles)}",
                )


# --- JSON parsing with line numbers -------------------------------------------------------


def _parse(raw: str) -> tuple[Extraction | None, dict[Loc, int], list[str]]:
    """Validate ``raw`` as :class:`Extraction` and map each JSON value's location to its line.

    Returns the record (None if invalid), the line map and the problems, each
    ``"<line>: <where>: <message>"``.
    """
    try:
        json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, {}, [f"{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})"]
    lines = _value_lines(raw)
    try:
        return Extraction.model_validate_json(raw), lines, []
    except ValidationError as exc:
        return (
            None,
            lines,
            [
                f"{_line_of(lines, tuple(error['loc']))}: {_format_loc(tuple(error['loc']))}: "
                f"{error['msg']}"
                for error in exc.errors()
            ],
        )


_NEWLINE = re.compile(r"\n")
_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")
_WHITESPACE = re.compile(r"[ \t\r\n]*")


def _value_lines(raw: str) -> dict[Loc, int]:
    """Line (1-based) where each value of valid JSON ``raw`` starts, keyed by its path."""
    newlines = [m.start() for m in _NEWLINE.finditer(raw)]
    lines: dict[Loc, int] = {}

    def skip(i: int) -> int:
        match = _WHITESPACE.match(raw, i)
        return match.end() if match else i

    def value(i: int, loc: Loc) -> int:
        i = skip(i)
        lines[loc] = bisect.bisect_right(newlines, i - 1) + 1
        char = raw[i]
        if char == "{":
            i = skip(i + 1)
            if raw[i] == "}":
                return i + 1
            while True:
                key, i = json.decoder.scanstring(raw, skip(i) + 1)  # type: ignore[attr-defined]
                i = value(skip(i) + 1, (*loc, key))
                i = skip(i)
                if raw[i] == "}":
                    return i + 1
                i += 1
        if char == "[":
            i = skip(i + 1)
            if raw[i] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, (*loc, index)))
                index += 1
                if raw[i] == "]":
                    return i + 1
                i += 1
        if char == '"':
            _, end = json.decoder.scanstring(raw, i + 1)  # type: ignore[attr-defined]
            return int(end)
        match = _LITERAL.match(raw, i)
        return match.end() if match else i + 1

    value(0, ())
    return lines


def _line_of(lines: dict[Loc, int], loc: Loc) -> int:
    """Line of the deepest known prefix of ``loc`` (1 when nothing is known)."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


def _format_loc(loc: Loc) -> str:
    """``("entities", 3, "mentions", 0)`` → ``entities[3].mentions[0]``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"
