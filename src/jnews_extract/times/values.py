"""Calendar arithmetic and TIMEX3 value strings.

Pure functions: no lexicon, no state. TIMEX3 forms used by the library:
``2025-10-21``, ``XXXX-XX-21``, ``2025-10``, ``2025``, ``2025-W42``,
``2025-W42-WE``, ``XXXX-WXX-3``, ``2025-SP``, ``2025-Q3``, ``FY2025``, ``20XX``
(a century), ``199X`` (a decade), ``BC0202``, ``2025-10-22T05:44``,
``2025-10-22TMO``, durations ``P2W``/``PT1.5H``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

LEAP_YEAR = 2000
"""Stand-in year for month/day arithmetic when the year is unknown (keeps 02-29)."""


def month_length(year: int | None, month: int) -> int:
    """Days in a month (a leap February when the year is unknown)."""
    return calendar.monthrange(year if year is not None else LEAP_YEAR, month)[1]


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``months`` (may be negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day clamped to the month's end (1-31 → 2-28)."""
    year, month = shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, month_length(year, month)))


def week_monday(day: date) -> date:
    """The Monday of the ISO week of ``day``."""
    return day - timedelta(days=day.isoweekday() - 1)


def week_value(day: date) -> str:
    """ISO week of ``day`` as TIMEX3: 2025-W42."""
    iso_year, iso_week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{iso_week:02d}"


def date_value(year: int | None, month: int | None, day: int | None) -> str:
    """A day, month or year value with X for unknown fields: XXXX-XX-21, 2025-10."""
    year_text = f"{year:04d}" if year is not None and year >= 0 else "XXXX"
    if month is None and day is None:
        return year_text
    month_text = f"{month:02d}" if month is not None else "XX"
    if day is None:
        return f"{year_text}-{month_text}"
    return f"{year_text}-{month_text}-{day:02d}"


def two_digit_year_value(two_digits: int, month: int | None, day: int | None) -> str:
    """A date whose century is unknown: 11年4月 → XX11-04."""
    value = date_value(LEAP_YEAR, month, day)
    return f"XX{two_digits:02d}" + value[4:]


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, month_length(year, month))


def year_range(year: int) -> tuple[date, date]:
    """First and last day of a year."""
    return date(year, 1, 1), date(year, 12, 31)


def dekad_range(year: int, month: int, dekad: int) -> tuple[date, date]:
    """上旬 1-10, 中旬 11-20, 下旬 21-end of month."""
    first = 1 + 10 * (dekad - 1)
    last = month_length(year, month) if dekad == 3 else first + 9
    return date(year, month, first), date(year, month, last)


def season_range(year: int, months: tuple[int, int]) -> tuple[date, date]:
    """First and last day of a season given its first and last month (WI crosses the year)."""
    first_month, last_month = months
    last_year = year + 1 if last_month < first_month else year
    return date(year, first_month, 1), date(
        last_year, last_month, month_length(last_year, last_month)
    )


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of calendar quarter 1-4."""
    first_month = 3 * (quarter - 1) + 1
    return date(year, first_month, 1), month_range(year, first_month + 2)[1]


def fiscal_year_of(day: date, start_month: int) -> int:
    """The fiscal year a day falls in (Japan: FY2025 = 2025-04-01 .. 2026-03-31)."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_range(fiscal_year: int, start_month: int) -> tuple[date, date]:
    """First and last day of a fiscal year."""
    first = date(fiscal_year, start_month, 1)
    return first, add_months(first, 12) - timedelta(days=1)


def century_value(century: int, bc: bool) -> str:
    """21世紀 → 20XX; 紀元前2世紀 → BC01XX."""
    return f"{'BC' if bc else ''}{century - 1:02d}XX"


def century_range(century: int) -> tuple[date, date]:
    """The years of a (CE) century: the 21st is 2001-2100."""
    return date(100 * (century - 1) + 1, 1, 1), date(100 * century, 12, 31)


def number_text(amount: float) -> str:
    """1.0 → 1, 1.5 → 1.5."""
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def clock_value(part: str | None, hour: int | None, minute: int | None, second: int | None) -> str:
    """The time part of a TIME value: T05:44, T23:59:59, TMO."""
    if hour is None:
        return f"T{part}" if part else ""
    text = f"T{hour:02d}:{minute or 0:02d}"
    return text + (f":{second:02d}" if second is not None else "")
