"""The shipped NER component: loads through replace_ginza_ner, tags news sentences, survives
save/reload in a fresh process, pickling and nlp.pipe(n_process=2)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

from jnews_extract import ner_model
from jnews_extract.errors import PipelineError

pytestmark = pytest.mark.skipif(
    not ner_model.is_available(), reason="no trained NER in the package (run make train-ner)"
)

EntityList = list[tuple[int, int, str, str]]


@pytest.fixture(scope="module")
def nlp() -> Any:
    """ja_ginza with our NER in place of its ENE NER, loaded once for the module."""
    return ner_model.replace_ginza_ner(spacy.load("ja_ginza"))


def entities(doc: Any) -> EntityList:
    return [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]


# fmt: off
TAGGING_CASES = [
    # (case id, sentence, (text, label) pairs that must be among doc.ents)
    ("putin", "ロシアのプーチン大統領は演説で西側を批判した。", [("ロシア", "GPE"), ("プーチン", "PERSON")]),
    ("kishida", "岸田文雄首相は東京で記者会見を開いた。", [("岸田文雄", "PERSON"), ("東京", "GPE")]),
    ("toyota", "トヨタ自動車は新しい工場を建設すると発表した。", [("トヨタ自動車", "ORG")]),
    ("border", "中国とインドの国境で衝突が起きた。", [("中国", "GPE"), ("インド", "GPE")]),
    ("war", "第二次世界大戦の後、ヨーロッパは分断された。", [("第二次世界大戦", "EVENT"), ("ヨーロッパ", "LOC")]),
]
# fmt: on


@pytest.mark.parametrize(
    ("sentence", "expected"), [c[1:] for c in TAGGING_CASES], ids=[c[0] for c in TAGGING_CASES]
)
def test_tags_expected_entities(nlp: Any, sentence: str, expected: list[tuple[str, str]]) -> None:
    found = {(text, label) for _, _, text, label in entities(nlp(sentence))}
    missing = [pair for pair in expected if pair not in found]
    assert not missing, f"{sentence}: missing {missing}, found {sorted(found)}"


def test_replaces_ginza_ner_with_our_labels(nlp: Any) -> None:
    ner = nlp.get_pipe("ner")
    assert set(ner.labels) == set(ner_model.model_meta()["labels"])
    assert nlp.pipe_names.index("ner") == nlp.pipe_names.index("parser") + 1


def test_entity_labels_are_ours_only(nlp: Any) -> None:
    labels = set(ner_model.model_meta()["labels"])
    for _, sentence, _ in TAGGING_CASES:
        assert {e.label_ for e in nlp(sentence).ents} <= labels, sentence


def test_rejects_a_pipeline_it_was_not_trained_on() -> None:
    with pytest.raises(PipelineError, match="ja-ginza=="):
        ner_model.replace_ginza_ner(spacy.blank("ja"))


def test_pickle_round_trip_keeps_predictions(nlp: Any) -> None:
    texts = [sentence for _, sentence, _ in TAGGING_CASES]
    clone = pickle.loads(pickle.dumps(nlp))
    assert [entities(d) for d in clone.pipe(texts)] == [entities(d) for d in nlp.pipe(texts)]


def test_multiprocess_pipe_keeps_predictions(nlp: Any) -> None:
    texts = [sentence for _, sentence, _ in TAGGING_CASES] * 2
    parallel = [entities(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert parallel == [entities(d) for d in nlp.pipe(texts)]


RELOAD_SCRIPT = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
texts = json.loads(sys.stdin.read())
print(json.dumps([[[e.start_char, e.end_char, e.text, e.label_] for e in d.ents]
                  for d in nlp.pipe(texts)]))
"""


def test_save_and_reload_in_fresh_process_keeps_predictions(nlp: Any, tmp_path: Path) -> None:
    texts = [sentence for _, sentence, _ in TAGGING_CASES]
    nlp.to_disk(tmp_path / "pipeline")
    result = subprocess.run(
        [sys.executable, "-c", RELOAD_SCRIPT, str(tmp_path / "pipeline")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    reloaded = [[tuple(e) for e in doc] for doc in json.loads(result.stdout)]
    assert reloaded == [entities(d) for d in nlp.pipe(texts)]
