"""Article-level event coreference: every mention of one real event in one cluster.

Mentions are read in text order. A mention joins an earlier cluster only when the
two are *compatible* — same type (an anaphoric 同会談 may also join a phone call),
no clash of place or time (ブダペスト vs アラスカ州, 2025-08 vs 2025-10-21), and
participants where one side's set contains the other's — and then:

- an anaphoric mention (同会談, 同首脳会談) joins the most recent compatible cluster;
- any other mention joins the most recent compatible cluster it shares evidence
  with: a participant, the place, the time, or the same trigger word (a repeated
  首脳会談; 「即時」会談 after …ブダペストでの会談; for a ``whole_word`` pattern the
  whole matched word, 大統領選挙, not its trigger 選挙).

A mention inside a citation title (``citations``: 『エリツィン前大統領が死去』 after an
article that tells of the death with 死亡した) that finds no such cluster joins the one
compatible cluster of its type that has a mention outside the citations, when there is
exactly one: the title names the article's event (annotation guidelines §4.6); with none
or several it stays its own event.

Mentions of a type with kinds (ELECTION: ``kinds`` in ontology.json, found by
:func:`event_kinds`) are compatible only when their kinds agree: a party's 総裁選 and the
総選挙 are two events, though both may be written 選挙. A mention of a known kind that
finds no cluster joins the one compatible cluster of that kind, when there is exactly one
and nothing tells a different occasion (``大統領選挙`` … ``大統領に当選`` …
``大統領選挙の第1回投票``: guidelines §4.6; ``1990年に大統領に当選`` does not join
``来年4月の大統領選挙``); the citation rule above is for mentions of no kind.

Otherwise it starts a new cluster. Statuses merge by the conventions' order
(HELD > CANCELLED > POSTPONED > UNCERTAIN > PLANNED > UNKNOWN); arguments are the
union; a POSTPONEMENT/CANCELLATION that is not negated passes POSTPONED/CANCELLED
to its target. Cost is linear in mentions × clusters (a few dozen per article).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from jnews_extract.annotations import EventArgumentMention, EventCluster, EventMention
from jnews_extract.events.lexicon import STATUS_ORDER, EventType, load_lexicon

ANAPHOR_FAMILIES = ({"MEETING", "PHONE_CALL"},)
"""同会談 may refer back to a 電話会談."""
UNREPEATABLE_TYPES = frozenset({"STATEMENT", "DEMAND"})
"""Types whose bare repeated trigger word is *not* evidence of the same event: an article
tells of many announcements and demands, but of one summit, one election, one coup, one
resignation, so a repeated 首脳会談 or 辞任 names the same event unless arguments,
place or time clash. Statements and demands merge only on shared arguments, place or time."""
STATUS_OF_EVENT_ABOUT = {"POSTPONEMENT": "POSTPONED", "CANCELLATION": "CANCELLED"}
KIND_WINDOW = 12
"""Characters before a trigger searched for its kind word (ペルー大統領選挙の決戦|投票)."""
_ORDINAL_END = re.compile(r"第?[0-9０-９一二三四五六七八九十]+回目?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


def time_interval(value: str) -> tuple[date, date] | None:
    """The calendar days a TIMEX3 date value covers (2025, 2025-08, 2025-10-21, 2025-W42)."""
    match = _DATE.match(value[:10] if "T" in value else value)
    if match is None:
        return None
    year, month, day, week = match.groups()
    try:
        if week:
            monday = date.fromisocalendar(int(year), int(week), 1)
            return monday, monday + timedelta(days=6)
        if day:
            one = date(int(year), int(month), int(day))
            return one, one
        if month:
            first = date(int(year), int(month), 1)
            following = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def _times_clash(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    first, second = time_interval(a), time_interval(b)
    if first is None or second is None:
        return False
    return first[1] < second[0] or second[1] < first[0]


@dataclass
class _Building:
    type: str
    mentions: list[EventMention] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    times: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    about: _Building | None = None
    """For a POSTPONEMENT/CANCELLATION: the cluster of the event it is about."""
    negated: bool = False


def _participants(mention: EventMention, entity_id_of: Mapping[tuple[int, int], str]) -> set[str]:
    return {
        entity_id_of[(a.start, a.end)]
        for a in mention.arguments
        if (a.start, a.end) in entity_id_of
    }


def _covered(ids: set[str], affiliation_of: Mapping[str, str]) -> set[str]:
    """The ids with the countries their persons hold office for (ルビオ covers 米国)."""
    return ids | {affiliation_of[i] for i in ids if i in affiliation_of}


def _types_match(mention: EventMention, cluster: _Building) -> bool:
    if mention.type == cluster.type:
        return True
    return mention.anaphoric and any(
        mention.type in family and cluster.type in family for family in ANAPHOR_FAMILIES
    )


def _compatible(
    mention: EventMention,
    participants: set[str],
    place: str | None,
    time: str | None,
    cluster: _Building,
    affiliation_of: Mapping[str, str],
    kind: str | None = None,
) -> bool:
    if not _types_match(mention, cluster):
        return False
    if kind is not None and cluster.kinds - {kind}:
        return False
    if place is not None and cluster.places and place not in cluster.places:
        return False
    if any(_times_clash(time, other) for other in cluster.times):
        return False
    if participants and cluster.participants:
        ours = _covered(participants, affiliation_of)
        theirs = _covered(cluster.participants, affiliation_of)
        if not (participants <= theirs or cluster.participants <= ours):
            return False
    return True


def _evidence(
    mention: EventMention,
    participants: set[str],
    place: str | None,
    time: str | None,
    cluster: _Building,
) -> bool:
    if participants & cluster.participants:
        return True
    if place is not None and place in cluster.places:
        return True
    if time is not None and time in cluster.times and time_interval(time) is not None:
        return True
    # a repeated word (首脳会談 … 首脳会談) names the same event, except for the kinds of
    # events an article tells many of (UNREPEATABLE_TYPES)
    return _word(mention) in cluster.words and mention.type not in UNREPEATABLE_TYPES


def _word(mention: EventMention) -> str:
    """The word a repetition is read on: the whole matched word of a ``whole_word``
    pattern (大統領選挙, whose trigger is 選挙), else the trigger's text."""
    return mention.word or mention.text


