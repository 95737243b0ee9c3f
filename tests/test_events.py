"""The event component: triggers, arguments, place, time, status, negation, source, target.

Each case sets ``doc._.jnews_entities`` / ``doc._.jnews_times`` from a small table, so
the event rules are tested apart from the entity and time stages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from jnews_extract.annotations import (
    EntityMention,
    EventMention,
    RoleMention,
    TimeMention,
    register_extensions,
)
from jnews_extract.events import EventDetector


@dataclass(frozen=True)
class E:
    """An entity mention in a case table: surface, label, key, nth occurrence, title."""

    surface: str
    label: str
    key: str | None = None
    nth: int = 0
    title: str | None = None
    affiliation: str | None = None


COUNTRY = {
    "米": "country:USA",
    "米国": "country:USA",
    "ロ": "country:RUS",
    "ロシア": "country:RUS",
    "日": "country:JPN",
    "日本": "country:JPN",
    "英国": "country:GBR",
    "フランス": "country:FRA",
    "ドイツ": "country:DEU",
    "ウクライナ": "country:UKR",
    "ハンガリー": "country:HUN",
    "韓国": "country:KOR",
    "イタリア": "country:ITA",
}


def _find(text: str, surface: str, nth: int) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
        assert start >= 0, f"{surface!r} (#{nth}) not in {text!r}"
    return start


def _entities(text: str, table: Sequence[E | str]) -> list[EntityMention]:
    mentions = []
    for item in table:
        spec = item if isinstance(item, E) else E(item, "GPE", COUNTRY.get(item))
        start = _find(text, spec.surface, spec.nth)
        end = start + len(spec.surface)
        roles = []
        if spec.title:
            title_start = text.find(spec.title, end)
            roles.append(
                RoleMention(
                    spec.title,
                    title_start,
                    title_start + len(spec.title),
                    affiliation_key=spec.affiliation,
                )
            )
        mentions.append(
            EntityMention(start, end, spec.surface, spec.label, key=spec.key, roles=roles)
        )
    return sorted(mentions, key=lambda m: m.start)


def _times(text: str, surfaces: Sequence[str]) -> list[TimeMention]:
    times = []
    for surface in surfaces:
        start = _find(text, surface, 0)
        times.append(TimeMention(start, start + len(surface), surface, "DATE", surface))
    return times


@pytest.fixture(scope="module")
def ginza() -> Iterator[Language]:
    """GiNZA without its NER (entities come from the case tables)."""
    register_extensions()
    yield spacy.load("ja_ginza", exclude=["ner"])


@pytest.fixture(scope="module")
def detector(ginza: Language) -> EventDetector:
    return EventDetector(ginza)


def run(
    ginza: Language,
    detector: EventDetector,
    text: str,
    entities: Sequence[E | str] = (),
    times: Sequence[str] = (),
) -> Doc:
    doc = ginza(text)
    doc._.jnews_entities = _entities(text, entities)
    doc._.jnews_times = _times(text, times)
    return detector(doc)


def event(doc: Doc, trigger: str, nth: int = 0) -> EventMention:
    found = [e for e in doc._.jnews_events if e.text == trigger]
    assert len(found) > nth, (trigger, [(e.text, e.type) for e in doc._.jnews_events])
    return found[nth]


def span_text(doc: Doc, span: tuple[int, int] | None) -> str | None:
    return None if span is None else doc.text[span[0] : span[1]]


# fmt: off
TRIGGERS = [
    # (sentence, [(trigger span text, type)] expected in order)
    ("首相は21日、大統領と会談した。", [("会談", "MEETING")]),
    ("両首脳は電話会談し、協力を確認した。", [("電話会談", "PHONE_CALL")]),
    ("両国は来月、会談を行う方針だ。", [("会談", "MEETING")]),
    ("日米首脳、来週会談へ", [("会談", "MEETING")]),
    ("両外相は電話で協議した。", [("電話で協議", "PHONE_CALL")]),
    ("与野党は来週、会合を開く予定だ。", [("会合", "MEETING")]),
    ("米ロ首脳会談の準備が進む。", [("首脳会談", "MEETING")]),
    ("外相による準備会合が開かれた。", [("会合", "MEETING")]),
    ("政府は共同声明を発表した。", [("共同声明", "STATEMENT")]),
    ("政府は首相の解任を発表した。", [("発表", "STATEMENT")]),
    ("米大統領選の投票が始まった。", [("大統領選", "ELECTION"), ("投票", "ELECTION")]),
    # a name or kind word inside the election word is no part of the trigger (§4.3)
    ("ロシア大統領選挙が行われた。", [("選挙", "ELECTION")]),
    ("今年の衆院選で勝った。", [("選", "ELECTION")]),
    ("決選投票が行われる。", [("投票", "ELECTION")]),
    ("大統領は21日に辞任した。", [("辞任", "RESIGNATION")]),
    ("会談の延期が決まった。", [("会談", "MEETING"), ("延期", "POSTPONEMENT")]),
    ("停戦合意を得ることはできなかった。", [("停戦", "CEASEFIRE"), ("合意", "AGREEMENT")]),
    ("ロシアは領土の割譲を求めた。", [("求め", "DEMAND")]),
    ("首相は靖国神社を参拝した。", [("参拝", "VISIT")]),
    ("軍がクーデターを起こし、大統領を拘束した。", [("クーデター", "MILITARY_ACTION"), ("拘束", "ARREST")]),
    ("前大統領が93歳で死去した。", [("死去", "DEATH")]),
    ("大型の台風が上陸した。", [("台風", "DISASTER")]),
]
NOT_EVENTS = [
    # (sentence, entity table, trigger words that must not be events)
    ("選挙制度の改革を議論した。", [], ["選挙"]),
    ("会談一般について話した。", [], ["会談"]),
    ("投票率は60%だった。", [], ["投票"]),
    ("デモ隊が集まった。", [], ["デモ"]),
    ("中央選挙管理委員会が結果を公表した。", [E("中央選挙管理委員会", "ORG")], ["選挙"]),
    ("東京サミット協議会が開かれた。", [E("東京サミット協議会", "ORG")], ["サミット"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), TRIGGERS, ids=[c[0][:12] for c in TRIGGERS])
def test_trigger_span_and_type(
    ginza: Language, detector: EventDetector, text: str, expected: list[tuple[str, str]]
) -> None:
    doc = run(ginza, detector, text)
    assert [(e.text, e.type) for e in doc._.jnews_events] == expected, text


@pytest.mark.parametrize(
    ("text", "entities", "words"), NOT_EVENTS, ids=[c[0][:12] for c in NOT_EVENTS]
)
def test_kinds_and_names_are_not_events(
    ginza: Language, detector: EventDetector, text: str, entities: list[E], words: list[str]
) -> None:
    doc = run(ginza, detector, text, entities)
    found = [e.text for e in doc._.jnews_events]
    for word in words:
        assert word not in found, (text, found)


# fmt: off
STATUS = [
    # (sentence, trigger, status, negated)
    ("首相は大統領と会談した。", "会談", "HELD", False),
    ("首相は来月、大統領と会談する予定だ。", "会談", "PLANNED", False),
    ("首相は大統領と会談する。", "会談", "PLANNED", False),
    ("両国は会談を行う方針を固めた。", "会談", "PLANNED", False),
    ("日米首脳、来週会談へ", "会談", "PLANNED", False),
    ("首相就任へ", "就任", "PLANNED", False),
    ("首脳会談を開くことを目指している。", "首脳会談", "PLANNED", False),
    ("会談は延期された。", "会談", "POSTPONED", False),
    ("会談は延期された。", "延期", "HELD", False),
    ("首脳会談は中止された。", "首脳会談", "CANCELLED", False),
    ("首脳会談の実現に暗雲が漂う。", "首脳会談", "UNCERTAIN", False),
    ("首脳会談の開催は不透明だ。", "首脳会談", "UNCERTAIN", False),
    ("首脳会談が近く実現する見通しはない。", "首脳会談", "UNCERTAIN", False),
    ("首脳会談の準備は行き詰まりを見せている。", "首脳会談", "UNCERTAIN", False),
    ("会談の実現を巡っては、先行きが危ぶまれていた。", "会談", "UNCERTAIN", False),
    ("両氏による直接会談の計画もない。", "会談", "PLANNED", True),
    ("首相は大統領と会談しなかった。", "会談", "HELD", True),
    ("首相は大統領と会談を行わなかった。", "会談", "HELD", True),
    ("両国は停戦合意を得ることはできなかった。", "合意", "HELD", True),
    ("ロンドンで行われた会談では、合意は見送られた。", "会談", "HELD", False),
    ("両外相が20日に行った電話会談は生産的だった。", "電話会談", "HELD", False),
    ("外相は辞任する意向を示した。", "辞任", "PLANNED", False),
    ("大統領は領土の割譲を求める姿勢を崩していない。", "求める", "HELD", False),
    ("ロシアが要求を譲歩しない限り、合意は難しい。", "要求", "UNKNOWN", False),
    ("首相が2度目の会談を行うのではないかと懸念している。", "会談", "UNCERTAIN", False),
    ("両国は実施を断念していない。", "断念", "HELD", True),
    ("訪米中の首相は記者会見を開いた。", "訪米", "HELD", False),
    ("組合は時局宣言を発することを表明している。", "宣言", "PLANNED", False),
    ("政府は「深い失望を表明する」との声明を発表した。", "表明", "HELD", False),
    ("長官は来月、韓国を訪れて、外相と協議する予定である。", "訪れ", "PLANNED", False),
    ("報道官は、定例記者会見で、緊張が続いていると指摘した。", "記者会見", "HELD", False),
    ("9月の退陣を前に、公約を果たした。", "退陣", "PLANNED", False),
    ("予定されていた会談は日程を変更する。", "会談", "POSTPONED", False),
    ("首脳会談の中止が決まった。", "首脳会談", "CANCELLED", False),
    ("野党は総選挙を行うべきだと要求した。", "総選挙", "PLANNED", False),
    ("首相は先週、大統領と電話会談し、外相ともワシントンで会談。", "電話会談", "HELD", False),
    ("首相は先週、大統領と電話会談し、外相ともワシントンで会談。", "会談", "HELD", False),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "trigger", "status", "negated"), STATUS, ids=[f"{c[0][:14]}-{c[1]}" for c in STATUS]
)
def test_status_and_negation(
    ginza: Language, detector: EventDetector, text: str, trigger: str, status: str, negated: bool
) -> None:
    found = event(run(ginza, detector, text), trigger)
    assert (found.status, found.negated) == (status, negated), text


PUTIN = E("プーチン", "PERSON", "person:putin", title="大統領", affiliation="country:RUS")
TRUMP = E("トランプ", "PERSON", "person:trump", title="大統領", affiliation="country:USA")
RUBIO = E("ルビオ", "PERSON", "person:rubio", title="国務長官", affiliation="country:USA")
LAVROV = E("ラブロフ", "PERSON", "person:lavrov", title="外相", affiliation="country:RUS")

# fmt: off
ARGUMENTS = [
    # (sentence, entity table, trigger, expected {(role, surface)})
    ("トランプ大統領はプーチン大統領と電話会談した。", [TRUMP, PUTIN], "電話会談",
     {("participant", "トランプ"), ("participant", "プーチン")}),
    ("米ロ首脳会談が開かれた。", ["米", "ロ"], "首脳会談",
     {("participant", "米"), ("participant", "ロ")}),
    ("トランプ大統領とプーチン大統領が会った。米ロ首脳会談は2時間に及んだ。",
     [TRUMP, PUTIN, "米", "ロ"], "首脳会談",
     {("participant", "米"), ("participant", "ロ"), ("participant", "トランプ"), ("participant", "プーチン")}),
    ("米ロ外相による準備会合は延期された。ルビオ国務長官とラブロフ外相は電話で協議した。",
     ["米", "ロ", RUBIO, LAVROV], "会合",
     {("participant", "米"), ("participant", "ロ"), ("participant", "ルビオ"), ("participant", "ラブロフ")}),
    ("ロシアのプーチン大統領と電話会談した。", [E("ロシア", "GPE", "country:RUS"), PUTIN], "電話会談",
     {("participant", "プーチン")}),
    ("トランプ大統領は先週、プーチン大統領と電話会談し、ゼレンスキー大統領ともワシントンで会談した。",
     [TRUMP, PUTIN, E("ゼレンスキー", "PERSON", "person:zelensky"), E("ワシントン", "GPE", "city:washington")],
     "会談", {("participant", "トランプ"), ("participant", "ゼレンスキー")}),
    ("英国、フランス、ドイツの首脳はウクライナと共同声明を発表した。",
     ["英国", "フランス", "ドイツ", "ウクライナ"], "共同声明",
     {("agent", "英国"), ("agent", "フランス"), ("agent", "ドイツ"), ("agent", "ウクライナ")}),
    ("岸田首相はフランスを訪問した。", [E("岸田", "PERSON", "person:kishida"), "フランス"], "訪問",
     {("agent", "岸田")}),
    ("ロシアはウクライナに侵攻した。", ["ロシア", "ウクライナ"], "侵攻",
     {("agent", "ロシア"), ("target", "ウクライナ")}),
    ("日本はロシアに制裁を科した。", ["日本", "ロシア"], "制裁",
     {("agent", "日本"), ("target", "ロシア")}),
    ("プーチン大統領は領土の割譲を求めた。", [PUTIN], "求め", {("agent", "プーチン")}),
    ("大統領はマイヤー氏を判事に指名した。", [E("マイヤー", "PERSON")], "指名", {("target", "マイヤー")}),
    ("マイヤー氏が判事に指名された。", [E("マイヤー", "PERSON")], "指名", {("target", "マイヤー")}),
    ("シニスカルロ経済相が22日辞任した。", [E("シニスカルロ", "PERSON")], "辞任", {("agent", "シニスカルロ")}),
    ("ロバーツ氏が長官に就任した。", [E("ロバーツ", "PERSON")], "就任", {("target", "ロバーツ")}),
    ("フォード氏が93歳で死亡した。", [E("フォード", "PERSON")], "死亡", {("target", "フォード")}),
    ("大統領はロイターによると辞任した。", [E("ロイター", "ORG")], "辞任", set()),
    ("産経新聞と毎日新聞によれば、首相は記者会見を行った。",
     [E("産経新聞", "ORG"), E("毎日新聞", "ORG")], "記者会見", set()),
    ("米大統領、イラク戦争終結宣言", ["米", "イラク"], "宣言", {("agent", "米")}),
    ("福田首相、辞意を表明", [E("福田", "PERSON")], "表明", {("agent", "福田")}),
    ("福田首相、辞意を表明-在任1年、改造後1ヶ月で", [E("福田", "PERSON")], "表明",
     {("agent", "福田")}),
    ("北朝鮮、韓国との全関係断絶を宣言", [E("北朝鮮", "GPE"), "韓国"], "宣言", {("agent", "北朝鮮")}),
    ("YOMIURIONLINE『米大統領、イラク戦争終結宣言』。", ["米", E("イラク", "GPE")], "宣言",
     {("agent", "米")}),
    ("チリ、首都でクーデター記念デモが暴動に発展", [E("チリ", "GPE")], "クーデター", set()),
    ("米国はアフガニスタン侵攻を推進した。", ["米国", E("アフガニスタン", "GPE")], "侵攻",
     {("target", "アフガニスタン")}),
    ("朝日新聞は情報によるとして、同国軍部がアブドライ大統領を拘束したと伝えた。",
     [E("朝日新聞", "ORG"), E("アブドライ", "PERSON")], "拘束", {("target", "アブドライ")}),
    # who announces a resignation resigns (speaker_verbs); a resignation of someone named
    # keeps that agent, a demanded one takes none from the demander
    ("オコナー元判事は今年7月1日に引退を表明していた。", [E("オコナー", "PERSON")], "引退",
     {("agent", "オコナー")}),
    ("ファツィオ総裁は22日、辞任の意向を発表した。", [E("ファツィオ", "PERSON")], "辞任",
     {("agent", "ファツィオ")}),
    ("ロイターはファツィオ総裁の辞任を発表した。", [E("ロイター", "ORG"), E("ファツィオ", "PERSON")],
     "辞任", {("agent", "ファツィオ")}),
    ("プロディ氏は総裁の辞任を要求した。", [E("プロディ", "PERSON")], "辞任", set()),
    # 内閣が|発足: the pattern's context word is the subject, the cabinet appointed
    ("第3次小泉内閣が発足した。", [E("第3次小泉内閣", "ORG")], "発足",
     {("target", "第3次小泉内閣")}),
]
PLACES = [
    # (sentence, entity table, trigger, expected location surface)
    ("ハンガリーの首都ブダペストで首脳会談を開くことを目指している。",
     ["ハンガリー", E("ブダペスト", "GPE", "city:budapest")], "首脳会談", "ブダペスト"),
    ("8月に米アラスカ州で行われた首脳会談では合意はなかった。",
     ["米", E("アラスカ州", "GPE", "state:alaska")], "首脳会談", "アラスカ州"),
    ("ブダペストでの会談は実現しなかった。", [E("ブダペスト", "GPE", "city:budapest")], "会談", "ブダペスト"),
    ("ブダペスト会談は実現しなかった。", [E("ブダペスト", "GPE", "city:budapest")], "会談", "ブダペスト"),
    ("首相はフランスを訪問した。", ["フランス"], "訪問", "フランス"),
    ("イタリアの総選挙で野党が勝利した。", ["イタリア"], "総選挙", "イタリア"),
    ("首相はロシアと会談した。", ["ロシア"], "会談", None),
    ("首相は訪米し、米国の大統領と会談した。", ["米国"], "訪米", "米国"),
    ("フジモリ氏は17日、日本を訪問中に辞任を発表した。", ["日本"], "訪問", "日本"),
]
TIMES = [
    # (sentence, times, trigger, expected time surface)
    ("両外相が20日に行った電話会談は生産的だった。", ["20日"], "電話会談", "20日"),
    ("8月に米アラスカ州で行われた首脳会談。", ["8月"], "首脳会談", "8月"),
    ("高官は21日、ブダペストで開催が予定されていた首脳会談が実現する見通しはないと述べた。", ["21日"],
     "首脳会談", None),
    ("首相は先週、大統領と電話会談し、外相ともワシントンで会談した。", ["先週"], "会談", "先週"),
    ("欧州首脳は21日、ウクライナと共同声明を発表した。", ["21日"], "共同声明", "21日"),
    ("チリの首都で9月11日、抗議するデモが行われたが、暴動に発展した。", ["9月11日"], "デモ", "9月11日"),
]
SOURCES = [
    # (sentence, entity table, trigger, expected source surface)
    ("ホワイトハウス高官は、首脳会談が近く実現する見通しはないと述べた。",
     [E("ホワイトハウス", "ORG", "org:white-house")], "首脳会談", "ホワイトハウス"),
    ("米ホワイトハウス高官は21日、ブダペストで開催が予定されていた首脳会談が実現する見通しはないとの考えを示した。",
     ["米", E("ホワイトハウス", "ORG"), E("ブダペスト", "GPE")], "首脳会談", "ホワイトハウス"),
    ("ロイターによると、両首脳は会談した。", [E("ロイター", "ORG")], "会談", "ロイター"),
    ("ルビオ国務長官は、電話会談は生産的だったとした。", [RUBIO], "電話会談", "ルビオ"),
    ("外交官は、会談が行われたと述べた。", [], "会談", None),
    ("欧州の外交官は、会談が行われたと指摘した。", [E("欧州", "LOC")], "会談", None),
    ("首相は会談した。", [], "会談", None),
]
TARGETS = [
    # (sentence, event trigger, target trigger or None)
    ("外相による準備会合は延期された。", "延期", "会合"),
    ("外相の会合延期を受け、協議した。", "延期", "会合"),
    ("会談の中止が決まった。", "中止", "会談"),
    ("首脳会談が予定されていたが、両国は実施を断念した。", "断念", "首脳会談"),
    ("工場は試験運行を中止した。", "中止", None),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "entities", "trigger", "expected"), ARGUMENTS, ids=[c[0][:14] for c in ARGUMENTS]
)
def test_arguments(
    ginza: Language,
    detector: EventDetector,
    text: str,
    entities: list[E | str],
    trigger: str,
    expected: set[tuple[str, str]],
) -> None:
    doc = run(ginza, detector, text, entities)
    found = {(a.role, doc.text[a.start : a.end]) for a in event(doc, trigger).arguments}
    assert found == expected, text


@pytest.mark.parametrize(
    ("text", "entities", "trigger", "expected"), PLACES, ids=[c[0][:14] for c in PLACES]
)
def test_location(
    ginza: Language,
    detector: EventDetector,
    text: str,
    entities: list[E | str],
    trigger: str,
    expected: str | None,
) -> None:
    doc = run(ginza, detector, text, entities)
    assert span_text(doc, event(doc, trigger).location) == expected, text


@pytest.mark.parametrize(
    ("text", "times", "trigger", "expected"), TIMES, ids=[c[0][:14] for c in TIMES]
)
def test_time(
    ginza: Language,
    detector: EventDetector,
    text: str,
    times: list[str],
    trigger: str,
    expected: str | None,
) -> None:
    doc = run(ginza, detector, text, times=times)
    assert span_text(doc, event(doc, trigger).time) == expected, text


@pytest.mark.parametrize(
    ("text", "entities", "trigger", "expected"), SOURCES, ids=[c[0][:14] for c in SOURCES]
)
def test_source(
    ginza: Language,
    detector: EventDetector,
    text: str,
    entities: list[E | str],
    trigger: str,
    expected: str | None,
) -> None:
    doc = run(ginza, detector, text, entities)
    assert span_text(doc, event(doc, trigger).source) == expected, text


@pytest.mark.parametrize(("text", "trigger", "expected"), TARGETS, ids=[c[0][:14] for c in TARGETS])
def test_target_of_events_about_events(
    ginza: Language, detector: EventDetector, text: str, trigger: str, expected: str | None
) -> None:
    doc = run(ginza, detector, text)
    assert span_text(doc, event(doc, trigger).target) == expected, text


# fmt: off
ANAPHORIC = [
    ("同会談の実現が危ぶまれている。", "会談", True),
    ("同首脳会談を巡り投稿した。", "首脳会談", True),
    ("今回の選挙は接戦だった。", "選挙", True),
    ("会談が行われた。", "会談", False),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "trigger", "anaphoric"), ANAPHORIC, ids=[c[0][:10] for c in ANAPHORIC]
)
def test_anaphoric_prefix(
    ginza: Language, detector: EventDetector, text: str, trigger: str, anaphoric: bool
) -> None:
    found = event(run(ginza, detector, text), trigger)
    assert found.anaphoric is anaphoric, text


def test_every_span_matches_its_text(ginza: Language, detector: EventDetector) -> None:
    text = (
        "トランプ大統領は先週、ロシアのプーチン大統領と電話会談し、ワシントンで会談。"
        "米ロ外相による準備会合は延期され、同会談の準備は行き詰まりを見せている。"
    )
    doc = run(
        ginza,
        detector,
        text,
        [TRUMP, E("ロシア", "GPE", "country:RUS"), PUTIN, E("ワシントン", "GPE"), "米", "ロ"],
        ["先週"],
    )
    assert doc._.jnews_events
    for mention in doc._.jnews_events:
        assert text[mention.start : mention.end] == mention.text
        spans = [(a.start, a.end) for a in mention.arguments]
        spans += [s for s in (mention.location, mention.time, mention.source, mention.target) if s]
        for start, end in spans:
            assert 0 <= start < end <= len(text)


def test_future_time_makes_a_plan(ginza: Language, detector: EventDetector) -> None:
    doc = run(ginza, detector, "各国は来月の閣僚会議で合意を目指すとした。", times=["来月"])
    assert event(doc, "会議").status == "PLANNED"


def test_an_event_name_ending_in_a_trigger_is_that_event(
    ginza: Language, detector: EventDetector
) -> None:
    doc = run(
        ginza, detector, "長官はアフガニスタン侵攻を推進した。", [E("アフガニスタン侵攻", "EVENT")]
    )
    assert [(e.text, e.type) for e in doc._.jnews_events] == [("侵攻", "MILITARY_ACTION")]


def test_a_window_up_to_a_future_bound_is_a_plan(ginza: Language, detector: EventDetector) -> None:
    doc = ginza("大統領は半年以内の選挙実施を発表した。")
    start = doc.text.index("半年以内")
    doc._.jnews_entities = []
    doc._.jnews_times = [
        TimeMention(start, start + 4, "半年以内", "DURATION", "P6M", mod="EQUAL_OR_LESS")
    ]
    assert event(detector(doc), "選挙").status == "PLANNED"


def test_without_entity_stage_events_have_no_arguments(ginza: Language) -> None:
    detector = EventDetector(ginza)
    doc = detector(ginza("首相は大統領と会談した。"))
    (mention,) = doc._.jnews_events
    assert (mention.type, mention.status, mention.arguments) == ("MEETING", "HELD", [])


def test_cameo_codes_come_from_ontology_or_pattern(
    ginza: Language, detector: EventDetector
) -> None:
    doc = run(ginza, detector, "両首脳は電話会談し、軍は空爆を続けた。")
    assert {e.text: e.cameo for e in doc._.jnews_events} == {"電話会談": "041", "空爆": "195"}
