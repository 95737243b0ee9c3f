"""Checks on the gazetteer files under src/jnews_extract/resources/gazetteer/.

They read the JSONL files directly (no pipeline), so the whole module runs in well
under a second.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
GAZETTEER = REPO / "src" / "jnews_extract" / "resources" / "gazetteer"
ENTITY_FILES = (
    "countries.jsonl",
    "cities.jsonl",
    "regions.jsonl",
    "organizations.jsonl",
    "people.jsonl",
    "norp.jsonl",
)
ALL_FILES = (*ENTITY_FILES, "titles.jsonl")
LABELS = {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT"}
PLACE_LABELS = {"GPE", "LOC"}
KEY_PREFIX = {
    "countries.jsonl": ("country:",),
    "cities.jsonl": ("city:",),
    "regions.jsonl": ("region:", "pref:"),
    "organizations.jsonl": ("org:",),
    "people.jsonl": ("person:",),
    "norp.jsonl": ("norp:",),
}
VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}\.\d+$")
QID = re.compile(r"^Q[1-9]\d*$")
Record = dict[str, Any]


@cache
def read_file(name: str) -> tuple[Record, tuple[Record, ...]]:
    """Return (meta, records) of one gazetteer file."""
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    parsed = [json.loads(line) for line in lines]
    return parsed[0], tuple(parsed[1:])


@cache
def all_records() -> tuple[Record, ...]:
    """Return every entity record of every entity file."""
    return tuple(r for name in ENTITY_FILES for r in read_file(name)[1])


@cache
def by_key() -> dict[str, Record]:
    """Return the entity records by key."""
    return {r["key"]: r for r in all_records()}


@cache
def by_alias() -> dict[str, list[Record]]:
    """Return every record naming each alias (strong aliases only)."""
    index: dict[str, list[Record]] = defaultdict(list)
    for record in all_records():
        for alias in record["aliases"]:
            index[alias].append(record)
    return index


@cache
def by_abbreviation() -> dict[str, list[Record]]:
    """Return every record having each single-character abbreviation."""
    index: dict[str, list[Record]] = defaultdict(list)
    for record in all_records():
        for abbreviation in record["abbreviations"]:
            index[abbreviation].append(record)
    return index


def country_codes() -> set[str]:
    """Return the alpha-3 codes that countries.jsonl defines."""
    return {r["country"] for r in read_file("countries.jsonl")[1]}


# ---------------------------------------------------------------------------
# file format


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_starts_with_meta_line(name: str) -> None:
    meta, records = read_file(name)
    assert set(meta) == {"_meta"}, name
    info = meta["_meta"]
    assert VERSION.match(info["version"]), f"{name}: version {info['version']!r}"
    assert info["generated_by"] == "tools/build_gazetteer.py", name
    assert info["source"] and info["license"], name
    assert info["count"] == len(records), f"{name}: _meta count {info['count']} != {len(records)}"


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_was_regenerated_after_its_manual_inputs_changed(name: str) -> None:
    inputs: dict[str, str] = read_file(name)[0]["_meta"]["inputs"]
    assert inputs, name
    for path, digest in inputs.items():
        source = REPO / path
        if not source.exists():
            pytest.skip(f"{path} not in this checkout")
        actual = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        assert actual == digest, f"{name} is stale for {path}: run tools/build_gazetteer.py"


def test_all_files_share_one_version() -> None:
    versions = {read_file(name)[0]["_meta"]["version"] for name in ALL_FILES}
    assert len(versions) == 1, versions


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_records_are_sorted_by_key_with_the_file_prefix(name: str) -> None:
    keys = [r["key"] for r in read_file(name)[1]]
    assert keys == sorted(keys), name
    bad = [k for k in keys if not k.startswith(KEY_PREFIX[name])]
    assert not bad, f"{name}: keys with a foreign prefix {bad[:5]}"


def test_keys_are_unique_across_files() -> None:
    seen: dict[str, int] = defaultdict(int)
    for record in all_records():
        seen[record["key"]] += 1
    duplicates = sorted(k for k, n in seen.items() if n > 1)
    assert not duplicates, duplicates[:10]


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_labels_are_valid(name: str) -> None:
    bad = [(r["key"], r["label"]) for r in read_file(name)[1] if r["label"] not in LABELS]
    assert not bad, bad[:5]


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_every_record_has_the_shared_fields(name: str) -> None:
    fields = {"key", "label", "name", "name_en", "kb_id", "country", "aliases"}
    fields |= {"abbreviations", "weak_aliases", "lat", "lon"}
    bad = [r["key"] for r in read_file(name)[1] if not fields <= set(r)]
    assert not bad, f"{name}: records missing fields {bad[:5]}"


# ---------------------------------------------------------------------------
# aliases


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_aliases_are_at_least_two_characters(name: str) -> None:
    bad = [
        (r["key"], a)
        for r in read_file(name)[1]
        for a in [*r["aliases"], *r["weak_aliases"]]
        if len(a.strip()) < 2 or a != a.strip()
    ]
    assert not bad, f"{name}: short or padded aliases {bad[:10]}"


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_name_is_the_first_alias(name: str) -> None:
    bad = [r["key"] for r in read_file(name)[1] if not r["aliases"] or r["aliases"][0] != r["name"]]
    assert not bad, f"{name}: name missing from aliases {bad[:10]}"


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_weak_aliases_are_not_also_strong(name: str) -> None:
    bad = [
        (r["key"], a) for r in read_file(name)[1] for a in r["weak_aliases"] if a in r["aliases"]
    ]
    assert not bad, bad[:10]


def test_abbreviations_are_single_characters_on_countries_or_europe() -> None:
    for record in all_records():
        for abbreviation in record["abbreviations"]:
            assert len(abbreviation) == 1, (record["key"], abbreviation)
            assert record["key"].startswith("country:") or record["key"] == "region:europe", record[
                "key"
            ]


def test_each_abbreviation_names_one_entity() -> None:
    shared = {a: [r["key"] for r in rs] for a, rs in by_abbreviation().items() if len(rs) > 1}
    assert not shared, shared


def test_surname_aliases_are_single_characters_on_people() -> None:
    for record in all_records():
        surnames = record.get("surname_aliases", [])
        assert not surnames or record["label"] == "PERSON", record["key"]
        assert all(len(s) == 1 for s in surnames), (record["key"], surnames)


def test_place_aliases_belong_to_one_place() -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for record in all_records():
        if record["label"] in PLACE_LABELS:
            for alias in [*record["aliases"], *record["weak_aliases"]]:
                owners[alias].append(record["key"])
    shared = {a: ks for a, ks in owners.items() if len(ks) > 1}
    assert not shared, list(shared.items())[:10]


# ---------------------------------------------------------------------------
# codes and references


def test_country_codes_are_alpha3_defined_in_countries() -> None:
    codes = country_codes()
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    bad = [
        (r["key"], r["country"])
        for r in all_records()
        if r["country"] is not None and r["country"] not in codes
    ]
    assert not bad, bad[:10]


def test_every_iso_3166_country_is_present() -> None:
    pycountry = pytest.importorskip("pycountry", reason="pycountry is a build-time dependency")
    missing = sorted({c.alpha_3 for c in pycountry.countries} - country_codes())
    assert not missing, missing


def test_kb_ids_are_wikidata_qids() -> None:
    bad = [(r["key"], r["kb_id"]) for r in all_records() if r["kb_id"] is not None]
    bad = [(k, q) for k, q in bad if not QID.match(q)]
    assert not bad, bad


def test_kb_ids_are_unique() -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for record in all_records():
        if record["kb_id"]:
            owners[record["kb_id"]].append(record["key"])
    shared = {q: ks for q, ks in owners.items() if len(ks) > 1}
    assert not shared, shared


def test_coordinates_are_valid_where_given() -> None:
    for record in all_records():
        if record["lat"] is None:
            assert record["lon"] is None, record["key"]
            continue
        assert -90 <= record["lat"] <= 90 and -180 <= record["lon"] <= 180, record["key"]


def test_at_least_200_people() -> None:
    assert len(read_file("people.jsonl")[1]) >= 200


def test_people_positions_point_at_known_entities() -> None:
    known = by_key()
    for person in read_file("people.jsonl")[1]:
        assert person["label"] == "PERSON", person["key"]
        for position in person["positions"]:
            assert position["title"], person["key"]
            assert position["affiliation"] in known, (person["key"], position["affiliation"])


def test_people_full_names_also_appear_without_the_middle_dot() -> None:
    for person in read_file("people.jsonl")[1]:
        for alias in person["aliases"]:
            if "・" in alias:
                assert alias.replace("・", "") in person["aliases"], (person["key"], alias)


def test_total_size_is_under_5_mb() -> None:
    total = sum((GAZETTEER / name).stat().st_size for name in ALL_FILES)
    assert total < 5_000_000, total


# ---------------------------------------------------------------------------
# examples the entity stage relies on

# fmt: off
ABBREVIATIONS = [
    ("米", "country:USA"), ("ロ", "country:RUS"), ("露", "country:RUS"), ("英", "country:GBR"),
    ("仏", "country:FRA"), ("独", "country:DEU"), ("中", "country:CHN"), ("韓", "country:KOR"),
    ("朝", "country:PRK"), ("日", "country:JPN"), ("伊", "country:ITA"), ("加", "country:CAN"),
    ("豪", "country:AUS"), ("印", "country:IND"), ("比", "country:PHL"), ("台", "country:TWN"),
    ("欧", "region:europe"),
]

ALIASES = [
    # surface,        label,    country, key prefix
    ("米国",           "GPE",    "USA", "country:"),
    ("アメリカ",       "GPE",    "USA", "country:"),
    ("ロシア",         "GPE",    "RUS", "country:"),
    ("英国",           "GPE",    "GBR", "country:"),
    ("イギリス",       "GPE",    "GBR", "country:"),
    ("フランス",       "GPE",    "FRA", "country:"),
    ("ドイツ",         "GPE",    "DEU", "country:"),
    ("ウクライナ",     "GPE",    "UKR", "country:"),
    ("ハンガリー",     "GPE",    "HUN", "country:"),
    ("韓国",           "GPE",    "KOR", "country:"),
    ("北朝鮮",         "GPE",    "PRK", "country:"),
    ("台湾",           "GPE",    "TWN", "country:"),
    ("中国",           "GPE",    "CHN", "country:"),
    ("ブダペスト",     "GPE",    "HUN", "city:"),
    ("ワシントン",     "GPE",    "USA", "city:"),
    ("モスクワ",       "GPE",    "RUS", "city:"),
    ("キーウ",         "GPE",    "UKR", "city:"),
    ("キエフ",         "GPE",    "UKR", "city:"),
    ("ニューヨーク",   "GPE",    "USA", "city:"),
    ("北京",           "GPE",    "CHN", "city:"),
    ("ソウル",         "GPE",    "KOR", "city:"),
    ("平壌",           "GPE",    "PRK", "city:"),
    ("ドネツク",       "GPE",    "UKR", "city:"),
    ("横浜市",         "GPE",    "JPN", "city:"),
    ("アラスカ州",     "GPE",    "USA", "region:"),
    ("アラスカ",       "GPE",    "USA", "region:"),
    ("カリフォルニア州", "GPE",  "USA", "region:"),
    ("ドネツク州",     "GPE",    "UKR", "region:"),
    ("ルハンスク州",   "GPE",    "UKR", "region:"),
    ("ザポリージャ州", "GPE",    "UKR", "region:"),
    ("クルスク州",     "GPE",    "RUS", "region:"),
    ("クリミア",       "GPE",    "UKR", "region:"),
    ("東京都",         "GPE",    "JPN", "pref:"),
    ("東京",           "GPE",    "JPN", "pref:"),
    ("北海道",         "GPE",    "JPN", "pref:"),
    ("大阪府",         "GPE",    "JPN", "pref:"),
    ("ドンバス",       "LOC",    "UKR", "region:"),
    ("ガザ地区",       "LOC",    "PSE", "region:"),
    ("ヨルダン川西岸", "LOC",    "PSE", "region:"),
    ("クリミア半島",   "LOC",    "UKR", "region:"),
    ("欧州",           "LOC",    None,  "region:"),
    ("中東",           "LOC",    None,  "region:"),
    ("朝鮮半島",       "LOC",    None,  "region:"),
    ("南シナ海",       "LOC",    None,  "region:"),
    ("ホワイトハウス", "ORG",    "USA", "org:"),
    ("クレムリン",     "ORG",    "RUS", "org:"),
    ("国務省",         "ORG",    "USA", "org:"),
    ("国防総省",       "ORG",    "USA", "org:"),
    ("ペンタゴン",     "ORG",    "USA", "org:"),
    ("外務省",         "ORG",    "JPN", "org:"),
    ("自民党",         "ORG",    "JPN", "org:"),
    ("共和党",         "ORG",    "USA", "org:"),
    ("欧州連合",       "ORG",    None,  "org:"),
    ("EU",             "ORG",    None,  "org:"),
    ("NATO",           "ORG",    None,  "org:"),
    ("国連",           "ORG",    None,  "org:"),
    ("安保理",         "ORG",    None,  "org:"),
    ("G7",             "ORG",    None,  "org:"),
    ("ASEAN",          "ORG",    None,  "org:"),
    ("ロイター",       "ORG",    "GBR", "org:"),
    ("共同通信",       "ORG",    "JPN", "org:"),
    ("新華社",         "ORG",    "CHN", "org:"),
    ("フェイスブック", "ORG",    "USA", "org:"),
    ("プーチン",       "PERSON", "RUS", "person:"),
    ("トランプ",       "PERSON", "USA", "person:"),
    ("ドナルド・トランプ", "PERSON", "USA", "person:"),
    ("ドナルドトランプ", "PERSON", "USA", "person:"),
    ("ゼレンスキー",   "PERSON", "UKR", "person:"),
    ("ラブロフ",       "PERSON", "RUS", "person:"),
    ("ルビオ",         "PERSON", "USA", "person:"),
    ("シーヤールトー", "PERSON", "HUN", "person:"),
    ("シーヤルトー",   "PERSON", "HUN", "person:"),
    ("オルバン",       "PERSON", "HUN", "person:"),
    ("習近平",         "PERSON", "CHN", "person:"),
    ("石破",           "PERSON", "JPN", "person:"),
    ("岸田",           "PERSON", "JPN", "person:"),
    ("高市",           "PERSON", "JPN", "person:"),
    ("グテレス",       "PERSON", "PRT", "person:"),
    ("ロシア人",       "NORP",   "RUS", "norp:"),
    ("日本人",         "NORP",   "JPN", "norp:"),
    ("アメリカ人",     "NORP",   "USA", "norp:"),
    ("イスラム教徒",   "NORP",   None,  "norp:"),
    ("シーア派",       "NORP",   None,  "norp:"),
    ("クルド人",       "NORP",   None,  "norp:"),
    ("パレスチナ人",   "NORP",   "PSE", "norp:"),
]

KB_IDS = [
    ("country:USA", "Q30"), ("country:RUS", "Q159"), ("country:JPN", "Q17"),
    ("country:UKR", "Q212"), ("country:HUN", "Q28"), ("org:un", "Q1065"), ("org:eu", "Q458"),
    ("org:nato", "Q7184"), ("person:donald_trump", "Q22686"), ("person:vladimir_putin", "Q7747"),
    ("person:volodymyr_zelenskyy", "Q3874799"), ("person:barack_obama", "Q76"),
]

SHARED_SURNAMES = [
    ("ブッシュ", {"person:george_w_bush", "person:george_hw_bush"}),
    ("クリントン", {"person:bill_clinton", "person:hillary_clinton"}),
    ("イワノフ", {"person:igor_ivanov", "person:sergei_ivanov"}),
]

SURNAME_ALIASES = [
    ("person:xi_jinping", "習"), ("person:kim_jong_un", "金"), ("person:yoon_suk_yeol", "尹"),
    ("person:yoshihide_suga", "菅"),
]

# Forms that name a place in GeoNames or the division lists but are ordinary words,
# person names or dated spellings in Japanese news: never a strong place alias.
NOT_PLACE_ALIASES = [
    "コロナ", "ゴム", "オーロラ", "ジャクソン", "リンカーン", "マンハッタン", "ペシュト",
    "ドネツィク", "ルハーンシク", "ビュザンティオン", "千葉", "松本", "中国領・台湾",
    "タニザニア連合共和国", "米ホワイトハウス",
]

TITLES = [
    ("大統領", "head_of_state"), ("国家主席", "head_of_state"), ("首相", "head_of_government"),
    ("副大統領", "deputy_head"), ("外相", "minister"), ("国務長官", "minister"),
    ("国防長官", "minister"), ("国防相", "minister"), ("防衛相", "minister"),
    ("官房長官", "minister"), ("報道官", "spokesperson"), ("大使", "diplomat"),
    ("上院議員", "legislator"), ("事務総長", "international"), ("総書記", "party"),
    ("国王", "royal"), ("氏", "honorific"), ("さん", "honorific"), ("容疑者", "honorific"),
    ("被告", "honorific"), ("元", "modifier"), ("前", "modifier"), ("次期", "modifier"),
]
# fmt: on


@pytest.mark.parametrize(("abbreviation", "key"), ABBREVIATIONS)
def test_abbreviation_names_its_entity(abbreviation: str, key: str) -> None:
    owners = [r["key"] for r in by_abbreviation().get(abbreviation, [])]
    assert owners == [key], f"{abbreviation}: {owners}"


@pytest.mark.parametrize(("alias", "label", "country", "prefix"), ALIASES)
def test_alias_names_an_entity_of_the_right_kind(
    alias: str, label: str, country: str | None, prefix: str
) -> None:
    matches = [
        r
        for r in by_alias().get(alias, [])
        if r["label"] == label and r["key"].startswith(prefix) and r["country"] == country
    ]
    found = [(r["key"], r["label"], r["country"]) for r in by_alias().get(alias, [])]
    assert matches, f"{alias}: expected {label} {country} {prefix}*, found {found}"


@pytest.mark.parametrize(("key", "qid"), KB_IDS)
def test_known_wikidata_ids(key: str, qid: str) -> None:
    assert by_key()[key]["kb_id"] == qid, key


@pytest.mark.parametrize(("surname", "keys"), SHARED_SURNAMES)
def test_shared_surname_stays_on_every_bearer(surname: str, keys: set[str]) -> None:
    owners = {r["key"] for r in by_alias().get(surname, [])}
    assert keys <= owners, f"{surname}: {owners}"


@pytest.mark.parametrize(("key", "surname"), SURNAME_ALIASES)
def test_one_character_surnames_are_surname_aliases(key: str, surname: str) -> None:
    person = by_key()[key]
    assert surname in person["surname_aliases"], key
    assert surname not in person["aliases"], key


@pytest.mark.parametrize("alias", NOT_PLACE_ALIASES)
def test_ambiguous_form_is_not_a_strong_place_alias(alias: str) -> None:
    places = [r["key"] for r in by_alias().get(alias, []) if r["label"] in PLACE_LABELS]
    assert not places, f"{alias}: {places}"


@pytest.mark.parametrize(("title", "kind"), TITLES)
def test_title_kind(title: str, kind: str) -> None:
    kinds = {t["kind"] for t in read_file("titles.jsonl")[1] if t["title"] == title}
    assert kinds == {kind}, f"{title}: {kinds}"


def test_titles_are_unique() -> None:
    titles = [t["title"] for t in read_file("titles.jsonl")[1]]
    assert len(titles) == len(set(titles))
