"""Relative and anaphoric dates: 先週, 昨年12月, 今月末, 年内, 同日, 翌日, 来週水曜日.

Also the words whose value is a TIMEX3 reference point (近く, ごく近い将来 →
FUTURE_REF; 現在 → PRESENT_REF; 最近 → PAST_REF). Which word means what is data
(``resources/time/relative.json``); this module only reads what follows a word:
a month and day after a year word (昨年12月), a day after a month word (今月10日),
a weekday after a week word (来週水曜日), a season, 末/上旬 and the like.
"""

from __future__ import annotations

import re

from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import WEEKDAY_KANJI, Candidate, alternation, is_ideograph


class RelativePatterns:
    """Compiled relative-date patterns for one lexicon."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        seasons = "".join(lexicon.seasons)
        self._relative = re.compile(
            rf"(?P<head>{alternation(lexicon.relative_words)})"
            r"(?P<mp>(?P<month>\d{1,2})月)?(?P<dp>(?P<day>\d{1,2})日)?"
            rf"(?P<wdp>(?P<wd>[{WEEKDAY_KANJI}])曜日?)?"
            rf"(?P<season>[{seasons}](?![\u4e00-\u9fff]))?"
        )
        self._month_after = re.compile(
            rf"(?P<dekad>{alternation(lexicon.dekads)})|(?P<period>{alternation(lexicon.month_periods)})"
        )
        self._year_after = re.compile(rf"(?P<period>{alternation(lexicon.year_periods)})")
        self._reference = re.compile(alternation(lexicon.reference_words))
        adverbial = lexicon.adverbial_reference_words
        self._adverbial = re.compile(alternation(adverbial["words"]))
        self._adverbial_left = str(adverbial["left_context"])
        self._adverbial_blocked = str(adverbial["blocked_right"])

    def _blocked(self, word: str, text: str, end: int) -> bool:
        blocked = self.lexicon.blocked_right.get(word, "")
        return end < len(text) and text[end] in blocked

    def _period_after(self, text: str, end: int, parse: TimeParse) -> int:
        """末 / 上旬 / 前半 after 今月, 昨年, 来年3月 and the like."""
        month_level = parse.unit == "month" or parse.month is not None
        if parse.day is not None or parse.weekday is not None or parse.period is not None:
            return end
        if parse.unit not in ("month", "year"):
            return end
        pattern = self._month_after if month_level else self._year_after
        match = pattern.match(text, end)
        if match is None:
            return end
        period = match.group("period")
        free = period in (None, "末", "末日")
        if not free and match.end() < len(text) and is_ideograph(text[match.end()]):
            return end
        if month_level and match.group("dekad"):
            parse.dekad = self.lexicon.dekads[match.group("dekad")]
        else:
            periods = self.lexicon.month_periods if month_level else self.lexicon.year_periods
            parse.period = periods[period]
        return match.end()

    def _relatives(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._relative.finditer(text):
            head = match.group("head")
            word = self.lexicon.relative_words[head]
            if self._blocked(head, text, match.end("head")):
                continue
            parse = TimeParse(
                kind="relative",
                type="TIME" if word.part else "DATE",
                unit=word.unit,
                offset=word.offset,
                anchor=word.anchor,
                part=word.part,
                period=word.period,
                season=word.season,
            )
            end = match.end("head")
            month, day = match.group("month"), match.group("day")
            free = word.period is None and word.season is None and word.part is None
            if free and word.unit == "year" and month and 1 <= int(month) <= 12:
                parse.month = int(month)
                end = match.end("mp")
                if day and 1 <= int(day) <= 31:
                    parse.day = int(day)
                    end = match.end("dp")
            elif free and word.unit == "month" and day and not month and 1 <= int(day) <= 31:
                parse.day = int(day)
                end = match.end("dp")
            elif free and word.unit == "week" and match.group("wd") and not (month or day):
                parse.weekday = self.lexicon.weekdays[match.group("wd")]
                end = match.end("wdp")
            elif free and word.unit == "year" and match.group("season") and not (month or day):
                parse.season = self.lexicon.seasons[match.group("season")]
                end = match.end("season")
            end = self._period_after(text, end, parse)
            found.append(Candidate(match.start(), end, parse))
        return found

    def _references(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for match in self._reference.finditer(text):
            word = match.group()
            if self._blocked(word, text, match.end()):
                continue
            literal = self.lexicon.reference_words[word]
            parse = TimeParse(kind="reference", type="DATE", literal=literal)
            found.append(Candidate(match.start(), match.end(), parse))
        for match in self._adverbial.finditer(text):
            before = text[match.start() - 1] if match.start() > 0 else "\n"
            after = text[match.end()] if match.end() < len(text) else ""
            if before not in self._adverbial_left or (after and after in self._adverbial_blocked):
                continue
            literal = str(self.lexicon.adverbial_reference_words["words"][match.group()])
            parse = TimeParse(kind="reference", type="DATE", literal=literal)
            found.append(Candidate(match.start(), match.end(), parse))
        return found

    def find(self, text: str) -> list[Candidate]:
        """Every relative-date and reference-word candidate in the normalised ``text``."""
        return self._relatives(text) + self._references(text)
