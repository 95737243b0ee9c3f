"""``check_gold_dir`` on broken gold files made in tmp_path: each problem named with file and line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jnews_extract.errors import GoldError
from jnews_extract.evaluate import check_gold_dir, load_gold_dir, main
from jnews_extract.evaluate.gold_check import Ontology, check_gold_file, load_ontology

TEXT = "ルビオ米国務長官は21日、ブダペストで会談した。"


def at(surface: str) -> dict[str, Any]:
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface}


def valid_record() -> dict[str, Any]:
    return {
        "schema_version": "1",
        "text": TEXT,
        "article": {"body": {"start": 0, "end": len(TEXT), "text": TEXT}},
        "entities": [
            {"id": "e1", "label": "PERSON", "name": "マルコ・ルビオ", "mentions": [at("ルビオ")],
             "roles": [{"title": "国務長官", "affiliation": "e2", "mention": at("国務長官")}]},
            {"id": "e2", "label": "GPE", "name": "アメリカ合衆国", "mentions": [at("米")]},
            {"id": "e3", "label": "GPE", "name": "ブダペスト", "mentions": [at("ブダペスト")]},
        ],
        "times": [{"id": "t1", **at("21日"), "type": "DATE", "value": "XXXX-XX-21"}],
        "events": [
            {"id": "v1", "type": "MEETING", "mentions": [at("会談")],
             "arguments": [{"role": "participant", "entity": "e1"}],
             "location": "e3", "time": "t1", "status": "HELD"},
        ],
    }  # fmt: skip


Edit = Callable[[dict[str, Any]], None]


def set_path(path: str, value: Any) -> Edit:
    """An edit setting ``a.b.0.c`` of the record to ``value``."""

    def edit(record: dict[str, Any]) -> None:
        *parents, last = (int(p) if p.isdigit() else p for p in path.split("."))
        target: Any = record
        for part in parents:
            target = target[part]
        target[last] = value

    return edit


def append_entity(entity: dict[str, Any]) -> Edit:
    return lambda record: record["entities"].append(entity)


NO_ONTOLOGY = Ontology(None, frozenset())

# fmt: off
BROKEN_CASES: list[tuple[str, Edit, str]] = [
    ("mention_text_differs", set_path("entities.0.mentions.0.text", "ルビ"),
        "entities[0].mentions[0]: text[0:3] is 'ルビオ', span says 'ルビ'"),
    ("mention_out_of_range", set_path("entities.2.mentions.0.end", 999),
        "entities[2].mentions[0]: offsets [13:999] outside the text"),
    ("role_mention_differs", set_path("entities.0.roles.0.mention.start", 5),
        "entities[0].roles[0].mention: text[5:8]"),
    ("time_text_differs", set_path("times.0.text", "22日"), "times[0]: text[9:12]"),
    ("event_mention_differs", set_path("events.0.mentions.0.end", 22),
        "events[0].mentions[0]: text[19:22] is '会談し'"),
    ("body_differs", set_path("article.body.end", 3), "article.body: text[0:3]"),
    ("empty_mention", set_path("entities.0.mentions.0",
                               {"start": 0, "end": 0, "text": ""}), "empty span"),
    ("duplicate_id", set_path("entities.2.id", "e1"), "id 'e1' already used at entities[0].id"),
    ("id_pattern", set_path("times.0.id", "x1"), "id 'x1' does not follow t\\d+"),
    ("dangling_argument", set_path("events.0.arguments.0.entity", "e9"),
        "events[0].arguments[0].entity: argument entity 'e9' is no entity id"),
    ("dangling_location", set_path("events.0.location", "e7"), "location 'e7' is no entity id"),
    ("dangling_time", set_path("events.0.time", "t5"), "time 't5' is no time id"),
    ("dangling_source", set_path("events.0.source", "e8"), "source 'e8' is no entity id"),
    ("dangling_target", set_path("events.0.target", "v4"), "target 'v4' is no event id"),
    ("self_target", set_path("events.0.target", "v1"), "event v1 targets itself"),
    ("dangling_affiliation", set_path("entities.0.roles.0.affiliation", "e6"),
        "affiliation 'e6' is no entity id"),
    ("product_label", set_path("entities.2.label", "PRODUCT"), "label PRODUCT is not one of"),
    ("unknown_role", set_path("events.0.arguments.0.role", "visitor"),
        "role 'visitor' is not one of"),
    ("entity_without_mention", set_path("entities.2.mentions", []), "entity e3 has no mention"),
    ("event_without_mention", set_path("events.0.mentions", []), "event v1 has no trigger mention"),
    ("mention_listed_twice", set_path("entities.2.mentions", [at("ブダペスト"), at("ブダペスト")]),
        "entity e3 lists a mention twice"),
    ("interval_reversed", lambda r: r["times"][0].update(first_day="2025-10-21",
                                                          last_day="2025-10-20"),
        "first_day 2025-10-21 is after last_day 2025-10-20"),
    ("error_set", set_path("error", "boom"), "a gold record has no error"),
    ("invalid_label_value", set_path("entities.1.label", "COUNTRY"), "entities[1].label: Input"),
    ("missing_text", lambda r: r.pop("text"), "text: Field required"),
    ("unknown_field", set_path("entities.0.alias", "x"), "entities[0].alias: Extra inputs"),
]
# fmt: on


def write(directory: Path, record: dict[str, Any], name: str = "001_case.json") -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_valid_record_has_no_problem(tmp_path: Path) -> None:
    write(tmp_path / "gold", valid_record())
    assert check_gold_dir(tmp_path / "gold") == []


@pytest.mark.parametrize(
    ("name", "edit", "expected"), BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES]
)
def test_broken_record_is_reported(tmp_path: Path, name: str, edit: Edit, expected: str) -> None:
    record = valid_record()
    edit(record)
    path = write(tmp_path, record)
    problems = check_gold_file(path, ontology=NO_ONTOLOGY)
    assert any(expected in p for p in problems), (name, problems)
    assert all(p.startswith("001_case.json:") for p in problems), problems


def line_of(path: Path, marker: str) -> int:
    raw = path.read_text(encoding="utf-8")
    return raw[: raw.index(marker)].count("\n") + 1


# fmt: off
LINE_CASES = [
    # name, edit, marker whose line the problem must name
    ("offset_problem_at_the_mention", set_path("entities.2.mentions.0.text", "ブダ"), "ブダ\""),
    ("reference_problem_at_the_value", set_path("events.0.location", "e7"), "\"e7\""),
    ("schema_problem_at_the_value", set_path("entities.1.label", "COUNTRY"), "COUNTRY"),
]
# fmt: on


@pytest.mark.parametrize(("name", "edit", "marker"), LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_problem_names_the_line(tmp_path: Path, name: str, edit: Edit, marker: str) -> None:
    record = valid_record()
    edit(record)
    path = write(tmp_path, record)
    [problem] = check_gold_file(path, ontology=NO_ONTOLOGY)
    line = int(problem.split(":")[1])
    raw_lines = path.read_text(encoding="utf-8").splitlines()
    # the problem points at the value itself or at the object that holds it
    assert line <= line_of(path, marker) and line_of(path, marker) - line <= 4, (name, problem)
    assert raw_lines[line - 1].strip().startswith(("{", '"')), (name, problem)


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "002_bad.json"
    path.write_text('{\n  "text": "a",\n  "entities": [,]\n}\n', encoding="utf-8")
    [problem] = check_gold_file(path, ontology=NO_ONTOLOGY)
    assert problem.startswith("002_bad.json:3: invalid JSON"), problem


def test_event_type_checked_against_ontology(tmp_path: Path) -> None:
    path = write(tmp_path, valid_record())
    ontology = Ontology(frozenset({"VISIT"}), frozenset())
    [problem] = check_gold_file(path, ontology=ontology)
    assert "event type 'MEETING' is not in the ontology" in problem


# fmt: off
ONTOLOGY_SHAPES = [
    ("types_list_of_objects", {"version": "1", "types": [{"type": "MEETING", "roles": ["host"]}]}),
    ("event_types_mapping", {"event_types": {"MEETING": {"roles": [{"role": "host"}]}}}),
    ("top_level_mapping", {"version": "1", "MEETING": {"arguments": [{"role": "host"}]}}),
    ("slot_to_role_mapping", {"types": {"MEETING": {"roles": {"subject": "host", "by": None}}}}),
]
# fmt: on


@pytest.mark.parametrize(("name", "data"), ONTOLOGY_SHAPES, ids=[c[0] for c in ONTOLOGY_SHAPES])
def test_ontology_shapes_are_read(tmp_path: Path, name: str, data: dict[str, Any]) -> None:
    path = tmp_path / "ontology.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ontology = load_ontology(path)
    assert ontology.types == {"MEETING"}, name
    assert "host" in ontology.roles and "agent" in ontology.roles, name
    assert "subject" not in ontology.roles, name


def test_bundled_ontology_lists_the_convention_types() -> None:
    ontology = load_ontology()
    if ontology.types is None:
        pytest.skip("resources/events/ontology.json is not written yet")
    assert {"MEETING", "PHONE_CALL", "VISIT", "STATEMENT", "POSTPONEMENT"} <= ontology.types


REPO_GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


@pytest.mark.skipif(not list(REPO_GOLD.glob("*.json")), reason="no gold files in data/gold yet")
def test_repository_gold_files_pass_the_check() -> None:
    assert check_gold_dir(REPO_GOLD) == []


def test_load_gold_dir_raises_with_file_and_line(tmp_path: Path) -> None:
    record = valid_record()
    record["entities"][1]["label"] = "COUNTRY"
    write(tmp_path / "gold", record)
    with pytest.raises(GoldError, match=r"001_case\.json:\d+: entities\[1\]\.label"):
        load_gold_dir(tmp_path / "gold")


def test_empty_directory_is_a_problem(tmp_path: Path) -> None:
    assert check_gold_dir(tmp_path) == [f"{tmp_path}: no *.json gold files"]


def test_gold_check_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "good", valid_record())
    assert main(["gold", "check", str(tmp_path / "good")]) == 0
    broken = valid_record()
    broken["events"][0]["time"] = "t5"
    write(tmp_path / "bad", broken)
    assert main(["gold", "check", str(tmp_path / "bad")]) == 1
    assert "time 't5' is no time id" in capsys.readouterr().out
