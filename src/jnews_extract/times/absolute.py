"""Dates written with calendar fields: 2025年10月22日, 10月22日, 22日, 令和7年, 2025/10/22.

Also eras (令和元年, R3.7.18), 西暦/紀元前 years, fiscal years (2021年度), decades
(1990年代), seasons (2021年春), quarters (第1四半期, Q1, 7～9月期), centuries
(21世紀), and what follows a month or a year: 上旬/中旬/下旬, 末, 初め, 前半, 内.
Days get their weekday, part of day and clock time from the tagger's tail step.
"""

from __future__ import annotations

import re

from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import (
    NO_DIGIT_AFTER,
    Candidate,
    alternation,
    is_ideograph,
    trie_alternation,
)

_DAY_SPAN_AFTER = ("間", "目", "ぶり", "半", "連続", "当たり", "あたり", "おき", "ごと", "分")
"""After N日 these make a count of days, not a day of the month (3日間, 8日目, 1日当たり)."""

_DAY_OFFSET_AFTER = re.compile(
    r"(?:ほど|くらい|ぐらい|近く|ばかり|余り|あまり)?(?:前(?!後|半)|まえ|後(?!半)|あと)"
)
"""After N日: 3日前, 2日後 are offsets (handled by the durations module)."""

_FREE_PERIODS = ("末", "末日")
"""Period words that may stand before another kanji word (年末年始); others may not (年内閣)."""


def _starts_another_word(text: str, end: int, period: str | None) -> bool:
    """Whether a one-word period (内, 頭) is really the start of a longer word."""
    if not period or period in _FREE_PERIODS or end >= len(text):
        return False
    return is_ideograph(text[end])


_YEAR_SPAN_AFTER = ("間", "目", "ぶり", "もの間", "生", "制", "近く", "余り", "あまり", "以上")


