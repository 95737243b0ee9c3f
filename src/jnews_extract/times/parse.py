"""What the tagger read in one expression, before the article-level resolution.

A :class:`TimeParse` is the structured reading of an expression (which calendar
fields the text gives, which relative shift, which duration). The tagger stores
it in ``TimeMention.payload`` as a plain JSON-able dict (:meth:`TimeParse.to_payload`)
and the resolver reads it back (:meth:`TimeParse.from_payload`).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from typing import Any

KINDS = ("calendar", "relative", "offset", "duration", "set", "reference")
"""calendar: fields written in the text (2025年10月21日, 21日, 水曜日, 午後3時);
relative: a unit shifted from the reference or the previous date (先週, 同日);
offset: a count of units before/after the reference (3日前);
duration / set / reference: a value that needs no calendar (P2W, P1Y, FUTURE_REF)."""


@cache
def _defaults() -> dict[str, object]:
    """Default value of every optional field of :class:`TimeParse`."""
    defaults: dict[str, object] = {}
    for item in fields(TimeParse):
        if item.name in ("kind", "type"):
            continue
        factory = item.default_factory
        defaults[item.name] = factory() if factory is not MISSING else item.default
    return defaults


@dataclass
class TimeParse:
    """The reading of one temporal expression (see the module docstring)."""

    kind: str
    type: str
    # calendar fields written in the text
    year: int | None = None
    two_digit_year: int | None = None
    """``11年4月``: a year written with two digits, century left to the resolver."""
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    quarter: int | None = None
    fiscal: bool = False
    century: int | None = None
    decade: int | None = None
    bc: bool = False
    # relative: unit shifted from the reference date or from the previous date
    unit: str | None = None
    offset: int = 0
    anchor: bool = False
    # offset: a shift in years/months/days with the grain of the result
    years: int = 0
    months: int = 0
    days: int = 0
    grain: str | None = None
    # time of day
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    follows_date: bool = False
    """A clock time with a date earlier in the same sentence (午後3時 after 21日、)."""
    # part of the period and modifier
    period: str | None = None
    """START / MID / END (月末, 年末), REST (年内: from the reference on), WEEKEND."""
    dekad: int | None = None
    """1, 2, 3 for 上旬, 中旬, 下旬."""
    mod: str | None = None
    # literal values: durations, sets, FUTURE_REF
    literal: str | None = None
    span: dict[str, float] = field(default_factory=dict)
    """For a duration: its length as {"years", "months", "days"} (2週間以内 → days 14)."""

    def to_payload(self) -> dict[str, object]:
        """The fields that differ from their defaults, as a JSON-able dict."""
        payload: dict[str, object] = {"kind": self.kind, "type": self.type}
        for name, default in _defaults().items():
            value = getattr(self, name)
            if value != default or type(value) is not type(default):
                payload[name] = dict(value) if isinstance(value, dict) else value
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, object]) -> TimeParse:
        """Rebuild a parse from :meth:`to_payload` output (unknown keys are ignored)."""
        names = {item.name for item in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in payload.items() if k in names}
        return cls(**values)

    @property
    def has_day(self) -> bool:
        """Whether the expression names one day (a date, a weekday, 同日)."""
        if self.kind == "calendar":
            return self.day is not None or (self.weekday is not None and self.month is None)
        if self.kind == "relative":
            return self.unit == "day" or self.day is not None or self.weekday is not None
        return self.kind == "offset" and self.grain == "day"
