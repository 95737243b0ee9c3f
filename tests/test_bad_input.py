"""extract() never crashes on text: odd input gives a record or a typed error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from jnews_extract import EmptyTextError, Extraction, extract
from jnews_extract.pipeline import SUDACHI_MAX_BYTES, split_for_sudachi


def assert_spans_slice_text(record: Extraction) -> None:
    """Every span the record carries is an exact slice of ``record.text``."""
    text = record.text
    spans = [record.article.body, *record.article.captions]
    spans += [s for s in (record.article.title, record.article.dateline) if s is not None]
    for entity in record.entities:
        spans += entity.mentions
        spans += [r.mention for r in entity.roles if r.mention is not None]
    spans += record.times
    for event in record.events:
        spans += event.mentions
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span


# fmt: off
ODD_TEXTS = [
    ("english only", "The summit in Budapest was postponed, officials said on Tuesday."),
    ("html page", "<html><body><h1>米ロ首脳会談</h1><p>トランプ大統領は<b>21日</b>、会談した。</p></body></html>"),
    ("control characters", "トランプ\x00大統領は\x0721日、\x1bプーチン大統領と会談した。"),
    ("full and half width", "ﾄﾗﾝﾌﾟ大統領は２１日、ＰＵＴＩＮ氏とプーチン大統領と会談した。"),
    ("emoji and symbols", "😀 トランプ大統領 ★ 会談 ♪♪ 21日"),
    ("one character", "米"),
    ("only punctuation", "。、！？「」"),
    ("crlf newlines", "見出し\r\n\r\nトランプ大統領は21日、会談した。\r\n"),
]
# fmt: on


@pytest.mark.parametrize(("name", "text"), ODD_TEXTS, ids=[t[0] for t in ODD_TEXTS])
def test_odd_text_gives_a_record(name: str, text: str, nlp: Language) -> None:
    record = extract(text, nlp=nlp)
    assert record.text == text, name
    assert_spans_slice_text(record)


def test_html_tags_are_not_entities(nlp: Language) -> None:
    record = extract("<html><body><p>トランプ大統領は21日、会談した。</p></body></html>", nlp=nlp)
    assert all("<" not in m.text for e in record.entities for m in e.mentions)
    assert any(e.name.endswith("トランプ") for e in record.entities)


# fmt: off
EMPTY = [("empty", ""), ("spaces", "   "), ("newlines and tabs", "\n\t\n "), ("ideographic space", "\u3000\u3000")]
NOT_TEXT = [("None", None), ("bytes", "トランプ".encode()), ("int", 42)]
# fmt: on


@pytest.mark.parametrize(("name", "text"), EMPTY, ids=[t[0] for t in EMPTY])
def test_empty_text_raises_typed_error(name: str, text: str) -> None:
    with pytest.raises(EmptyTextError, match="empty"):
        extract(text)


@pytest.mark.parametrize(("name", "value"), NOT_TEXT, ids=[t[0] for t in NOT_TEXT])
def test_non_str_raises_type_error(name: str, value: object) -> None:
    with pytest.raises(TypeError, match="str"):
        extract(value)  # type: ignore[arg-type]


def test_text_over_sudachi_limit_is_split_with_offsets(nlp: Language) -> None:
    sentence = "トランプ大統領は21日、ブダペストでプーチン大統領と会談した。"
    text = sentence * (SUDACHI_MAX_BYTES // len(sentence.encode()) + 40)
    assert len(text.encode()) > SUDACHI_MAX_BYTES
    record = extract(text, nlp=nlp)
    assert_spans_slice_text(record)
    trump = [e for e in record.entities if e.name.endswith("トランプ")]
    assert trump, "the person is found across chunks"
    assert trump[0].mentions[-1].start > len(text) - len(sentence) * 2


# fmt: off
SPLITS = [
    ("short", "あ。い。", 100, [(0, 4)]),
    ("cut after sentence end", "ああ。いい。うう。", 9, [(0, 3), (3, 6), (6, 9)]),
    ("no sentence end", "あいうえお", 6, [(0, 2), (2, 4), (4, 5)]),
]
# fmt: on


@pytest.mark.parametrize(("name", "text", "limit", "expected"), SPLITS, ids=[s[0] for s in SPLITS])
def test_split_for_sudachi(
    name: str, text: str, limit: int, expected: list[tuple[int, int]]
) -> None:
    assert list(split_for_sudachi(text, 0, len(text), limit)) == expected


_JAPANESE = st.text(
    alphabet=st.sampled_from(
        list("トランプ大統領はプーチン米ロ首脳会談を21日ブダペストで開く。、同氏\n 　<>ａＡ１")
    ),
    min_size=1,
    max_size=80,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_JAPANESE)
def test_every_span_slices_the_input(text: str, nlp: Language) -> None:
    try:
        record = extract(text, nlp=nlp)
    except EmptyTextError:
        assert not text.strip()
        return
    assert_spans_slice_text(record)
