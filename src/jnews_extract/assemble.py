"""The assembler: the only place pydantic records are built.

It takes the page parse, the docs of the article's pieces (each with its offset into
the caller's string) and the article-level results (entity clusters, resolved times,
event clusters), and builds one :class:`~jnews_extract.schema.Extraction`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jnews_extract.aliases import EntityCluster
from jnews_extract.annotations import EventCluster, TimeMention
from jnews_extract.knowledge import Gazetteer
from jnews_extract.page import Page, Region
from jnews_extract.schema import (
    Argument,
    Article,
    Entity,
    EntityLabel,
    Event,
    EventStatus,
    Extraction,
    Mention,
    Role,
    Span,
    TimeExpression,
    TimeMod,
    TimeType,
)


@dataclass
class Sentences:
    """Sentence start offsets of the whole article, to number mentions."""

    starts: list[int]

    def index(self, offset: int) -> int:
        """Number of the sentence containing ``offset`` (0 before the first)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _region_span(text: str, region: Region | None) -> Span | None:
    return None if region is None else _span(text, region.start, region.end)


def build_article(text: str, page: Page) -> Article:
    """The ``Article`` record of a page parse."""
    return Article(
        title=_region_span(text, page.title),
        published=page.published,
        dateline=_region_span(text, page.dateline),
        dateline_date=page.dateline_date,
        source=page.source,
        authors=list(page.authors),
        body=_span(text, page.body.start, page.body.end),
        captions=[_span(text, c.start, c.end) for c in page.captions],
    )


def build_entities(
    text: str,
    clusters: Sequence[EntityCluster],
    gazetteer: Gazetteer,
    sentences: Sentences,
) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """Entity records (ids e1, e2, … in text order) and a map mention span → entity id."""
    span_to_id: dict[tuple[int, int], str] = {}
    ids: list[str] = []
    for number, cluster in enumerate(clusters, start=1):
        ids.append(f"e{number}")
        for mention in cluster.mentions:
            span_to_id.setdefault((mention.start, mention.end), f"e{number}")
    entities = []
    for entity_id, cluster in zip(ids, clusters, strict=True):
        entry = gazetteer.entries.get(cluster.key) if cluster.key else None
        named = [m.text for m in cluster.mentions if not m.anaphor]
        name = entry.name if entry else max(named or [cluster.mentions[0].text], key=len)
        roles: list[Role] = []
        seen_roles: set[tuple[str, str | None]] = set()
        country = entry.country if entry else None
        for mention in cluster.mentions:
            for role in mention.roles:
                affiliation = None
                if role.affiliation_start is not None and role.affiliation_end is not None:
                    affiliation = span_to_id.get((role.affiliation_start, role.affiliation_end))
                if (role.title, affiliation) in seen_roles:
                    continue
                seen_roles.add((role.title, affiliation))
                roles.append(
                    Role(
                        title=role.title,
                        affiliation=affiliation,
                        mention=_span(text, role.start, role.end),
                    )
                )
                if country is None and role.affiliation_key:
                    affiliated = gazetteer.entries.get(role.affiliation_key)
                    if affiliated is not None and affiliated.key.startswith("country:"):
                        country = affiliated.country
        affiliated_titles = {r.title for r in roles if r.affiliation}
        roles = [r for r in roles if r.affiliation or r.title not in affiliated_titles]
        mentions = []
        seen_spans: set[tuple[int, int]] = set()
        for m in cluster.mentions:
            if (m.start, m.end) in seen_spans:
                continue
            seen_spans.add((m.start, m.end))
            mentions.append(
                Mention(
                    start=m.start,
                    end=m.end,
                    text=text[m.start : m.end],
                    sentence=sentences.index(m.start),
                )
            )
        entities.append(
            Entity(
                id=entity_id,
                label=EntityLabel(cluster.label),
                name=name,
                name_en=entry.name_en if entry else None,
                kb_id=entry.kb_id if entry else None,
                country=country,
                roles=roles,
                mentions=mentions,
            )
        )
    return entities, span_to_id


def build_times(
    text: str, mentions: Sequence[TimeMention]
) -> tuple[list[TimeExpression], dict[tuple[int, int], str]]:
    """Time records (ids t1, t2, …) and a map span → time id."""
    times = []
    span_to_id: dict[tuple[int, int], str] = {}
    for number, m in enumerate(sorted(mentions, key=lambda t: t.start), start=1):
        time_id = f"t{number}"
        span_to_id[(m.start, m.end)] = time_id
        times.append(
            TimeExpression(
                id=time_id,
                start=m.start,
                end=m.end,
                text=text[m.start : m.end],
                type=TimeType(m.type),
                value=m.value,
                first_day=m.first_day,
                last_day=m.last_day,
                mod=TimeMod(m.mod) if m.mod else None,
            )
        )
    return times, span_to_id


def build_events(
    text: str,
    clusters: Sequence[EventCluster],
    entity_of: dict[tuple[int, int], str],
    time_of: dict[tuple[int, int], str],
    sentences: Sentences,
) -> list[Event]:
    """Event records (ids v1, v2, …) with arguments mapped to entity and time ids."""
    events = []
    for number, cluster in enumerate(clusters, start=1):
        arguments: list[Argument] = []
        seen: set[tuple[str, str]] = set()
        for argument in cluster.arguments:
            entity = entity_of.get((argument.start, argument.end))
            if entity is None or (argument.role, entity) in seen:
                continue
            seen.add((argument.role, entity))
            arguments.append(Argument(role=argument.role, entity=entity))
        target = cluster.target
        events.append(
            Event(
                id=f"v{number}",
                type=cluster.type,
                cameo=cluster.cameo,
                mentions=[
                    Mention(
                        start=m.start,
                        end=m.end,
                        text=text[m.start : m.end],
                        sentence=sentences.index(m.start),
                    )
                    for m in sorted(cluster.mentions, key=lambda m: m.start)
                ],
                arguments=arguments,
                location=entity_of.get(cluster.location) if cluster.location else None,
                time=time_of.get(cluster.time) if cluster.time else None,
                status=EventStatus(cluster.status),
                negated=cluster.negated,
                source=entity_of.get(cluster.source) if cluster.source else None,
                target=f"v{target + 1}"
                if target is not None and 0 <= target < len(clusters)
                else None,
            )
        )
    return events


def build_extraction(
    text: str,
    page: Page,
    *,
    reference_date: date | None,
    reference_source: str | None,
    entities: list[Entity],
    times: list[TimeExpression],
    events: list[Event],
) -> Extraction:
    """The final record."""
    return Extraction(
        text=text,
        article=build_article(text, page),
        reference_date=reference_date,
        reference_date_source=reference_source,
        entities=entities,
        times=times,
        events=events,
    )


def error_record(text: str, message: str) -> Extraction:
    """The record batch extraction yields for an item that failed."""
    return Extraction(
        text=text, article=Article(body=Span(start=0, end=len(text), text=text)), error=message
    )
