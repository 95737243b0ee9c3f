"""The event knowledge files and the component's save-and-reload."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher

import jnews_extract.events  # noqa: F401  (registers the jnews_events factory)
from jnews_extract.errors import ResourceError
from jnews_extract.events import EventDetector, TriggerPattern, load_lexicon
from jnews_extract.events.lexicon import STATUS_ORDER, load_trigger_patterns, parse_trigger_lines

RESOURCES = resources.files("jnews_extract.resources").joinpath("events")


@pytest.fixture(scope="module")
def blank() -> Language:
    """A tokenizer-only Japanese pipeline (SudachiPy), enough to build matchers."""
    return spacy.blank("ja")


# fmt: off
FILES = ["ontology.json", "status_cues.json", "triggers.jsonl"]
# fmt: on


@pytest.mark.parametrize("name", FILES)
def test_resource_has_version_and_source(name: str) -> None:
    text = RESOURCES.joinpath(name).read_text(encoding="utf-8")
    header = (
        json.loads(text.splitlines()[0])["_meta"] if name.endswith(".jsonl") else json.loads(text)
    )
    assert header.get("version") and header.get("source"), name


def test_every_trigger_type_is_in_the_ontology() -> None:
    types = set(load_lexicon().types)
    unknown = {p.type for p in load_trigger_patterns()} - types
    assert not unknown


def test_every_conventions_type_has_a_trigger() -> None:
    assert {p.type for p in load_trigger_patterns()} == set(load_lexicon().types)


def test_every_trigger_pattern_compiles(blank: Language) -> None:
    matcher = Matcher(blank.vocab)
    for number, pattern in enumerate(load_trigger_patterns()):
        matcher.add(f"p{number}", [pattern.pattern])
    assert len(matcher) == len(load_trigger_patterns())


def test_status_cues_use_known_statuses() -> None:
    lexicon = load_lexicon()
    for cue in lexicon.status_cues:
        assert cue.status in STATUS_ORDER, cue
        assert cue.negated_status in (None, "NEGATED", *STATUS_ORDER), cue
        assert cue.lemma or cue.text, cue


def test_title_groups_name_the_offices_of_the_conventions() -> None:
    lexicon = load_lexicon()
    assert (
        lexicon.title_group_of("国務長官") == lexicon.title_group_of("外相") == "foreign_minister"
    )
    assert lexicon.title_group_of("大統領") == lexicon.title_group_of("首脳") == "leader"


# fmt: off
BAD_LINES = [
    ('{"type": "MEETING"}', "line 1"),
    ('{"type": "MEETING", "pattern": [{"LEMMA": "会談"}], "trigger_regex": "("}', "bad trigger_regex"),
    ("not json", "invalid JSON"),
]
# fmt: on


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=[c[1] for c in BAD_LINES])
def test_bad_pattern_lines_name_the_problem(line: str, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_trigger_lines([line], "patterns.jsonl")


def test_unknown_event_type_is_refused(blank: Language) -> None:
    with pytest.raises(ResourceError, match="unknown event type"):
        EventDetector(blank, patterns=[TriggerPattern("PARTY", [{"LEMMA": "宴会"}])])


def test_component_saves_and_reloads_its_patterns(blank: Language, tmp_path: Path) -> None:
    custom = [
        TriggerPattern("MEETING", [{"LEMMA": "会談"}]),
        TriggerPattern("PHONE_CALL", [{"LEMMA": "電話"}, {"LEMMA": "会談"}], cameo="041"),
    ]
    detector = EventDetector(blank, patterns=custom)
    detector.to_disk(tmp_path / "events")
    reloaded = EventDetector(blank, patterns=[]).from_disk(tmp_path / "events")
    assert reloaded.patterns == custom


def test_pipeline_with_the_factory_saves_and_reloads(tmp_path: Path) -> None:
    nlp = spacy.blank("ja")
    nlp.add_pipe("jnews_events")
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.get_pipe("jnews_events").patterns == nlp.get_pipe("jnews_events").patterns
    doc = reloaded("首相は大統領と会談した。")
    assert [(e.text, e.type) for e in doc._.jnews_events] == [("会談", "MEETING")]


def test_from_disk_without_patterns_is_an_error(blank: Language, tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match=r"patterns\.jsonl"):
        EventDetector(blank).from_disk(tmp_path)
