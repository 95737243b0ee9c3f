"""Sets (recurring times): 毎年, 毎週, 毎週水曜日, 年1回, 週3日, 3日に1回, 1日おき, 隔週.

The value is the period of the recurrence (TIMEX3 SET): 毎年 → P1Y, 週3日 → P1W,
3日に1回 → P3D, 毎週水曜日 → XXXX-WXX-3. 毎日新聞 and other names that start with
a frequency word are left alone (``resources/time/sets.json``).
"""

from __future__ import annotations

import re

from jnews_extract.times.durations import UNITS
from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import NUMBER, WEEKDAY_KANJI, Candidate, alternation
from jnews_extract.times.values import number_text

_PERIOD_UNITS = alternation(u for u, code in UNITS.items() if code in ("Y", "M", "W", "D", "H"))
_COUNT_UNITS = r"(?:回|度|日|時間|カ月|ヶ月|か月|週間|分|秒)"


def _period(amount: str, unit: str) -> str:
    code = UNITS[unit]
    number = number_text(float(amount))
    return f"PT{number}H" if code == "H" else f"P{number}{code}"


def _set_candidate(match: re.Match[str], literal: str) -> Candidate:
    return Candidate(match.start(), match.end(), TimeParse("set", "SET", literal=literal))


class SetPatterns:
    """Compiled set (frequency) patterns for one lexicon."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        self._every = re.compile(
            rf"(?P<word>{alternation(lexicon.set_words)})"
            rf"(?:(?P<wd>[{WEEKDAY_KANJI}])曜日?)?"
        )
        units = "".join(lexicon.frequency_units)
        self._per_unit = re.compile(
            rf"(?<![\d\u4e00-\u9fff々])(?P<per>[{units}])に?\d+{_COUNT_UNITS}(?!間)"
        )
        self._per_count = re.compile(
            rf"(?<![\d.])(?P<n>{NUMBER})(?P<unit>{_PERIOD_UNITS})に\d+(?:回|度)"
            rf"|(?<![\d.])(?P<one>1)日(?:\d+(?:回|度|時間))"
        )
        self._every_count = re.compile(
            rf"(?<![\d.])(?P<n>{NUMBER})(?P<unit>{_PERIOD_UNITS})(?:おき|ごと|置き|毎|当たり|あたり)"
        )

    def find(self, text: str) -> list[Candidate]:
        """Every set candidate in the normalised ``text``."""
        found: list[Candidate] = []
        for match in self._every.finditer(text):
            word = match.group("word")
            if text.startswith(self.lexicon.set_blocked_right, match.end("word")):
                continue
            literal = self.lexicon.set_words[word]
            end = match.end("word")
            if word == "毎週" and match.group("wd"):
                literal = f"XXXX-WXX-{self.lexicon.weekdays[match.group('wd')]}"
                end = match.end()
            found.append(Candidate(match.start(), end, TimeParse("set", "SET", literal=literal)))
        for match in self._per_unit.finditer(text):
            literal = self.lexicon.frequency_units[match.group("per")]
            found.append(
                Candidate(match.start(), match.end(), TimeParse("set", "SET", literal=literal))
            )
        for match in self._per_count.finditer(text):
            literal = (
                "P1D" if match.group("one") else _period(match.group("n"), match.group("unit"))
            )
            found.append(
                Candidate(match.start(), match.end(), TimeParse("set", "SET", literal=literal))
            )
        for match in self._every_count.finditer(text):
            literal = _period(match.group("n"), match.group("unit"))
            found.append(
                Candidate(match.start(), match.end(), TimeParse("set", "SET", literal=literal))
            )
        return found
