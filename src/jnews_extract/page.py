"""Page parsing: headline, published datetime, dateline, source, authors, body, captions.

A scraped news page carries furniture around the article (navigation, "あわせて読みたい",
rankings, magazine ads). :func:`parse_page` finds the article inside it and says which
parts of the string to analyse; plain article text passes through with the body being
the whole text. Every span is a half-open character span of the caller's string.

Datelines understood: ``[21日 ロイター]``, ``[ワシントン 21日 ロイター]``,
``【ワシントン共同】``, ``【ワシントン=山田太郎】``, ``（ロイター）`` / ``(AFP時事)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Any

from jnews_extract.knowledge import read_json

JST = timezone(timedelta(hours=9), "JST")

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NUM = r"[0-9０-９]"
_PUBLISHED = re.compile(
    rf"^\s*(?P<y>{_NUM}{{4}})\s*[年/.\-]\s*(?P<mo>{_NUM}{{1,2}})\s*[月/.\-]\s*(?P<d>{_NUM}{{1,2}})\s*日?"
    rf"\s*(?:[(（][月火水木金土日][)）])?"
    rf"\s*(?:(?P<h>{_NUM}{{1,2}})\s*[時:：]\s*(?P<mi>{_NUM}{{1,2}})\s*分?)?"
    rf"(?:\s*(?:JST|日本時間))?\s*(?:更新|配信|公開)?\s*$"
)
_DATELINE_BRACKET = re.compile(
    rf"^\s*[\[［]\s*(?:(?P<place>[^\]］\d０-９]+?)\s+)?(?P<day>{_NUM}{{1,2}})\s*日\s+(?P<src>[^\]］]+?)\s*[\]］]\s*-?\s*"
)
_DATELINE_KYODO = re.compile(
    r"^\s*【(?P<place>[^】=＝]+?)(?:[=＝](?P<author>[^】]+)|(?P<src>共同|時事|AFP時事|AFP|新華社|聯合))】"
)
_DATELINE_PAREN = re.compile(
    r"[(（](?P<src>ロイター|AFP時事|AFP|共同|時事|AP|CNN|ブルームバーグ|新華社)[)）]"
)
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-.]+)+$")


@cache
def _page_rules() -> dict[str, Any]:
    return read_json("page", "page.json")


@cache
def _compiled(key: str) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _page_rules()[key]]


@dataclass
class Region:
    """A half-open span of the caller's string and what it is."""

    start: int
    end: int
    kind: str
    """title, published, caption, body."""


@dataclass
class Page:
    """What :func:`parse_page` found; the assembler turns it into ``Article``."""

    title: Region | None = None
    published: datetime | None = None
    published_span: Region | None = None
    dateline: Region | None = None
    dateline_day: int | None = None
    dateline_date: date | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    body: Region = field(default_factory=lambda: Region(0, 0, "body"))
    captions: list[Region] = field(default_factory=list)

    @property
    def regions(self) -> list[Region]:
        """The parts of the page to analyse, in text order (furniture excluded)."""
        parts = [r for r in (self.title, self.published_span, *self.captions) if r is not None]
        parts.append(self.body)
        return sorted((r for r in parts if r.end > r.start), key=lambda r: r.start)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((position, position + len(stripped)))
        position += len(line)
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_published(line: str) -> datetime | None:
    """A publication line such as ``2025年10月22日(水)05時44分`` → timezone-aware datetime (JST)."""
    match = _PUBLISHED.match(line)
    if not match:
        return None
    parts = {k: int(v.translate(_DIGITS)) for k, v in match.groupdict().items() if v}
    try:
        return datetime(
            parts["y"], parts["mo"], parts["d"], parts.get("h", 0), parts.get("mi", 0), tzinfo=JST
        )
    except ValueError:
        return None


def resolve_dateline_day(day: int, anchor: date | None) -> date | None:
    """The latest date with day-of-month ``day`` on or before ``anchor`` (21日 → 2025-10-21)."""
    if anchor is None or not 1 <= day <= 31:
        return None
    year, month = anchor.year, anchor.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= anchor:
            return candidate
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return None


def _agency(name: str) -> str:
    agencies: dict[str, str] = _page_rules()["agencies"]
    name = name.strip()
    return agencies.get(name, name)


def _is_furniture(line: str, key: str) -> bool:
    return any(p.search(line.strip()) for p in _compiled(key))


def _is_caption(line: str) -> bool:
    markers: list[str] = _page_rules()["caption_markers"]
    return any(m in line for m in markers) and (
        "写真" in line or "撮影" in line or "REUTERS" in line
    )


