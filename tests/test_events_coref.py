"""Article-level event coreference (``cluster_events``) on hand-made mentions.

Mentions are built directly: a trigger word at a position, its participants as entity
ids, place and time values. Spans are synthetic (unique per mention / argument), so the
maps given to ``cluster_events`` say which entity or time each span is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from spacy.language import Language

from jnews_extract.annotations import EventArgumentMention, EventMention
from jnews_extract.events import cluster_events
from jnews_extract.events.coref import time_interval


@dataclass
class M:
    """A mention in a case table."""

    word: str
    type: str = "MEETING"
    parties: tuple[str, ...] = ()
    place: str | None = None
    time: str | None = None
    status: str = "UNKNOWN"
    anaphoric: bool = False
    negated: bool = False
    target: int | None = None
    """Index (in the case list) of the mention this one is about."""
    roles: dict[str, str] = field(default_factory=dict)
    whole: str = ""
    """The whole matched word when it is more than ``word`` (大統領選挙 for 選挙)."""


def build(
    cases: list[M],
) -> tuple[list[EventMention], dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    entity_of: dict[tuple[int, int], str] = {}
    time_of: dict[tuple[int, int], str] = {}
    mentions = []
    offset = 0
    for number, case in enumerate(cases):
        start = number * 1000
        arguments = []
        for party in case.parties:
            offset += 1
            span = (start + 100 + offset, start + 101 + offset)
            entity_of[span] = party
            arguments.append(EventArgumentMention(case.roles.get(party, "participant"), *span))
        place = None
        if case.place:
            place = (start + 500, start + 501)
            entity_of[place] = case.place
        time = None
        if case.time:
            time = (start + 600, start + 601)
            time_of[time] = case.time
        target = None
        if case.target is not None:
            target = (case.target * 1000, case.target * 1000 + len(cases[case.target].word))
        mentions.append(
            EventMention(
                start=start,
                end=start + len(case.word),
                text=case.word,
                type=case.type,
                arguments=arguments,
                location=place,
                time=time,
                status=case.status,
                negated=case.negated,
                target=target,
                anaphoric=case.anaphoric,
                word=case.whole,
            )
        )
    return mentions, entity_of, time_of


def groups(cases: list[M], **options: dict[str, str]) -> list[list[int]]:
    mentions, entity_of, time_of = build(cases)
    clusters = cluster_events(mentions, entity_of, time_of, **options)
    return [[m.start // 1000 for m in c.mentions] for c in clusters]


# fmt: off
CLUSTERING = [
    # (name, mentions, expected groups of mention indexes)
    ("anaphor joins the most recent compatible event",
     [M("首脳会談", parties=("US", "RU"), place="Budapest"), M("電話会談", "PHONE_CALL", ("US", "RU")),
      M("会談", anaphoric=True)],
     [[0, 2], [1]]),
    ("anaphoric 会談 may refer back to a phone call",
     [M("電話会談", "PHONE_CALL", ("Rubio", "Lavrov")), M("会談", anaphoric=True)],
     [[0, 1]]),
    ("repeated word with compatible participants is one event",
     [M("首脳会談", parties=("US", "RU")), M("首脳会談", parties=("US", "RU", "Trump", "Putin"))],
     [[0, 1]]),
    ("different place is another event",
     [M("首脳会談", parties=("US", "RU"), place="Budapest"),
      M("首脳会談", parties=("US", "RU"), place="Alaska", time="2025-08")],
     [[0], [1]]),
    ("time clash is another event",
     [M("会談", parties=("A",), time="2025-10-20"), M("会談", parties=("A",), time="2025-10-21")],
     [[0], [1]]),
    ("contained times are compatible",
     [M("会談", parties=("A",), time="2025-08"), M("会談", parties=("A",), time="2025-08-15")],
     [[0, 1]]),
    ("participants that clash are another event",
     [M("会談", parties=("Trump", "Zelensky")), M("会談", parties=("Trump", "Putin"))],
     [[0], [1]]),
    ("a bare repeated 会談 joins the latest event with that word",
     [M("首脳会談", parties=("US", "RU")), M("会談", place="Budapest"), M("会談")],
     [[0], [1, 2]]),
    ("shared place is evidence",
     [M("首脳会談", parties=("US", "RU"), place="Budapest"), M("会談", place="Budapest")],
     [[0, 1]]),
    ("a repeated 声明 with nothing else is not evidence",
     [M("声明", "STATEMENT"), M("声明", "STATEMENT")],
     [[0], [1]]),
    ("a repeated 辞任 is the one resignation",
     [M("辞任", "RESIGNATION", ("A",)), M("辞任", "RESIGNATION")],
     [[0, 1]]),
    ("types never mix without an anaphor",
     [M("会談", parties=("A", "B")), M("電話会談", "PHONE_CALL", ("A", "B"))],
     [[0], [1]]),
    ("postponements of the same event are one",
     [M("会合", parties=("Rubio", "Lavrov")), M("延期", "POSTPONEMENT", target=0),
      M("会合", parties=("Rubio", "Lavrov")), M("延期", "POSTPONEMENT", target=2)],
     [[0, 2], [1, 3]]),
    ("the whole word, not the trigger span, is the repeated word",
     [M("選挙", "ELECTION", whole="大統領選挙"), M("選挙", "ELECTION"),
      M("選挙", "ELECTION", whole="大統領選挙")],
     [[0, 2], [1]]),
    ("a negated cancellation is not the cancellation",
     [M("会談"), M("中止", "CANCELLATION", target=0), M("中止", "CANCELLATION", negated=True, target=0)],
     [[0], [1], [2]]),
]
# fmt: on


@pytest.mark.parametrize(("name", "cases", "expected"), CLUSTERING, ids=[c[0] for c in CLUSTERING])
def test_clustering(name: str, cases: list[M], expected: list[list[int]]) -> None:
    assert groups(cases) == expected, name


def test_affiliation_makes_a_country_compatible_with_its_minister() -> None:
    cases = [
        M("電話会談", "PHONE_CALL", ("Rubio", "Lavrov")),
        M("電話協議", "PHONE_CALL", ("US", "Rubio")),
    ]
    assert groups(cases) == [[0], [1]]
    assert groups(cases, affiliation_of={"Rubio": "US", "Lavrov": "RU"}) == [[0, 1]]


# fmt: off
STATUS = [
    # (name, statuses of coreferent mentions, merged status)
    ("HELD beats everything", ["PLANNED", "UNCERTAIN", "HELD"], "HELD"),
    ("UNCERTAIN beats PLANNED", ["PLANNED", "UNCERTAIN", "PLANNED"], "UNCERTAIN"),
    ("POSTPONED beats UNCERTAIN", ["UNCERTAIN", "POSTPONED"], "POSTPONED"),
    ("CANCELLED beats POSTPONED", ["POSTPONED", "CANCELLED"], "CANCELLED"),
    ("UNKNOWN only when nothing else", ["UNKNOWN", "UNKNOWN"], "UNKNOWN"),
]
# fmt: on


@pytest.mark.parametrize(("name", "statuses", "expected"), STATUS, ids=[c[0] for c in STATUS])
def test_status_merges_by_convention_order(name: str, statuses: list[str], expected: str) -> None:
    cases = [M("首脳会談", parties=("US", "RU"), status=s) for s in statuses]
    mentions, entity_of, time_of = build(cases)
    (cluster,) = cluster_events(mentions, entity_of, time_of)
    assert cluster.status == expected, name


def test_postponement_passes_its_status_and_target_index() -> None:
    cases = [
        M("会合", parties=("A", "B"), status="PLANNED"),
        M("延期", "POSTPONEMENT", status="HELD", target=0),
    ]
    mentions, entity_of, time_of = build(cases)
    meeting, postponement = cluster_events(mentions, entity_of, time_of)
    assert (meeting.status, postponement.status, postponement.target) == ("POSTPONED", "HELD", 0)


def test_negated_cancellation_leaves_its_target_alone() -> None:
    cases = [
        M("会談", status="UNCERTAIN"),
        M("断念", "CANCELLATION", status="HELD", negated=True, target=0),
    ]
    mentions, entity_of, time_of = build(cases)
    meeting, cancellation = cluster_events(mentions, entity_of, time_of)
    assert (meeting.status, cancellation.negated, cancellation.target) == ("UNCERTAIN", True, 0)


def test_arguments_are_the_union_by_entity() -> None:
    cases = [M("首脳会談", parties=("US", "RU")), M("首脳会談", parties=("US", "RU", "Trump"))]
    mentions, entity_of, time_of = build(cases)
    (cluster,) = cluster_events(mentions, entity_of, time_of)
    assert sorted(entity_of[(a.start, a.end)] for a in cluster.arguments) == ["RU", "Trump", "US"]


def test_time_prefers_a_calendar_date_and_place_the_first() -> None:
    cases = [
        M("首脳会談", parties=("US",), time="P2W"),
        M("首脳会談", parties=("US",), time="2025-10-30", place="Budapest"),
    ]
    mentions, entity_of, time_of = build(cases)
    (cluster,) = cluster_events(mentions, entity_of, time_of)
    assert cluster.time is not None and time_of[cluster.time] == "2025-10-30"
    assert cluster.location is not None and entity_of[cluster.location] == "Budapest"


def test_negated_when_any_mention_denies_it() -> None:
    cases = [
        M("会合", parties=("A", "B"), status="POSTPONED"),
        M("会談", parties=("A", "B"), status="PLANNED", negated=True, anaphoric=True),
    ]
    mentions, entity_of, time_of = build(cases)
    (cluster,) = cluster_events(mentions, entity_of, time_of)
    assert (cluster.status, cluster.negated) == ("POSTPONED", True)


def test_no_mentions_no_events() -> None:
    assert cluster_events([], {}, {}) == []


# fmt: off
INTERVALS = [
    ("2025", (date(2025, 1, 1), date(2025, 12, 31))),
    ("2025-08", (date(2025, 8, 1), date(2025, 8, 31))),
    ("2025-12", (date(2025, 12, 1), date(2025, 12, 31))),
    ("2025-10-21", (date(2025, 10, 21), date(2025, 10, 21))),
    ("2025-W42", (date(2025, 10, 13), date(2025, 10, 19))),
    ("2025-10-22TMO", (date(2025, 10, 22), date(2025, 10, 22))),
    ("XXXX-10-21", None),
    ("P2W", None),
    ("PAST_REF", None),
]
# fmt: on


@pytest.mark.parametrize(("value", "expected"), INTERVALS, ids=[c[0] for c in INTERVALS])
def test_time_interval(value: str, expected: tuple[date, date] | None) -> None:
    assert time_interval(value) == expected, value


# fmt: off
CITATIONS = [
    # (name, mentions, indexes of the mentions inside a citation title, expected groups)
    ("a cited headline names the article's one event of its type",
     [M("死亡", "DEATH", ("Yeltsin",)), M("死去", "DEATH")], [1], [[0, 1]]),
    ("outside a citation the other word is no evidence",
     [M("死亡", "DEATH", ("Yeltsin",)), M("死去", "DEATH")], [], [[0], [1]]),
    ("with two events of its type the title stays its own",
     [M("死亡", "DEATH", ("A",)), M("死亡", "DEATH", ("B",)), M("死去", "DEATH")], [2],
     [[0], [1], [2]]),
    ("a clash keeps it apart",
     [M("会談", parties=("A",), time="2025-10-20"), M("首脳会談", time="2025-08")], [1],
     [[0], [1]]),
    ("an event told only in citations is no article event to join",
     [M("死去", "DEATH"), M("逮捕", "ARREST"), M("死亡", "DEATH")], [0, 2], [[0], [1], [2]]),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "cases", "cited", "expected"), CITATIONS, ids=[c[0] for c in CITATIONS]
)
def test_citation_titles_join_the_article_event(
    name: str, cases: list[M], cited: list[int], expected: list[list[int]]
) -> None:
    citations = [(index * 1000 - 1, index * 1000 + 999) for index in cited]
    assert groups(cases, citations=citations) == expected, name


def test_citation_spans_are_the_double_corner_brackets() -> None:
    from jnews_extract.events.coref import citation_spans

    text = "死亡した。『前大統領が死去』。北海道新聞。「引用」は別。"
    assert [text[a:b] for a, b in citation_spans(text)] == ["『前大統領が死去』"]


def test_extract_merges_a_cited_headline_into_the_article_event(nlp: Language) -> None:
    from jnews_extract import extract

    text = (
        "エリツィン前大統領は23日、モスクワの病院で死亡した。76歳だった。"
        "『エリツィン前大統領が死去』。北海道新聞、2007年4月26日。"
    )
    record = extract(text, nlp=nlp)
    assert [[m.text for m in e.mentions] for e in record.events] == [["死亡", "死去"]]


# fmt: off
KINDS = [
    # (text ending with the trigger, the trigger, expected kind)
    ("ペルーで大統領選挙", "大統領選挙", "president"),
    ("ぺルー大統領選", "大統領選", "president"),
    ("自由民主党総裁選", "総裁選", "party_leader"),
    ("総理大臣指名選挙", "選挙", "premier_vote"),
    ("衆議院解散・総選挙", "総選挙", "legislature"),
    ("2009衆院選", "衆院選", "legislature"),
    ("ドイツ連邦議会選挙", "議会選挙", "legislature"),
    ("イリノイ州上院議員に当選", "当選", "upper_house"),
    ("大統領に再選", "再選", "president"),
    ("大統領選挙に当選", "当選", "president"),
    ("大統領選挙の第1回投票", "投票", "president"),
    ("大統領選挙の決戦投票", "投票", "runoff"),
    ("決選投票", "決選投票", "runoff"),
    ("住民投票", "住民投票", "referendum"),
    ("補欠選挙", "補欠選挙", "by_election"),
    # no kind word right before the stem
    ("今回の投票", "投票", None),
    ("候補の当選", "当選", None),
    ("第1回投票", "投票", None),
    ("衆参ダブル選挙", "選挙", None),
    # に reads a result's office, not whom a vote is for
    ("ラマシンハ候補に投票", "投票", None),
    ("衆議院議員(当選", "当選", None),
    # only ELECTION has kinds
    ("大統領会談", "会談", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "word", "expected"), KINDS, ids=[k[0] for k in KINDS])
def test_election_kind_is_the_word_before_the_stem(
    text: str, word: str, expected: str | None
) -> None:
    from jnews_extract.events.coref import event_kinds

    start = len(text) - len(word)
    kind_type = "MEETING" if word == "会談" else "ELECTION"
    mention = EventMention(start=start, end=len(text), text=word, type=kind_type)
    assert event_kinds(text, [mention]).get((start, len(text))) == expected


# fmt: off
ELECTION_KINDS = [
    # (name, mentions, kind of each mention, expected groups)
    ("a party's 総裁選 and the 総選挙 written 選挙 are two events",
     [M("選挙", "ELECTION"), M("選挙", "ELECTION")], ["party_leader", "legislature"],
     [[0], [1]]),
    ("one kind joins without other evidence",
     [M("大統領選挙", "ELECTION"), M("当選", "ELECTION", status="HELD")],
     ["president", "president"], [[0, 1]]),
    ("a mention of no kind does not join by kind",
     [M("大統領選挙", "ELECTION"), M("当選", "ELECTION")], ["president", None], [[0], [1]]),
    ("two events of the kind leave it alone",
     [M("大統領選挙", "ELECTION", time="2008"), M("大統領選挙", "ELECTION", time="2012"),
      M("当選", "ELECTION")], ["president", "president", "president"], [[0], [1], [2]]),
    ("an over and a planned election are two occasions",
     [M("大統領選挙", "ELECTION", time="XXXX-04", status="PLANNED"),
      M("当選", "ELECTION", time="1990", status="HELD")], ["president", "president"],
     [[0], [1]]),
    ("times that agree where both are known join",
     [M("大統領選挙", "ELECTION", time="XXXX-XX-04"), M("大統領選", "ELECTION", time="2006-06-04")],
     ["president", "president"], [[0, 1]]),
    ("times that disagree do not",
     [M("大統領選挙", "ELECTION", time="XXXX-XX-04"), M("大統領選", "ELECTION", time="2006-06-05")],
     ["president", "president"], [[0], [1]]),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "cases", "kinds", "expected"), ELECTION_KINDS, ids=[c[0] for c in ELECTION_KINDS]
)
def test_election_kinds_decide_which_election(
    name: str, cases: list[M], kinds: list[str | None], expected: list[list[int]]
) -> None:
    kind_of = {
        (number * 1000, number * 1000 + len(case.word)): kind
        for number, (case, kind) in enumerate(zip(cases, kinds, strict=True))
        if kind is not None
    }
    assert groups(cases, kinds=kind_of) == expected, name


def test_a_kinded_citation_does_not_join_an_event_of_no_kind() -> None:
    cases = [M("当選", "ELECTION"), M("総裁選", "ELECTION"), M("衆院選", "ELECTION")]
    kinds = {(1000, 1003): "party_leader", (2000, 2003): "legislature"}
    citations = [(1999, 2999)]
    assert groups(cases, kinds=kinds, citations=citations) == [[0], [1], [2]]


def test_extract_keeps_a_party_vote_apart_from_the_diet_vote(nlp: Language) -> None:
    from jnews_extract import extract

    text = (
        "自民党の総裁選挙で安倍晋三官房長官が勝った。"
        "26日には国会で首相指名選挙が行われた。総裁選には3人が立候補した。"
    )
    record = extract(text, nlp=nlp)
    elections = [sorted(m.start for m in e.mentions) for e in record.events]
    party_vote = [text.index("総裁選挙") + 2, text.index("総裁選には")]
    diet_vote = [text.index("指名選挙") + 2]
    assert sorted(elections) == sorted([party_vote, diet_vote])
    # 指名 in 指名選挙 only says which vote it is (guidelines §4.3)
    assert "APPOINTMENT" not in {e.type for e in record.events}
