"""Find temporal expressions in a text: normalise, match every pattern module, pick spans.

:func:`find_time_expressions` is the text-only core of the time stage: it returns
:class:`~jnews_extract.annotations.TimeMention` objects with exact spans into the
raw text and the values the text alone allows (``XXXX-XX-21``, ``2025-10-22T05:44``,
``P2W``); the reading is kept in ``payload`` for :func:`~jnews_extract.times.resolve.resolve_times`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jnews_extract.annotations import TimeMention
from jnews_extract.times.absolute import AbsolutePatterns
from jnews_extract.times.clock import ClockPatterns
from jnews_extract.times.durations import DurationPatterns
from jnews_extract.times.lexicon import TimeLexicon, default_lexicon
from jnews_extract.times.normalize import NormalizedText, normalize_text
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import Candidate
from jnews_extract.times.relative import RelativePatterns
from jnews_extract.times.resolve import resolve_alone
from jnews_extract.times.sets import SetPatterns
from jnews_extract.times.values import clock_value
from jnews_extract.times.weekdays import WeekdayPatterns

SENTENCE_ENDS = "。！？!?\n"
_PART_CLOCK_RULES = {"NI": "night", "EV": "pm", "AF": "pm"}
"""How a clock hour after 今夜/昨晩/今夕 reads (今夜9時 = 21:00)."""


@dataclass
class TimePatterns:
    """Every pattern module compiled for one lexicon."""

    lexicon: TimeLexicon
    absolute: AbsolutePatterns
    clock: ClockPatterns
    relative: RelativePatterns
    durations: DurationPatterns
    sets: SetPatterns
    weekdays: WeekdayPatterns

    @classmethod
    def compile(cls, lexicon: TimeLexicon) -> TimePatterns:
        """Compile all patterns of ``lexicon`` (done once per component)."""
        return cls(
            lexicon=lexicon,
            absolute=AbsolutePatterns(lexicon),
            clock=ClockPatterns(lexicon),
            relative=RelativePatterns(lexicon),
            durations=DurationPatterns(lexicon),
            sets=SetPatterns(lexicon),
            weekdays=WeekdayPatterns(lexicon),
        )


@cache
def default_patterns() -> TimePatterns:
    """The patterns of the bundled lexicons, compiled once per process."""
    return TimePatterns.compile(default_lexicon())


def _is_standalone_clock(parse: TimeParse) -> bool:
    return (
        parse.kind == "calendar"
        and parse.hour is not None
        and parse.year is None
        and parse.month is None
        and parse.day is None
        and parse.weekday is None
    )


def _extend_with_tail(candidate: Candidate, text: str, patterns: TimePatterns) -> None:
    """Add the weekday, part of day, clock time or suffix written right after a date."""
    parse = candidate.parse
    if parse.kind == "set" and (parse.literal or "").startswith("XXXX-WXX-"):
        # 毎週土曜日19時: the clock time belongs to the recurring day
        tail = patterns.clock.match_tail(text, candidate.end)
        if tail is not None and tail.clock is not None and tail.weekday is None:
            clock = tail.clock
            parse.literal = (parse.literal or "") + clock_value(
                clock.part, clock.hour, clock.minute, clock.second
            )
            candidate.end = tail.end
        return
    if parse.kind not in ("calendar", "relative") or _is_standalone_clock(parse):
        return
    if parse.has_day and parse.hour is None:
        rule = _PART_CLOCK_RULES.get(parse.part or "", "none")
        tail = patterns.clock.match_tail(text, candidate.end, rule)
        if tail is None:
            return
        if tail.weekday is not None and parse.kind == "calendar" and parse.day is not None:
            parse.weekday = tail.weekday
        if tail.clock is not None:
            parse.part = tail.clock.part if tail.clock.hour is None else None
            parse.hour, parse.minute, parse.second = (
                tail.clock.hour,
                tail.clock.minute,
                tail.clock.second,
            )
            parse.type = "TIME"
            parse.mod = tail.clock.mod or parse.mod
        if tail.date_mod is not None:
            parse.mod = tail.date_mod
        candidate.end = tail.end
        return
    if parse.type == "DATE":
        for suffix, mod in patterns.lexicon.date_suffixes.items():
            if text.startswith(suffix, candidate.end):
                if mod is not None and not parse.period and parse.dekad is None:
                    parse.mod = mod
                candidate.end += len(suffix)
                return


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Leftmost-longest non-overlapping candidates; a date beats a duration on a tie."""
    ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), -c.priority))
    chosen: list[Candidate] = []
    last_end = -1
    for candidate in ordered:
        if candidate.start >= last_end and candidate.end > candidate.start:
            chosen.append(candidate)
            last_end = candidate.end
    return chosen


def _mark_clock_dates(chosen: list[Candidate], text: str) -> None:
    """A standalone clock time after a day in the same sentence takes that day (21日、午後3時)."""
    last_day_end: int | None = None
    for candidate in chosen:
        parse = candidate.parse
        if _is_standalone_clock(parse):
            between = text[last_day_end : candidate.start] if last_day_end is not None else ""
            parse.follows_date = last_day_end is not None and not any(
                char in SENTENCE_ENDS for char in between
            )
        elif parse.has_day:
            last_day_end = candidate.end


def _anchor_kind(parse: TimeParse) -> str | None:
    """How the resolver will place the expression: reference date, previous date, or no need."""
    if parse.kind == "relative":
        return "previous" if parse.anchor else "reference"
    if parse.kind == "offset":
        return "reference"
    if parse.kind == "duration":
        return "reference" if parse.mod == "EQUAL_OR_LESS" and parse.span else None
    if parse.kind != "calendar":
        return None
    if _is_standalone_clock(parse):
        return "previous" if parse.follows_date else None
    undated = parse.century is None and parse.decade is None and parse.literal is None
    if undated and (parse.year is None or parse.two_digit_year is not None):
        return "reference"
    return None


def _to_mention(
    candidate: Candidate, normalized: NormalizedText, raw: str, lexicon: TimeLexicon
) -> TimeMention:
    start, end = normalized.raw_span(candidate.start, candidate.end)
    parse = candidate.parse
    alone = resolve_alone(parse, lexicon)
    return TimeMention(
        start=start,
        end=end,
        text=raw[start:end],
        type=parse.type,
        value=alone.value,
        first_day=alone.first_day,
        last_day=alone.last_day,
        mod=alone.mod,
        past=None,
        anchor=_anchor_kind(parse),
        payload=parse.to_payload(),
    )


def find_time_expressions(text: str, patterns: TimePatterns) -> list[TimeMention]:
    """Every temporal expression of ``text``, sorted by start, values as far as the text allows.

    >>> mentions = find_time_expressions("２１日と十月", default_patterns())  # doctest: +SKIP
    >>> [(m.text, m.value) for m in mentions]  # doctest: +SKIP
    [('２１日', 'XXXX-XX-21'), ('十月', 'XXXX-10')]
    """
    normalized = normalize_text(text, patterns.lexicon)
    norm = normalized.text
    candidates = (
        patterns.absolute.find(norm)
        + patterns.relative.find(norm)
        + patterns.clock.find(norm)
        + patterns.durations.find(norm)
        + patterns.sets.find(norm)
        + patterns.weekdays.find(norm)
    )
    for candidate in candidates:
        _extend_with_tail(candidate, norm, patterns)
    chosen = _select(candidates)
    _mark_clock_dates(chosen, norm)
    return [_to_mention(c, normalized, text, patterns.lexicon) for c in chosen]
