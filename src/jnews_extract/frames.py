"""Research tables: records → pandas DataFrames with stable column names, and Parquet.

``to_frames(records)`` returns a dict of six DataFrames keyed by table name. Every row
carries ``article_id`` (the record's ``id``, or its position in ``records``) so the
tables join. Columns (stable; documented in docs/tables.md):

- ``articles``: article_id, title, published, dateline_date, source, authors,
  reference_date, reference_date_source, n_entities, n_times, n_events, error
- ``entities``: article_id, entity_id, label, name, name_en, kb_id, country, titles,
  n_mentions
- ``mentions``: article_id, entity_id, start, end, text, sentence
- ``times``: article_id, time_id, start, end, text, type, value, first_day, last_day, mod
- ``events``: article_id, event_id, type, cameo, status, negated, trigger, start, end,
  n_mentions, location_id, location, time_id, time_value, first_day, last_day,
  source_id, source, target_id
- ``arguments``: article_id, event_id, role, entity_id, entity_name, entity_label
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jnews_extract.schema import Extraction

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("articles", "entities", "mentions", "times", "events", "arguments")


def _rows(records: Iterable[Extraction]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for position, record in enumerate(records):
        article_id = record.id if record.id is not None else str(position)
        article = record.article
        rows["articles"].append(
            {
                "article_id": article_id,
                "title": article.title.text if article.title else None,
                "published": article.published,
                "dateline_date": article.dateline_date,
                "source": article.source,
                "authors": "; ".join(article.authors),
                "reference_date": record.reference_date,
                "reference_date_source": record.reference_date_source,
                "n_entities": len(record.entities),
                "n_times": len(record.times),
                "n_events": len(record.events),
                "error": record.error,
            }
        )
        entities = {e.id: e for e in record.entities}
        times = {t.id: t for t in record.times}
        for entity in record.entities:
            rows["entities"].append(
                {
                    "article_id": article_id,
                    "entity_id": entity.id,
                    "label": entity.label.value,
                    "name": entity.name,
                    "name_en": entity.name_en,
                    "kb_id": entity.kb_id,
                    "country": entity.country,
                    "titles": "; ".join(r.title for r in entity.roles),
                    "n_mentions": len(entity.mentions),
                }
            )
            for mention in entity.mentions:
                rows["mentions"].append(
                    {
                        "article_id": article_id,
                        "entity_id": entity.id,
                        "start": mention.start,
                        "end": mention.end,
                        "text": mention.text,
                        "sentence": mention.sentence,
                    }
                )
        for time in record.times:
            rows["times"].append(
                {
                    "article_id": article_id,
                    "time_id": time.id,
                    "start": time.start,
                    "end": time.end,
                    "text": time.text,
                    "type": time.type.value,
                    "value": time.value,
                    "first_day": time.first_day,
                    "last_day": time.last_day,
                    "mod": time.mod.value if time.mod else None,
                }
            )
        for event in record.events:
            first = event.mentions[0] if event.mentions else None
            place = entities.get(event.location) if event.location else None
            when = times.get(event.time) if event.time else None
            source = entities.get(event.source) if event.source else None
            rows["events"].append(
                {
                    "article_id": article_id,
                    "event_id": event.id,
                    "type": event.type,
                    "cameo": event.cameo,
                    "status": event.status.value,
                    "negated": event.negated,
                    "trigger": first.text if first else None,
                    "start": first.start if first else None,
                    "end": first.end if first else None,
                    "n_mentions": len(event.mentions),
                    "location_id": event.location,
                    "location": place.name if place else None,
                    "time_id": event.time,
                    "time_value": when.value if when else None,
                    "first_day": when.first_day if when else None,
                    "last_day": when.last_day if when else None,
                    "source_id": event.source,
                    "source": source.name if source else None,
                    "target_id": event.target,
                }
            )
            for argument in event.arguments:
                argued = entities.get(argument.entity)
                rows["arguments"].append(
                    {
                        "article_id": article_id,
                        "event_id": event.id,
                        "role": argument.role,
                        "entity_id": argument.entity,
                        "entity_name": argued.name if argued else None,
                        "entity_label": argued.label.value if argued else None,
                    }
                )
    return rows


_COLUMNS = {
    "articles": [
        "article_id", "title", "published", "dateline_date", "source", "authors",
        "reference_date", "reference_date_source", "n_entities", "n_times", "n_events", "error",
    ],
    "entities": [
        "article_id", "entity_id", "label", "name", "name_en", "kb_id", "country", "titles",
        "n_mentions",
    ],
    "mentions": ["article_id", "entity_id", "start", "end", "text", "sentence"],
    "times": [
        "article_id", "time_id", "start", "end", "text", "type", "value", "first_day",
        "last_day", "mod",
    ],
    "events": [
        "article_id", "event_id", "type", "cameo", "status", "negated", "trigger", "start",
        "end", "n_mentions", "location_id", "location", "time_id", "time_value", "first_day",
        "last_day", "source_id", "source", "target_id",
    ],
    "arguments": ["article_id", "event_id", "role", "entity_id", "entity_name", "entity_label"],
}  # fmt: skip


def to_frames(records: Iterable[Extraction]) -> dict[str, pd.DataFrame]:
    """Six joinable DataFrames (articles, entities, mentions, times, events, arguments)."""
    import pandas as pd

    rows = _rows(records)
    return {name: pd.DataFrame(rows[name], columns=_COLUMNS[name]) for name in TABLES}


def write_parquet(records: Iterable[Extraction], path: str | Path) -> list[Path]:
    """Write the six tables as Parquet files ``<stem>.<table>.parquet`` beside ``path``."""
    target = Path(path)
    stem = target.name.removesuffix(".parquet")
    written = []
    for name, frame in to_frames(records).items():
        out = target.with_name(f"{stem}.{name}.parquet")
        frame.to_parquet(out, index=False)
        written.append(out)
    return written
