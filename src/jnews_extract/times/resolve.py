"""Article-level resolution of time mentions against the reference date.

:func:`resolve_times` walks an article's mentions in text order and fills
``value``, ``first_day``, ``last_day`` and ``mod``:

- calendar fields the text leaves out come from the reference date, moved in the
  clause's tense direction (30日 in a past clause of an article dated 10-22 is
  09-30; 12月 in a past clause is last December; in a planned clause the future);
- with no reference date, a bare day or month-day takes its missing month/year
  from the nearest preceding explicit date of the article that has them (month
  precision or finer; a bare 1991年 of background is not an anchor); with none,
  the value stays ``XXXX-XX-21`` and the days stay None — never a guess;
- 同日/前日/翌日 (and 同月, 翌年, 翌週...) count from the last date mentioned before;
- relative words (先週, 来月, 昨年) and offsets (3日前) need the reference date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from jnews_extract.annotations import TimeMention
from jnews_extract.times.lexicon import TimeLexicon, default_lexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.values import (
    LEAP_YEAR,
    add_months,
    century_range,
    century_value,
    clock_value,
    date_value,
    dekad_range,
    fiscal_range,
    fiscal_year_of,
    month_length,
    month_range,
    quarter_range,
    season_range,
    shift_month,
    two_digit_year_value,
    week_monday,
    week_value,
    year_range,
)

_DEKAD_MODS = {1: "START", 2: "MID", 3: "END"}
_PERIOD_MODS = {"START": "START", "MID": "MID", "END": "END"}

YMD = tuple[int | None, int | None, int | None]


@dataclass
class Resolution:
    """What one mention resolves to, and the calendar fields it makes known."""

    value: str
    first_day: date | None = None
    last_day: date | None = None
    mod: str | None = None
    fields: YMD | None = None


@dataclass
class _Context:
    """What the article said so far, for anaphoric and partial dates."""

    reference: date | None
    last_day: YMD | None = None
    last_month: tuple[int | None, int] | None = None
    last_year: int | None = None
    anchor_month: tuple[int | None, int] | None = None
    anchor_year: int | None = None

    def remember(self, parse: TimeParse, fields: YMD) -> None:
        year, month, day = fields
        if day is not None:
            self.last_day = fields
        if month is not None:
            self.last_month = (year, month)
        if year is not None:
            self.last_year = year
        if parse.kind == "calendar" and month is not None:
            self.anchor_month = (year, month)
            if year is not None:
                self.anchor_year = year


# -- calendar helpers -----------------------------------------------------------


def _full_date(fields: YMD) -> date | None:
    year, month, day = fields
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_in_direction(reference: date, day: int, past: bool | None) -> tuple[int, int]:
    """Year and month of a bare day: the reference month, moved by the clause's tense."""
    year, month = reference.year, reference.month
    if past is True and day > reference.day:
        year, month = shift_month(year, month, -1)
    elif past is False and day < reference.day:
        year, month = shift_month(year, month, 1)
    step = 1 if past is False else -1
    for _ in range(3):
        if day <= month_length(year, month):
            break
        year, month = shift_month(year, month, step)
    return year, month


def year_in_direction(reference: date, month: int, day: int | None, past: bool | None) -> int:
    """Year of a month or month-day: the reference year, moved by the clause's tense."""
    written = (month, day or 0) if day is not None else (month, 0)
    now = (reference.month, reference.day if day is not None else 0)
    if past is True and written > now:
        return reference.year - 1
    if past is False and written < now:
        return reference.year + 1
    return reference.year


def weekday_in_direction(reference: date, weekday: int, past: bool | None) -> date:
    """The date of a weekday nearest the reference, in the tense direction."""
    back = (reference.isoweekday() - weekday) % 7
    forward = (weekday - reference.isoweekday()) % 7
    if past is True or (past is None and back <= forward):
        return reference - timedelta(days=back)
    return reference + timedelta(days=forward)


def _century_of(two_digits: int, base_year: int) -> int:
    """11 read near 2025 → 2011; 95 near 2025 → 1995 (at most ten years ahead)."""
    year = base_year // 100 * 100 + two_digits
    return year - 100 if year > base_year + 10 else year


def _with_clock(date_part: str, parse: TimeParse) -> str:
    return date_part + clock_value(parse.part, parse.hour, parse.minute, parse.second)


def _period_days(
    first: date, last: date, parse: TimeParse, reference: date | None
) -> tuple[date, date]:
    if parse.period == "REST" and reference is not None and first <= reference <= last:
        return reference, last
    return first, last


