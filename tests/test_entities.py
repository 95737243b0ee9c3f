"""The entity stage: gazetteer names, abbreviations, titles, NER reconciliation, aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from jnews_extract import extract
from jnews_extract.entities import EntityRecognizer, char_class
from jnews_extract.knowledge import GazetteerEntry
from jnews_extract.schema import Entity, Extraction


def _entity(record: Extraction, surface: str) -> Entity:
    for entity in record.entities:
        if any(m.text == surface for m in entity.mentions):
            return entity
    raise AssertionError(f"no entity with mention {surface!r}: {[e.name for e in record.entities]}")


def _labels(record: Extraction) -> set[tuple[str, str]]:
    return {(m.text, e.label.value) for e in record.entities for m in e.mentions}


# fmt: off
LABELS = [
    # (sentence, (mention, label) pairs that must be present)
    ("ブダペストで開催が予定されていた米ロ首脳会談は延期された。", [("ブダペスト", "GPE"), ("米", "GPE"), ("ロ", "GPE")]),
    ("米ホワイトハウス高官は21日、考えを示した。", [("ホワイトハウス", "ORG"), ("米", "GPE")]),
    ("ロシアのプーチン大統領はドンバス地方の割譲を求めた。", [("ロシア", "GPE"), ("プーチン", "PERSON"), ("ドンバス", "LOC")]),
    ("日米韓の外相が会談した。", [("日", "GPE"), ("米", "GPE"), ("韓", "GPE")]),
    ("英仏独の首脳は声明を発表した。", [("英", "GPE"), ("仏", "GPE"), ("独", "GPE")]),
    ("米中対立が続いている。", [("米", "GPE"), ("中", "GPE")]),
    ("日中韓首脳会議が開かれた。", [("日", "GPE"), ("中", "GPE"), ("韓", "GPE")]),
    ("ハンガリーのシーヤールトー外相はフェイスブックに投稿した。", [("ハンガリー", "GPE"), ("シーヤールトー", "PERSON")]),
    ("ブッシュ米大統領はマイヤー氏を指名した。", [("米", "GPE"), ("マイヤー", "PERSON")]),
    ("欧州連合(EU)など欧州首脳は声明を出した。", [("欧州連合", "ORG"), ("EU", "ORG"), ("欧州", "LOC")]),
    ("8月に米アラスカ州で行われた会談。", [("米", "GPE"), ("アラスカ州", "GPE")]),
    ("日中間の首脳会談が開かれた。", [("日", "GPE"), ("中", "GPE")]),     # 日中 read ニッチュウ
    ("中外相が会見した。", [("中", "GPE")]),                                # a prefix before a title
    ("同時に英仏米蘭の公使らに伝えた。", [("英", "GPE"), ("仏", "GPE"), ("米", "GPE"), ("蘭", "GPE")]),
    ("ルネ・ガルシア・プレヴァル大統領から指名された。", [("ルネ・ガルシア・プレヴァル", "PERSON")]),
    ("ロシア軍がキーウを攻撃した。", [("ロシア", "GPE")]),   # 軍 is a generic word (§2.1)
    ("米軍は撤退した。", [("米", "GPE")]),                  # one Sudachi token, split
    ("在日米軍の司令官が語った。", [("在日米軍", "ORG")]),   # a named command stays one ORG
    ("ホーネッカーは西ドイツを訪問した。", [("西ドイツ", "GPE")]),
    ("東ドイツ時代から使われていた。", [("東ドイツ", "GPE")]),
    ("この米大統領の発言が波紋を呼んだ。", [("米", "GPE")]),
    # a cabinet's name is one ORG (guidelines §2.2)
    ("21日、第三次小泉内閣がスタートした。", [("第三次小泉内閣", "ORG")]),
    ("安倍内閣の支持率が下がった。", [("安倍内閣", "ORG")]),
    ("第2次安倍改造内閣で入閣した。", [("第2次安倍改造内閣", "ORG")]),
    ("小泉内閣総理大臣は述べた。", [("小泉", "PERSON")]),   # a title, no cabinet
    ("日本国内で販売された。", [("日本", "GPE")]),          # 日本 + 国内, not 日本国 + 内
    ("韓国内の反応。", [("韓国", "GPE")]),                  # 韓 is no alias: 韓国 + 内
]
NOT_ENTITIES = [
    # (sentence, surfaces that must not be entity mentions)
    ("欧州の上級外交官2人は指摘した。", ["上級外交官", "外交官"]),
    ("米の価格が上がった。", ["米"]),
    ("訪米中の首相は21日に帰国した。", ["中", "米"]),
    ("22日朝、会見した。", ["日", "朝"]),
    ("政府の中央委員会が開かれた。", ["中"]),
    ("ロシア外相は声明を出した。", ["外相"]),
    ("朝日峠から登山道が延びる。", ["朝", "日"]),        # 朝日 read アサヒ, no 朝 + 日
    ("週刊朝日が売れた。", ["朝", "日"]),
    ("多くは中小メーカーによるものだ。", ["中"]),       # 中 read as a prefix
    ("一晩中太鼓の音を聞いた。", ["中"]),
    ("副露もしくは暗槓を行う。", ["露"]),               # after the prefix 副
    ("スタッフさんが丁寧に教えてくれた。", ["スタッフ"]),  # a common word before さん
    ("ママさん1人で頑張っている。", ["ママ"]),
    ("日本時間22日午前3時から演説した。", ["日本"]),      # a time zone (guidelines §2.2)
    ("欧州夏時間25日午前に判断した。", ["欧州"]),
    ("彼はロシア語で答えた。", ["ロシア"]),               # a language
    ("日本語の表記に従った。", ["日本"]),
    ("英ポンドと豪ドルが上昇した。", ["英", "豪"]),       # a currency (guidelines §2.2)
    ("罰金5000スイスフランを課した。", ["スイス", "スイスフラン"]),
    ("10億台湾ドルが必要となる。", ["台湾"]),
    ("日本円で約2万円に相当する。", ["日本", "日本円"]),
    ("ロシア軍がキーウを攻撃した。", ["ロシア軍"]),
    ("米軍は撤退した。", ["米軍"]),
    ("米国中西部の州が反対した。", ["中"]),            # 中西部 is the Midwest, no 中 + 西部
    ("ホーネッカーは西ドイツを訪問した。", ["ドイツ"]),  # one state, no ドイツ inside
    ("手袋やマスクを着用した。", ["マスク"]),           # a mask, not Elon Musk
    ("円は1ドル=80円台前半に急落した。", ["台"]),       # a number and counter before 台
    ("客層は50歳台位が多い。", ["台"]),
    ("この日一番の歓声を送った。", ["日"]),            # a determiner before 日
    ("第3次小泉内閣が発足した。", ["小泉"]),            # inside the cabinet's name
    ("日本国外に出た。", ["日本国"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LABELS, ids=[c[0][:14] for c in LABELS])
def test_mentions_and_labels(text: str, expected: list[tuple[str, str]], nlp: Language) -> None:
    found = _labels(extract(text, nlp=nlp))
    for pair in expected:
        assert pair in found, (text, pair, sorted(found))


@pytest.mark.parametrize(("text", "absent"), NOT_ENTITIES, ids=[c[0][:14] for c in NOT_ENTITIES])
def test_not_entities(text: str, absent: list[str], nlp: Language) -> None:
    surfaces = {m.text for e in extract(text, nlp=nlp).entities for m in e.mentions}
    for surface in absent:
        assert surface not in surfaces, (text, surface)


# fmt: off
PAIRED = [
    # (article, expected (surface, country) of the 南/北 mentions)
    ("韓国と北朝鮮は南北協議で合意した。南北間の鉄道が連結される。",
     [("南", "KOR"), ("北", "PRK"), ("南", "KOR"), ("北", "PRK")]),
    # an article that does not name both Koreas: a direction, a region, another name
    ("南北協議で合意した。", []),
    ("北朝鮮が発射した。南北アメリカ大陸を南北に縦断する道。", []),
    # both named, but 南北 is no modifier of a noun, or names something else
    ("韓国と北朝鮮。道は南北に延びる。南北朝鮮の選手。南北戦争の本。", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PAIRED, ids=[c[0][:14] for c in PAIRED])
def test_south_north_is_the_two_koreas_where_the_article_names_both(
    text: str, expected: list[tuple[str, str]], nlp: Language
) -> None:
    record = extract(text, nlp=nlp)
    found = sorted(
        (m.start, m.text, e.country)
        for e in record.entities
        for m in e.mentions
        if m.text in ("南", "北")
    )
    assert [(surface, country) for _, surface, country in found] == expected


def test_south_north_gives_a_meeting_its_two_parties(nlp: Language) -> None:
    record = extract("韓国と北朝鮮の対立が続く。25日に南北協議が開かれた。", nlp=nlp)
    names = {e.id: e.name for e in record.entities}
    (meeting,) = [e for e in record.events if e.type == "MEETING"]
    assert {names[a.entity] for a in meeting.arguments} >= {"韓国", "北朝鮮"}


def test_historic_states_have_their_iso_codes(nlp: Language) -> None:
    record = extract("ソ連・東ドイツと西ドイツ、チェコスロバキアとユーゴスラビア。", nlp=nlp)
    codes = {m.text: e.country for e in record.entities for m in e.mentions}
    assert codes == {
        "ソ連": "SUN",
        "東ドイツ": "DDR",
        "西ドイツ": "DEU",  # the Federal Republic kept DE/DEU through 1990 (ISO 3166)
        "チェコスロバキア": "CSK",
        "ユーゴスラビア": "YUG",
    }


@pytest.mark.parametrize(
    ("text", "ner", "person"),
    [
        ("手袋やマスクを着用した。", [], None),  # Sudachi reads マスク as a common noun
        ("マスク氏は投稿した。", [], "マスク"),  # an honorific marks the person
        ("ストロー外相は述べた。", [], "ストロー"),  # so does a title
        ("手袋やマスクを着用した。", [("マスク", "PERSON")], "マスク"),  # and the NER
        ("トランプで遊んだ。", [], None),  # playing cards
        ("トランプ大統領が述べた。", [], "トランプ"),
        ("二級町村制に基づく。", [], None),  # 町 + 村, two common nouns
        ("イーロン・マスクが買収した。", [], "イーロン・マスク"),  # a full name
        ("ブラウン大学の研究者が発表した。", [], None),  # one token, a proper noun not a person's
        ("ブラウン氏が発表した。", [], "ブラウン"),
    ],
)
def test_a_person_read_as_common_nouns_needs_evidence(
    text: str, ner: list[tuple[str, str]], person: str | None, nlp: Language
) -> None:
    from jnews_extract.entities import (
        attach_titles,
        drop_persons_read_as_words,
        find_gazetteer_mentions,
    )

    doc = nlp.make_doc(text)
    entity = nlp.get_pipe("jnews_entities")
    found = find_gazetteer_mentions(doc, entity.gazetteer, entity._alias_lengths)
    ner_mentions = [_mention(text, surface, label, "ner") for surface, label in ner]
    found += attach_titles(doc, entity.gazetteer, entity.titles, found, ner_mentions)
    kept = drop_persons_read_as_words(doc, found, entity.titles, ner_mentions)
    persons = [m.text for m in kept if m.label == "PERSON"]
    assert persons == ([person] if person else []), (text, persons)


def test_abbreviation_chain_gives_one_mention_per_country(nlp: Language) -> None:
    text = "日米韓の外相が会談した。"
    record = extract(text, nlp=nlp)
    spans = sorted((m.start, m.end) for e in record.entities for m in e.mentions if m.end <= 3)
    assert spans == [(0, 1), (1, 2), (2, 3)]
    countries = {_entity(record, c).country for c in "日米韓"}
    assert countries == {"JPN", "USA", "KOR"}


# fmt: off
ROLES = [
    # (sentence, person mention, title, affiliation country (alpha-3) or None)
    ("ルビオ米国務長官とロシアのラブロフ外相が電話会談した。", "ルビオ", "国務長官", "USA"),
    ("ルビオ米国務長官とロシアのラブロフ外相が電話会談した。", "ラブロフ", "外相", "RUS"),
    ("ウクライナのゼレンスキー大統領と会談した。", "ゼレンスキー", "大統領", "UKR"),
    ("ハンガリーのシーヤールトー外相は投稿した。", "シーヤールトー", "外相", "HUN"),
    ("ブッシュ米大統領は指名した。", "ブッシュ", "大統領", "USA"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "person", "title", "country"), ROLES, ids=[f"{c[1]}-{c[2]}" for c in ROLES]
)
def test_titles_become_roles(
    text: str, person: str, title: str, country: str | None, nlp: Language
) -> None:
    record = extract(text, nlp=nlp)
    entity = _entity(record, person)
    assert entity.label.value == "PERSON"
    roles = {r.title: r for r in entity.roles}
    assert title in roles, (person, [r.title for r in entity.roles])
    affiliation = roles[title].affiliation
    assert affiliation is not None
    affiliated = next(e for e in record.entities if e.id == affiliation)
    assert affiliated.country == country
    assert all(m.text == person for m in entity.mentions if "氏" not in m.text)


def test_honorific_is_not_a_role(nlp: Language) -> None:
    entity = _entity(extract("トランプ氏は述べた。", nlp=nlp), "トランプ")
    assert entity.roles == []


def test_alias_clustering_merges_forms_of_one_person(nlp: Language) -> None:
    text = (
        "ドナルド・トランプ氏は21日に演説した。トランプ大統領は続けて、同氏の方針を示した。"
        "トランプ氏はその後、記者団に語った。"
    )
    record = extract(text, nlp=nlp)
    entity = _entity(record, "トランプ")
    surfaces = [m.text for m in entity.mentions]
    assert surfaces.count("トランプ") == 2
    assert "同氏" in surfaces
    assert "ドナルド・トランプ" in surfaces
    assert entity.name == "ドナルド・トランプ"
    assert sum(1 for e in record.entities if e.label.value == "PERSON") == 1


def test_both_persons_anaphor_links_two_people(nlp: Language) -> None:
    text = "ルビオ米国務長官とラブロフ外相は電話会談した。両氏による会談の計画はない。"
    record = extract(text, nlp=nlp)
    holders = [e for e in record.entities if any(m.text == "両氏" for m in e.mentions)]
    assert {e.mentions[0].text for e in holders} == {"ルビオ", "ラブロフ"}


def test_seed_furniture_gives_no_entities(sample_text: str, nlp: Language) -> None:
    record = extract(sample_text, nlp=nlp)
    furniture = sample_text.index("あわせて読みたい")
    assert all(m.start < furniture for e in record.entities for m in e.mentions)


def test_seed_ginza_errors_are_corrected(sample_text: str, nlp: Language) -> None:
    record = extract(sample_text, nlp=nlp)
    found = _labels(record)
    for pair in [
        ("ブダペスト", "GPE"),
        ("ホワイトハウス", "ORG"),
        ("米", "GPE"),
        ("トランプ", "PERSON"),
        ("ゼレンスキー", "PERSON"),
        ("シーヤールトー", "PERSON"),
    ]:
        assert pair in found, pair
    labels_of = {}
    for text, label in found:
        labels_of.setdefault(text, set()).add(label)
    assert labels_of["ブダペスト"] == {"GPE"}
    assert labels_of["ホワイトハウス"] == {"ORG"}


# fmt: off
CHAR_CLASSES = [("ア", "katakana"), ("ー", "katakana"), ("あ", "hiragana"), ("米", "kanji"), ("A", "latin"), ("1", "digit"), ("、", "other")]
# fmt: on


@pytest.mark.parametrize(("char", "expected"), CHAR_CLASSES)
def test_char_class(char: str, expected: str) -> None:
    assert char_class(char) == expected


def test_component_round_trip_through_add_pipe(tmp_path: Path) -> None:
    nlp = spacy.blank("ja")
    component = nlp.add_pipe("jnews_entities", config={"use_ner": False})
    assert isinstance(component, EntityRecognizer)
    component.add_patterns(
        [
            GazetteerEntry(
                "city:testville", "GPE", "テストビル", aliases=("テストビル",), country="JPN"
            )
        ]
    )
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    doc = reloaded("テストビルで会議が開かれた。")
    found = [(m.text, m.label, m.key) for m in doc._.jnews_entities]
    assert ("テストビル", "GPE", "city:testville") in found
    assert reloaded.get_pipe("jnews_entities").use_ner is False


# fmt: off
SUPPORTED_ALIASES = [
    # (sentence, surface, must be a PERSON mention?)
    ("中国の習主席は演説した。", "習", True),
    ("韓国の尹大統領は述べた。", "尹", True),
    ("習慣が変わった。", "習", False),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "surface", "expected"), SUPPORTED_ALIASES, ids=[c[0][:10] for c in SUPPORTED_ALIASES]
)
def test_short_surnames_need_a_title(
    text: str, surface: str, expected: bool, nlp: Language
) -> None:
    persons = {
        m.text
        for e in extract(text, nlp=nlp).entities
        if e.label.value == "PERSON"
        for m in e.mentions
    }
    assert (surface in persons) is expected, (text, persons)


def test_names_built_on_places_replace_the_places() -> None:
    from jnews_extract.annotations import EntityMention
    from jnews_extract.entities import prefer_longer_names

    rules = [
        EntityMention(0, 2, "東京", "GPE", "city:tokyo"),
        EntityMention(10, 13, "プーチン", "PERSON", "person:x"),
    ]
    ner = [
        EntityMention(0, 6, "東京株式市場", "ORG", None, "ner"),
        EntityMention(10, 16, "プーチン政権", "ORG", None, "ner"),
    ]
    kept = prefer_longer_names(rules, ner)
    spans = {(m.start, m.end, m.label, m.origin) for m in kept}
    assert (0, 6, "ORG", "compound") in spans
    assert (0, 2, "GPE", "gazetteer") not in spans
    assert (10, 13, "PERSON", "gazetteer") in spans, "a person inside keeps the rule reading"


# fmt: off
NAMES_ON_PLACES = [
    # (NER span, its label, the gazetteer place inside it, the place's key, does the span win?)
    ("新宿駅", "FAC", "新宿", "city:x", True),
    ("仙台藩", "NORP", "仙台", "city:x", True),
    ("モンゴル帝国", "GPE", "モンゴル", "country:MNG", True),
    ("ウォルター・ローリー", "PERSON", "ローリー", "city:x", True),
    ("ロシア軍", "ORG", "ロシア", "country:RUS", False),   # 軍 is a generic word (guidelines §2.1)
    ("韓国政府", "ORG", "韓国", "country:KOR", False),
    ("ウクライナ東部", "LOC", "ウクライナ", "country:UKR", False),
    ("パリ市中央部", "GPE", "パリ", "city:x", False),       # ends with a generic word
    ("宮城県栗原市", "GPE", "宮城県", "pref:x", True),      # an address: one mention, the city
    ("東京都九段", "GPE", "東京都", "pref:x", False),       # 九段 is a district: two places
    ("横浜市戸塚区", "GPE", "横浜市", "city:x", True),      # a ward of the city
    ("バルセロナ市", "GPE", "バルセロナ", "city:x", True),  # the suffix is part of the name
    ("モンゴル市", "GPE", "モンゴル", "country:MNG", False),
    ("栗原市場", "GPE", "栗原", "city:x", False),           # no prefecture before the city
    ("オーストラリア西海岸", "GPE", "オーストラリア", "country:AUS", False),
    ("ドイツ「", "ORG", "ドイツ", "country:DEU", False),    # a bracket is no part of a name
    ("トリノ大学", "PERSON", "トリノ", "city:x", False),    # a person's name has whole parts
    ("ムセヴェニ・ウガンダ", "PERSON", "ウガンダ", "country:UGA", False),  # no country surnames
    ("浙江省・温州", "PERSON", "浙江省", "region:x", False),  # the place must be the last part
]
# fmt: on


@pytest.mark.parametrize(
    ("span", "label", "place", "key", "wins"), NAMES_ON_PLACES, ids=[c[0] for c in NAMES_ON_PLACES]
)
def test_which_names_built_on_places_win(
    span: str, label: str, place: str, key: str, wins: bool
) -> None:
    from jnews_extract.annotations import EntityMention
    from jnews_extract.entities import NestingRules, load_entity_rules, prefer_longer_names

    start = span.index(place)
    rules = [EntityMention(start, start + len(place), place, "GPE", key)]
    ner = [EntityMention(0, len(span), span, label, None, "ner")]
    nesting = NestingRules.from_rules(load_entity_rules())
    kept = {(m.start, m.end) for m in prefer_longer_names(rules, ner, nesting)}
    assert ((start, start + len(place)) not in kept) is wins


def _mention(text: str, surface: str, label: str, origin: str, start: int = -1) -> Any:
    from jnews_extract.annotations import EntityMention

    begin = text.index(surface) if start < 0 else start
    return EntityMention(begin, begin + len(surface), surface, label, None, origin)


# fmt: off
NESTED_NAMES = [
    # (NER span, its label, rule mentions inside it as (surface, label, origin), does the span win?)
    ("産経新聞グループ", "ORG", [("産経新聞", "ORG", "gazetteer")], True),
    ("国会議事堂", "FAC", [("国会", "ORG", "gazetteer")], True),
    ("国連軍", "ORG", [("国連", "ORG", "gazetteer")], False),              # 軍 is generic
    ("SPD・緑の党連合", "ORG", [("SPD", "ORG", "gazetteer")], False),      # a list of names
    ("レンクィスト前連邦最高裁", "ORG", [("連邦最高裁", "ORG", "gazetteer")], False),
    ("WTO香港閣僚会議", "ORG", [("WTO", "ORG", "gazetteer"), ("香港", "GPE", "gazetteer")], False),
    ("第48回衆議院議員総選挙", "EVENT", [("衆議院", "ORG", "gazetteer")], True),
    ("2005年衆院選", "EVENT", [("衆院", "ORG", "gazetteer")], False),     # a year before: a time
    ("日露戦争", "EVENT", [("日", "GPE", "abbreviation"), ("露", "GPE", "abbreviation")], True),
    ("米中貿易戦争", "EVENT", [("米", "GPE", "abbreviation"), ("中", "GPE", "abbreviation")], False),
    ("第三次小泉内閣", "EVENT", [("小泉", "PERSON", "gazetteer")], False),  # a cabinet, not an event
    ("鳩山一郎", "PERSON", [("鳩山", "PERSON", "gazetteer")], True),
    ("ジョージ・ウォーカー・ブッシュ", "PERSON", [("ブッシュ", "PERSON", "gazetteer")], True),
    ("エリザベス1世", "PERSON", [("エリザベス", "PERSON", "gazetteer")], True),  # regnal number
    ("エリザベス1号", "PERSON", [("エリザベス", "PERSON", "gazetteer")], False),
    ("プーチン政権", "ORG", [("プーチン", "PERSON", "gazetteer")], False),  # 政権 is no name
    ("トランプ・プーチン", "PERSON", [("トランプ", "PERSON", "gazetteer"), ("プーチン", "PERSON", "gazetteer")], False),
]
# fmt: on


@pytest.mark.parametrize(
    ("span", "label", "inside", "wins"), NESTED_NAMES, ids=[c[0] for c in NESTED_NAMES]
)
def test_which_longer_names_replace_nested_rule_mentions(
    span: str, label: str, inside: list[tuple[str, str, str]], wins: bool
) -> None:
    from jnews_extract.entities import NestingRules, load_entity_rules, prefer_longer_names

    rules = [_mention(span, surface, lab, origin) for surface, lab, origin in inside]
    ner = [_mention(span, span, label, "ner")]
    kept = prefer_longer_names(rules, ner, NestingRules.from_rules(load_entity_rules()))
    spans = {(m.start, m.end) for m in kept}
    for rule in rules:
        assert ((rule.start, rule.end) not in spans) is wins, (span, rule.text, spans)


@pytest.mark.parametrize(
    ("text", "ner", "person"),
    [
        ("スタッフさんが来た。", [], None),  # a common word: no evidence
        ("スタッフさんが来た。", [("スタッフ", "PERSON")], "スタッフ"),  # the NER reads a name
        ("シーヤールトー外相は述べた。", [], "シーヤールトー"),  # no vector: an unseen name
        ("ワオ・コーポレーション社長の話。", [], "ワオ・コーポレーション"),
        ("ワオ・コーポレーション社長の話。", [("ワオ・コーポレーション", "ORG")], None),  # vetoed
        ("竹本良氏も出演した。", [("竹本良", "PERSON")], "竹本良"),  # the NER's full name
    ],
)
def test_an_unknown_name_before_a_title_needs_evidence(
    text: str, ner: list[tuple[str, str]], person: str | None, nlp: Language
) -> None:
    from jnews_extract.entities import attach_titles

    doc = nlp.make_doc(text)
    entity = nlp.get_pipe("jnews_entities")
    found = attach_titles(
        doc,
        entity.gazetteer,
        entity.titles,
        [],
        [_mention(text, surface, label, "ner") for surface, label in ner],
    )
    persons = [m.text for m in found if m.label == "PERSON"]
    assert persons == ([person] if person else []), (text, persons)


@pytest.mark.parametrize(
    ("text", "ner", "kept"),
    [
        ("アメリカ地質調査所(USGSが発表。", "アメリカ地質調査所(USGS", "アメリカ地質調査所"),
        ("「青騎士」展に参加した。", "「青騎士", None),  # nothing before the bracket
        ("田老66・0%、仙台39・6%。", "田老66・0%", None),  # a name holds no percentage
        ("モスクワ時間の正午。", "モスクワ時間", None),  # a time zone (guidelines §2.2)
        ("日本円で払った。", "日本円", None),  # a currency named after a place
        ("イラク・ディナールの価値。", "イラク・ディナール", None),
        ("演劇集団円の俳優。", "演劇集団円", "演劇集団円"),  # 演劇集団 is no place
        ("ル・マン24時間を含む。", "ル・マン24時間", "ル・マン24時間"),  # hours, not a zone
        ("自民党総裁の高市氏。", "自民党総裁", "自民党"),  # a title is no part of a name
        ("東京都知事の小池氏。", "東京都知事", "東京"),  # 東京|都知事: the title is 都知事
        ("八王子の住民。", "八王子", "八王子"),  # one token that only ends like 王子
        ("日本代表が勝った。", "日本代表", "日本代表"),  # 代表 also names a team (rules.json)
        ("同盟(CSU)党首の話。", "同盟(CSU)", "同盟(CSU)"),  # a bracket pair stays
        ("CSU)党首の話。", "CSU)", "CSU"),  # a closing bracket it does not open goes
    ],
)
def test_ner_spans_are_trimmed_or_dropped(
    text: str, ner: str, kept: str | None, nlp: Language
) -> None:

    from jnews_extract.entities import (
        drop_places_naming_something_else,
        load_entity_rules,
        reconcile_ner,
    )

    doc = nlp.make_doc(text)
    span = doc.char_span(0, len(ner), label="ORG", alignment_mode="expand")
    assert span is not None and span.text == ner, [t.text for t in doc]
    doc.ents = [span]
    rules = load_entity_rules()
    entity = nlp.get_pipe("jnews_entities")
    found = drop_places_naming_something_else(
        doc,
        reconcile_ner(doc, rules, entity.titles, entity.gazetteer.by_abbreviation),
        rules["words_that_unmake_a_place"],
        rules["currency_words"],
        entity.place_names,
    )
    assert [m.text for m in found] == ([kept] if kept else [])


def test_an_address_is_one_mention_linked_to_its_municipality(nlp: Language) -> None:
    doc = nlp("宮城県石巻市で地震があった。")
    places = [(m.text, m.label, m.key) for m in doc._.jnews_entities]
    assert places == [("宮城県石巻市", "GPE", "city:2112576")], places


def test_a_ward_is_not_linked_to_its_city() -> None:
    from jnews_extract.entities import NestingRules, load_entity_rules, prefer_longer_names

    city = _mention("横浜市戸塚区", "横浜市", "GPE", "gazetteer")
    city.key = "city:x"
    ward = _mention("横浜市戸塚区", "横浜市戸塚区", "GPE", "ner")
    kept = prefer_longer_names([city], [ward], NestingRules.from_rules(load_entity_rules()))
    assert [(m.text, m.key) for m in kept] == [("横浜市戸塚区", None)]


def test_one_character_ner_names_need_a_proper_noun_token(nlp: Language) -> None:
    from spacy.tokens import Span

    from jnews_extract.entities import load_entity_rules, reconcile_ner

    doc = nlp("現政権の彩は宋の時代を語り、米の価格に触れた。")
    doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.text in "現彩宋米"]
    assert len(doc.ents) == 4, [t.text for t in doc]
    entity = nlp.get_pipe("jnews_entities")
    kept = {
        m.text
        for m in reconcile_ner(
            doc, load_entity_rules(), entity.titles, entity.gazetteer.by_abbreviation
        )
    }
    assert "宋" in kept, "Sudachi reads 宋 as a proper noun (a dynasty)"
    assert "米" not in kept, "one-character country abbreviations are left to the abbreviation rule"
    assert "現" not in kept, "a prefix (接頭辞) is no name"
    assert "彩" not in kept, "Sudachi reads 彩 here as a common noun"


def test_recognizer_applies_the_place_rules_from_its_data(nlp: Language) -> None:
    doc = nlp("モンゴル帝国は広大だった。韓国政府は声明を出した。")
    doc.ents = [doc.char_span(0, 6, label="GPE"), doc.char_span(13, 17, label="ORG")]
    found = {(m.text, m.label, m.origin) for m in nlp.get_pipe("jnews_entities").match(doc)}
    assert ("モンゴル帝国", "GPE", "compound") in found, found
    assert ("韓国", "GPE", "gazetteer") in found, found


@pytest.mark.parametrize(
    ("text", "ner", "person"),
    [
        # the NER's ORG held the title too: no reading of the name, so no veto
        ("シニスカルロ経済相は述べた。", "シニスカルロ経済相", "シニスカルロ"),
        # the NER's ORG ends at the title: the company's president, no person
        ("ワオ・コーポレーション社長は述べた。", "ワオ・コーポレーション", None),
    ],
)
def test_an_ner_span_over_a_title_does_not_veto_the_name_before_it(
    text: str, ner: str, person: str | None, nlp: Language
) -> None:
    doc = nlp.make_doc(text)
    span = doc.char_span(0, len(ner), label="ORG")
    assert span is not None, [t.text for t in doc]
    doc.ents = [span]
    found = nlp.get_pipe("jnews_entities").match(doc)
    persons = [m.text for m in found if m.label == "PERSON"]
    assert persons == ([person] if person else []), [(m.text, m.label) for m in found]


@pytest.mark.parametrize(
    ("text", "ner", "expected"),
    [
        ("兵庫慎司が書いた。", "兵庫慎司", {("兵庫慎司", "PERSON")}),  # a place as a surname
        ("兵庫慎司が書いた。", None, {("兵庫", "GPE")}),  # no reading of a full name
        ("韓国瑜市長が語った。", "韓国瑜", {("韓国瑜", "PERSON")}),
        ("兵庫県警が調べた。", "兵庫県警", {("兵庫県", "GPE")}),  # 警 is no given name
        # a katakana place as a first name: Sudachi reads the rest as a person's name
        (
            "ダグラス・フェアバンクスと結婚した。",
            "ダグラス・フェアバンクス",
            {("ダグラス・フェアバンクス", "PERSON")},
        ),
        ("ナポリターノが述べた。", "ナポリターノ", {("ナポリターノ", "PERSON")}),
        ("ジャカルタ・ポストが伝えた。", "ジャカルタ・ポスト", {("ジャカルタ", "GPE")}),
        ("ジョージア・オキーフが描いた。", "ジョージア・オキーフ", {("ジョージア", "GPE")}),
    ],
)
def test_a_place_starting_a_full_name_is_a_name_part(
    text: str, ner: str | None, expected: set[tuple[str, str]], nlp: Language
) -> None:
    doc = nlp.make_doc(text)
    if ner is not None:
        span = doc.char_span(0, len(ner), label="PERSON")
        assert span is not None, [t.text for t in doc]
        doc.ents = [span]
    found = {(m.text, m.label) for m in nlp.get_pipe("jnews_entities").match(doc)}
    assert found == expected, found


@pytest.mark.parametrize(
    ("text", "ner", "label", "kept"),
    [
        ("野党が反発した。", "野党", "NORP", False),  # the opposition: no named group
        ("陸軍が鎮圧した。", "陸軍", "ORG", False),  # a state's forces (guidelines §2.1)
        ("連邦政府に加わらない。", "連邦政府", "ORG", False),
        ("連邦議会が可決した。", "連邦議会", "ORG", True),  # a named organ stays
        ("野党連合が勝利した。", "野党連合", "ORG", True),  # only the bare word goes
    ],
)
def test_generic_group_words_are_no_names(
    text: str, ner: str, label: str, kept: bool, nlp: Language
) -> None:
    doc = nlp.make_doc(text)
    span = doc.char_span(0, len(ner), label=label)
    assert span is not None, [t.text for t in doc]
    doc.ents = [span]
    found = {m.text for m in nlp.get_pipe("jnews_entities").match(doc)}
    assert (ner in found) is kept, found
