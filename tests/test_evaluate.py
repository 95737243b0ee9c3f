"""The scorer on small hand-made records with known scores (no pipeline needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jnews_extract.errors import EmptyTextError
from jnews_extract.evaluate import (
    FlatDataset,
    FlatExample,
    LabeledSpan,
    PartialMatch,
    PRFScore,
    StrictMatch,
    align_entities,
    evaluate_gold_dir,
    gold_eval,
    load_gsd_dev,
    load_stockmark,
    main,
    match_events,
    score_extraction,
    score_flat,
    score_spans,
)
from jnews_extract.evaluate.datasets import (
    STOCKMARK_HELDOUT_RULE,
    STOCKMARK_LABELS,
    is_stockmark_heldout,
)
from jnews_extract.evaluate.diagnostics import diagnose
from jnews_extract.schema import (
    Argument,
    Article,
    Entity,
    EntityLabel,
    Event,
    EventStatus,
    Extraction,
    Mention,
    Span,
    TimeExpression,
    TimeType,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TEXT = (
    "トランプ氏とプーチン氏は21日朝、ブダペストで会談した。ゼレンスキー氏は22日に米国を訪問した。"
)


def at(surface: str) -> tuple[int, int]:
    """Offsets of a surface that occurs once in TEXT."""
    assert TEXT.count(surface) == 1, surface
    start = TEXT.index(surface)
    return start, start + len(surface)


def mention(surface: str) -> Mention:
    start, end = at(surface)
    return Mention(start=start, end=end, text=surface)


def ent(
    id_: str, label: str, *surfaces: str, name: str | None = None, kb: str | None = None
) -> Entity:
    return Entity(
        id=id_,
        label=EntityLabel(label),
        name=name or surfaces[0],
        kb_id=kb,
        mentions=[mention(s) for s in surfaces],
    )


def tim(id_: str, surface: str, type_: str, value: str) -> TimeExpression:
    start, end = at(surface)
    return TimeExpression(
        id=id_, start=start, end=end, text=surface, type=TimeType(type_), value=value
    )


def ev(
    id_: str,
    type_: str,
    triggers: tuple[str, ...],
    args: tuple[tuple[str, str], ...] = (),
    *,
    location: str | None = None,
    time: str | None = None,
    status: str = "HELD",
) -> Event:
    return Event(
        id=id_,
        type=type_,
        mentions=[mention(t) for t in triggers],
        arguments=[Argument(role=role, entity=entity) for role, entity in args],
        location=location,
        time=time,
        status=EventStatus(status),
    )


def rec(
    entities: tuple[Entity, ...] = (),
    times: tuple[TimeExpression, ...] = (),
    events: tuple[Event, ...] = (),
) -> Extraction:
    return Extraction(
        text=TEXT,
        article=Article(body=Span(start=0, end=len(TEXT), text=TEXT)),
        entities=list(entities),
        times=list(times),
        events=list(events),
    )


TRUMP = ent("e1", "PERSON", "トランプ", name="ドナルド・トランプ", kb="Q22686")
PUTIN = ent("e2", "PERSON", "プーチン", name="ウラジーミル・プーチン")
BUDAPEST = ent("e3", "GPE", "ブダペスト")
ZELENSKY = ent("e4", "PERSON", "ゼレンスキー")
USA = ent("e5", "GPE", "米国", name="アメリカ合衆国", kb="Q30")
GOLD_ENTITIES = (TRUMP, PUTIN, BUDAPEST, ZELENSKY, USA)
T21 = tim("t1", "21日朝", "TIME", "2025-10-21TMO")
T22 = tim("t2", "22日", "DATE", "2025-10-22")
MEETING = ev(
    "v1", "MEETING", ("会談",), (("participant", "e1"), ("participant", "e2")),
    location="e3", time="t1",
)  # fmt: skip
VISIT = ev("v2", "VISIT", ("訪問",), (("agent", "e4"), ("counterpart", "e5")), time="t2")
GOLD = rec(GOLD_ENTITIES, (T21, T22), (MEETING, VISIT))


def renamed(record: Extraction) -> Extraction:
    """The same record with every id changed (ids are local; the scorer must not use them)."""
    data = record.model_dump_json()
    for old, new in (("e", "p"), ("t", "q"), ("v", "w")):
        for n in range(9, 0, -1):
            data = data.replace(f'"{old}{n}"', f'"{new}{n}"')
    return Extraction.model_validate_json(data)


def with_entities(*entities: Entity) -> Extraction:
    return rec(entities, tuple(GOLD.times), tuple(GOLD.events))


def with_events(*events: Event) -> Extraction:
    return rec(GOLD_ENTITIES, (T21, T22), events)


def check(result: dict[str, Any], expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        got = result
        for part in key.split("."):
            got = got[part]
        if value is None:
            assert got is None, key
        else:
            assert got == pytest.approx(value), key


# --- PRFScore and strategies ----------------------------------------------------------------

# fmt: off
PRF_CASES = [
    ("perfect",        PRFScore(tp=3),              1.0,   1.0,   1.0),
    ("half_precision", PRFScore(tp=1, fp=1),        0.5,   1.0,   2 / 3),
    ("half_recall",    PRFScore(tp=1, fn=1),        1.0,   0.5,   2 / 3),
    ("nothing_right",  PRFScore(fp=2, fn=2),        0.0,   0.0,   0.0),
    ("added",          PRFScore(tp=1, fp=1) + PRFScore(tp=1, fn=2), 2 / 3, 0.5, 4 / 7),
]
# fmt: on


@pytest.mark.parametrize(("name", "score", "p", "r", "f"), PRF_CASES, ids=[c[0] for c in PRF_CASES])
def test_prf_score_values(name: str, score: PRFScore, p: float, r: float, f: float) -> None:
    assert (score.precision, score.recall, score.fscore) == pytest.approx((p, r, f)), name


def test_prf_score_empty_is_undefined() -> None:
    assert PRFScore().to_dict() == {"p": None, "r": None, "f": None}


G = LabeledSpan
# fmt: off
SPAN_CASES = [
    # name, gold, pred, (strict tp, fp, fn), (partial tp, fp, fn)
    ("exact",            {G("GPE", 0, 2)}, {G("GPE", 0, 2)}, (1, 0, 0), (1, 0, 0)),
    ("longer_pred",      {G("GPE", 0, 2)}, {G("GPE", 0, 3)}, (0, 1, 1), (1, 0, 0)),
    ("label_mismatch",   {G("GPE", 0, 2)}, {G("LOC", 0, 2)}, (0, 1, 1), (0, 1, 1)),
    ("disjoint",         {G("GPE", 0, 2)}, {G("GPE", 2, 4)}, (0, 1, 1), (0, 1, 1)),
    ("one_pred_two_gold", {G("GPE", 0, 1), G("GPE", 1, 2)}, {G("GPE", 0, 2)}, (0, 1, 2), (1, 0, 1)),
    ("exact_wins_over_overlap", {G("GPE", 0, 2), G("GPE", 2, 4)}, {G("GPE", 0, 2), G("GPE", 1, 4)},
        (1, 1, 1), (2, 0, 0)),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "gold", "pred", "strict", "partial"), SPAN_CASES, ids=[c[0] for c in SPAN_CASES]
)
def test_span_strategies(
    name: str,
    gold: set[LabeledSpan],
    pred: set[LabeledSpan],
    strict: tuple[int, int, int],
    partial: tuple[int, int, int],
) -> None:
    for strategy, expected in ((StrictMatch(), strict), (PartialMatch(), partial)):
        total = sum(score_spans(gold, pred, strategy).values(), PRFScore())
        assert (total.tp, total.fp, total.fn) == expected, (name, strategy.name)


# --- entities ---------------------------------------------------------------------------------

TRUMP_SHI = ent("e1", "PERSON", "トランプ氏", name="ドナルド・トランプ", kb="Q22686")
BUDAPEST_LOC = ent("e3", "LOC", "ブダペスト")
EXTRA_ORG = ent("e9", "ORG", "ゼレンスキー氏")
# fmt: off
ENTITY_CASES = [
    ("exact", GOLD, {"ents_p": 1.0, "ents_r": 1.0, "ents_f": 1.0, "ents_partial_f": 1.0,
                     "ents_name_acc": 1.0, "ents_kb_id_acc": 1.0}),
    ("ids_renamed", renamed(GOLD), {"ents_f": 1.0, "ents_name_acc": 1.0}),
    ("partial_overlap_counts_for_partial_not_strict",
        with_entities(TRUMP_SHI, PUTIN, BUDAPEST, ZELENSKY, USA),
        {"ents_p": 0.8, "ents_r": 0.8, "ents_partial_f": 1.0,
         "ents_per_type.PERSON.f": 2 / 3, "ents_per_type.GPE.f": 1.0}),
    ("label_mismatch",
        with_entities(TRUMP, PUTIN, BUDAPEST_LOC, ZELENSKY, USA),
        {"ents_p": 0.8, "ents_r": 0.8, "ents_partial_f": 0.8,
         "ents_per_type.GPE.r": 0.5, "ents_per_type.LOC.p": 0.0}),
    ("missed_mention", with_entities(TRUMP, PUTIN, ZELENSKY, USA),
        {"ents_p": 1.0, "ents_r": 0.8}),
    ("spurious_mention", with_entities(*GOLD_ENTITIES, EXTRA_ORG),
        {"ents_p": 5 / 6, "ents_r": 1.0, "ents_per_type.ORG.p": 0.0}),
    ("wrong_name_and_missing_kb_id",
        with_entities(ent("e1", "PERSON", "トランプ"), PUTIN, BUDAPEST, ZELENSKY, USA),
        {"ents_f": 1.0, "ents_name_acc": 0.8, "ents_kb_id_acc": 0.5}),
    ("name_compared_loosely",
        with_entities(ent("e1", "PERSON", "トランプ", name="ドナルド　トランプ", kb="Q22686"),
                      PUTIN, BUDAPEST, ZELENSKY, USA),
        {"ents_name_acc": 1.0}),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "pred", "expected"), ENTITY_CASES, ids=[c[0] for c in ENTITY_CASES]
)
def test_entity_scores(name: str, pred: Extraction, expected: dict[str, Any]) -> None:
    check(score_extraction(GOLD, pred).to_dict(), expected)


# fmt: off
ALIGNMENT_CASES = [
    # name, gold entities, predicted entity, expected gold id
    ("same_label_beats_more_overlap",
        (ent("g1", "ORG", "ゼレンスキー氏"), ent("g2", "PERSON", "ゼレンスキー")),
        ent("p1", "PERSON", "ゼレンスキー氏"), "g2"),
    ("more_mentions_win",
        (ent("g1", "PERSON", "トランプ"), ent("g2", "PERSON", "プーチン", "ゼレンスキー")),
        ent("p1", "PERSON", "トランプ", "プーチン", "ゼレンスキー"), "g2"),
    ("no_overlap_no_alignment", (ent("g1", "PERSON", "トランプ"),),
        ent("p1", "PERSON", "プーチン"), None),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "gold_entities", "pred_entity", "expected"),
    ALIGNMENT_CASES,
    ids=[c[0] for c in ALIGNMENT_CASES],
)
def test_entity_alignment(
    name: str, gold_entities: tuple[Entity, ...], pred_entity: Entity, expected: str | None
) -> None:
    assert align_entities(rec(gold_entities), rec((pred_entity,))).get("p1") == expected, name


# --- times ------------------------------------------------------------------------------------

# fmt: off
TIME_CASES = [
    ("exact", (T21, T22), {"times_f": 1.0, "times_partial_f": 1.0, "times_value_acc": 1.0,
                           "times_type_acc": 1.0}),
    ("shorter_span_counts_for_partial_not_strict",
        (tim("t1", "21日", "DATE", "2025-10-21"), T22),
        {"times_f": 0.5, "times_partial_f": 1.0, "times_value_acc": 0.5, "times_type_acc": 0.5,
         "times_value_acc_per_type.TIME": 0.0, "times_value_acc_per_type.DATE": 1.0,
         "times_per_type.TIME.r": 0.0}),
    ("wrong_value", (T21, tim("t2", "22日", "DATE", "2025-09-22")),
        {"times_f": 1.0, "times_value_acc": 0.5}),
    ("missed", (T22,), {"times_p": 1.0, "times_r": 0.5, "times_value_acc": 1.0}),
]
# fmt: on


@pytest.mark.parametrize(("name", "times", "expected"), TIME_CASES, ids=[c[0] for c in TIME_CASES])
def test_time_scores(
    name: str, times: tuple[TimeExpression, ...], expected: dict[str, Any]
) -> None:
    check(score_extraction(GOLD, rec(GOLD_ENTITIES, times, ())).to_dict(), expected)


# --- events -----------------------------------------------------------------------------------

MERGED = ev(
    "v1", "MEETING", ("会談", "訪問"),
    (("participant", "e1"), ("participant", "e2"), ("agent", "e4"), ("counterpart", "e5")),
    location="e3", time="t1",
)  # fmt: skip
# fmt: off
EVENT_CASES = [
    ("exact", GOLD, {"tri_i_f": 1.0, "tri_c_f": 1.0, "arg_i_f": 1.0, "arg_c_f": 1.0,
                     "events_status_acc": 1.0, "events_location_acc": 1.0,
                     "events_time_acc": 1.0}),
    ("ids_renamed", renamed(GOLD), {"tri_c_f": 1.0, "arg_c_f": 1.0, "events_location_acc": 1.0,
                                    "events_time_acc": 1.0}),
    ("missed_argument",
        with_events(ev("v1", "MEETING", ("会談",), (("participant", "e1"),), location="e3",
                       time="t1"), VISIT),
        {"tri_c_f": 1.0, "arg_i_p": 1.0, "arg_i_r": 0.75, "arg_c_p": 1.0, "arg_c_r": 0.75}),
    ("wrong_role_lowers_arg_c_not_arg_i",
        with_events(MEETING, ev("v2", "VISIT", ("訪問",),
                                (("participant", "e4"), ("counterpart", "e5")), time="t2")),
        {"arg_i_f": 1.0, "arg_c_p": 0.75, "arg_c_r": 0.75, "arg_c_per_role.agent.r": 0.0}),
    ("wrongly_merged_event",
        with_events(MERGED),
        {"tri_i_f": 1.0, "tri_c_p": 0.5, "tri_c_r": 0.5, "arg_i_p": 0.5, "arg_i_r": 0.5,
         "arg_c_p": 0.5, "arg_c_r": 0.5, "events_status_acc": 1.0}),
    ("wrong_type_lowers_tri_c_only",
        with_events(MEETING, ev("v2", "MEETING", ("訪問",),
                                (("agent", "e4"), ("counterpart", "e5")), time="t2")),
        {"tri_i_f": 1.0, "tri_c_f": 0.5, "tri_c_per_type.VISIT.r": 0.0, "arg_c_f": 1.0}),
    ("missed_event", with_events(MEETING),
        {"tri_i_p": 1.0, "tri_i_r": 0.5, "arg_i_p": 1.0, "arg_i_r": 0.5}),
    ("wrong_status", with_events(MEETING, ev("v2", "VISIT", ("訪問",),
                                             (("agent", "e4"), ("counterpart", "e5")),
                                             time="t2", status="PLANNED")),
        {"events_status_acc": 0.5, "arg_c_f": 1.0}),
    ("wrong_location_both_empty_skipped",
        with_events(ev("v1", "MEETING", ("会談",), (("participant", "e1"), ("participant", "e2")),
                       location="e1", time="t1"), VISIT),
        {"events_location_acc": 0.0, "counts.events_location_acc.total": 1}),
    ("time_compared_by_value_not_id",
        rec(GOLD_ENTITIES, (tim("t7", "21日朝", "TIME", "2025-10-21TMO"), T22),
            (ev("v1", "MEETING", ("会談",), (("participant", "e1"), ("participant", "e2")),
                location="e3", time="t7"), VISIT)),
        {"events_time_acc": 1.0}),
    ("argument_through_entity_alignment_with_longer_span",
        rec((TRUMP_SHI, PUTIN, BUDAPEST, ZELENSKY, USA), (T21, T22), (MEETING, VISIT)),
        {"ents_f": 0.8, "arg_c_f": 1.0}),
    ("no_events_predicted", rec(GOLD_ENTITIES, (T21, T22), ()),
        {"tri_i_p": 0.0, "tri_i_r": 0.0, "arg_c_r": 0.0, "events_status_acc": None}),
]
# fmt: on


@pytest.mark.parametrize(("name", "pred", "expected"), EVENT_CASES, ids=[c[0] for c in EVENT_CASES])
def test_event_scores(name: str, pred: Extraction, expected: dict[str, Any]) -> None:
    check(score_extraction(GOLD, pred).to_dict(), expected)


def test_merged_event_matches_gold_event_of_its_type() -> None:
    assert match_events(GOLD, with_events(MERGED)) == {"v1": "v1"}


def test_different_texts_are_refused() -> None:
    other = Extraction(text="別の文。", article=Article(body=Span(start=0, end=4, text="別の文。")))
    with pytest.raises(ValueError, match="different texts"):
        score_extraction(GOLD, other)


def test_scores_pool_by_adding_counts() -> None:
    half = score_extraction(GOLD, with_events(MEETING))
    full = score_extraction(GOLD, GOLD)
    pooled = (half + full).to_dict()
    assert pooled["counts"]["tri_i"] == {"tp": 3, "fp": 0, "fn": 1}
    assert pooled["arg_i_r"] == pytest.approx(6 / 8)


# --- gold directory ---------------------------------------------------------------------------


def write_gold(directory: Path) -> None:
    directory.mkdir()
    (directory / "000_seed.json").write_text(GOLD.model_dump_json(indent=2), encoding="utf-8")
    (directory / "001_other.json").write_text(GOLD.model_dump_json(indent=2), encoding="utf-8")


def half_right(gold: Extraction) -> Extraction:
    """A stub system: keeps only the first event of the gold record."""
    return gold.model_copy(update={"events": gold.events[:1]})


def test_gold_dir_reports_files_and_aggregates(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold")
    result = evaluate_gold_dir(tmp_path / "gold", predict=half_right)
    assert sorted(result["files"]) == ["000_seed.json", "001_other.json"]
    assert (result["n_files"], result["n_files_without_seed"]) == (2, 1)
    assert result["pooled"]["counts"]["tri_i"] == {"tp": 2, "fp": 0, "fn": 2}
    assert result["pooled_without_seed"]["counts"]["tri_i"] == {"tp": 1, "fp": 0, "fn": 1}
    assert result["mean_without_seed"]["tri_i_r"] == pytest.approx(0.5)


def refuse(gold: Extraction) -> Extraction:
    raise EmptyTextError("a stub that refuses every text")


def test_gold_dir_failed_file_counts_as_misses(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold")
    result = evaluate_gold_dir(tmp_path / "gold", predict=refuse)
    assert set(result["failures"]) == {"000_seed.json", "001_other.json"}
    assert result["pooled"]["counts"]["ents"] == {"tp": 0, "fp": 0, "fn": 10}


def test_eval_cli_prints_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_gold(tmp_path / "gold")
    monkeypatch.setitem(gold_eval.RECORD_SYSTEMS, "ours", lambda gold: gold)
    assert main(["eval", str(tmp_path / "gold"), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["systems"]["ours"]["pooled_without_seed"]["arg_c_f"] == 1.0


def test_eval_cli_prints_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_gold(tmp_path / "gold")
    monkeypatch.setitem(gold_eval.RECORD_SYSTEMS, "ours", half_right)
    assert main(["eval", str(tmp_path / "gold")]) == 0
    out = capsys.readouterr().out
    assert "POOLED without seed" in out and "001_other.json" in out and "Arg-C" in out


def test_eval_cli_needs_gold_dir_or_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval"]) == 2
    assert "GOLD_DIR or --dataset" in capsys.readouterr().err


# --- external NER sets ------------------------------------------------------------------------


def stockmark_like(*examples: tuple[str, set[LabeledSpan]]) -> FlatDataset:
    return FlatDataset(
        name="stockmark",
        path=Path("in-memory"),
        examples=[FlatExample(str(i), t, frozenset(s)) for i, (t, s) in enumerate(examples)],
        prediction_labels={"PERSON": "PERSON", "GPE": "GPE/LOC", "LOC": "GPE/LOC", "ORG": "ORG",
                           "FAC": "FAC", "EVENT": "EVENT", "PRODUCT": "PRODUCT"},
        micro_labels=("PERSON", "GPE/LOC", "ORG", "FAC", "EVENT"),
        core_labels=("PERSON", "GPE/LOC", "ORG"),
    )  # fmt: skip


# fmt: off
FLAT_CASES = [
    ("gpe_counts_for_place", {G("GPE/LOC", 0, 2)}, {G("GPE", 0, 2)}, {"ents_f": 1.0}),
    ("loc_counts_for_place", {G("GPE/LOC", 0, 2)}, {G("LOC", 0, 2)}, {"ents_f": 1.0}),
    ("norp_not_scored", {G("ORG", 0, 2)}, {G("ORG", 0, 2), G("NORP", 3, 5)}, {"ents_p": 1.0}),
    ("product_outside_micro", {G("ORG", 0, 2), G("PRODUCT", 3, 5)}, {G("ORG", 0, 2)},
        {"ents_r": 1.0, "ents_per_type.PRODUCT.r": 0.0}),
    ("core_leaves_out_fac", {G("PERSON", 0, 2), G("FAC", 3, 5)}, {G("PERSON", 0, 2)},
        {"ents_core_f": 1.0, "ents_r": 0.5}),
    ("label_mismatch", {G("ORG", 0, 2)}, {G("PERSON", 0, 2)}, {"ents_f": 0.0, "ents_partial_f": 0.0, "errors.label.count": 1}),
    ("missed_and_spurious_classified", {G("ORG", 0, 2)}, {G("PERSON", 3, 5)},
        {"errors.missed.count": 1, "errors.spurious.count": 1}),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "gold", "pred", "expected"), FLAT_CASES, ids=[c[0] for c in FLAT_CASES]
)
def test_flat_scoring(
    name: str, gold: set[LabeledSpan], pred: set[LabeledSpan], expected: dict[str, Any]
) -> None:
    check(score_flat(stockmark_like(("あいうえおか", gold)), [pred]), expected)


def test_stockmark_loader_maps_labels(tmp_path: Path) -> None:
    items = [{"curid": "1", "text": "東京の日本銀行", "entities": [
        {"name": "東京", "span": [0, 2], "type": "地名"},
        {"name": "日本銀行", "span": [3, 7], "type": "法人名"}]}]  # fmt: skip
    (tmp_path / "ner.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    dataset = load_stockmark(tmp_path / "ner.json", heldout_only=False)
    assert dataset.examples[0].spans == {G("GPE/LOC", 0, 2), G("ORG", 3, 7)}


def test_gsd_loader_keeps_seven_labels(tmp_path: Path) -> None:
    items = [{"id": "s1", "text": "昨日東京で", "entities": [
        {"start": 0, "end": 2, "type": "DATE", "surface": "昨日"},
        {"start": 2, "end": 4, "type": "GPE", "surface": "東京"}]}]  # fmt: skip
    (tmp_path / "dev.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert load_gsd_dev(tmp_path / "dev.json").examples[0].spans == {G("GPE", 2, 4)}


def test_gsd_train_items_without_ids_are_numbered(tmp_path: Path) -> None:
    items = [{"text": "東京で", "entities": [{"start": 0, "end": 2, "type": "GPE", "surface": "東京"}]},
             {"text": "雨", "entities": []}]  # fmt: skip
    (tmp_path / "train.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    dataset = load_gsd_dev(tmp_path / "train.json")
    assert dataset.name == "gsd-train"
    assert [e.id for e in dataset.examples] == ["train-0", "train-1"]


def test_stockmark_training_part_is_the_rest_of_the_held_out_fifth(tmp_path: Path) -> None:
    items = [{"curid": c, "text": "あ", "entities": []} for c in ("222355", "3572156", "159982")]
    (tmp_path / "ner.json").write_text(json.dumps(items), encoding="utf-8")
    held = load_stockmark(tmp_path / "ner.json")
    training = load_stockmark(tmp_path / "ner.json", heldout_only=False, training_only=True)
    assert [e.id.split("#")[0] for e in held.examples] == ["222355"]
    assert [e.id.split("#")[0] for e in training.examples] == ["3572156", "159982"]
    assert training.name == "stockmark-train"
    with pytest.raises(ValueError):
        load_stockmark(tmp_path / "ner.json", training_only=True)


def test_stockmark_mapping_covers_every_type() -> None:
    assert set(STOCKMARK_LABELS) == {
        "人名", "法人名", "政治的組織名", "その他の組織名", "地名", "施設名", "製品名", "イベント名"
    }  # fmt: skip


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not present")
def test_shared_sets_load_with_every_span() -> None:
    gsd = load_gsd_dev(SHARED / "corpus" / "ud-gsd-ne" / "dev.json")
    assert len(gsd.examples) == 507
    assert sum(len(e.spans) for e in gsd.examples) == 139 + 137 + 94 + 37 + 32 + 26 + 10
    stockmark = SHARED / "corpus" / "stockmark-ner-wikipedia" / "ner.json"
    assert len(load_stockmark(stockmark, heldout_only=False).examples) == 5343
    assert len(load_stockmark(stockmark).examples) == 1050


# fmt: off
HELDOUT_CASES = [
    # curid, held out (int(sha256(curid), 16) % 5 == 0, as the NER training split)
    ("222355",  True),
    ("3572156", False),
    ("159982",  False),
]
# fmt: on


def test_stockmark_heldout_rule_is_the_shipped_models() -> None:
    meta = Path(__file__).resolve().parents[1] / "src/jnews_extract/models/ner/meta.json"
    if not meta.is_file():
        pytest.skip("no own NER model shipped")
    rule = json.loads(meta.read_text(encoding="utf-8"))["training"]["stockmark_heldout_rule"]
    assert rule == STOCKMARK_HELDOUT_RULE


@pytest.mark.parametrize(("curid", "expected"), HELDOUT_CASES, ids=[c[0] for c in HELDOUT_CASES])
def test_stockmark_heldout_split(curid: str, expected: bool) -> None:
    assert is_stockmark_heldout(curid) is expected


# --- error classes ----------------------------------------------------------------------------

# fmt: off
DIAGNOSIS_CASES = [
    ("entity_boundary", with_entities(TRUMP_SHI, PUTIN, BUDAPEST, ZELENSKY, USA),
        "entities", "boundary", "トランプ (PERSON) → トランプ氏 (PERSON)"),
    ("entity_label", with_entities(TRUMP, PUTIN, BUDAPEST_LOC, ZELENSKY, USA),
        "entities", "label", "ブダペスト (GPE) → ブダペスト (LOC)"),
    ("entity_missed", with_entities(TRUMP, PUTIN, ZELENSKY, USA),
        "entities", "missed", "ブダペスト (GPE)"),
    ("entity_spurious", with_entities(*GOLD_ENTITIES, ent("e9", "ORG", "会談")),
        "entities", "spurious", "会談 (ORG)"),
    ("trigger_type", with_events(MERGED), "triggers", "type", "訪問 (VISIT) → 訪問 (MEETING)"),
    ("argument_missed", with_events(MEETING), "arguments", "missed", "VISIT 訪問: agent ゼレンスキー"),
    ("argument_spurious_after_merge", with_events(MERGED),
        "arguments", "spurious", "MEETING 会談: agent ゼレンスキー"),
    ("time_value", rec(GOLD_ENTITIES, (T21, tim("t2", "22日", "DATE", "2025-09-22")), ()),
        "times", "value", "22日: 2025-10-22 → 2025-09-22"),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "pred", "kind", "error_class", "example"),
    DIAGNOSIS_CASES,
    ids=[c[0] for c in DIAGNOSIS_CASES],
)
def test_error_classes(
    name: str, pred: Extraction, kind: str, error_class: str, example: str
) -> None:
    report = diagnose(GOLD, pred)
    assert example in report.examples.get(kind, {}).get(error_class, []), (name, report.examples)


def test_exact_prediction_has_no_error() -> None:
    assert diagnose(GOLD, GOLD).counts == {}


# --- the GiNZA baseline (loads ja_ginza once) ------------------------------------------------


@pytest.mark.slow
def test_ginza_baseline_maps_ene_labels_to_ontonotes() -> None:
    from jnews_extract.evaluate.datasets import predict_ginza
    from jnews_extract.evaluate.gold_eval import predict_ginza_record

    text = "岸田首相は東京でバイデン大統領と会談した。"
    [spans] = predict_ginza([text])
    tokyo = text.index("東京")
    assert G("GPE", tokyo, tokyo + 2) in spans  # ENE City → GPE
    record = predict_ginza_record(rec().model_copy(update={"text": text}))
    assert all(e.label.value in {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT"}
               for e in record.entities)  # fmt: skip
    assert all(text[m.start : m.end] == m.text for e in record.entities for m in e.mentions)