def _period_mod(parse: TimeParse) -> str | None:
    if parse.dekad is not None:
        return _DEKAD_MODS[parse.dekad]
    if parse.period in _PERIOD_MODS:
        return _PERIOD_MODS[parse.period]
    return parse.mod


# -- one mention ----------------------------------------------------------------


def _resolve_fields(
    parse: TimeParse, fields: YMD, reference: date | None, lexicon: TimeLexicon
) -> Resolution:
    """Value and days of a date given its (possibly partial) year, month and day."""
    year, month, day = fields
    mod = _period_mod(parse)
    if parse.season is not None:
        value = f"{date_value(year, None, None)}-{parse.season}"
        if year is None:
            return Resolution(value, mod=mod, fields=(None, None, None))
        first, last = season_range(year, lexicon.season_months[parse.season])
        return Resolution(value, first, last, mod, (year, None, None))
    if parse.quarter is not None:
        value = f"{date_value(year, None, None)}-Q{parse.quarter}"
        if year is None:
            return Resolution(value, mod=mod, fields=(None, None, None))
        first, last = quarter_range(year, parse.quarter)
        return Resolution(value, first, last, mod, (year, None, None))
    if parse.fiscal:
        value = f"FY{date_value(year, None, None)}"
        if year is None:
            return Resolution(value, mod=mod, fields=(None, None, None))
        first, last = _period_days(
            *fiscal_range(year, lexicon.fiscal_year_start_month), parse, reference
        )
        return Resolution(value, first, last, mod, (year, None, None))
    if day is not None:
        value = _with_clock(date_value(year, month, day), parse)
        full = _full_date(fields)
        return Resolution(value, full, full, parse.mod, fields)
    if month is not None:
        value = date_value(year, month, None)
        if year is None:
            return Resolution(value, mod=mod, fields=fields)
        first, last = (
            dekad_range(year, month, parse.dekad)
            if parse.dekad is not None
            else _period_days(*month_range(year, month), parse, reference)
        )
        return Resolution(value, first, last, mod, fields)
    if year is not None:
        first, last = _period_days(*year_range(year), parse, reference)
        return Resolution(date_value(year, None, None), first, last, mod, fields)
    return Resolution(_with_clock("XXXX-XX-XX", parse), mod=parse.mod, fields=fields)


def _resolve_calendar(
    parse: TimeParse, past: bool | None, context: _Context, lexicon: TimeLexicon
) -> Resolution:
    reference = context.reference
    if parse.literal is not None:
        return Resolution(parse.literal, mod=parse.mod)
    if parse.century is not None:
        value = century_value(parse.century, parse.bc)
        if parse.bc:
            return Resolution(value, mod=_period_mod(parse))
        first, last = century_range(parse.century)
        return Resolution(value, first, last, _period_mod(parse))
    if parse.decade is not None:
        decade = parse.decade // 10 * 10
        return Resolution(
            f"{decade // 10:03d}X", date(decade, 1, 1), date(decade + 9, 12, 31), parse.mod
        )
    if parse.weekday is not None and parse.day is None and parse.month is None:
        if reference is None:
            value = f"XXXX-WXX-{parse.weekday}"
            return Resolution(_with_clock(value, parse), mod=parse.mod)
        weekday = weekday_in_direction(reference, parse.weekday, past)
        fields: YMD = (weekday.year, weekday.month, weekday.day)
        return _resolve_fields(parse, fields, reference, lexicon)
    year, month, day = parse.year, parse.month, parse.day
    if parse.two_digit_year is not None:
        base_year = reference.year if reference is not None else context.anchor_year
        if base_year is None:
            value = two_digit_year_value(parse.two_digit_year, month, day)
            return Resolution(value, mod=_period_mod(parse))
        year = _century_of(parse.two_digit_year, base_year)
    if day is not None and month is None and year is None:
        if reference is not None:
            year, month = day_in_direction(reference, day, past)
        elif context.anchor_month is not None:
            year, month = context.anchor_month
    elif year is None and (month is not None or parse.quarter is not None):
        written_month = month if month is not None else 3 * ((parse.quarter or 1) - 1) + 1
        if reference is not None:
            year = year_in_direction(reference, written_month, day, past)
        elif context.anchor_year is not None:
            year = context.anchor_year
    elif year is None and month is None and day is None and parse.follows_date and context.last_day:
        year, month, day = context.last_day
    return _resolve_fields(parse, (year, month, day), reference, lexicon)