def _same_occasion(mention: EventMention, time: str | None, cluster: _Building) -> bool:
    """Nothing tells a different occasion: no time that disagrees where both are known
    (``XXXX-XX-04`` agrees with ``2006-06-04``) and not one told as over, the other as
    planned (``1990年に大統領に当選`` and ``来年4月の大統領選挙``)."""
    if time is not None and not all(_values_agree(time, other) for other in cluster.times):
        return False
    told = {m.status for m in cluster.mentions} - {"UNKNOWN"}
    over_against_planned = {mention.status, *told} == {"HELD", "PLANNED"} and len(told) == 1
    return not over_against_planned


def _values_agree(first: str, second: str) -> bool:
    """Two TIMEX3 values agree wherever neither leaves a digit unknown (``X``)."""
    return all(a == b or "X" in (a, b) for a, b in zip(first, second, strict=False))


def _merge_status(mentions: Sequence[EventMention], extra: Sequence[str]) -> tuple[str, bool]:
    """The strongest status of the mentions (and of events about this one); negated when
    any mention says the event does not or did not happen (計画もない)."""
    statuses = [m.status for m in mentions] + list(extra)
    best = min(statuses, key=STATUS_ORDER.index)
    return best, any(m.negated for m in mentions)


def cluster_events(
    mentions: list[EventMention],
    entity_id_of: Mapping[tuple[int, int], str],
    time_value_of: Mapping[tuple[int, int], str],
    *,
    affiliation_of: Mapping[str, str] | None = None,
    citations: Sequence[tuple[int, int]] = (),
    kinds: Mapping[tuple[int, int], str] | None = None,
) -> list[EventCluster]:
    """Group the event mentions of one article into events (see the module docstring).

    ``entity_id_of`` maps entity mention spans to entity ids after alias clustering,
    ``time_value_of`` maps time mention spans to their resolved TIMEX3 values; all
    offsets are in the article's string. ``affiliation_of`` (optional) maps a person's
    entity id to the id of the country of their office, so that 米外相の電話協議
    (米国, ルビオ) is compatible with ルビオ and ラブロフ's call. ``citations``
    (optional): the spans of citation titles (``『…』``, :func:`citation_spans`).
    ``kinds`` (optional): the kind of each mention span that has one
    (:func:`event_kinds`). Clusters come back in order of first mention.
    """

    def cited(mention: EventMention) -> bool:
        return any(start <= mention.start and mention.end <= end for start, end in citations)

    affiliations = affiliation_of or {}
    kind_of = kinds or {}
    building: list[_Building] = []
    cluster_of_span: dict[tuple[int, int], _Building] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        participants = _participants(mention, entity_id_of)
        place = entity_id_of.get(mention.location) if mention.location else None
        time = time_value_of.get(mention.time) if mention.time else None
        about = cluster_of_span.get(mention.target) if mention.target else None
        kind = kind_of.get((mention.start, mention.end))
        chosen = None
        for cluster in reversed(building):
            if not _compatible(mention, participants, place, time, cluster, affiliations, kind):
                continue
            if cluster.about is not None or about is not None:
                # 延期 … 延期 of the same meeting is one postponement
                if cluster.about is about and cluster.negated == mention.negated:
                    chosen = cluster
                    break
                continue
            if mention.anaphoric and cluster.type != mention.type:
                continue  # 同会談 looks for a meeting first, a phone call only after
            if mention.anaphoric or _evidence(mention, participants, place, time, cluster):
                chosen = cluster
                break
        if chosen is None and mention.anaphoric:
            chosen = next(
                (
                    c
                    for c in reversed(building)
                    if c.about is None
                    and _compatible(mention, participants, place, time, c, affiliations, kind)
                ),
                None,
            )
        if chosen is None and about is None and kind is None and cited(mention):
            told = [
                c
                for c in building
                if c.type == mention.type
                and c.about is None
                and c.negated == mention.negated
                and any(not cited(m) for m in c.mentions)
                and _compatible(mention, participants, place, time, c, affiliations, kind)
            ]
            chosen = told[0] if len(told) == 1 else None
        if chosen is None and about is None and kind is not None:
            same_kind = [
                c
                for c in building
                if kind in c.kinds
                and _same_occasion(mention, time, c)
                and c.about is None
                and c.negated == mention.negated
                and _compatible(mention, participants, place, time, c, affiliations, kind)
            ]
            chosen = same_kind[0] if len(same_kind) == 1 else None
        if chosen is None:
            chosen = _Building(type=mention.type, about=about, negated=mention.negated)
            building.append(chosen)
        else:
            # keep the cluster ordered by recency: most recent mention last
            building.remove(chosen)
            building.append(chosen)
        chosen.mentions.append(mention)
        chosen.participants |= participants
        if place is not None:
            chosen.places.add(place)
        if time is not None:
            chosen.times.append(time)
        chosen.words.add(_word(mention))
        if kind is not None:
            chosen.kinds.add(kind)
        cluster_of_span[(mention.start, mention.end)] = chosen

    building.sort(key=lambda c: c.mentions[0].start)
    index_of_span = {
        (m.start, m.end): number
        for number, cluster in enumerate(building)
        for m in cluster.mentions
    }
    targets: list[int | None] = []
    passed: dict[int, list[str]] = {}
    for number, cluster in enumerate(building):
        target = None
        for mention in cluster.mentions:
            if mention.target is not None and mention.target in index_of_span:
                target = index_of_span[mention.target]
                if target == number:
                    target = None
                    continue
                if cluster.type in STATUS_OF_EVENT_ABOUT and not mention.negated:
                    passed.setdefault(target, []).append(STATUS_OF_EVENT_ABOUT[cluster.type])
                break
        targets.append(target)

    clusters = []
    for number, cluster in enumerate(building):
        status, negated = _merge_status(cluster.mentions, passed.get(number, ()))
        clusters.append(
            EventCluster(
                type=cluster.type,
                mentions=list(cluster.mentions),
                cameo=next((m.cameo for m in cluster.mentions if m.cameo), None),
                arguments=_union_arguments(cluster.mentions, entity_id_of),
                location=next((m.location for m in cluster.mentions if m.location), None),
                time=_best_time(cluster.mentions, time_value_of),
                status=status,
                negated=negated,
                source=_source(cluster.mentions),
                target=targets[number],
            )
        )
    return clusters


