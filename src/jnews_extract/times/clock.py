"""Clock times and parts of day: 午後11時32分頃, 05時44分, 23:59, 12:10 PM, 朝6時半.

Two uses: standalone times (:meth:`ClockPatterns.find`) and the *tail* of a day
(:meth:`ClockPatterns.match_tail`): the weekday, part of day and clock time written
right after a date, as in ``2025年10月22日(水)05時44分`` or ``22日朝``, which make
one expression with the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import WEEKDAY_KANJI, Candidate, alternation, is_ideograph

_CLOCK = (
    r"(?:(?P<hour>\d{1,2})時(?!間|点|代|期)"
    r"(?:(?P<minute>\d{1,2})分(?!間))?(?:(?P<second>\d{1,2})秒(?!間))?(?P<half>半)?"
    r"|(?P<chour>\d{1,2}):(?P<cminute>\d{2})(?::(?P<csecond>\d{2}))?(?![\d:])"
    r"(?:\s?(?P<ampm>AM|PM|am|pm|a\.m\.|p\.m\.))?)"
)


@dataclass(frozen=True)
class ClockReading:
    """What a clock/part-of-day piece says: part (MO/AF/...), hour, minute, second, mod."""

    part: str | None
    hour: int | None
    minute: int | None
    second: int | None
    mod: str | None


@dataclass(frozen=True)
class Tail:
    """The weekday, part of day and clock time written right after a date."""

    end: int
    weekday: int | None
    clock: ClockReading | None
    date_mod: str | None
    """A date suffix (頃, 以降, 現在) when there is no clock time."""
    has_suffix: bool


def _shift_hour(hour: int, rule: str) -> int:
    """Apply a part-of-day clock rule (see calendar.json) to a written hour."""
    if rule == "pm" and hour < 12:
        return hour + 12
    if rule == "am" and hour == 12:
        return 0
    if rule == "night":
        return hour + 12 if hour <= 12 else hour
    if rule == "late_night" and 6 <= hour <= 11:
        return hour + 12
    if rule == "noon" and hour <= 5:
        return hour + 12
    return hour


class ClockPatterns:
    """Compiled clock-time patterns for one lexicon."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        pods = alternation(lexicon.parts_of_day)
        suffixes = alternation(lexicon.clock_suffixes.keys() | lexicon.date_suffixes.keys())
        self._standalone = re.compile(
            rf"(?<![\d:.])(?:(?P<pod>{pods})\s?)?{_CLOCK}(?P<suffix>{suffixes})?"
            rf"|(?P<noon>正午)(?P<noon_suffix>{suffixes})?"
        )
        self._tail = re.compile(
            rf"(?P<wdp>\s?\(\s?(?P<wd>[{WEEKDAY_KANJI}])(?:曜日?)?\s?\))?"
            rf"(?:\s?(?P<pod>{pods}))?(?:\s?{_CLOCK})?(?P<suffix>{suffixes})?"
        )

    def _read(self, match: re.Match[str], default_rule: str) -> ClockReading | None:
        """Read hour/minute/second/part from a match of either pattern."""
        pod = match.group("pod")
        part_of_day = self.lexicon.parts_of_day.get(pod) if pod else None
        rule = part_of_day.clock if part_of_day else default_rule
        hour_text = match.group("hour") or match.group("chour")
        if hour_text is None:
            if pod is None:
                return None
            part = self.lexicon.part_of_day_without_clock.get(pod) or (
                part_of_day.timex if part_of_day else None
            )
            return ClockReading(part, None, None, None, None) if part else None
        ampm = (match.group("ampm") or "").replace(".", "").lower()
        if ampm:
            rule = "pm" if ampm == "pm" else "am"
        hour = _shift_hour(int(hour_text), rule)
        minute_text = match.group("minute") or match.group("cminute")
        second_text = match.group("second") or match.group("csecond")
        minute = int(minute_text) if minute_text else (30 if match.group("half") else None)
        second = int(second_text) if second_text else None
        if (
            hour > 30
            or (minute is not None and minute > 59)
            or (second is not None and second > 59)
        ):
            return None
        suffix = match.group("suffix")
        mod = self.lexicon.clock_suffixes.get(suffix) if suffix else None
        return ClockReading(None, hour, minute, second, mod)

    def find(self, text: str) -> list[Candidate]:
        """Standalone clock times (no date before them): 午後11時, 23:59, 正午."""
        candidates: list[Candidate] = []
        for match in self._standalone.finditer(text):
            if match.group("noon"):
                suffix = match.group("noon_suffix")
                mod = self.lexicon.clock_suffixes.get(suffix) if suffix else None
                parse = TimeParse(kind="calendar", type="TIME", hour=12, minute=0, mod=mod)
                candidates.append(Candidate(match.start(), match.end(), parse))
                continue
            reading = self._read(match, "none")
            if reading is None or reading.hour is None:
                continue
            end = match.end()
            if match.group("suffix") and match.group("suffix") not in self.lexicon.clock_suffixes:
                end = match.start("suffix")
            parse = TimeParse(
                kind="calendar",
                type="TIME",
                hour=reading.hour,
                minute=reading.minute,
                second=reading.second,
                mod=reading.mod,
            )
            candidates.append(Candidate(match.start(), end, parse))
        return candidates

    def match_tail(self, text: str, position: int, default_rule: str = "none") -> Tail | None:
        """The weekday / part of day / clock / suffix written at ``position`` (after a day)."""
        match = self._tail.match(text, position)
        if match is None or match.end() == position:
            return None
        weekday = self.lexicon.weekdays.get(match.group("wd") or "")
        has_clock = bool(match.group("hour") or match.group("chour"))
        reading = self._read(match, default_rule)
        end = match.end()
        if reading is not None and not has_clock:
            # 21日朝日新聞 / 22日朝刊: a part-of-day word that starts another word
            pod_end = match.end("pod")
            if pod_end < len(text) and is_ideograph(text[pod_end]):
                reading = None
                end = match.end("wdp") if match.group("wdp") else position
                return Tail(end, weekday, None, None, False) if end > position else None
        if (match.group("pod") or has_clock) and reading is None:
            end = match.end("wdp") if match.group("wdp") else position
            return Tail(end, weekday, None, None, False) if end > position else None
        suffix = match.group("suffix")
        date_mod: str | None = None
        if suffix and reading is None:
            if suffix not in self.lexicon.date_suffixes:
                end = match.start("suffix")
                suffix = None
            else:
                date_mod = self.lexicon.date_suffixes[suffix]
        elif suffix and suffix not in self.lexicon.clock_suffixes:
            end = match.start("suffix")
            suffix = None
        if end == position:
            return None
        return Tail(end, weekday, reading, date_mod, suffix is not None)