def _relative_base(parse: TimeParse, context: _Context) -> YMD | None:
    """The date a relative word counts from: the reference, or the previous date (同日)."""
    if not parse.anchor:
        ref = context.reference
        return None if ref is None else (ref.year, ref.month, ref.day)
    if parse.unit in ("day", "week"):
        return context.last_day
    if parse.unit in ("month", "fiscal_year"):
        return None if context.last_month is None else (*context.last_month, None)
    return None if context.last_year is None else (context.last_year, None, None)


def _unresolved_relative(parse: TimeParse) -> Resolution:
    """The value of a relative word whose base is unknown: XXXX-WXX, XXXX-XX, XXXX."""
    unit = parse.unit
    if unit == "day":
        value = _with_clock("XXXX-XX-XX", parse)
    elif unit == "week":
        suffix = (
            f"-{parse.weekday}" if parse.weekday else "-WE" if parse.period == "WEEKEND" else ""
        )
        value = "XXXX-WXX" + suffix
    elif unit == "month":
        value = date_value(None, None, parse.day) if parse.day else "XXXX-XX"
    elif unit == "fiscal_year":
        value = "FYXXXX"
    elif parse.season is not None:
        value = f"XXXX-{parse.season}"
    else:
        value = date_value(None, parse.month, parse.day) if parse.month else "XXXX"
    return Resolution(value, mod=_period_mod(parse))


def _resolve_relative(parse: TimeParse, context: _Context, lexicon: TimeLexicon) -> Resolution:
    base = _relative_base(parse, context)
    if base is None:
        return _unresolved_relative(parse)
    base_year, base_month, base_day = base
    unit, offset, reference = parse.unit, parse.offset, context.reference
    if unit == "day":
        if base_month is None or base_day is None:
            if base_day is not None and 1 <= base_day + offset <= 28:
                return _resolve_fields(parse, (None, None, base_day + offset), reference, lexicon)
            return _unresolved_relative(parse)
        day = date(base_year or LEAP_YEAR, base_month, base_day) + timedelta(days=offset)
        fields: YMD = (day.year if base_year is not None else None, day.month, day.day)
        return _resolve_fields(parse, fields, reference, lexicon)
    if unit == "week":
        full = _full_date(base)
        if full is None:
            return _unresolved_relative(parse)
        monday = week_monday(full) + timedelta(days=7 * offset)
        if parse.weekday is not None:
            day = monday + timedelta(days=parse.weekday - 1)
            return _resolve_fields(parse, (day.year, day.month, day.day), reference, lexicon)
        if parse.period == "WEEKEND":
            saturday = monday + timedelta(days=5)
            return Resolution(week_value(monday) + "-WE", saturday, saturday + timedelta(days=1))
        first, last = _period_days(monday, monday + timedelta(days=6), parse, reference)
        return Resolution(week_value(monday), first, last, parse.mod)
    if unit == "month":
        if base_month is None:
            return _unresolved_relative(parse)
        year, month = shift_month(base_year or LEAP_YEAR, base_month, offset)
        fields = (year if base_year is not None else None, month, parse.day)
        return _resolve_fields(parse, fields, reference, lexicon)
    if unit == "fiscal_year":
        if base_year is None or base_month is None:
            return _unresolved_relative(parse)
        start = lexicon.fiscal_year_start_month
        fiscal_year = fiscal_year_of(date(base_year, base_month, 1), start) + offset
        first, last = _period_days(*fiscal_range(fiscal_year, start), parse, reference)
        return Resolution(f"FY{fiscal_year:04d}", first, last, _period_mod(parse))
    if base_year is None:
        return _unresolved_relative(parse)
    if unit == "century":
        century = (base_year - 1) // 100 + 1 + offset
        first, last = century_range(century)
        return Resolution(century_value(century, False), first, last, parse.mod)
    fields = (base_year + offset, parse.month, parse.day)
    return _resolve_fields(parse, fields, reference, lexicon)


def _resolve_offset(parse: TimeParse, reference: date | None) -> Resolution:
    grain = parse.grain or "day"
    if reference is None:
        value = {"year": "XXXX", "month": "XXXX-XX"}.get(grain, "XXXX-XX-XX")
        return Resolution(value, mod=parse.mod)
    target = add_months(reference, 12 * parse.years + parse.months) + timedelta(days=parse.days)
    if grain == "year":
        first, last = year_range(target.year)
        return Resolution(f"{target.year:04d}", first, last, parse.mod, (target.year, None, None))
    if grain == "month":
        first, last = month_range(target.year, target.month)
        value = date_value(target.year, target.month, None)
        return Resolution(value, first, last, parse.mod, (target.year, target.month, None))
    day_fields: YMD = (target.year, target.month, target.day)
    return Resolution(target.isoformat(), target, target, parse.mod, day_fields)


