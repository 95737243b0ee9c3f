"""Alias clustering: every mention of one real entity in an article becomes one entity.

トランプ / トランプ氏 / トランプ大統領 / ドナルド・トランプ / 同氏 → one cluster. Runs once
per article over the mentions of all its docs (offsets already in the caller's string),
linear in the number of mentions apart from a small look-back for anaphors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jnews_extract.annotations import EntityMention
from jnews_extract.knowledge import Gazetteer

NAME_SEPARATORS = ("・", "＝", "=", "･")
"""Characters between the parts of a full name (ドナルド・トランプ, ヴァル=ドゥ=グラス)."""


@dataclass
class EntityCluster:
    """Mentions of one entity, with the gazetteer key when it is known."""

    label: str
    key: str | None
    mentions: list[EntityMention] = field(default_factory=list)

    @property
    def first(self) -> int:
        """Start of the first mention."""
        return self.mentions[0].start


def name_parts(name: str) -> list[str]:
    """``ドナルド・トランプ`` → ``["ドナルド", "トランプ"]``."""
    parts = [name]
    for separator in NAME_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return [p for p in parts if p]


def _resolve_ambiguous(mentions: list[EntityMention]) -> None:
    """An ambiguous alias (ブッシュ) takes the candidate the article names unambiguously."""
    keys_in_article = {m.key for m in mentions if m.key}
    for mention in mentions:
        if mention.key is None and mention.candidates:
            chosen = [k for k in mention.candidates if k in keys_in_article]
            if len(chosen) == 1:
                mention.key = chosen[0]


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    parts_a, parts_b = name_parts(a), name_parts(b)
    if len(parts_a) == 1 and a in parts_b:
        return True
    return len(parts_b) == 1 and b in parts_a


def cluster_entities(
    mentions: list[EntityMention], gazetteer: Gazetteer | None = None
) -> list[EntityCluster]:
    """Group ``mentions`` (sorted by start) into entities; anaphors join their antecedent."""
    _resolve_ambiguous(mentions)
    clusters: list[EntityCluster] = []
    by_key: dict[str, EntityCluster] = {}
    for mention in mentions:
        if mention.anaphor:
            continue
        if mention.key is not None:
            cluster = by_key.get(mention.key)
            if cluster is None:
                cluster = EntityCluster(mention.label, mention.key)
                by_key[mention.key] = cluster
                clusters.append(cluster)
            cluster.mentions.append(mention)
            continue
        target = _find_by_name(clusters, mention, gazetteer)
        if target is None:
            target = EntityCluster(mention.label, None)
            clusters.append(target)
        target.mentions.append(mention)
    _attach_anaphors(mentions, clusters)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: (m.start, m.end))
    clusters.sort(key=lambda c: c.first)
    return clusters


def _find_by_name(
    clusters: list[EntityCluster], mention: EntityMention, gazetteer: Gazetteer | None
) -> EntityCluster | None:
    for cluster in clusters:
        if cluster.label != mention.label:
            continue
        names = {m.text for m in cluster.mentions}
        if cluster.key and gazetteer is not None and cluster.key in gazetteer.entries:
            entry = gazetteer.entries[cluster.key]
            names |= {entry.name, *entry.aliases}
        if mention.label == "PERSON":
            if any(_same_name(mention.text, name) for name in names):
                return cluster
        elif mention.text in names:
            return cluster
    return None


def _attach_anaphors(mentions: list[EntityMention], clusters: list[EntityCluster]) -> None:
    """同氏 → the most recent person; 両氏 → the two most recent; 同国 → the last country."""
    wanted = {"同氏": 1, "同国": 1, "同党": 1, "同社": 1, "両氏": 2, "両国": 2}
    for anaphor in (m for m in mentions if m.anaphor):
        count = wanted.get(anaphor.text, 1)
        recent: list[tuple[int, EntityCluster]] = []
        for cluster in clusters:
            before = [m.start for m in cluster.mentions if m.end <= anaphor.start and not m.anaphor]
            if before and cluster.label == anaphor.label:
                recent.append((max(before), cluster))
        recent.sort(key=lambda item: item[0], reverse=True)
        if len(recent) < count:
            continue
        for _, cluster in recent[:count]:
            cluster.mentions.append(
                EntityMention(
                    anaphor.start,
                    anaphor.end,
                    anaphor.text,
                    cluster.label,
                    cluster.key,
                    "anaphor",
                    anaphor=True,
                )
            )