class AbsolutePatterns:
    """Compiled calendar-date patterns for one lexicon."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        eras = trie_alternation(lexicon.eras)
        abbreviations = "".join(lexicon.era_abbreviations)
        era_initials = re.escape("".join(sorted({name[0] for name in lexicon.eras})))
        year = (
            r"(?:(?P<bc>紀元前)|(?P<ad>西暦|紀元後))?"
            rf"(?:(?P<era>{eras})\s?(?P<era_year>元|\d{{1,4}})"
            rf"|(?P<abbr>[{abbreviations}])(?P<abbr_year>\d{{1,2}})|(?P<year>\d{{1,4}}))年"
        )
        self._kanji_date = re.compile(
            rf"(?<![\d.,/])(?=\d|紀元|西暦|[{era_initials}]|[{abbreviations}]\d)"
            rf"(?P<yr>{year})?"
            r"(?P<mo>(?(yr)/?)(?P<month>\d{1,2})月)?"
            r"(?P<dy>(?(mo)/?)(?P<day>\d{1,2})日)?"
        )
        self._numeric_date = re.compile(
            rf"(?<![\d.,/\-:])(?:(?P<ad>西暦)|(?P<era>{eras})|(?P<abbr>[{abbreviations}]))?"
            r"(?P<year>\d{1,4})(?P<nen>年)?(?P<sep>[/\-.・,])(?P<month>\d{1,2})(?P<getsu>月)?"
            r"(?:(?P=sep)(?P<day>\d{1,2})日?)?" + NO_DIGIT_AFTER + r"(?![.,]\d)"
        )
        self._month_day = re.compile(r"(?<![\d/.\-:])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])")
        self._century = re.compile(r"(?:(?P<bc>紀元前)|(?P<ad>西暦|紀元後))?(?P<n>\d{1,2})世紀")
        self._quarter = re.compile(
            r"(?:(?P<year>\d{4})年)?(?:第(?P<q>[1-4])四半期|(?<![A-Za-z0-9])Q(?P<qq>[1-4])(?!\d)"
            r"|(?P<m1>\d{1,2})[~〜\-](?P<m2>\d{1,2})月期)"
        )
        seasons = "".join(lexicon.seasons)
        self._after_year = re.compile(
            rf"(?P<fiscal>度)|(?P<decade>代)|(?P<season>[{seasons}])(?![\u4e00-\u9fff])"
            rf"|(?P<period>{alternation(lexicon.year_periods)})"
        )
        self._after_month = re.compile(
            rf"(?P<dekad>{alternation(lexicon.dekads)})|(?P<period>{alternation(lexicon.month_periods)})"
        )

    # -- helpers ---------------------------------------------------------------

    def _era_year(self, era: str | None, abbreviation: str | None, number: str) -> int:
        name = era or self.lexicon.era_abbreviations[abbreviation or ""]
        return self.lexicon.eras[name] + (1 if number == "元" else int(number)) - 1

    def _after_month_parts(self, text: str, end: int, parse: TimeParse) -> int:
        match = self._after_month.match(text, end)
        if match is None or _starts_another_word(text, match.end(), match.group("period")):
            return end
        if match.group("dekad"):
            parse.dekad = self.lexicon.dekads[match.group("dekad")]
        else:
            parse.period = self.lexicon.month_periods[match.group("period")]
        return match.end()

    def _after_year_parts(self, text: str, end: int, parse: TimeParse) -> int:
        match = self._after_year.match(text, end)
        if match is None or _starts_another_word(text, match.end(), match.group("period")):
            return end
        if match.group("fiscal"):
            parse.fiscal = True
        elif match.group("decade"):
            parse.decade = parse.year
        elif match.group("season"):
            parse.season = self.lexicon.seasons[match.group("season")]
        else:
            parse.period = self.lexicon.year_periods[match.group("period")]
        return match.end()

    # -- finders ---------------------------------------------------------------

    def _kanji_dates(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._kanji_date.finditer(text):
            if match.end() == match.start():
                continue
            parse = TimeParse(kind="calendar", type="DATE")
            explicit_year = bool(match.group("era") or match.group("abbr") or match.group("ad"))
            end = match.end()
            if match.group("yr"):
                if match.group("era") or match.group("abbr"):
                    parse.year = self._era_year(
                        match.group("era"),
                        match.group("abbr"),
                        match.group("era_year") or match.group("abbr_year"),
                    )
                else:
                    parse.year = int(match.group("year"))
                    parse.bc = bool(match.group("bc"))
                    explicit_year = explicit_year or parse.bc
            if match.group("month"):
                parse.month = int(match.group("month"))
                if not 1 <= parse.month <= 12:
                    continue
            if match.group("day"):
                parse.day = int(match.group("day"))
                if not 1 <= parse.day <= 31:
                    continue
                following = text[end : end + 4]
                span_after = following.startswith(_DAY_SPAN_AFTER) or _DAY_OFFSET_AFTER.match(
                    text, end
                )
                if parse.month is None and parse.year is None and span_after:
                    continue
            if parse.month is not None and parse.day is None:
                if text.startswith(("間", "目"), end):
                    continue
                end = self._after_month_parts(text, end, parse)
            if parse.year is not None and parse.month is None:
                digits = match.group("year") or ""
                following = text[end : end + 3]
                if following.startswith(_YEAR_SPAN_AFTER) and not explicit_year:
                    continue
                if _DAY_OFFSET_AFTER.match(text, end) and not explicit_year:
                    continue
                end = self._after_year_parts(text, end, parse)
                bare = end == match.end() and not explicit_year
                if digits and len(digits) < 4 and (bare or parse.period or parse.season):
                    continue  # 100年 / 3年前半: a span, left to the durations module
                if digits and len(digits) < 4 and parse.decade is not None:
                    parse.decade = None
                    parse.literal = f"XX{int(digits) // 10 % 10}X"
            elif parse.year is not None and len(match.group("year") or "abc") <= 2:
                parse.two_digit_year, parse.year = parse.year, None
            if parse.bc and parse.year is not None and parse.month is None:
                parse.literal = f"BC{parse.year:04d}"
            found.append(Candidate(match.start(), end, parse))
        return found

    def _numeric_dates(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._numeric_date.finditer(text):
            era, abbreviation = match.group("era"), match.group("abbr")
            digits = match.group("year")
            if era or abbreviation:
                if len(digits) > 2:
                    continue
                year = self._era_year(era, abbreviation, digits)
            elif len(digits) == 4:
                year = int(digits)
            else:
                continue
            month = int(match.group("month"))
            day = int(match.group("day")) if match.group("day") else None
            separator = match.group("sep")
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if day is None and (abbreviation or (not era and separator != "/")):
                continue  # M7.1 is a magnitude: a one-letter era needs the day
            if match.group("nen") and separator != "/":
                continue
            parse = TimeParse(kind="calendar", type="DATE", year=year, month=month, day=day)
            end = match.end()
            if day is None:
                end = self._after_month_parts(text, end, parse)
            found.append(Candidate(match.start(), end, parse))
        return found

    def _month_days(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._month_day.finditer(text):
            month, day = int(match.group("month")), int(match.group("day"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                parse = TimeParse(kind="calendar", type="DATE", month=month, day=day)
                found.append(Candidate(match.start(), match.end(), parse))
        return found

    def _centuries(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._century.finditer(text):
            number = int(match.group("n"))
            if number == 0:
                continue
            parse = TimeParse(
                kind="calendar", type="DATE", century=number, bc=bool(match.group("bc"))
            )
            end = match.end()
            period = self._after_year.match(text, end)
            if period is not None and period.group("period"):
                parse.period = self.lexicon.year_periods[period.group("period")]
                end = period.end()
            found.append(Candidate(match.start(), end, parse))
        return found

    def _quarters(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._quarter.finditer(text):
            if match.group("m1"):
                first, last = int(match.group("m1")), int(match.group("m2"))
                if first not in (1, 4, 7, 10) or last != first + 2:
                    continue
                quarter = (first + 2) // 3
            else:
                quarter = int(match.group("q") or match.group("qq"))
            year = int(match.group("year")) if match.group("year") else None
            parse = TimeParse(kind="calendar", type="DATE", year=year, quarter=quarter)
            found.append(Candidate(match.start(), match.end(), parse))
        return found

    def _year_seasons(self, text: str) -> list[Candidate]:
        """2021春 (a year written without 年 before a season)."""
        found: list[Candidate] = []
        seasons = "".join(self.lexicon.seasons)
        for match in re.finditer(rf"(?<![\d.])(?P<year>\d{{4}})/?(?P<season>[{seasons}])", text):
            following = text[match.end() : match.end() + 1]
            if following and is_ideograph(following):
                continue
            parse = TimeParse(
                kind="calendar",
                type="DATE",
                year=int(match.group("year")),
                season=self.lexicon.seasons[match.group("season")],
            )
            found.append(Candidate(match.start(), match.end(), parse))
        return found

    def find(self, text: str) -> list[Candidate]:
        """Every calendar-date candidate in the normalised ``text``."""
        return (
            self._kanji_dates(text)
            + self._numeric_dates(text)
            + self._month_days(text)
            + self._centuries(text)
            + self._quarters(text)
            + self._year_seasons(text)
        )
