"""Sentence routing: only sentences whose syntax a stage reads go through GiNZA's parser."""

from __future__ import annotations

import pytest
from spacy.language import Language

from jnews_extract import extract
from jnews_extract.api import Piece, route_pieces
from jnews_extract.pipeline import (
    mark_sentences,
    pipe_bounded,
    plan_syntax,
    split_sentences,
    syntax_components,
)

# fmt: off
SENTENCES = [
    ("会談した。延期した。", ["会談した。", "延期した。"]),
    ("会談した。 \n延期した", ["会談した。 \n", "延期した"]),
    ("「会談は延期だ。」と述べた。次だ。", ["「会談は延期だ。」と述べた。", "次だ。"]),
    ("見出し\n\n本文です！本当？", ["見出し\n\n", "本文です！", "本当？"]),
    ("「閉じない引用。\n次の行。", ["「閉じない引用。\n", "次の行。"]),
    ("（注。）と書いた。", ["（注。）と書いた。"]),
    ("", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == expected
    assert "".join(text[start:end] for start, end in spans) == text, "spans cover the text"


def test_syntax_components_are_the_parser_stack_and_its_tok2vec(nlp: Language) -> None:
    skipped = syntax_components(nlp)
    assert set(skipped) == {
        "tok2vec",
        "parser",
        "morphologizer",
        "compound_splitter",
        "bunsetu_recognizer",
    }
    assert "ner" not in skipped and "jnews_entities" not in skipped


def test_plan_syntax_marks_the_trigger_sentences(nlp: Language) -> None:
    text = "東京は晴れた。\n両首脳は会談した。首脳会談は延期された。\n雨が降った。"
    runs = [(text[run.start : run.end], run.needs_syntax) for run in plan_syntax(nlp, text)]
    assert all(run.doc.text == text[run.start : run.end] for run in plan_syntax(nlp, text))
    assert runs == [
        ("東京は晴れた。\n", False),
        ("両首脳は会談した。首脳会談は延期された。\n", True),
        ("雨が降った。", False),
    ]


def test_route_pieces_keeps_offsets_into_the_text(nlp: Language) -> None:
    text = "前文。\n\n東京は晴れた。\n両首脳は会談した。"
    routed = route_pieces(nlp, text, [Piece(len("前文。\n\n"), len(text))])
    assert [(text[p.start : p.end], p.needs_syntax) for p in routed] == [
        ("東京は晴れた。\n", False),
        ("両首脳は会談した。", True),
    ]


def test_light_docs_skip_the_parser_but_keep_names_and_sentences(nlp: Language) -> None:
    items = [("岸田首相は東京にいた。今日は晴れた。", False), ("岸田首相は会談した。", True)]
    (light, _), (full, _) = pipe_bounded(nlp, items, needs_syntax=bool)
    assert not light.has_annotation("DEP") and full.has_annotation("DEP")
    assert [s.text for s in light.sents] == ["岸田首相は東京にいた。", "今日は晴れた。"]
    assert {m.text for m in light._.jnews_entities} >= {"岸田", "東京"}
    assert [t.text for t in light._.jnews_times] == ["今日"]
    assert light._.jnews_events == [] and [e.type for e in full._.jnews_events] == ["MEETING"]


def test_mark_sentences_sets_starts_after_a_whitespace_token(nlp: Language) -> None:
    doc = mark_sentences(nlp.make_doc("会談した。\n\n雨だ。"))
    assert [s.text for s in doc.sents] == ["会談した。\n\n", "雨だ。"]


def test_offices_resolve_against_names_in_other_sentences(nlp: Language) -> None:
    # the leaders are named in sentences that skip the parser; the summit's participants
    # still come out as them
    text = (
        "ロシアのプーチン大統領は強硬な姿勢を崩していない。\n"
        "米国のトランプ大統領も譲る考えはない。\n"
        "米ロ首脳会談は延期された。"
    )
    record = extract(text, nlp=nlp)
    names = {e.id: e.name for e in record.entities}
    meeting = next(e for e in record.events if e.type == "MEETING")
    participants = {names[a.entity] for a in meeting.arguments if a.entity in names}
    assert {"ドナルド・トランプ", "ウラジーミル・プーチン"} <= participants


# fmt: off
TENSE_READERS = [
    ("21日は晴れた。", True),               # a bare day: this month or the last?
    ("8月は暑かった。", True),              # a month without a year
    ("水曜日は雨だった。", True),           # a weekday alone
    ("2週間以内に決める。", True),          # a bounded duration, forward or back
    ("2025年10月21日は晴れた。", False),    # a full date
    ("先週は晴れた。", False),              # relative to the reference date only
    ("3日前に雨が降った。", False),         # an offset
    ("東京は晴れた。", False),              # no time at all
]
# fmt: on


@pytest.mark.parametrize(("text", "reads"), TENSE_READERS)
def test_time_stage_asks_for_syntax_where_tense_moves_a_value(
    nlp: Language, text: str, reads: bool
) -> None:
    needed = nlp.get_pipe("jnews_times").syntax_needed(nlp.make_doc(text))
    assert bool(needed) is reads, needed
    assert [run[:3] for run in plan_syntax(nlp, text)] == [(0, len(text), reads)]