CITATION_TITLE = re.compile(r"『[^』\n]+』")
"""A title in double corner brackets, as Japanese news cites a headline or a work."""


def citation_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the citation titles (『…』) of ``text``, brackets included."""
    return [(m.start(), m.end()) for m in CITATION_TITLE.finditer(text)]


def event_kinds(text: str, mentions: Sequence[EventMention]) -> dict[tuple[int, int], str]:
    """The kind of each mention whose type has kinds and whose kind word stands right
    before its stem: ``大統領選挙`` and ``大統領に当選`` → president, ``総裁選`` →
    party_leader, ``総理大臣指名選挙`` → premier_vote, ``大統領選挙の第1回投票`` →
    president (an ordinal round of the election named before it), ``大統領選挙の決戦投票`` →
    runoff. A mention with no kind word (``今回の選挙``, ``当選``) has none."""
    types = load_lexicon().types
    found = {}
    for mention in mentions:
        event_type = types.get(mention.type)
        if event_type is None or not event_type.kinds:
            continue
        kind = _kind_before(
            text[max(0, mention.start - KIND_WINDOW) : mention.start] + mention.text, event_type
        )
        if kind is not None:
            found[(mention.start, mention.end)] = kind
    return found


def _kind_before(head: str, event_type: EventType) -> str | None:
    kinds = event_type.kinds
    stem = max((s for s in event_type.kind_stems if head.endswith(s)), key=len, default=None)
    if stem is None:
        return None
    head = head[: -len(stem)]
    if stem in event_type.result_stems:
        head = head.removesuffix("に")
    round_ = _ORDINAL_END.search(head)
    if round_ is not None:
        # 大統領選挙の第1回|投票: the round of the election named before it
        head = head[: round_.start()].removesuffix("の")
        if not head.endswith(event_type.naming_stems):
            return None
    word = _kind_word_ending(head, kinds)
    if word is None:
        # 大統領選挙に|当選: the election named before the result
        named = next((head[: -len(s)] for s in event_type.naming_stems if head.endswith(s)), None)
        word = _kind_word_ending(named, kinds) if named else None
    return kinds[word] if word is not None else None


def _kind_word_ending(head: str, kinds: Mapping[str, str]) -> str | None:
    return max((w for w in kinds if head.endswith(w)), key=len, default=None)


def _union_arguments(
    mentions: Sequence[EventMention], entity_id_of: Mapping[tuple[int, int], str]
) -> list[EventArgumentMention]:
    seen: set[tuple[str, str]] = set()
    union = []
    for mention in mentions:
        for argument in mention.arguments:
            key = (
                argument.role,
                entity_id_of.get(
                    (argument.start, argument.end), f"{argument.start}:{argument.end}"
                ),
            )
            if key in seen:
                continue
            seen.add(key)
            union.append(argument)
    return union


def _best_time(
    mentions: Sequence[EventMention], time_value_of: Mapping[tuple[int, int], str]
) -> tuple[int, int] | None:
    """The most specific calendar time of the mentions (a day over a month over a year),
    the earliest mention's on a tie; else the first time at all (P2W, PAST_REF)."""
    spans = [m.time for m in mentions if m.time is not None]
    dated = []
    for order, span in enumerate(spans):
        value = time_value_of.get(span)
        interval = time_interval(value) if value is not None else None
        if interval is not None:
            dated.append(((interval[1] - interval[0]).days, order, span))
    if dated:
        return min(dated)[2]
    return spans[0] if spans else None


def _source(mentions: Sequence[EventMention]) -> tuple[int, int] | None:
    """The source of the event's first attributed mention."""
    return next((m.source for m in mentions if m.source is not None), None)