def parse_page(text: str, *, published: date | datetime | None = None) -> Page:
    """Find the article inside ``text`` (a scraped page or plain article text).

    ``published`` is the caller's publication date; a date printed on the page wins.
    >>> page = parse_page("見出し\\n\\n[21日 ロイター] - 本文。")
    >>> page.source, page.dateline_day
    ('ロイター', 21)
    """
    page = Page(body=Region(0, len(text), "body"))
    lines = _lines(text)
    published_index = None
    for index, (start, end) in enumerate(lines[:40]):
        stamp = parse_published(text[start:end])
        if stamp is not None:
            page.published = stamp
            page.published_span = Region(*_strip_span(text, start, end), "published")
            published_index = index
            break
    dateline_index = None
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        bracket = _DATELINE_BRACKET.match(line)
        kyodo = _DATELINE_KYODO.match(line)
        if bracket:
            page.dateline = Region(
                start + bracket.start(),
                start + line.find("]", bracket.start()) + 1
                if "]" in line
                else start + bracket.end(),
                "dateline",
            )
            page.dateline_day = int(bracket.group("day").translate(_DIGITS))
            page.source = _agency(bracket.group("src"))
        elif kyodo:
            page.dateline = Region(start + kyodo.start(), start + kyodo.end(), "dateline")
            page.source = _agency(kyodo.group("src")) if kyodo.group("src") else None
            if kyodo.group("author"):
                page.authors.append(kyodo.group("author").strip())
        else:
            continue
        dateline_index = index
        break
    if dateline_index is None:
        paren = _DATELINE_PAREN.search(text[: min(len(text), 400)])
        if paren:
            page.dateline = Region(paren.start(), paren.end(), "dateline")
            page.source = _agency(paren.group("src"))
    # Body: from the dateline (or after the header) to the first trailer line.
    if dateline_index is not None:
        body_start = lines[dateline_index][0]
    elif published_index is not None:
        body_start = lines[published_index][1]
    else:
        body_start = 0
    body_end = len(text)
    first_scan = dateline_index if dateline_index is not None else (published_index or 0)
    for index in range(first_scan + 1, len(lines)):
        start, end = lines[index]
        if _is_furniture(text[start:end], "trailer_lines"):
            body_end = start
            # An agency sign-off line right before the copyright belongs to the trailer.
            previous = index - 1
            while (
                previous > first_scan and not text[lines[previous][0] : lines[previous][1]].strip()
            ):
                previous -= 1
            sign_off = text[lines[previous][0] : lines[previous][1]].strip()
            if previous > first_scan and page.source and _agency(sign_off) == page.source:
                body_end = lines[previous][0]
            break
    # Title: the line before the published line, else a short first line before a blank line.
    if published_index is not None:
        for index in range(published_index - 1, -1, -1):
            start, end = _strip_span(text, *lines[index])
            line = text[start:end]
            if line and not _is_furniture(line, "leading_furniture_lines"):
                page.title = Region(start, end, "title")
                break
    elif dateline_index is None or dateline_index > 0:
        page.title = _plain_title(text, lines, dateline_index)
    # Header between published line and dateline: captions and bylines.
    if published_index is not None and dateline_index is not None:
        for index in range(published_index + 1, dateline_index):
            start, end = _strip_span(text, *lines[index])
            line = text[start:end]
            if not line:
                continue
            if _LATIN_NAME.match(line):
                page.authors += _split_latin_names(line)
            elif _is_caption(line):
                page.captions.append(Region(start, end, "caption"))
    if dateline_index is None and page.title is not None and published_index is None:
        body_start = max(body_start, _next_content(text, page.title.end))
    page.body = Region(*_strip_span(text, body_start, body_end), "body")
    if dateline_index is None and published_index is None and page.title is None:
        page.body = Region(0, len(text), "body")
    anchor = page.published.date() if page.published else _as_date(published)
    if page.dateline_day is not None:
        page.dateline_date = resolve_dateline_day(page.dateline_day, anchor)
    return page


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _next_content(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _plain_title(text: str, lines: list[tuple[int, int]], stop: int | None) -> Region | None:
    """A headline: a short first line without 。 followed by a blank line and more text."""
    content = [(i, s, e) for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    if len(content) < 2:
        return None
    index, start, end = content[0]
    if stop is not None and index >= stop:
        return None
    start, end = _strip_span(text, start, end)
    line = text[start:end]
    blank_after = (
        index + 1 < len(lines) and not text[lines[index + 1][0] : lines[index + 1][1]].strip()
    )
    if len(line) <= 80 and not line.endswith("。") and blank_after:
        return Region(start, end, "title")
    return None


def _split_latin_names(line: str) -> list[str]:
    """``Tom Balmforth Steve Holland`` → two names (bylines list given + family name pairs)."""
    words = line.split()
    if len(words) % 2 == 0:
        return [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
    return [line]
