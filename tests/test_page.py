"""Page parsing on the seed page and on other shapes of news text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from jnews_extract.page import parse_page, parse_published, resolve_dateline_day

JST = timezone(timedelta(hours=9))


def test_seed_page_header(sample_text: str) -> None:
    page = parse_page(sample_text)
    assert page.title is not None
    assert sample_text[page.title.start : page.title.end] == (
        "米ロ首脳会談の実現に暗雲、ロの強硬姿勢が交渉の足かせに"
    )
    assert page.published == datetime(2025, 10, 22, 5, 44, tzinfo=JST)
    assert page.dateline is not None
    assert sample_text[page.dateline.start : page.dateline.end] == "[21日 ロイター]"
    assert page.dateline_date == date(2025, 10, 21)
    assert page.source == "ロイター"
    assert page.authors == ["Tom Balmforth", "Steve Holland"]


def test_seed_body_excludes_furniture_and_caption(sample_text: str) -> None:
    page = parse_page(sample_text)
    body = sample_text[page.body.start : page.body.end]
    assert body.startswith("[21日 ロイター]")
    assert body.endswith("とフェイスブックに投稿した。")
    for furniture in ("あわせて読みたい", "人気ランキング", "MAGAZINE", "Copyright", "写真は"):
        assert furniture not in body, furniture
    assert len(page.captions) == 1
    caption = sample_text[page.captions[0].start : page.captions[0].end]
    assert "写真は米アラスカ州で8月撮影" in caption


# fmt: off
SHAPES = [
    # (name, text, title, body start, source, dateline day)
    ("plain body", "政府は21日、新たな経済対策を発表した。総額は10兆円となる。",
     None, "政府は21日", None, None),
    ("headline + body", "政府、経済対策を発表\n\n政府は21日、新たな経済対策を発表した。",
     "政府、経済対策を発表", "政府は21日", None, None),
    ("kyodo dateline", "米大統領が訪日へ\n\n【ワシントン共同】米政府は21日、大統領が来月訪日すると発表した。",
     "米大統領が訪日へ", "【ワシントン共同】", "共同通信", None),
    ("reuters with city", "[ワシントン 21日 ロイター] - 米国務省は21日、声明を発表した。",
     None, "[ワシントン 21日 ロイター]", "ロイター", 21),
    ("paren source", "北朝鮮がミサイル発射\n\n北朝鮮は22日、弾道ミサイルを発射した（ロイター）。",
     "北朝鮮がミサイル発射", "北朝鮮は22日", "ロイター", None),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "text", "title", "body_start", "source", "day"), SHAPES, ids=[s[0] for s in SHAPES]
)
def test_page_shapes(
    name: str, text: str, title: str | None, body_start: str, source: str | None, day: int | None
) -> None:
    page = parse_page(text)
    got_title = text[page.title.start : page.title.end] if page.title else None
    assert got_title == title, name
    assert text[page.body.start : page.body.end].startswith(body_start), name
    assert page.source == source, name
    assert page.dateline_day == day, name


def test_plain_text_body_is_whole_text() -> None:
    text = "政府は21日、新たな経済対策を発表した。"
    page = parse_page(text)
    assert (page.body.start, page.body.end) == (0, len(text))


def test_dateline_date_uses_caller_published_when_page_has_none() -> None:
    page = parse_page("[30日 ロイター] - 本文。", published=date(2025, 11, 2))
    assert page.dateline_date == date(2025, 10, 30)


# fmt: off
PUBLISHED = [
    ("2025年10月22日(水)05時44分", datetime(2025, 10, 22, 5, 44, tzinfo=JST)),
    ("2025/10/22 05:44", datetime(2025, 10, 22, 5, 44, tzinfo=JST)),
    ("２０２５年１０月２２日", datetime(2025, 10, 22, 0, 0, tzinfo=JST)),
    ("政府は2025年10月22日に発表した。", None),
]
DATELINE_DAYS = [
    (21, date(2025, 10, 22), date(2025, 10, 21)),
    (30, date(2025, 10, 2), date(2025, 9, 30)),
    (31, date(2025, 3, 1), date(2025, 1, 31)),
    (5, None, None),
]
# fmt: on


@pytest.mark.parametrize(("line", "expected"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_parse_published(line: str, expected: datetime | None) -> None:
    assert parse_published(line) == expected


@pytest.mark.parametrize(("day", "anchor", "expected"), DATELINE_DAYS)
def test_resolve_dateline_day(day: int, anchor: date | None, expected: date | None) -> None:
    assert resolve_dateline_day(day, anchor) == expected