def _resolve_duration(parse: TimeParse, past: bool | None, reference: date | None) -> Resolution:
    resolution = Resolution(parse.literal or "PXD", mod=parse.mod)
    if parse.mod != "EQUAL_OR_LESS" or reference is None or not parse.span:
        return resolution
    months = round(12 * parse.span.get("years", 0.0) + parse.span.get("months", 0.0))
    days = round(parse.span.get("days", 0.0))
    if past is True:
        first = add_months(reference, -months) - timedelta(days=days)
        resolution.first_day, resolution.last_day = first, reference
    else:
        last = add_months(reference, months) + timedelta(days=days)
        resolution.first_day, resolution.last_day = reference, last
    return resolution


def reads_tense(parse: TimeParse) -> bool:
    """Whether the tense of the expression's clause can change its value.

    It can for a weekday alone (水曜日), a day alone (21日), a month or quarter without
    a year (8月, 第3四半期) and a bounded duration (2週間以内); not for a full date, a
    relative word (先週) or an offset (3日前). Mirrors :func:`resolve_parse`.
    """
    if parse.kind == "duration":
        return parse.mod == "EQUAL_OR_LESS" and bool(parse.span)
    if parse.kind != "calendar" or parse.literal is not None:
        return False
    if parse.century is not None or parse.decade is not None:
        return False
    if parse.weekday is not None and parse.day is None and parse.month is None:
        return True
    if parse.year is not None or parse.two_digit_year is not None:
        return False
    return parse.day is not None or parse.month is not None or parse.quarter is not None


def resolve_parse(
    parse: TimeParse,
    past: bool | None,
    context: _Context,
    lexicon: TimeLexicon,
) -> Resolution:
    """Resolve one expression's reading given what the article said before it.

    A date the calendar cannot hold (0000年, 30万年前) keeps the value the text gives
    and no days.
    """
    try:
        return _resolve_parse(parse, past, context, lexicon)
    except (ValueError, OverflowError):
        return _unplaceable(parse)


def _unplaceable(parse: TimeParse) -> Resolution:
    """The value of an expression that falls outside the calendar, without days."""
    if parse.kind == "relative":
        return _unresolved_relative(parse)
    if parse.kind == "offset":
        return _resolve_offset(parse, None)
    if parse.kind == "calendar":
        year = parse.year if parse.year is not None and 0 <= parse.year <= 9999 else None
        return Resolution(
            _with_clock(date_value(year, parse.month, parse.day), parse), mod=parse.mod
        )
    return Resolution(parse.literal or "", mod=parse.mod)


def _resolve_parse(
    parse: TimeParse,
    past: bool | None,
    context: _Context,
    lexicon: TimeLexicon,
) -> Resolution:
    if parse.kind == "calendar":
        return _resolve_calendar(parse, past, context, lexicon)
    if parse.kind == "relative":
        return _resolve_relative(parse, context, lexicon)
    if parse.kind == "offset":
        return _resolve_offset(parse, context.reference)
    if parse.kind == "duration":
        return _resolve_duration(parse, past, context.reference)
    return Resolution(parse.literal or "", mod=parse.mod)


def resolve_alone(parse: TimeParse, lexicon: TimeLexicon) -> Resolution:
    """What one expression says with no reference date and no article context."""
    return resolve_parse(parse, None, _Context(reference=None), lexicon)


def resolve_times(
    mentions: Sequence[TimeMention],
    reference: date | None,
    *,
    lexicon: TimeLexicon | None = None,
) -> None:
    """Fill ``value``/``first_day``/``last_day``/``mod`` of an article's mentions in place.

    ``mentions`` are all time mentions of one article (any order; they are
    resolved in text order). ``reference`` is the article's reference date
    (dateline day, else published date, else the caller's); with None, the
    article's own preceding explicit dates are the only anchors.

    >>> mentions = analyze_text("トランプ大統領は先週、電話会談した。")  # doctest: +SKIP
    >>> resolve_times(mentions, date(2025, 10, 22)); mentions[0].value  # doctest: +SKIP
    '2025-W42'
    """
    lexicon = lexicon or default_lexicon()
    context = _Context(reference=reference)
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        parse = TimeParse.from_payload(mention.payload)
        resolution = resolve_parse(parse, mention.past, context, lexicon)
        mention.value = resolution.value
        mention.first_day = resolution.first_day
        mention.last_day = resolution.last_day
        mention.mod = resolution.mod
        if resolution.fields is not None and parse.type in ("DATE", "TIME"):
            context.remember(parse, resolution.fields)
