"""Batch extraction, research tables and the extract command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from spacy.language import Language

from jnews_extract import extract
from jnews_extract.batch import extract_many
from jnews_extract.cli import main
from jnews_extract.frames import TABLES, to_frames

# fmt: off
ITEMS = [
    {"id": "a", "text": "トランプ大統領は21日、ワシントンでゼレンスキー大統領と会談した。", "published": "2025-10-22"},
    "ロシアのラブロフ外相は20日、ルビオ米国務長官と電話会談した。",
    {"id": "empty", "text": "   "},
    {"id": "bytes", "text": 42},
    {"id": "c", "text": "英仏独の首脳は共同声明を発表した。"},
]
# fmt: on


def test_extract_many_keeps_order_and_reports_failures(nlp: Language) -> None:
    records = list(extract_many(ITEMS, batch_size=2))
    assert [r.id for r in records] == ["a", "1", "empty", "bytes", "c"]
    assert [r.error is not None for r in records] == [False, False, True, True, False]
    assert "empty" in (records[2].error or "")
    assert "TypeError" in (records[3].error or "")


def test_extract_many_equals_extract(nlp: Language) -> None:
    text = str(ITEMS[1])
    [record] = list(extract_many([text]))
    single = extract(text, nlp=nlp)
    single.id = "0"
    assert record == single


def test_caller_published_sets_reference_date(nlp: Language) -> None:
    [record] = list(extract_many([ITEMS[0]]))
    assert str(record.reference_date) == "2025-10-22"
    assert record.reference_date_source == "caller"


def test_to_frames_tables_join(nlp: Language) -> None:
    records = list(extract_many([ITEMS[0], ITEMS[1]]))
    frames = to_frames(records)
    assert set(frames) == set(TABLES)
    assert list(frames["articles"]["article_id"]) == ["a", "1"]
    entities = frames["entities"]
    assert {"ドナルド・トランプ", "ウォロディミル・ゼレンスキー"} <= set(entities["name"])
    mentions = frames["mentions"].merge(entities, on=["article_id", "entity_id"])
    assert len(mentions) == len(frames["mentions"])
    for frame in frames.values():
        assert isinstance(frame, pd.DataFrame)


def test_cli_extract_jsonl_and_failure_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: Language
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(json.dumps(item, ensure_ascii=False) for item in ITEMS if isinstance(item, dict)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(corpus), "--format", "jsonl", "-o", str(out), "--no-progress"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert len(lines) == 4
    assert "2 of 4 item(s) failed" in capsys.readouterr().err


def test_cli_extract_table_and_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: Language
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("トランプ大統領は21日、プーチン大統領と電話会談した。", encoding="utf-8")
    assert main(["extract", str(article), "--format", "table", "--no-progress"]) == 0
    assert "ドナルド・トランプ" in capsys.readouterr().out
    target = tmp_path / "out.parquet"
    assert (
        main(["extract", str(article), "--format", "parquet", "-o", str(target), "--no-progress"])
        == 0
    )
    events = pd.read_parquet(tmp_path / "out.events.parquet")
    entities = pd.read_parquet(tmp_path / "out.entities.parquet")
    assert "type" in events.columns
    assert len(entities) >= 2


class _FakeDoc:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tensor = [0.5] * len(text)


class _RecordingPipeline:
    """Stands in for a Language: records the batches ``pipe_bounded`` hands to it."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.pipe_names: list[str] = []
        self.pipeline: list[tuple[str, Any]] = []

    def pipe(
        self, items: list[tuple[str, int]], *, as_tuples: bool, batch_size: int, disable: Any
    ) -> Any:
        assert as_tuples and batch_size == len(items) and not disable
        self.batches.append([text for text, _ in items])
        return ((_FakeDoc(text), context) for text, context in items)


def test_pipe_bounded_caps_the_characters_of_a_batch_and_keeps_order() -> None:
    from jnews_extract.pipeline import pipe_bounded

    texts = ["a" * 40, "b" * 30, "c" * 50, "d" * 120, "e" * 10, "f" * 10]
    fake = _RecordingPipeline()
    out = list(pipe_bounded(fake, ((t, n) for n, t in enumerate(texts)), max_chars=80))
    assert [(doc.text, n) for doc, n in out] == [(t, n) for n, t in enumerate(texts)]
    assert all(len(doc.tensor) == 0 for doc, _ in out), "tok2vec output is dropped"
    assert [sum(map(len, b)) for b in fake.batches] == [70, 50, 120, 20]
    fake = _RecordingPipeline()
    list(pipe_bounded(fake, ((t, n) for n, t in enumerate(texts)), max_docs=2))
    assert [len(b) for b in fake.batches] == [2, 2, 2]
