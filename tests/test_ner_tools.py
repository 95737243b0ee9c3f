"""The NER training tools keep the measured sets out of what the model learns from.

``tools/ner`` is not a package (it is run as scripts), so the tests put it on ``sys.path``.
Tiny corpora are written under ``tmp_path`` in the layout of ../shared/corpus.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "tools" / "ner"))

from build_docbins import (
    GoldSpan,
    gazetteer_place_labels,
    is_stockmark_heldout,
    mention_pool,
    replace_mentions,
    stockmark_spans,
)
from build_pretrain_text import gold_article_ids, pretrain_texts


def _curids(held_out: bool) -> Iterator[str]:
    return (str(n) for n in count(1) if is_stockmark_heldout(str(n)) == held_out)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Wikinews, GSD and Stockmark, each with one text that may be read and one that may not."""
    (tmp_path / "wikinews").mkdir()
    articles = [
        {
            "id": "wikinews-1",
            "headline": "見出しは読んでよい記事",
            "text": "本文は読んでよい。二文目も読んでよい。",
        },
        {"id": "wikinews-2", "headline": "金の記事の見出しです", "text": "金の記事の本文です。"},
    ]
    (tmp_path / "wikinews" / "articles.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    (tmp_path / "ud-gsd-ne").mkdir()
    for split, text in (("train", "GSDの訓練文です。"), ("dev", "GSDの開発文です。")):
        records = [{"id": split, "text": text, "entities": []}]
        (tmp_path / "ud-gsd-ne" / f"{split}.json").write_text(
            json.dumps(records, ensure_ascii=False), encoding="utf-8"
        )
    (tmp_path / "stockmark-ner-wikipedia").mkdir()
    stockmark = [
        {"curid": next(_curids(False)), "text": "訓練側のストックマーク文。", "entities": []},
        {"curid": next(_curids(True)), "text": "評価側のストックマーク文。", "entities": []},
    ]
    (tmp_path / "stockmark-ner-wikipedia" / "ner.json").write_text(
        json.dumps(stockmark, ensure_ascii=False), encoding="utf-8"
    )
    return tmp_path


def test_pretraining_text_leaves_out_every_measured_set(corpus: Path) -> None:
    texts = list(pretrain_texts(corpus, {"wikinews-2"}))
    assert texts == [
        "見出しは読んでよい記事",
        "本文は読んでよい。",
        "二文目も読んでよい。",
        "GSDの訓練文です。",
        "訓練側のストックマーク文。",
    ]


def test_gold_article_ids_are_the_projects_wikinews_gold() -> None:
    ids = gold_article_ids()
    assert ids, "data/gold has Wikinews gold files"
    assert all(i.startswith("wikinews-") for i in ids)
    assert ids == {p.stem for p in (REPO / "data" / "gold").glob("wikinews-*.json")}


def test_pretrained_weights_load_where_spacy_train_reads_them(tmp_path: Path) -> None:
    """``spacy train`` with ``[initialize] init_tok2vec`` = our file starts from those weights."""
    from pretrain_tok2vec import pretrain
    from spacy import util
    from spacy.tokens import DocBin
    from spacy.training.initialize import init_nlp

    config = REPO / "tools" / "ner" / "own_tok2vec.cfg"
    sentences = [
        "東京都の知事は記者会見で新しい計画を発表した。",
        "首相はワシントンを訪れた。",
    ] * 10
    raw = tmp_path / "raw.jsonl"
    raw.write_text(
        "".join(json.dumps({"text": s}, ensure_ascii=False) + "\n" for s in sentences),
        encoding="utf-8",
    )
    weights = pretrain(config, raw, tmp_path / "tok2vec.bin", epochs=1)

    blank = util.load_model_from_config(util.load_config(config, interpolate=False))
    doc = blank.make_doc("首相はワシントンを訪れた。")
    doc.ents = [doc.char_span(3, 9, label="GPE")]
    for split in ("train", "dev"):
        DocBin(docs=[doc]).to_disk(tmp_path / f"{split}.spacy")
    overrides = {
        "paths.train": str(tmp_path / "train.spacy"),
        "paths.dev": str(tmp_path / "dev.spacy"),
        "paths.init_tok2vec": str(weights),
    }
    nlp = init_nlp(util.load_config(config, overrides=overrides, interpolate=False))
    loaded = nlp.get_pipe("ner").model.get_ref("tok2vec").to_bytes()
    assert loaded == weights.read_bytes()
    assert json.loads(weights.with_suffix(".log.json").read_text())[0]["words"] > 0


def test_rule_diff_marks_a_change_by_the_scorers_label_mapping() -> None:
    from jnews_extract.evaluate.datasets import FlatDataset, FlatExample, LabeledSpan

    sys.path.insert(0, str(REPO / "tools"))
    from rules_on_training_splits import change

    dataset = FlatDataset(
        name="stockmark-train",
        path=Path("in-memory"),
        examples=[FlatExample("1#0", "宮城県石巻市で", frozenset({LabeledSpan("GPE/LOC", 0, 6)}))],
        prediction_labels={"GPE": "GPE/LOC", "LOC": "GPE/LOC"},
        micro_labels=("GPE/LOC",),
        core_labels=("GPE/LOC",),
    )
    split, whole = [["GPE", 0, 3]], [["GPE", 0, 6]]
    assert change(dataset, 0, split, whole).startswith("+ 1#0 lost ['宮城県/GPE'] gained")
    assert change(dataset, 0, whole, split).startswith("-")
    assert change(dataset, 0, whole, [["LOC", 0, 6]]).startswith("=")  # both map to GPE/LOC


def test_wikinews_mention_diff_prints_what_was_lost_and_gained(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    from wikinews_mentions import show_changes

    text = "東京都知事の小池氏"
    old = [(0, 5, "東京都知事", "ORG"), (6, 8, "小池", "PERSON")]
    new = [(0, 2, "東京", "GPE"), (6, 8, "小池", "PERSON")]
    assert show_changes("wikinews-1", text, old, new) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "+ wikinews-1 東京/GPE | 東京都知事の小池氏",
        "- wikinews-1 東京都知事/ORG | 東京都知事の小池氏",
    ]
    assert show_changes("wikinews-1", text, new, new) == 0


def test_stockmark_places_resolve_through_the_gazetteer_or_stay_missing() -> None:
    record = {
        "curid": "1",
        "text": "ボンとカスピ海と架空町を訪れた。",
        "entities": [
            {"name": "ボン", "span": [0, 2], "type": "地名"},
            {"name": "カスピ海", "span": [3, 7], "type": "地名"},
            {"name": "架空町", "span": [8, 11], "type": "地名"},
        ],
    }
    places = gazetteer_place_labels()
    assert [s.label for s in stockmark_spans(record)] == [None, None, None]
    labels = [s.label for s in stockmark_spans(record, places)]
    assert labels == ["GPE", "LOC", None]  # 架空町 is unknown: still missing
    assert set(places.values()) == {"GPE", "LOC"}


def test_mention_replacement_keeps_offsets_and_missing_spans() -> None:
    import random

    text = "山田は東京で地名Xを見た。"
    spans = [
        GoldSpan(0, 2, "PERSON", "PERSON"),
        GoldSpan(3, 5, "GPE", "GPE"),
        GoldSpan(6, 9, None, "地名"),
    ]
    pool = {"PERSON": ["アレクサンドル・ドゥーギン"], "GPE": ["ニューヨーク"]}
    for seed in range(20):
        new_text, new_spans = replace_mentions(text, spans, pool, random.Random(seed))
        surfaces = [new_text[s.start : s.end] for s in new_spans]
        assert surfaces[0] in {"山田", "アレクサンドル・ドゥーギン"}
        assert surfaces[1] in {"東京", "ニューヨーク"}
        assert surfaces[2] == "地名X" and new_spans[2].label is None
        assert new_text.endswith("を見た。")
    outcomes = {replace_mentions(text, spans, pool, random.Random(seed))[0] for seed in range(20)}
    assert len(outcomes) == 4  # each labelled span is replaced or kept independently
    assert mention_pool([(text, spans)]) == {"PERSON": ["山田"], "GPE": ["東京"]}


def test_training_rebuilds_docbins_built_with_other_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    import train_ner

    builds: list[list[str]] = []

    def fake_build(argv: list[str]) -> None:
        builds.append(argv)
        out = Path(argv[argv.index("--out") + 1])
        for name in ("gsd-dev.spacy", "gsd-train.spacy", "stockmark-train.spacy"):
            (out / name).write_bytes(b"")

    monkeypatch.setattr(train_ner, "build_docbins", fake_build)
    default = ["--stockmark-places", "missing", "--augment", "0"]
    places = ["--stockmark-places", "gazetteer", "--augment", "0"]
    train_ner.prepare_corpus(tmp_path, "gsd+stockmark", default)
    train_ner.prepare_corpus(tmp_path, "gsd+stockmark", default)  # up to date: reused
    train_ner.prepare_corpus(tmp_path, "gsd+stockmark", places)  # other options: rebuilt
    assert [argv[2:] for argv in builds] == [default, places]
    assert (tmp_path / "train-gsd-stockmark" / "stockmark-train.spacy").exists()
